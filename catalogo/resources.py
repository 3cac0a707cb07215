"""Importação e exportação (CSV, XLSX) dos serviços de uma versão de catálogo.

Cada planilha traz os serviços de UMA versão, escolhida no formulário de importação; cada linha pode trazer um
nível de serviço do serviço (colunas nivel_*). A importação é tudo ou nada: uma linha com erro não grava nada.
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from catalogo.models import (
    CategoriaNuvem,
    NivelServico,
    ServicoNuvem,
    ServicoProfissional,
    UnidadeProfissional,
    VersaoCatalogo,
)
from core.celulas import desfazer_protecao
from core.colunas import FORMATO_REAIS, FORMATO_REAIS_4, CabecalhosLegiveisMixin
from core.importacao import (
    LINHAS_NA_PREVIA,
    CarregadorDaVersao,
    DiffDireto,
    ImportacaoRapidaMixin,
    ValidacaoSemConsultasMixin,
    coluna,
    linha_da_planilha,
)
from core.numeros import decimal_br

COLUNAS_NIVEL = {
    "nivel_indicador": "indicador",
    "nivel_meta": "meta",
    "nivel_medicao": "forma_medicao",
    "nivel_glosa": "faixas_glosa",
}
# Depois das colunas próprias de cada catálogo: a descrição, o primeiro nível de serviço e o aviso.
COLUNAS_FINAIS = ["descricao", *COLUNAS_NIVEL, "valores"]
AVISO_ILUSTRATIVO = "valores ilustrativos: exemplo, não são os preços oficiais do SERPRO"


def _normalizar(texto) -> str:
    return " ".join(str(texto).strip().split()).casefold()


class EscolhaWidget(widgets.Widget):
    """Aceita o valor interno ou o rótulo (sem diferenciar maiúsculas); exporta o rótulo."""

    def __init__(self, choices, nome: str):
        super().__init__()
        self.choices = choices
        self.nome = nome
        self.mapa = {}
        for valor, rotulo in choices:
            self.mapa[_normalizar(valor)] = valor
            self.mapa[_normalizar(rotulo)] = valor

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            raise ValueError(f"Informe {self.nome}.")
        chave = _normalizar(value)
        if chave not in self.mapa:
            aceitos = ", ".join(rotulo for _, rotulo in self.choices)
            raise ValueError(f"{self.nome.capitalize()} desconhecida: “{value}”. Use uma destas: {aceitos}.")
        return self.mapa[chave]

    def render(self, value, obj=None, **kwargs):
        return dict(self.choices).get(value, value or "")


class DecimalPtBrWidget(widgets.Widget):
    """Número de planilha por core.numeros.decimal_br (5.075,52 ou 5075.52); texto vira erro claro."""

    def __init__(self, casas: int):
        super().__init__()
        self.casas = casas

    def clean(self, value, row=None, **kwargs):
        return decimal_br(value, casas=self.casas)

    def render(self, value, obj=None, **kwargs):
        # a célula leva o número (não texto formatado), para a planilha poder calcular
        return value


def _do_primeiro_nivel(campo: str):
    """Exportação: a planilha tem colunas para um nível de serviço por linha, o primeiro de cada serviço."""

    def dehydrate(self, obj):
        niveis = list(obj.niveis_servico.all())  # já vêm do prefetch: sem consulta por linha
        return getattr(niveis[0], campo) if niveis else ""

    return dehydrate


ROTULOS = {
    "codigo": "Código",
    "nome": "Nome",
    "categoria": "Categoria",
    "unidade_medida": "Unidade de medida",
    "preco_unitario": "Preço unitário (R$)",
    "unidade": "Unidade",
    "preco": "Preço (R$)",
    "descricao": "Descrição",
    "nivel_indicador": "Nível de serviço: indicador",
    "nivel_meta": "Nível de serviço: meta",
    "nivel_medicao": "Nível de serviço: forma de medição",
    "nivel_glosa": "Nível de serviço: glosa",
    "observacao": "Observação",
}


class _ServicoResource(
    CabecalhosLegiveisMixin, ImportacaoRapidaMixin, ValidacaoSemConsultasMixin, resources.ModelResource
):
    campo_destino = "versao"
    linhas_com_comparacao = LINHAS_NA_PREVIA  # as demais linhas da prévia não montam comparação

    """Base das duas planilhas: versão fixa (do formulário), código único na versão e na planilha."""

    nivel_indicador = fields.Field(column_name="nivel_indicador", readonly=False)
    nivel_meta = fields.Field(column_name="nivel_meta", readonly=False)
    nivel_medicao = fields.Field(column_name="nivel_medicao", readonly=False)
    nivel_glosa = fields.Field(column_name="nivel_glosa", readonly=False)

    codigo = coluna("codigo", widgets.CharWidget())
    valores = fields.Field(column_name="observacao", readonly=True)
    tipo_versao: str = ""
    dono_nivel: str = ""
    obrigatorias: tuple[str, ...] = ()
    numericas: tuple[str, ...] = ()
    rotulos = ROTULOS

    class Meta:
        import_id_fields = ["codigo"]
        clean_model_instances = True
        # Linha igual ao que está gravado (serviço e nível de serviço) não é gravada e aparece "Inalterado":
        # a prévia mostra só as mudanças reais (skip_row confere também o nível, gravado depois do serviço).
        skip_unchanged = True
        report_skipped = True
        instance_loader_class = CarregadorDaVersao  # uma consulta para a versão inteira

    def __init__(self, versao: VersaoCatalogo | None = None, **kwargs):
        super().__init__(**kwargs)
        self.versao = versao
        self._linhas_por_codigo: dict[str, int] = {}

    # --- escopo: só os serviços da versão escolhida -----------------------------------------------------
    def get_queryset(self):
        qs = super().get_queryset().select_related("versao").prefetch_related("niveis_servico")
        if self.versao is not None:
            qs = qs.filter(versao=self.versao)
        return qs

    def init_instance(self, row=None):
        return self._meta.model(versao=self.versao)

    def get_diff_class(self):
        return DiffDireto  # o HTML da biblioteca, sem diff por caractere em 20 mil linhas novas

    def before_import(self, dataset, **kwargs):
        if self.versao is None:
            raise ValueError("Escolha a versão do catálogo que receberá a planilha.")
        if self.versao.tipo != self.tipo_versao:
            raise ValueError(f"A versão {self.versao.versao} não é um catálogo deste tipo.")
        if not self.versao.editavel:
            raise ValueError(
                f"A versão {self.versao.versao} está “{self.versao.get_situacao_display()}” e não recebe "
                "importação: crie uma nova versão a partir dela."
            )
        faltam = self.faltam_colunas(
            self.obrigatorias,
            dataset,
            opcionais=("descricao", *COLUNAS_NIVEL),
        )
        if faltam:
            raise ValueError(faltam)
        self._linhas_por_codigo = {}

    def before_import_row(self, row, **kwargs):
        for nome, valor in row.items():
            if valor is None and nome not in self.numericas:
                row[nome] = ""  # célula vazia do XLSX em coluna de texto
            elif isinstance(valor, str):
                # desfaz a proteção contra fórmulas que a exportação CSV aplica ('=...)
                row[nome] = desfazer_protecao(valor.strip()).strip()

    def import_instance(self, instance, row, **kwargs):
        erros = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as e:
            erros = e.update_error_dict(erros)
        codigo = str(row.get("codigo") or "").strip()
        linha = linha_da_planilha(kwargs.get("row_number"))
        if codigo:
            if codigo in self._linhas_por_codigo:
                anterior = self._linhas_por_codigo[codigo]
                erros["codigo"] = [f"Código {codigo} repetido na planilha (já aparece na linha {anterior})."]
            else:
                self._linhas_por_codigo[codigo] = linha
        if (
            any(str(row.get(c) or "").strip() for c in COLUNAS_NIVEL)
            and not str(row.get("nivel_indicador") or "").strip()
        ):
            erros["nivel_indicador"] = [
                "Informe o indicador do nível de serviço (ou deixe as colunas nivel_* vazias)."
            ]
        if erros:
            raise ValidationError(erros)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return super().skip_row(instance, original, row, import_validation_errors) and self._nivel_igual(
            instance, row
        )

    def _nivel_igual(self, instance, row) -> bool:
        """O nível de serviço da linha já está gravado assim (ou a linha não traz nível)."""
        indicador = str(row.get("nivel_indicador") or "").strip()
        if not indicador:
            return True
        valores = {campo: str(row.get(coluna) or "").strip() for coluna, campo in COLUNAS_NIVEL.items()}
        # niveis_servico vem do prefetch do carregador da versão: sem consulta por linha
        return any(
            all(getattr(nivel, campo) == valor for campo, valor in valores.items())
            for nivel in instance.niveis_servico.all()
        )

    def before_save_instance(self, instance, row, **kwargs):
        if not self.versao.editavel:  # defesa: a situação pode ter mudado entre a prévia e a confirmação
            raise ValidationError(f"A versão {self.versao.versao} não pode mais ser alterada.")
        self._marcar_historico(instance, kwargs)

    def _marcar_historico(self, objeto, kwargs):
        usuario = kwargs.get("user")
        if usuario is not None and getattr(usuario, "is_authenticated", False):
            objeto._history_user = usuario
        arquivo = kwargs.get("file_name")
        objeto._change_reason = f"Importação do arquivo {arquivo}" if arquivo else "Importação de planilha"
        if kwargs.get("dry_run"):
            # a prévia é desfeita ao fim: o histórico dela (uma gravação a mais por linha) é trabalho perdido
            objeto.skip_history_when_saving = True

    def after_save_instance(self, instance, row, **kwargs):
        indicador = str(row.get("nivel_indicador") or "").strip()
        if not indicador or (kwargs.get("dry_run") and not kwargs.get("using_transactions")):
            return
        valores = {campo: str(row.get(coluna) or "").strip() for coluna, campo in COLUNAS_NIVEL.items()}
        # um nível por indicador: reimportar a mesma planilha não duplica níveis
        nivel = NivelServico.objects.filter(**{self.dono_nivel: instance}, indicador=indicador).first()
        if nivel is None:
            nivel = NivelServico(**{self.dono_nivel: instance})
        for campo, valor in valores.items():
            setattr(nivel, campo, valor)
        self._marcar_historico(nivel, kwargs)
        nivel.full_clean(validate_constraints=False)  # dono único garantido acima e por clean()
        nivel.save()

    # --- exportação: o primeiro nível de serviço de cada serviço --------------------------------------
    dehydrate_nivel_indicador = _do_primeiro_nivel(COLUNAS_NIVEL["nivel_indicador"])
    dehydrate_nivel_meta = _do_primeiro_nivel(COLUNAS_NIVEL["nivel_meta"])
    dehydrate_nivel_medicao = _do_primeiro_nivel(COLUNAS_NIVEL["nivel_medicao"])
    dehydrate_nivel_glosa = _do_primeiro_nivel(COLUNAS_NIVEL["nivel_glosa"])

    def dehydrate_valores(self, obj):
        return AVISO_ILUSTRATIVO if obj.versao.valores_ilustrativos else ""


class ServicoNuvemResource(_ServicoResource):
    categoria = coluna("categoria", EscolhaWidget(CategoriaNuvem.choices, "categoria"))
    preco_unitario = coluna("preco_unitario", DecimalPtBrWidget(casas=4))

    tipo_versao = VersaoCatalogo.Tipo.NUVEM
    obrigatorias = ("codigo", "nome", "categoria", "unidade_medida", "preco_unitario")
    numericas = ("preco_unitario",)
    dono_nivel = "servico_nuvem"
    formatos_numero = {"preco_unitario": FORMATO_REAIS_4}
    titulo_da_aba = "Serviços de nuvem"

    class Meta(_ServicoResource.Meta):
        model = ServicoNuvem
        fields = ["codigo", "nome", "categoria", "unidade_medida", "preco_unitario", *COLUNAS_FINAIS]


class ServicoProfissionalResource(_ServicoResource):
    unidade = coluna("unidade", EscolhaWidget(UnidadeProfissional.choices, "unidade"))
    preco = coluna("preco", DecimalPtBrWidget(casas=2))

    tipo_versao = VersaoCatalogo.Tipo.PROFISSIONAIS
    obrigatorias = ("codigo", "nome", "unidade", "preco")
    numericas = ("preco",)
    dono_nivel = "servico_profissional"
    formatos_numero = {"preco": FORMATO_REAIS}
    titulo_da_aba = "Serviços profissionais"

    class Meta(_ServicoResource.Meta):
        model = ServicoProfissional
        fields = ["codigo", "nome", "unidade", "preco", *COLUNAS_FINAIS]
