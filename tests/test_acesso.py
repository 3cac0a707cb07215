import importlib
import io
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from core import registro
from core.grupos import ACOMPANHAMENTO, CONSULTA, FISCAL, GESTOR, NOMES, sincronizar_grupos


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


def test_migracao_cria_os_grupos_com_os_nomes_de_core():
    """A migração escreve os nomes à mão (migração não importa código): têm de ser os de core.grupos.
    O Gestor do órgão e o Fiscal do contrato vieram depois: sincronizar_grupos os cria (teste abaixo)."""
    migracao = importlib.import_module("contratos.migrations.0002_grupos")
    assert set(migracao.GRUPOS) == set(NOMES) - {GESTOR, FISCAL}


def test_sincronizar_grupos_e_idempotente_e_aplica_o_declarado(db):
    """Rodar de novo (como cada migrate) não muda nada; cada grupo tem exatamente o que as áreas declaram."""

    def permissoes_dos_grupos():
        return {
            g.name: {f"{p.content_type.app_label}.{p.codename}" for p in g.permissions.all()}
            for g in Group.objects.prefetch_related("permissions__content_type")
        }

    antes = permissoes_dos_grupos()
    sincronizar_grupos()
    sincronizar_grupos()
    assert permissoes_dos_grupos() == antes
    declaradas = registro.permissoes_declaradas()
    assert {nome: antes[nome] for nome in NOMES} == declaradas
    assert "acordo.change_ocorrencia" in declaradas[ACOMPANHAMENTO]


@pytest.mark.parametrize(
    ("grupos", "mensagem"),
    [
        ({"Visitante": ["catalogo.view_versaocatalogo"]}, "Grupos desconhecidos"),
        ({CONSULTA: ["contratos.view_contratacao"]}, "só concede as próprias permissões"),
    ],
)
def test_registro_recusa_grupo_desconhecido_e_permissao_de_outra_area(grupos, mensagem):
    with pytest.raises(ValueError, match=mensagem):
        registro.registrar_area("catalogo_de_teste", permissoes=SimpleNamespace(GRUPOS=grupos))
    assert registro.area("catalogo_de_teste") is None
