"""Importação e exportação do mapa salarial (django-import-export): um só recurso para os dois sentidos.

O admin, a carga de referências (`contratos/referencias.py`) e o bench usam este recurso; as guardas de
arquivo (macro, tamanho, bomba zip, entidades XML, fórmulas) vêm de `catalogo.planilhas.FORMATOS`.
"""

import unicodedata

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader

from catalogo.planilhas import FORMATOS, decimal_br
from contratos import calculo
from contratos.models import MapaSalarial, ValorPerfil

COLUNAS = ("codigo", "perfil", "senioridade", "remuneracao", "fator_k")
FORMATOS_MAPA = FORMATOS  # CSV e XLSX, nesta ordem


def _sem_acento(texto: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c))


class TextoWidget(widgets.CharWidget):
    def __init__(self, maiusculas=False, **kwargs):
        self.maiusculas = maiusculas
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        texto = "" if value is None else str(value).strip()
        return texto.upper() if self.maiusculas else texto


class SenioridadeWidget(widgets.Widget):
    """Aceita Júnior/Pleno/Sênior com ou sem acento, em qualquer caixa; vazio é "sem senioridade"."""

    ROTULOS = dict(calculo.SENIORIDADES)
    VAZIOS = {"", "-", "—", "sem", "nenhuma", "n/a"}

    def clean(self, value, row=None, **kwargs):
        texto = _sem_acento("" if value is None else str(value)).strip().lower()
        if texto in self.VAZIOS:
            return ""
        if texto in self.ROTULOS:
            return texto
        raise ValueError(
            f"“{str(value)[:40]}” não é uma senioridade válida; use Júnior, Pleno, Sênior ou deixe vazio."
        )

    def render(self, value, obj=None, **kwargs):
        return self.ROTULOS.get(value, "")


class DecimalBRWidget(widgets.Widget):
    """Número com 2 casas, em formato brasileiro (5.075,52) ou com ponto (5075.52); exporta como número."""

    def clean(self, value, row=None, **kwargs):
        numero = decimal_br(value)
        if numero is None:
            raise ValueError("Preencha este valor.")
        return numero

    def render(self, value, obj=None, **kwargs):
        return value  # Decimal: número na XLSX, "5075.52" no CSV; volta igual na importação


class ValorPerfilResource(resources.ModelResource):
    """Linhas de UMA versão do mapa, identificadas pelo código (estável entre versões)."""

    codigo = fields.Field(attribute="codigo", column_name="codigo", widget=TextoWidget(maiusculas=True))
    perfil = fields.Field(attribute="perfil", column_name="perfil", widget=TextoWidget())
    senioridade = fields.Field(attribute="senioridade", column_name="senioridade", widget=SenioridadeWidget())
    remuneracao = fields.Field(attribute="remuneracao", column_name="remuneracao", widget=DecimalBRWidget())
    fator_k = fields.Field(attribute="fator_k", column_name="fator_k", widget=DecimalBRWidget())

    class Meta:
        model = ValorPerfil
        fields = COLUNAS
        export_order = COLUNAS
        import_id_fields = ("codigo",)
        skip_unchanged = True  # reimportar o mesmo arquivo não grava nada
        report_skipped = True  # ...e a prévia mostra cada linha como inalterada
        use_transactions = True  # tudo ou nada
        instance_loader_class = CachedInstanceLoader  # uma consulta para a versão inteira

    def __init__(self, mapa: MapaSalarial | None = None, **kwargs):
        super().__init__(**kwargs)
        self.mapa = mapa
        self._vistos: dict[str, int] = {}

    def get_queryset(self):
        return ValorPerfil.objects.filter(mapa=self.mapa).order_by("pk")

    def init_instance(self, row=None):
        return ValorPerfil(mapa=self.mapa)

    def before_import(self, dataset, **kwargs):
        if self.mapa is None:
            raise ValueError("Escolha a versão do mapa que receberá a importação.")
        faltam = [c for c in COLUNAS if c not in (dataset.headers or [])]
        if faltam:
            raise ValueError(
                f"Faltam colunas: {', '.join(faltam)}. A primeira linha deve ter: {', '.join(COLUNAS)}."
            )
        self._vistos = {}

    def before_import_row(self, row, row_number=None, **kwargs):
        codigo = TextoWidget(maiusculas=True).clean(row.get("codigo"))
        if codigo and codigo in self._vistos:
            raise ValidationError(
                {"codigo": f"O código {codigo} já aparece na linha {self._vistos[codigo]} da planilha."}
            )
        self._vistos[codigo] = linha_da_planilha(row_number)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # As regras das restrições do banco estão nos validadores dos campos; o banco continua de guarda.
        # Pular validate_constraints evita 4 consultas por linha (o código repetido é visto acima).
        erros = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude={"mapa", *erros}, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            erros = exc.update_error_dict(erros)
        if erros:
            raise ValidationError(erros)

    def before_save_instance(self, instance, row, **kwargs):
        motivo = self.mapa.motivo_bloqueio()
        if motivo:
            raise ValidationError(f"{motivo} Esta linha mudaria o mapa.")
        usuario = kwargs.get("user")
        if usuario is not None and getattr(usuario, "is_authenticated", False):
            instance._history_user = usuario
        arquivo = kwargs.get("file_name")
        instance._change_reason = f"Importação do arquivo {arquivo}" if arquivo else "Importação"


def linha_da_planilha(numero_da_linha_de_dados: int | None) -> int | None:
    """A linha 1 da planilha é o cabeçalho: a linha de dados N está na linha N + 1."""
    return None if numero_da_linha_de_dados is None else numero_da_linha_de_dados + 1


def erros_de_importacao(resultado) -> list[str]:
    """Mensagens em português, uma por problema, com a linha da planilha e a coluna."""
    mensagens = [str(erro.error) for erro in resultado.base_errors]
    if mensagens:  # erro no arquivo inteiro (colunas faltando): os erros de linha seriam só consequência
        return mensagens
    for numero, erros in resultado.row_errors():
        for erro in erros:
            mensagens.append(f"Linha {linha_da_planilha(numero)}: não foi possível gravar ({erro.error}).")
    for invalida in resultado.invalid_rows:
        linha = linha_da_planilha(invalida.number)
        for campo, lista in invalida.field_specific_errors.items():
            for mensagem in lista:
                mensagens.append(f"Linha {linha}, coluna “{campo}”: {mensagem}")
        for mensagem in invalida.non_field_specific_errors:
            mensagens.append(f"Linha {linha}: {mensagem}")
    return mensagens
