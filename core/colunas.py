"""Cabeçalhos e formatos das planilhas de referência (mapa salarial, catálogos) feitos para pessoas.

Por dentro, os recursos do django-import-export usam nomes sem acento (`remuneracao`, `fator_k`); a planilha
exportada traz os rótulos em português ("Remuneração (R$)", "Fator-K"), a aba com nome e, no XLSX, os formatos
de número e as larguras (core.formatos lê `formatos` e `title` do Dataset). Na importação valem os dois
cabeçalhos, sem diferença de acento, caixa, espaço ou pontuação; os erros citam a coluna como o arquivo a
escreveu.
"""

import unicodedata
from decimal import Decimal

import tablib
from import_export.resources import Diff

from core.numeros import formatar_numero

# Formatos de número do XLSX: o Excel e o LibreOffice em pt-BR mostram "R$ 5.075,52" e "2,12".
FORMATO_REAIS = '"R$" #,##0.00'
FORMATO_REAIS_4 = '"R$" #,##0.0000'
FORMATO_K = "0.00"


def chave_do_cabecalho(texto) -> str:
    """'Remuneração (R$)' → 'remuneracaors'; 'fator_k' e 'Fator-K' → 'fatork'."""
    sem_acento = unicodedata.normalize("NFKD", str(texto or ""))
    return "".join(c for c in sem_acento if c.isalnum() and not unicodedata.combining(c)).casefold()


class CabecalhosLegiveisMixin:
    """Para Resources do django-import-export: rótulos em português na exportação e na prévia, e os dois
    cabeçalhos aceitos na importação. Vem antes dos outros mixins (a tradução acontece antes de tudo)."""

    rotulos: dict[str, str] = {}  # nome interno (column_name) → cabeçalho da planilha
    formatos_numero: dict[str, str] = {}  # nome interno → formato de número do XLSX
    titulo_da_aba = "Planilha"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cabecalho_do_arquivo: dict[str, str] = {}  # nome interno → como o arquivo importado o escreveu

    def rotulo(self, coluna: str) -> str:
        """A coluna como a pessoa a vê: o rótulo em português, salvo se o arquivo a escreveu de outro jeito
        (`fator_k`, nos arquivos antigos)."""
        rotulo = self.rotulos.get(coluna, coluna)
        escrito = self.cabecalho_do_arquivo.get(coluna)
        if escrito is not None and (escrito == coluna or escrito.casefold() != rotulo.casefold()):
            return escrito
        return rotulo

    def legivel(self, dados: tablib.Dataset) -> tablib.Dataset:
        """O Dataset exportado com os rótulos, o nome da aba e os formatos (ponto único da exportação)."""
        internos = list(dados.headers or [])
        dados.headers = [self.rotulos.get(c, c) for c in internos]
        dados.title = self.titulo_da_aba
        dados.formatos = {
            i: self.formatos_numero[c] for i, c in enumerate(internos) if c in self.formatos_numero
        }
        return dados

    def export(self, *args, **kwargs):
        return self.legivel(super().export(*args, **kwargs))

    def modelo_em_branco(self) -> tablib.Dataset:
        """Só o cabeçalho, com formatos e larguras: a planilha que a importação espera, para preencher."""
        return self.legivel(tablib.Dataset(headers=self.get_export_headers()))

    def get_diff_headers(self):
        return [self.rotulos.get(c, c) for c in super().get_diff_headers()]

    def import_data(self, dataset, *args, **kwargs):
        internos = {}
        for campo in self.get_import_fields():
            internos[chave_do_cabecalho(campo.column_name)] = campo.column_name
            if campo.column_name in self.rotulos:
                internos[chave_do_cabecalho(self.rotulos[campo.column_name])] = campo.column_name
        self.cabecalho_do_arquivo = {}
        if dataset.headers:
            traduzidos = []
            for cabecalho in dataset.headers:
                interno = internos.get(chave_do_cabecalho(cabecalho))
                if interno is None or interno in self.cabecalho_do_arquivo:
                    traduzidos.append(cabecalho)  # desconhecido ou repetido: fica como veio
                    continue
                self.cabecalho_do_arquivo[interno] = str(cabecalho).strip()
                traduzidos.append(interno)
            dataset.headers = traduzidos
        resultado = super().import_data(dataset, *args, **kwargs)
        for invalida in resultado.invalid_rows:  # "Linha 3, coluna “Remuneração (R$)”" como no arquivo
            invalida.error_dict = {self.rotulo(c): m for c, m in invalida.error_dict.items()}
        return resultado

    def faltam_colunas(self, obrigatorias, dataset, *, opcionais=()) -> str | None:
        """Mensagem de colunas faltando, nos nomes do estilo do arquivo (os internos, se ele só os usa)."""
        faltam = [c for c in obrigatorias if c not in (dataset.headers or [])]
        if not faltam:
            return None
        escritos = self.cabecalho_do_arquivo.items()
        internos = bool(escritos) and all(escrito == c for c, escrito in escritos)

        def nomes(colunas):
            return ", ".join(colunas if internos else (self.rotulos.get(c, c) for c in colunas))

        extra = f" (e, se quiser, {nomes(opcionais)})" if opcionais else ""
        return f"Faltam colunas: {nomes(faltam)}. A primeira linha deve ter: {nomes(obrigatorias)}{extra}."


def rotular_campos_da_tela(contexto: dict | None, rotulos: dict[str, str]) -> None:
    """Na tela de importação do admin, "Este importador vai importar os seguintes campos:" nos rótulos."""
    if contexto and "fields_list" in contexto:
        contexto["fields_list"] = [
            (recurso, [rotulos.get(c, c) for c in campos]) for recurso, campos in contexto["fields_list"]
        ]


def valor_da_previa(valor):
    """Número da prévia em pt-BR (1.800,00; 2,12), com as casas que ele tem; o resto como está."""
    if isinstance(valor, Decimal) and valor.is_finite():
        return formatar_numero(valor, max(-valor.as_tuple().exponent, 0))
    return valor


class DiffLegivel(Diff):
    """Comparação da prévia com os números como a pessoa os lê (a biblioteca lê os valores por
    `Diff._read_field_values`, sem passar pela subclasse: por isso o __init__ e o compare_with)."""

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.left = [valor_da_previa(v) for v in self.left]

    def compare_with(self, resource, instance):
        super().compare_with(resource, instance)
        self.right = [valor_da_previa(v) for v in self.right]
