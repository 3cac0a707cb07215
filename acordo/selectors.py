"""Leituras de acordo (querysets e adaptadores para os módulos puros)."""
