"""Leituras de catalogo (querysets e adaptadores para os módulos puros)."""
