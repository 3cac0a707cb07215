from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.html import format_html
from import_export.admin import ImportExportModelAdmin

from contratos import selectors
from contratos.forms import ConfirmarImportacaoMapaForm, ImportarMapaForm
from contratos.models import (
    Contratacao,
    LinhaNuvem,
    LinhaPerfil,
    LinhaProfissional,
    MapaSalarial,
    OrdemServico,
    Orgao,
    ValorPerfil,
)
from contratos.resources import FORMATOS_MAPA, ValorPerfilResource
from contratos.services import mapa_nova_versao, mapa_publicar, mapa_revogar
from core.colunas import rotular_campos_da_tela
from core.historico import HistoricoAdmin
from core.importacao import ImportacaoConfirmadaMixin, erros_da_importacao
from core.templatetags.reais import reais
from core.versoes_admin import TravaDaVersaoInlineMixin, TravaDaVersaoMixin, VersaoAdminMixin, campo_data


@admin.register(Orgao)
class OrgaoAdmin(admin.ModelAdmin):
    list_display = ["sigla", "nome", "uasg"]
    search_fields = ["sigla", "nome", "uasg"]
    filter_horizontal = ["membros"]

    def get_readonly_fields(self, request, obj=None):
        # Quem é membro decide o que cada um vê de cada órgão: só superusuários mudam os membros.
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return [*super().get_readonly_fields(request, obj), "membros"]


class ValorPerfilInline(TravaDaVersaoInlineMixin, admin.TabularInline):
    model = ValorPerfil
    fields = ["codigo", "perfil", "senioridade", "remuneracao", "fator_k", "custo"]
    readonly_fields = ["custo"]
    campos_decimais = ("remuneracao", "fator_k")
    extra = 0
    show_change_link = False

    @admin.display(description="custo total")
    def custo(self, obj):
        return reais(obj.custo_total) if obj.pk else "—"


class PublicarMapaForm(forms.Form):
    data_vigencia = campo_data(
        "Início da vigência",
        help_text="Dia em que a versão passa a valer, no formato dd/mm/aaaa. Pode ser hoje ou uma data "
        "futura: a versão atual continua vigente até esse dia.",
    )


