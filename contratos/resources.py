"""Importação e exportação do mapa salarial (django-import-export): um só recurso para os dois sentidos.

O admin, a carga de referências (`contratos/referencias.py`) e o bench usam este recurso; as guardas de
arquivo (macro, tamanho, bomba zip, entidades XML, fórmulas) vêm de `core.formatos.FORMATOS`.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape, format_html
from import_export import resources, widgets
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from contratos import calculo
from contratos.models import MapaSalarial, ValorPerfil
from core.celulas import desfazer_protecao
from core.colunas import FORMATO_K, FORMATO_REAIS, CabecalhosLegiveisMixin, DiffLegivel
from core.formatos import FORMATOS
from core.importacao import (
    LINHAS_NA_PREVIA,
    CarregadorDaVersao,
    ImportacaoRapidaMixin,
    ValidacaoSemConsultasMixin,
    coluna,
    linha_da_planilha,
)
from core.numeros import decimal_br

COLUNAS = ("codigo", "perfil", "senioridade", "remuneracao", "fator_k")
ROTULOS = {
    "codigo": "Código",
    "perfil": "Perfil",
    "senioridade": "Senioridade",
    "remuneracao": "Remuneração (R$)",
    "fator_k": "Fator-K",
}
FORMATOS_MAPA = FORMATOS  # CSV e XLSX, nesta ordem


def _sem_acento(texto: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c))


class TextoWidget(widgets.CharWidget):
    def __init__(self, maiusculas=False, **kwargs):
        self.maiusculas = maiusculas
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        # desfaz a proteção contra fórmulas que a exportação CSV aplica ('=...)
        texto = "" if value is None else desfazer_protecao(str(value).strip()).strip()
        return texto.upper() if self.maiusculas else texto


class SenioridadeWidget(widgets.Widget):
    """Aceita Júnior/Pleno/Sênior com ou sem acento, em qualquer caixa; vazio é "sem senioridade"."""

    ROTULOS = calculo.ROTULOS_SENIORIDADE
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


class DiffSimples(DiffLegivel):
    """Prévia “antes → depois” por coluna, sem diff por caractere (caro com milhares de linhas)."""

    def as_html(self):
        celulas = []
        for antes, depois in zip(self.left, self.right, strict=False):
            if self.new or antes == depois:
                celulas.append(conditional_escape(depois))
            else:
                celulas.append(format_html("<del>{}</del> <ins>{}</ins>", antes, depois))
        return celulas


class ValorPerfilResource(
    CabecalhosLegiveisMixin, ImportacaoRapidaMixin, ValidacaoSemConsultasMixin, resources.ModelResource
):
    campo_destino = "mapa"
    linhas_com_comparacao = LINHAS_NA_PREVIA  # as demais linhas da prévia não montam comparação
    rotulos = ROTULOS
    formatos_numero = {"remuneracao": FORMATO_REAIS, "fator_k": FORMATO_K}
    titulo_da_aba = "Mapa salarial"

    """Linhas de UMA versão do mapa, identificadas pelo código (estável entre versões)."""

    codigo = coluna("codigo", TextoWidget(maiusculas=True))
    perfil = coluna("perfil", TextoWidget())
    senioridade = coluna("senioridade", SenioridadeWidget())
    remuneracao = coluna("remuneracao", DecimalBRWidget())
    fator_k = coluna("fator_k", DecimalBRWidget())

    class Meta:
        model = ValorPerfil
        fields = COLUNAS
        export_order = COLUNAS
        import_id_fields = ("codigo",)
        skip_unchanged = True  # reimportar o mesmo arquivo não grava nada
        report_skipped = True  # ...e a prévia mostra cada linha como inalterada
        use_transactions = True  # tudo ou nada
        instance_loader_class = CarregadorDaVersao  # uma consulta para a versão inteira
        # Gravação em lotes (com histórico em lote, abaixo): 5.000 linhas em segundos, não em minutos.
        use_bulk = True
        batch_size = 1000

    def __init__(self, mapa: MapaSalarial | None = None, **kwargs):
        super().__init__(**kwargs)
        self.mapa = mapa
        self._vistos: dict[str, int] = {}
        self._usuario = None
        self._motivo = "Importação"
        self._motivo_bloqueio: str | None = None

    def get_diff_class(self):
        return DiffSimples  # só nas linhas que a tabela da prévia mostra (ImportacaoRapidaMixin)

    def get_queryset(self):
        return ValorPerfil.objects.filter(mapa=self.mapa).order_by("pk")

    def init_instance(self, row=None):
        return ValorPerfil(mapa_id=self.mapa.pk)  # sem o objeto em cache: a cópia da prévia fica leve

    def before_import(self, dataset, **kwargs):
        usuario = kwargs.get("user")
        self._usuario = usuario if getattr(usuario, "is_authenticated", False) else None
        arquivo = kwargs.get("file_name")
        self._motivo = f"Importação do arquivo {arquivo}" if arquivo else "Importação"
        if self.mapa is None:
            raise ValueError("Escolha a versão do mapa que receberá a importação.")
        faltam = self.faltam_colunas(COLUNAS, dataset)
        if faltam:
            raise ValueError(faltam)
        self._vistos = {}
        self._motivo_bloqueio = None

    def before_import_row(self, row, row_number=None, **kwargs):
        codigo = TextoWidget(maiusculas=True).clean(row.get("codigo"))
        if codigo and codigo in self._vistos:
            raise ValidationError(
                {"codigo": f"O código {codigo} já aparece na linha {self._vistos[codigo]} da planilha."}
            )
        self._vistos[codigo] = linha_da_planilha(row_number)

    def before_save_instance(self, instance, row, **kwargs):
        if self._motivo_bloqueio is None:
            self._motivo_bloqueio = self.mapa.motivo_bloqueio()  # uma consulta por importação, não por linha
        if self._motivo_bloqueio:
            raise ValidationError(f"{self._motivo_bloqueio} Esta linha mudaria o mapa.")

    # O histórico (django-simple-history) registra também o que entra por importação, com usuário e arquivo.
    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._gravar_em_lote(
            self.create_instances,
            using_transactions,
            dry_run,
            raise_errors,
            result,
            sem_historico=lambda: ValorPerfil.objects.bulk_create(
                self.create_instances, batch_size=batch_size
            ),
            com_historico=lambda: bulk_create_with_history(
                self.create_instances, ValorPerfil, batch_size=batch_size, **self._autoria()
            ),
        )

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        campos = list(COLUNAS[1:])
        self._gravar_em_lote(
            self.update_instances,
            using_transactions,
            dry_run,
            raise_errors,
            result,
            sem_historico=lambda: ValorPerfil.objects.bulk_update(
                self.update_instances, campos, batch_size=batch_size
            ),
            com_historico=lambda: bulk_update_with_history(
                self.update_instances, ValorPerfil, campos, batch_size=batch_size, **self._autoria()
            ),
        )

    def _autoria(self) -> dict:
        return {"default_user": self._usuario, "default_change_reason": self._motivo}

    def _gravar_em_lote(self, instancias, using_transactions, dry_run, raise_errors, result, **gravar):
        if not instancias or not (using_transactions or not dry_run):
            return
        try:
            # a prévia é desfeita ao fim: gravar histórico nela seria trabalho perdido
            (gravar["sem_historico"] if dry_run else gravar["com_historico"])()
        except Exception as exc:
            self.handle_import_error(result, exc, raise_errors)
        finally:
            instancias.clear()
