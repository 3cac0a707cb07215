"""Administração dos catálogos: só o Administrador de referências altera; aprovada não muda no lugar."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm, ExportForm

from catalogo import selectors, services
from catalogo.models import NivelServico, ServicoNuvem, ServicoProfissional, VersaoCatalogo
from catalogo.resources import (
    COLUNAS_NIVEL,
    ServicoNuvemResource,
    ServicoProfissionalResource,
)
from core.formatos import FORMATOS
from core.historico import HistoricoAdmin
from core.importacao import ImportacaoConfirmadaMixin, ImportacaoSeguraForm, erros_da_importacao
from core.planilhas import AJUDA_LIMITES

Situacao = VersaoCatalogo.Situacao


def _versao_do_objeto(obj):
    if obj is None:
        return None
    return obj if isinstance(obj, VersaoCatalogo) else obj.versao


class SoRascunhoMixin:
    """Conteúdo de versão aprovada ou substituída fica só para leitura (mude por “nova versão”)."""

    def has_change_permission(self, request, obj=None):
        versao = _versao_do_objeto(obj)
        if versao is not None and not versao.editavel:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        versao = _versao_do_objeto(obj)
        if versao is not None and not versao.editavel:
            return False
        return super().has_delete_permission(request, obj)


class NivelInline(admin.StackedInline):
    model = NivelServico
    extra = 0
    fields = ["indicador", "meta", "forma_medicao", "faixas_glosa"]

    def _editavel(self, obj):
        versao = _versao_do_objeto(obj)
        return versao is None or versao.editavel

    def has_add_permission(self, request, obj=None):
        return self._editavel(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editavel(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editavel(obj) and super().has_delete_permission(request, obj)


class NivelDoCatalogoInline(NivelInline):
    fk_name = "versao"
    verbose_name = "nível de serviço do catálogo"
    verbose_name_plural = "níveis de serviço do catálogo (valem para todos os serviços)"


class NovaVersaoForm(forms.Form):
    versao = forms.CharField(label="Rótulo da nova versão", max_length=40)
    vigencia_inicio = forms.DateField(label="Início da vigência (dd/mm/aaaa)")


@admin.register(VersaoCatalogo)
class VersaoCatalogoAdmin(SoRascunhoMixin, HistoricoAdmin):
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
    readonly_fields = ["situacao", "origem"]
    fields = [
        "tipo",
        "fornecedor",
        "versao",
        "vigencia_inicio",
        "vigencia_fim",
        "situacao",
        "data_aprovacao",
        "referencia_sei",
        "valores_ilustrativos",
        "observacoes",
        "origem",
    ]
    inlines = [NivelDoCatalogoInline]
    actions = ["enviar_para_analise", "devolver_ao_rascunho", "aprovar", "nova_versao"]

    def get_list_display(self, request):
        # Vigente/substituída/"a partir de" derivam das datas: uma consulta para a lista toda.
        estados = selectors.estados_das_versoes()

        @admin.display(description="situação", ordering="situacao")
        def situacao(obj):
            estado = estados.get(obj.pk)
            return estado.rotulo if estado else obj.get_situacao_display()

        return [situacao if campo == "situacao" else campo for campo in super().get_list_display(request)]

    def _transicionar(self, request, queryset, para):
        for versao in queryset:
            try:
                services.versao_transicionar(versao=versao, para=para)
            except ValidationError as erro:
                self.message_user(request, f"{versao.versao}: {' '.join(erro.messages)}", messages.ERROR)
            else:
                rotulo = Situacao(para).label
                self.message_user(request, f"{versao.versao}: situação agora é “{rotulo}”.", messages.SUCCESS)

    @admin.action(description="Enviar para análise pela SGD", permissions=["change"])
    def enviar_para_analise(self, request, queryset):
        self._transicionar(request, queryset, Situacao.EM_ANALISE)

    @admin.action(description="Devolver ao rascunho", permissions=["change"])
    def devolver_ao_rascunho(self, request, queryset):
        self._transicionar(request, queryset, Situacao.RASCUNHO)

    @admin.action(
        description="Aprovar (usa a data de aprovação e a referência SEI preenchidas)", permissions=["change"]
    )
    def aprovar(self, request, queryset):
        self._transicionar(request, queryset, Situacao.APROVADO)

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
                return redirect("admin:catalogo_versaocatalogo_change", nova.pk)
        contexto = {
            **self.admin_site.each_context(request),
            "title": f"Nova versão a partir de {origem.versao}",
            "opts": self.model._meta,
            "origem": origem,
            "form": form,
        }
        return TemplateResponse(request, "admin/catalogo/nova_versao.html", contexto)


def _formularios_de_importacao(tipo: str):
    """Formulários do django-import-export com a versão de destino (só rascunho ou em análise).

    Como na importação do mapa salarial: o formato vem da extensão e o arquivo passa pelas guardas de
    core.planilhas já no formulário, com a mensagem ao lado do campo.
    """

    def _versoes():
        return VersaoCatalogo.objects.filter(tipo=tipo, situacao__in=VersaoCatalogo.EDITAVEIS)

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
                f"Colunas obrigatórias: {', '.join(colunas.obrigatorias)}; opcionais: descricao, "
                f"{', '.join(COLUNAS_NIVEL)}. Números como 1.234,5678 ou 1234.5678. {AJUDA_LIMITES}"
            )

    class ConfirmarForm(ConfirmImportForm):
        versao = forms.ModelChoiceField(queryset=VersaoCatalogo.objects.none(), widget=forms.HiddenInput())

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["versao"].queryset = _versoes()

    return ImportarForm, ConfirmarForm


class ImportacaoDeServicosMixin(ImportacaoConfirmadaMixin, ImportExportMixin):
    @admin.display(boolean=True, description="valores ilustrativos", ordering="versao__valores_ilustrativos")
    def ilustrativo(self, obj):
        return obj.versao.valores_ilustrativos

    """Importação CSV/XLSX com prévia, pelas guardas de core.planilhas, tudo ou nada."""

    # Aqui, e não copiado numa subclasse: `super()` de um método emprestado aponta para a classe errada (500).
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "versao":
            kwargs["queryset"] = VersaoCatalogo.objects.filter(
                tipo=self.tipo, situacao__in=VersaoCatalogo.EDITAVEIS
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    import_formats = FORMATOS
    export_formats = FORMATOS
    # exporta todas as colunas: a coluna "observacao" (valores ilustrativos) não pode ser desmarcada
    export_form_class = ExportForm
    import_error_display = ("message",)  # sem traceback na tela
    import_template_name = "catalogo/admin/importar_servicos.html"
    tipo = ""

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

    def process_result(self, result, request):
        erros = erros_da_importacao(result)
        if erros:  # algo mudou entre a prévia e a confirmação: nada foi gravado
            messages.error(request, "Nada foi gravado:")
            for mensagem in erros:
                messages.error(request, mensagem)
            return redirect(f"admin:catalogo_{self.opts.model_name}_import")
        t = result.totals
        messages.success(
            request, f"Importação concluída: {t['new']} serviços novos, {t['update']} atualizados."
        )
        self.generate_log_entries(result, request)
        return redirect(f"admin:catalogo_{self.opts.model_name}_changelist")

    def import_action(self, request, **kwargs):
        resposta = super().import_action(request, **kwargs)
        resultado = (getattr(resposta, "context_data", None) or {}).get("result")
        if resultado is not None and (resultado.has_errors() or resultado.has_validation_errors()):
            messages.error(request, "A planilha tem erros e nada foi gravado. Corrija e envie de novo:")
            for mensagem in erros_da_importacao(resultado):
                messages.error(request, mensagem)
        return resposta


@admin.register(ServicoNuvem)
class ServicoNuvemAdmin(ImportacaoDeServicosMixin, SoRascunhoMixin, HistoricoAdmin):
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
class ServicoProfissionalAdmin(ImportacaoDeServicosMixin, SoRascunhoMixin, HistoricoAdmin):
    resource_classes = [ServicoProfissionalResource]
    tipo = VersaoCatalogo.Tipo.PROFISSIONAIS
    list_display = ["codigo", "nome", "unidade", "preco", "versao", "ilustrativo"]
    list_filter = ["versao", "unidade"]
    search_fields = ["codigo", "nome", "descricao"]
    list_select_related = ["versao"]
    inlines = [NivelInline]
