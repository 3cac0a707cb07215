"""Administração dos catálogos: só o Administrador de referências altera; aprovada não muda no lugar."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm, ExportForm

from catalogo import services
from catalogo.models import NivelServico, ServicoNuvem, ServicoProfissional, VersaoCatalogo
from catalogo.resources import (
    COLUNAS_NIVEL,
    ROTULOS,
    ServicoNuvemResource,
    ServicoProfissionalResource,
)
from core import versoes
from core.colunas import rotular_campos_da_tela
from core.formatos import FORMATOS
from core.historico import HistoricoAdmin
from core.importacao import ImportacaoConfirmadaMixin, ImportacaoSeguraForm, erros_da_importacao
from core.planilhas import AJUDA_LIMITES
from core.versoes_admin import TravaDaVersaoInlineMixin, TravaDaVersaoMixin, VersaoAdminMixin, campo_data

Situacao = VersaoCatalogo.Situacao


class NivelInline(TravaDaVersaoInlineMixin, admin.StackedInline):
    model = NivelServico
    extra = 0
    fields = ["indicador", "meta", "forma_medicao", "faixas_glosa"]
    campo_versao = "versao"  # o dono é a versão ou um serviço da versão


class NivelDoCatalogoInline(NivelInline):
    fk_name = "versao"
    verbose_name = "nível de serviço do catálogo"
    verbose_name_plural = "níveis de serviço do catálogo (valem para todos os serviços)"


class NovaVersaoForm(forms.Form):
    versao = forms.CharField(label="Rótulo da nova versão", max_length=40)
    vigencia_inicio = campo_data("Início da vigência (dd/mm/aaaa)")


@admin.register(VersaoCatalogo)
class VersaoCatalogoAdmin(VersaoAdminMixin, HistoricoAdmin):
    list_display = [
        "versao",
        "tipo",
        "fornecedor",
        "situacao",
        "vigencia_inicio",
        "data_aprovacao",
        "valores_ilustrativos",
    ]
    list_filter = ["tipo", "situacao", "valores_ilustrativos"]
    search_fields = ["versao", "referencia_sei", "observacoes"]
    readonly_fields = ["situacao_atual", "origem"]
    fields = [
        "tipo",
        "fornecedor",
        "versao",
        "vigencia_inicio",
        "vigencia_fim",
        "situacao_atual",
        "data_aprovacao",
        "referencia_sei",
        "valores_ilustrativos",
        "observacoes",
        "origem",
    ]
    inlines = [NivelDoCatalogoInline]
    actions = ["enviar_para_analise", "devolver_ao_rascunho", "aprovar", "nova_versao"]

    def rotulo_da_versao(self, versao):
        return versao.versao

    @admin.action(description="Enviar para análise pela SGD", permissions=["change"])
    def enviar_para_analise(self, request, queryset):
        self.transicionar_selecionadas(request, queryset, services.versao_transicionar, Situacao.EM_ANALISE)

    @admin.action(description="Devolver ao rascunho", permissions=["change"])
    def devolver_ao_rascunho(self, request, queryset):
        self.transicionar_selecionadas(request, queryset, services.versao_transicionar, Situacao.RASCUNHO)

    @admin.action(
        description="Aprovar (usa a data de aprovação e a referência SEI preenchidas)", permissions=["change"]
    )
    def aprovar(self, request, queryset):
        self.transicionar_selecionadas(request, queryset, services.versao_transicionar, Situacao.APROVADO)

    @admin.action(description="Nova versão a partir desta (cria um rascunho)", permissions=["add"])
    def nova_versao(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Escolha exatamente uma versão para copiar.", messages.ERROR)
            return None
        origem = queryset.get()
        form = NovaVersaoForm(request.POST if "confirmar" in request.POST else None)
        if form.is_valid():
            try:
                nova = services.versao_copiar(origem=origem, **form.cleaned_data)
            except ValidationError as erro:
                for mensagem in erro.messages:
                    form.add_error(None, mensagem)
            else:
                self.message_user(request, f"Rascunho {nova.versao} criado a partir de {origem.versao}.")
                return redirect(self.url_da_versao(nova))
        return self.pagina(
            request,
            "admin/catalogo/nova_versao.html",
            titulo=f"Nova versão a partir de {origem.versao}",
            origem=origem,
            form=form,
        )


def _formularios_de_importacao(tipo: str):
    """Formulários do django-import-export com a versão de destino (só rascunho ou em análise).

    Como na importação do mapa salarial: o formato vem da extensão e o arquivo passa pelas guardas de
    core.planilhas já no formulário, com a mensagem ao lado do campo.
    """

    def _versoes():
        return versoes.editaveis(VersaoCatalogo, tipo=tipo)

    colunas = ServicoNuvemResource if tipo == VersaoCatalogo.Tipo.NUVEM else ServicoProfissionalResource

    class ImportarForm(ImportacaoSeguraForm):
        versao = forms.ModelChoiceField(
            label="Versão do catálogo que recebe os serviços",
            queryset=VersaoCatalogo.objects.none(),
            help_text="Só rascunhos e versões em análise aparecem: uma versão aprovada muda por "
            "“Nova versão a partir desta”.",
        )
        field_order = ["resource", "versao", "import_file", "format"]

        def __init__(self, formats, resources, **kwargs):
            super().__init__(formats, resources, **kwargs)
            self.fields["versao"].queryset = _versoes()
            self.fields["import_file"].help_text = (
                f"Colunas obrigatórias: {', '.join(colunas.rotulos[c] for c in colunas.obrigatorias)}; "
                "opcionais: Descrição e as de nível de serviço (indicador, meta, forma de medição, glosa); "
                f"valem também os nomes sem acento ({', '.join(colunas.obrigatorias)}, descricao, "
                f"{', '.join(COLUNAS_NIVEL)}). Números como 1.234,5678 ou 1234.5678. {AJUDA_LIMITES}"
            )

    class ConfirmarForm(ConfirmImportForm):
        versao = forms.ModelChoiceField(queryset=VersaoCatalogo.objects.none(), widget=forms.HiddenInput())

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["versao"].queryset = _versoes()

    return ImportarForm, ConfirmarForm


class ImportacaoDeServicosMixin(ImportacaoConfirmadaMixin, ImportExportMixin, TravaDaVersaoMixin):
    totais_da_importacao = "{new} serviços novos, {update} atualizados, {skip} inalterados."

    @admin.display(boolean=True, description="valores ilustrativos", ordering="versao__valores_ilustrativos")
    def ilustrativo(self, obj):
        return obj.versao.valores_ilustrativos

    """Importação CSV/XLSX com prévia, pelas guardas de core.planilhas, tudo ou nada."""

    def versoes_editaveis(self, modelo):
        return versoes.editaveis(modelo, tipo=self.tipo)

    import_formats = FORMATOS
    export_formats = FORMATOS
    # exporta todas as colunas: a coluna "observacao" (valores ilustrativos) não pode ser desmarcada
    export_form_class = ExportForm
    import_error_display = ("message",)  # sem traceback na tela
    import_template_name = "catalogo/admin/importar_servicos.html"
    tipo = ""
    campo_versao = "versao"

    def has_import_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}") and request.user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_form_class(self, request):
        return _formularios_de_importacao(self.tipo)[0]

    def get_confirm_form_class(self, request):
        return _formularios_de_importacao(self.tipo)[1]

    def get_confirm_form_initial(self, request, import_form):
        inicial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            inicial["versao"] = import_form.cleaned_data["versao"].pk
        return inicial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        dados = getattr(form, "cleaned_data", None) or {}
        return {"versao": dados.get("versao")}

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True  # tudo ou nada também na confirmação
        return kwargs

    def import_action(self, request, **kwargs):
        resposta = super().import_action(request, **kwargs)
        contexto = getattr(resposta, "context_data", None)
        rotular_campos_da_tela(contexto, ROTULOS)
        if contexto is not None:
            contexto["tipo_catalogo"] = self.tipo  # o link do modelo em branco
        resultado = (contexto or {}).get("result")
        if resultado is not None:
            contexto["totais"] = resultado.totals
        if resultado is not None and (resultado.has_errors() or resultado.has_validation_errors()):
            messages.error(request, "A planilha tem erros e nada foi gravado. Corrija e envie de novo:")
            for mensagem in erros_da_importacao(resultado):
                messages.error(request, mensagem)
        return resposta


@admin.register(ServicoNuvem)
class ServicoNuvemAdmin(ImportacaoDeServicosMixin, HistoricoAdmin):
    resource_classes = [ServicoNuvemResource]
    tipo = VersaoCatalogo.Tipo.NUVEM
    list_display = [
        "codigo",
        "nome",
        "categoria",
        "unidade_medida",
        "preco_unitario",
        "versao",
        "ilustrativo",
    ]
    list_filter = ["versao", "categoria"]
    search_fields = ["codigo", "nome", "descricao"]
    list_select_related = ["versao"]
    inlines = [NivelInline]


@admin.register(ServicoProfissional)
class ServicoProfissionalAdmin(ImportacaoDeServicosMixin, HistoricoAdmin):
    resource_classes = [ServicoProfissionalResource]
    tipo = VersaoCatalogo.Tipo.PROFISSIONAIS
    list_display = ["codigo", "nome", "unidade", "preco", "versao", "ilustrativo"]
    list_filter = ["versao", "unidade"]
    search_fields = ["codigo", "nome", "descricao"]
    list_select_related = ["versao"]
    inlines = [NivelInline]
