"""Ler a proposta de um licitante do Anexo A que a aplicação exporta, preenchido por ele (item 10.7.3.7).

Sem Django: bytes da planilha + linhas da estimativa -> ofertas por linha, ou os erros nomeando a célula.
O licitante digita o salário (coluna da remuneração) e o Fator-K, e o custo por profissional sai da nossa
fórmula; ou digita o custo por profissional (preço unitário mensal) por cima da fórmula. Nada é parcial: com
um erro só, nenhuma oferta é devolvida.
"""

import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from contratos.anexo_a import ABA_ANEXO, COL_CUSTO, COL_K, COL_REMUNERACAO, LINHA_TITULOS
from contratos.propostas import regras
from core.numeros import decimal_br

PREFIXO_OS = "OS nº"
TAMANHO_MAXIMO = 20 * 1024 * 1024


@dataclass
class Leitura:
    ofertas: dict = field(default_factory=dict)  # pk da linha → (preço, salário, K)
    erros: list[str] = field(default_factory=list)


def _abrir(conteudo: bytes, nome: str, leitura: Leitura):
    if nome.lower().endswith((".xlsm", ".xltm")):
        leitura.erros.append("Arquivo com macros (.xlsm) não é aceito: salve a planilha como .xlsx.")
        return None
    try:
        with zipfile.ZipFile(BytesIO(conteudo)) as pacote:
            if any(n.lower().endswith("vbaproject.bin") for n in pacote.namelist()):
                leitura.erros.append("A planilha tem macros: salve-a como .xlsx, sem macros.")
                return None
        formulas = load_workbook(BytesIO(conteudo), data_only=False)
        valores = load_workbook(BytesIO(conteudo), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        leitura.erros.append("Não foi possível ler o arquivo como planilha XLSX (o Anexo A exportado).")
        return None
    if ABA_ANEXO not in formulas.sheetnames:
        leitura.erros.append(
            f"A planilha não tem a aba “{ABA_ANEXO}”: use o Anexo A exportado pela aplicação."
        )
        return None
    return formulas[ABA_ANEXO], valores[ABA_ANEXO]


def _numero(formulas, valores, celula: str, rotulo: str, casas: int, erros: list[str]) -> Decimal | None:
    bruto = formulas[celula].value
    valor = valores[celula].value if isinstance(bruto, str) and bruto.startswith("=") else bruto
    if valor is None and isinstance(bruto, str) and bruto.startswith("="):
        erros.append(
            f"Célula {celula} ({rotulo}): fórmula sem valor calculado; digite o número ou salve a planilha "
            "no Excel ou no LibreOffice antes de enviar."
        )
        return None
    try:
        numero = decimal_br(valor, casas=casas)
    except ValueError as erro:
        erros.append(f"Célula {celula} ({rotulo}): “{valor}” não é um número válido ({erro})")
        return None
    if numero is None or numero <= 0:
        erros.append(f"Célula {celula} ({rotulo}): informe um valor maior que zero.")
        return None
    return numero


def ler_proposta(conteudo: bytes, nome: str, linhas) -> Leitura:
    """`linhas`: as linhas da estimativa (com pk, ordem e código). Casa cada linha da planilha por OS e
    código (a k-ésima ocorrência com a k-ésima linha, se um perfil se repete na OS)."""
    leitura = Leitura()
    abertas = _abrir(conteudo, nome, leitura)
    if abertas is None:
        return leitura
    formulas, valores = abertas
    pendentes: dict[tuple[str, str], list] = {}
    for linha in linhas:
        pendentes.setdefault((linha.ordem, linha.codigo), []).append(linha)
    erros = leitura.erros
    for n in range(LINHA_TITULOS + 1, formulas.max_row + 1):
        ordem, codigo = formulas[f"A{n}"].value, formulas[f"B{n}"].value
        if not (isinstance(ordem, str) and ordem.startswith(PREFIXO_OS)):
            continue
        chave = (ordem.strip(), str(codigo or "").strip())
        if not pendentes.get(chave):
            erros.append(
                f"Linha {n} (A{n}:B{n}): {chave[0]} / {chave[1]} não existe na estimativa desta contratação."
            )
            continue
        linha = pendentes[chave].pop(0)
        salario = _numero(formulas, valores, f"{COL_REMUNERACAO}{n}", "remuneração/salário", 2, erros)
        fator_k = _numero(formulas, valores, f"{COL_K}{n}", "Fator-K", 2, erros)
        # a nossa fórmula no custo: o preço sai do salário × K; um número digitado por cima é o preço
        nossa = formulas[f"{COL_CUSTO}{n}"].value == f"=ROUND({COL_REMUNERACAO}{n}*{COL_K}{n},2)"
        preco = (
            None
            if nossa
            else _numero(formulas, valores, f"{COL_CUSTO}{n}", "custo por profissional", 2, erros)
        )
        if salario is None or fator_k is None or (preco is None and not nossa):
            continue
        derivado = regras.preco_ofertado(preco=None, salario=salario, fator_k=fator_k)
        if preco is None or preco == derivado:
            leitura.ofertas[linha.pk] = (None, salario, fator_k)
        else:  # preço digitado que não é salário × K: vale o preço, sem salário e K
            leitura.ofertas[linha.pk] = (preco, None, None)
    for (ordem, codigo), faltando in pendentes.items():
        if faltando:
            erros.append(f"Falta na planilha a linha {ordem} / {codigo} da estimativa.")
    if erros:
        leitura.ofertas = {}
    return leitura
