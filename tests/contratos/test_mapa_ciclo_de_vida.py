"""O ciclo de vida comum (core.versoes) no mapa salarial: revogar, recusas claras e o autor da cópia."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contratos.models import MapaSalarial, ValorPerfil
from contratos.services import mapa_nova_versao, mapa_publicar, mapa_revogar


def test_revogar_so_a_publicada_e_ela_continua_travada(mapa):
    rascunho = mapa_nova_versao(origem=mapa)
    with pytest.raises(ValidationError) as erro:
        mapa_revogar(mapa=rascunho)
    assert erro.value.messages == ["Não é possível passar de “Rascunho” para “Revogada”."]
    revogada = mapa_revogar(mapa=mapa)
    assert revogada.situacao == MapaSalarial.Situacao.REVOGADO
    assert revogada.motivo_bloqueio() == (
        "Esta versão está revogada e não pode ser alterada; crie uma nova versão a partir dela."
    )
    with pytest.raises(ValidationError) as erro:
        mapa_publicar(mapa=revogada)
    assert erro.value.messages == ["Não é possível passar de “Revogada” para “Publicada”."]


def test_publicar_rascunho_sem_perfis_e_recusado(mapa):
    vazio = mapa_nova_versao(origem=mapa)
    vazio.valores.all().delete()
    with pytest.raises(ValidationError) as erro:
        mapa_publicar(mapa=vazio)
    assert erro.value.messages == ["A versão não tem perfis: importe as linhas antes de publicar."]


def test_nova_versao_pelo_admin_guarda_o_autor_no_historico(mapa, client_admin_ref, usuario_admin_ref):
    r = client_admin_ref.post(reverse("admin:contratos_mapasalarial_nova_versao", args=[mapa.pk]))
    novo = MapaSalarial.objects.get(origem=mapa)
    assert r.url == reverse("admin:contratos_mapasalarial_change", args=[novo.pk])
    assert novo.history.get().history_user == usuario_admin_ref
    copias = ValorPerfil.history.filter(mapa_id=novo.pk)
    assert copias.count() == mapa.valores.count()
    assert {(h.history_user, h.history_change_reason) for h in copias} == {
        (usuario_admin_ref, "Cópia de versão")
    }
