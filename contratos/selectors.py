"""Leituras de contratos (querysets e adaptadores para os módulos puros)."""
