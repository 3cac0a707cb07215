import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from contratos.grupos import NOMES


def test_grupos_existem_com_permissoes(db):
    grupos = {g.name: g for g in Group.objects.prefetch_related("permissions__content_type")}
    assert set(NOMES) <= set(grupos)
    admin = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in grupos["Administrador de referências"].permissions.all()
    }
    assert "contratos.change_orgao" in admin
    consulta = {p.codename for p in grupos["Consulta"].permissions.all()}
    assert all(c.startswith("view_") for c in consulta), consulta


def test_membro_pertence_ao_orgao(usuario_equipe, orgao, outro_orgao):
    assert list(usuario_equipe.orgaos.all()) == [orgao]


@pytest.mark.parametrize("url", ["/", "/contratos/", "/catalogo/", "/acordo/"])
def test_toda_pagina_exige_login(client, db, url):
    resposta = client.get(url)
    assert resposta.status_code in (302, 404)
    if resposta.status_code == 302:
        assert resposta["Location"].startswith("/entrar/")


def test_acessibilidade_e_publica(client, db):
    resposta = client.get("/acessibilidade/")
    assert resposta.status_code == 200
    assert "Alt" in resposta.content.decode()


def test_garantir_acesso_cria_admin_uma_vez(db, capsys, monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    call_command("garantir_acesso")
    primeira = capsys.readouterr().out
    assert "Entre com o usuário 'admin' e a senha:" in primeira
    call_command("garantir_acesso")
    segunda = capsys.readouterr().out
    assert "senha:" not in segunda
    assert "changepassword" in segunda


def test_garantir_acesso_respeita_variaveis(db, capsys, monkeypatch, django_user_model):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "gestora")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "senha-definida-no-ambiente")
    call_command("garantir_acesso")
    usuario = django_user_model.objects.get(username="gestora")
    assert usuario.is_superuser and usuario.check_password("senha-definida-no-ambiente")
    assert "senha-definida-no-ambiente" not in capsys.readouterr().out


def test_carregar_referencias_e_idempotente(db):
    from acordo.models import Ocorrencia
    from catalogo.models import ServicoNuvem
    from contratos.models import ValorPerfil

    def contagens():
        return [m.objects.count() for m in (ValorPerfil, ServicoNuvem, Ocorrencia)]

    call_command("carregar_referencias", stdout=io.StringIO())
    primeira = contagens()
    call_command("carregar_referencias", stdout=io.StringIO())
    # rodar de novo não duplica nada (antes o teste só conferia que não quebrava)
    assert contagens() == primeira and all(primeira)