@admin.register(MapaSalarial)
class MapaSalarialAdmin(VersaoAdminMixin, HistoricoAdmin):
    list_display = ["nome_ato", "numero", "data_publicacao", "data_vigencia", "situacao", "perfis"]
    list_filter = ["situacao"]
    search_fields = ["nome_ato", "numero", "anexo", "observacoes"]
    date_hierarchy = "data_vigencia"
    fields = [
        "nome_ato",
        "numero",
        "anexo",
        "data_publicacao",
        "data_vigencia",
        "situacao_atual",
        "observacoes",
        "origem",
    ]
    readonly_fields = ["situacao_atual", "origem"]
    inlines = [ValorPerfilInline]
    change_form_template = "contratos/admin/mapasalarial_change_form.html"
    actions = ["acao_nova_versao"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(total_perfis=Count("valores"))

    @admin.display(description="perfis", ordering="total_perfis")
    def perfis(self, obj):
        return obj.total_perfis

    def get_urls(self):
        proprias = [
            path(
                "<int:pk>/nova-versao/",
                self.admin_site.admin_view(self.nova_versao_view),
                name="contratos_mapasalarial_nova_versao",
            ),
            path(
                "<int:pk>/publicar/",
                self.admin_site.admin_view(self.publicar_view),
                name="contratos_mapasalarial_publicar",
            ),
            path(
                "<int:pk>/revogar/",
                self.admin_site.admin_view(self.revogar_view),
                name="contratos_mapasalarial_revogar",
            ),
        ]
        return proprias + super().get_urls()

    def _exigir_manutencao(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied

    def nova_versao_view(self, request, pk):
        self._exigir_manutencao(request)
        if request.method != "POST":
            return redirect("admin:contratos_mapasalarial_change", pk)
        origem = get_object_or_404(MapaSalarial, pk=pk)
        novo = mapa_nova_versao(origem=origem, usuario=request.user)
        messages.success(
            request,
            f"Rascunho criado a partir de {origem} com {novo.valores.count()} perfis. "
            "Ajuste o ato, as datas e os valores, clique em Salvar e depois em Publicar.",
        )
        return redirect(self.url_da_versao(novo))

    def publicar_view(self, request, pk):
        """Página de confirmação: o início da vigência digitado e o impacto nas contratações existentes."""
        self._exigir_manutencao(request)
        mapa = get_object_or_404(MapaSalarial, pk=pk)
        if mapa.situacao != MapaSalarial.Situacao.RASCUNHO:
            messages.error(request, "Só um rascunho pode ser publicado.")
            return redirect(self.url_da_versao(mapa))
        form = PublicarMapaForm(request.POST or None, initial={"data_vigencia": mapa.data_vigencia})
        if request.method == "POST" and form.is_valid():
            try:
                mapa = mapa_publicar(mapa=mapa, data_vigencia=form.cleaned_data["data_vigencia"])
            except ValidationError as erro:
                for campo, mensagens in _mensagens_por_campo(erro):
                    form.add_error(campo if campo in form.fields else None, mensagens)
            else:
                messages.success(
                    request,
                    f"Versão publicada. Situação: {self.situacao_atual(mapa)}. A versão fica travada; "
                    "as contratações mudam de versão só por “Reprecificar”.",
                )
                return redirect(self.url_da_versao(mapa))
        return self.pagina(
            request,
            "contratos/admin/mapasalarial_publicar.html",
            titulo=f"Publicar {mapa.nome_ato}",
            mapa=mapa,
            form=form,
            impacto=selectors.impacto_nova_versao(mapa),
        )

    def revogar_view(self, request, pk):
        self._exigir_manutencao(request)
        if request.method == "POST":
            mapa = get_object_or_404(MapaSalarial, pk=pk)
            try:
                mapa_revogar(mapa=mapa)
            except ValidationError as erro:
                for mensagem in erro.messages:
                    messages.error(request, mensagem)
            else:
                messages.success(request, "Versão revogada.")
        return redirect("admin:contratos_mapasalarial_change", pk)

    @admin.action(description="Nova versão a partir desta (copia para um rascunho)", permissions=["add"])
    def acao_nova_versao(self, request, queryset):
        for origem in queryset:
            novo = mapa_nova_versao(origem=origem, usuario=request.user)
            self.message_user(
                request,
                format_html(
                    'Rascunho criado a partir de {}: <a href="{}">abrir</a>.',
                    origem,
                    self.url_da_versao(novo),
                ),
                messages.SUCCESS,
            )


def _mensagens_por_campo(erro: ValidationError):
    if hasattr(erro, "error_dict"):
        return [(campo, ValidationError(lista).messages) for campo, lista in erro.error_dict.items()]
    return [(None, erro.messages)]


@admin.register(ValorPerfil)
class ValorPerfilAdmin(TravaDaVersaoMixin, ImportacaoConfirmadaMixin, ImportExportModelAdmin, HistoricoAdmin):
    list_display = ["codigo", "perfil", "senioridade", "remuneracao", "fator_k", "custo", "mapa"]
    list_filter = ["mapa", "senioridade"]
    search_fields = ["codigo", "perfil"]
    list_select_related = ["mapa"]
    campo_versao = "mapa"
    resource_classes = [ValorPerfilResource]
    formats = FORMATOS_MAPA
    import_form_class = ImportarMapaForm
    confirm_form_class = ConfirmarImportacaoMapaForm
    import_template_name = "contratos/admin/importar_mapa.html"
    import_error_display = ("message",)
    totais_da_importacao = "{new} perfis novos, {update} alterados, {skip} inalterados."

    @admin.display(description="custo total")
    def custo(self, obj):
        return reais(obj.custo_total)

    def has_import_permission(self, request):
        return request.user.has_perm("contratos.add_valorperfil") and request.user.has_perm(
            "contratos.change_valorperfil"
        )

    def has_export_permission(self, request):
        return request.user.has_perm("contratos.view_valorperfil")

    def get_import_form_initial(self, request):
        return {"mapa": request.GET.get("mapa")}

    def get_confirm_form_initial(self, request, import_form):
        inicial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            inicial["mapa"] = import_form.cleaned_data["mapa"].pk
        return inicial

    def get_import_resource_kwargs(self, request, *args, **kwargs):
        form = kwargs.get("form")
        if form is not None and form.is_bound and form.is_valid():
            return {"mapa": form.cleaned_data["mapa"]}
        return {}

    def get_import_data_kwargs(self, **kwargs):
        dados = super().get_import_data_kwargs(**kwargs)
        dados["rollback_on_validation_errors"] = True  # tudo ou nada também na confirmação
        dados["use_transactions"] = True
        return dados

    def import_action(self, request, **kwargs):
        resposta = super().import_action(request, **kwargs)
        rotular_campos_da_tela(getattr(resposta, "context_data", None), ValorPerfilResource.rotulos)
        resultado = getattr(resposta, "context_data", {}).get("result")
        if resultado is not None:
            resposta.context_data["erros_planilha"] = erros_da_importacao(resultado)
            resposta.context_data["totais"] = resultado.totals
        return resposta


# --- Estimativa da contratação: só consulta e histórico (as escritas passam pelas páginas e serviços) ---


class _SoLeitura:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LinhaPerfilInline(_SoLeitura, admin.TabularInline):
    model = LinhaPerfil
    fields = ["perfil", "quantidade", "fator_k", "fator_k_referencia", "justificativa"]
    readonly_fields = fields
    extra = 0


@admin.register(Contratacao)
class ContratacaoAdmin(_SoLeitura, HistoricoAdmin):
    list_display = ["numero_processo", "orgao", "mapa", "meses", "situacao", "atualizada_em"]
    list_filter = ["situacao", "mapa"]
    search_fields = ["numero_processo", "objeto", "orgao__sigla"]
    list_select_related = ["orgao", "mapa"]


@admin.register(OrdemServico)
class OrdemServicoAdmin(_SoLeitura, admin.ModelAdmin):
    list_display = ["numero", "identificacao", "contratacao"]
    search_fields = ["numero", "identificacao", "contratacao__numero_processo"]
    list_select_related = ["contratacao"]
    inlines = [LinhaPerfilInline]


@admin.register(LinhaPerfil)
class LinhaPerfilAdmin(_SoLeitura, HistoricoAdmin):
    list_display = ["ordem", "perfil", "quantidade", "fator_k"]
    list_select_related = ["ordem", "perfil"]
    search_fields = ["perfil__codigo", "ordem__numero"]


@admin.register(LinhaNuvem)
class LinhaNuvemAdmin(_SoLeitura, HistoricoAdmin):
    list_display = ["item", "servico", "quantidade"]
    list_select_related = ["item", "servico"]
    search_fields = ["servico__codigo", "item__contratacao__numero_processo"]


@admin.register(LinhaProfissional)
class LinhaProfissionalAdmin(_SoLeitura, HistoricoAdmin):
    list_display = ["item", "servico", "quantidade"]
    list_select_related = ["item", "servico"]
    search_fields = ["servico__codigo", "item__contratacao__numero_processo"]
