"""Estimativa da contratação: linhas, itens e totais (DESIGN.md §4.3). Sem Django, sem banco, sem relógio."""
