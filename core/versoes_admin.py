"""O admin comum das versões de referência (core.versoes): o mesmo ciclo de vida nas telas do mapa salarial e
dos catálogos. Versão travada (publicada ou em uso) abre só para leitura, com as suas linhas; a situação na
lista deriva das datas; a nova versão e as mudanças de situação passam pelos serviços do ciclo."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from core import versoes
from core.formularios import CampoDecimalBR


def campo_data(label: str, *, help_text: str = "") -> forms.DateField:
    """Data digitada como no Brasil (dd/mm/aaaa), com as queixas em português junto ao campo."""
    return forms.DateField(
        label=label,
        help_text=help_text,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa", "inputmode": "numeric"}
        ),
        error_messages={
            "required": "Informe o início da vigência.",
            "invalid": "Data inválida: use o formato dd/mm/aaaa.",
        },
    )


class TravaDaVersaoMixin:
    """Admin da versão ou de uma linha dela: travada, só leitura; linha nova só em versão editável.

    `campo_versao` vai da linha à versão ("mapa", "versao"); no admin da própria versão fica None.
    """

    campo_versao: str | None = None
    # Valores como no Brasil (5.075,52 e 2,12), mostrados e aceitos com vírgula.
    campos_decimais: tuple[str, ...] = ()

    def versao_do_objeto(self, obj):
        if obj is None or isinstance(obj, versoes.VersaoDeReferencia):
            return obj
        return getattr(obj, self.campo_versao)

    def travada(self, obj) -> bool:
        versao = self.versao_do_objeto(obj)
        return versao is not None and versao.bloqueado

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self.travada(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self.travada(obj)

    def versoes_editaveis(self, modelo):
        return versoes.editaveis(modelo)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.campo_versao:
            kwargs["queryset"] = self.versoes_editaveis(db_field.related_model)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.campos_decimais:  # lidos pelo mesmo parser das planilhas (core.numeros)
            kwargs["form_class"] = CampoDecimalBR
            kwargs["widget"] = forms.TextInput(attrs={"inputmode": "decimal", "size": 10})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class TravaDaVersaoInlineMixin(TravaDaVersaoMixin):
    """Linhas dentro do formulário da versão (ou de uma linha): o `obj` do inline é o dono."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self.travada(obj)


class VersaoAdminMixin(TravaDaVersaoMixin):
    """Admin da própria versão: situação derivada, motivo da trava no formulário, ações do ciclo de vida."""

    change_form_template = "admin/versao_change_form.html"

    def rotulo_da_versao(self, versao) -> str:
        return str(versao)

    def url_da_versao(self, versao) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[versao.pk])

    def pagina(self, request, template: str, *, titulo: str, **contexto) -> TemplateResponse:
        """Página própria do ciclo (confirmar publicação, nova versão), com o cabeçalho do admin."""
        contexto = {**self.admin_site.each_context(request), "title": titulo, "opts": self.opts, **contexto}
        return TemplateResponse(request, template, contexto)

    def get_list_display(self, request):
        # Vigente/substituída/"a partir de" derivam das datas: uma consulta para a lista toda.
        estados = versoes.estados(self.model, hoje=timezone.localdate())

        @admin.display(description="situação", ordering="situacao")
        def situacao(obj):
            return versoes.rotulo_situacao(obj, estados)

        return [situacao if campo == "situacao" else campo for campo in super().get_list_display(request)]

    @admin.display(description="situação")
    def situacao_atual(self, obj):
        if obj is None or obj.pk is None:
            return self.model.Situacao(self.model.RASCUNHO).label
        return versoes.rotulo_situacao(obj, versoes.estados(self.model, hoje=timezone.localdate()))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context = {
                **(extra_context or {}),
                "versao": obj,
                "motivo_bloqueio": obj.motivo_bloqueio(),
                "pode_manter": self.has_add_permission(request),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def transicionar_selecionadas(self, request, queryset, servico, para: str) -> None:
        """Ação em lote: cada versão passa (ou não, com o motivo) pelo serviço de transição do app."""
        rotulo = self.model.Situacao(para).label
        for versao in queryset:
            try:
                servico(versao=versao, para=para)
            except ValidationError as erro:
                self.message_user(
                    request, f"{self.rotulo_da_versao(versao)}: {' '.join(erro.messages)}", messages.ERROR
                )
            else:
                self.message_user(
                    request,
                    f"{self.rotulo_da_versao(versao)}: situação agora é “{rotulo}”.",
                    messages.SUCCESS,
                )
