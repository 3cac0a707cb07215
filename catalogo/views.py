"""Páginas de leitura dos catálogos: todos os perfis leem; alterações ficam na administração.

Permissões no estilo único (core.permissoes): cada view declara a permissão; a versão pedida vem de
`objeto_ou_404`; rascunhos e versões em análise só para quem mantém os catálogos (como no mapa salarial)."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from catalogo import selectors
from catalogo.forms import CompararVersoesForm, FiltroServicosForm
from catalogo.models import CategoriaNuvem, VersaoCatalogo
from core import exportacoes
from core.models import Exportacao
from core.permissoes import objeto_ou_404

POR_PAGINA = 25
LER = "catalogo.view_versaocatalogo"
MANTER = "catalogo.change_versaocatalogo"


def _versoes_visiveis(usuario, base=None):
    return selectors.versoes_visiveis(base, com_rascunhos=usuario.has_perm(MANTER))


class _LeCatalogo(PermissionRequiredMixin):
    permission_required = LER
    raise_exception = True


class CatalogoInicio(_LeCatalogo, TemplateView):
    template_name = "catalogo/inicio.html"

    def get_context_data(self, **kwargs):
        versoes = _versoes_visiveis(self.request.user, selectors.versoes())
        pagina = Paginator(versoes, POR_PAGINA).get_page(self.request.GET.get("pagina"))
        pagina.object_list = selectors.anotar_estados(list(pagina.object_list))
        vigentes = selectors.versoes_vigentes()
        return super().get_context_data(
            pagina=pagina,
            vigentes=[(tipo, rotulo, vigentes.get(tipo)) for tipo, rotulo in VersaoCatalogo.Tipo.choices],
            comparar_form=CompararVersoesForm(versoes=_versoes_visiveis(self.request.user)),
            pode_administrar=self.request.user.has_perm(MANTER),
            **kwargs,
        )


class _ServicosDaVersao(_LeCatalogo, TemplateView):
    template_name = "catalogo/servicos.html"
    vigente = False

    def get_versao(self) -> VersaoCatalogo:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        versao = self.get_versao()
        if not hasattr(versao, "estado"):
            selectors.anotar_estados([versao])
        filtro = FiltroServicosForm(self.request.GET or None)
        busca, categoria = "", ""
        if filtro.is_valid():
            busca, categoria = filtro.cleaned_data["q"].strip(), filtro.cleaned_data["categoria"]
        servicos = selectors.servicos_da_versao(versao, busca=busca, categoria=categoria)
        pagina = Paginator(servicos, POR_PAGINA).get_page(self.request.GET.get("pagina"))
        parametros = self.request.GET.copy()
        parametros.pop("pagina", None)
        return super().get_context_data(
            versao=versao,
            vigente=self.vigente,
            filtro=filtro,
            filtrando=bool(busca or categoria),
            pagina=pagina,
            parametros=parametros.urlencode(),
            niveis_do_catalogo=selectors.niveis_da_versao(versao),
            categorias=dict(CategoriaNuvem.choices),
            **kwargs,
        )


class CatalogoVigente(_ServicosDaVersao):
    vigente = True

    def get_versao(self):
        if self.kwargs["tipo"] not in VersaoCatalogo.Tipo.values:
            raise Http404
        versao = selectors.versao_vigente(self.kwargs["tipo"])
        if versao is None:
            self.template_name = "catalogo/sem_vigente.html"
            self.extra_context = {"tipo_rotulo": VersaoCatalogo.Tipo(self.kwargs["tipo"]).label}
        return versao

    def get_context_data(self, **kwargs):
        versao = self.get_versao()
        if versao is None:
            return TemplateView.get_context_data(self, **kwargs)
        return super().get_context_data(**kwargs)


class VersaoDetalhe(_ServicosDaVersao):
    def get_versao(self):
        if not hasattr(self, "_versao"):
            self._versao = objeto_ou_404(
                self.request.user,
                _versoes_visiveis(self.request.user).select_related("origem"),
                permissao=LER,
                pk=self.kwargs["pk"],
            )
        return self._versao


class CompararVersoes(_LeCatalogo, TemplateView):
    template_name = "catalogo/comparar.html"

    def get_context_data(self, **kwargs):
        form = CompararVersoesForm(self.request.GET or None, versoes=_versoes_visiveis(self.request.user))
        comparacao = None
        if form.is_valid():
            comparacao = selectors.comparar_versoes(form.cleaned_data["base"], form.cleaned_data["nova"])
        return super().get_context_data(form=form, comparacao=comparacao, **kwargs)


class VersaoExportar(_LeCatalogo, View):
    """Planilha dos serviços da versão, nas colunas da importação (quem lê o catálogo pode baixar)."""

    def get(self, request, pk, formato):
        versao = objeto_ou_404(request.user, _versoes_visiveis(request.user), permissao=LER, pk=pk)
        tabela = selectors.planilha_da_versao(versao)
        nome = slugify(f"catalogo-{versao.tipo}-{versao.versao}")
        if versao.valores_ilustrativos:
            nome += "-valores-ilustrativos"
        return exportacoes.exportar_tabela(
            request,
            tabela,
            formato,
            tipo=Exportacao.Tipo.CATALOGO,
            origem=versao,
            descricao=f"Catálogo {versao}",
            nome=nome,
            bom=True,
        )


class ModeloEmBranco(_LeCatalogo, View):
    """A planilha vazia, só com o cabeçalho, os formatos e as larguras que a importação espera."""

    def get(self, request, tipo, formato):
        if tipo not in VersaoCatalogo.Tipo.values:
            raise Http404
        return exportacoes.baixar_modelo(
            selectors.modelo_em_branco(tipo), formato, nome=f"modelo-catalogo-{tipo}", bom=True
        )
