"""Contagem de prazos do ACT 142/2024 (DESIGN.md §4.6). Sem Django, sem banco, sem relógio."""
