"""Exportador do Anexo A (DESIGN.md §4.5): resultado puro -> bytes XLSX. Nunca toca o ORM."""
