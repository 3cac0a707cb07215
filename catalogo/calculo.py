"""Cálculo das linhas de serviços de nuvem (DESIGN.md §4.7). Sem Django, sem banco, sem relógio."""
