"""Texto do usuário em célula de planilha exportada, sem virar fórmula (injeção de fórmula). Sem Django.

A ÚNICA função de segurança de fórmula do projeto: o Anexo A, o mapa salarial e os catálogos (CSV e XLSX,
nas páginas e no admin) passam por `texto_seguro`.

- XLSX: o texto vai numa célula do tipo texto (quem grava a célula força data_type "s"); assim volta
  exatamente como foi digitado, e nenhum programa o calcula.
- CSV não tem tipo de célula: o texto que começa como fórmula (= + - @, tabulação, CR ou LF, como manda a
  OWASP) ganha um apóstrofo na frente; a importação tira esse apóstrofo (`desfazer_protecao`).
"""

import re

INICIOS_DE_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")
LIMITE_CELULA = 32767  # caracteres por célula no Excel
# Caracteres de controle que o XML da planilha não aceita (o mesmo conjunto do openpyxl).
_CONTROLE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def texto_seguro(valor, *, csv: bool = False) -> str:
    """Texto pronto para uma célula: sem caracteres de controle, até 32.767 caracteres; em CSV, protegido."""
    texto = "" if valor is None else str(valor)
    if not texto.isprintable():  # atalho: texto imprimível não tem caractere de controle
        texto = _CONTROLE.sub("", texto)
    texto = texto[:LIMITE_CELULA]
    if csv and texto.startswith(INICIOS_DE_FORMULA):
        return "'" + texto
    return texto


def desfazer_protecao(texto: str) -> str:
    """Na importação: tira o apóstrofo que `texto_seguro(csv=True)` pôs (e só esse)."""
    if texto[:1] == "'" and texto[1:2] and texto[1:].startswith(INICIOS_DE_FORMULA):
        return texto[1:]
    return texto
