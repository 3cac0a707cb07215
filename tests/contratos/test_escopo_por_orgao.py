"""core.permissoes: o escopo por órgão vem do queryset (404 fora dele) e a ação é conferida à parte (403)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from contratos.models import Contratacao, Item, OrdemServico
from core.permissoes import exigir, objeto_ou_404

LER = "contratos.view_contratacao"


@pytest.fixture
def contratacoes(nova_contratacao, outro_orgao):
    return nova_contratacao(), nova_contratacao(org=outro_orgao)


def test_cada_usuario_ve_so_as_do_seu_orgao(contratacoes, usuario_equipe, usuario_outro_orgao, superusuario):
    nossa, deles = contratacoes
    assert list(Contratacao.objects.restringir(usuario_equipe)) == [nossa]
    assert list(Contratacao.objects.restringir(usuario_outro_orgao)) == [deles]
    assert set(Contratacao.objects.restringir(superusuario)) == {nossa, deles}
    assert Contratacao.objects.restringir(AnonymousUser()).count() == 0


def test_itens_e_ordens_seguem_o_orgao_da_contratacao(exemplo, usuario_equipe, usuario_outro_orgao):
    assert Item.objects.restringir(usuario_equipe).count() == exemplo.itens.count() > 0
    assert OrdemServico.objects.restringir(usuario_equipe).count() == exemplo.ordens.count() > 0
    assert Item.objects.restringir(usuario_outro_orgao).count() == 0
    assert OrdemServico.objects.restringir(usuario_outro_orgao).count() == 0


def test_fora_do_escopo_404_mesmo_sem_a_acao_e_no_escopo_sem_a_acao_403(
    contratacoes, usuario_consulta, usuario_outro_orgao
):
    nossa, _ = contratacoes
    with pytest.raises(Http404):
        objeto_ou_404(usuario_outro_orgao, Contratacao.objects, permissao=LER, pk=nossa.pk)
    with pytest.raises(PermissionDenied, match="só consulta"):
        objeto_ou_404(
            usuario_consulta,
            Contratacao.objects,
            permissao="contratos.change_contratacao",
            motivo="só consulta",
            pk=nossa.pk,
        )
    assert objeto_ou_404(usuario_consulta, Contratacao.objects, permissao=LER, pk=nossa.pk) == nossa


def test_exigir_recusa_sem_a_permissao(usuario_consulta):
    exigir(usuario_consulta, LER)
    with pytest.raises(PermissionDenied, match="não permite"):
        exigir(usuario_consulta, "contratos.change_contratacao")
