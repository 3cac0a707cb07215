"""Buracos do issue 18 fechados: reverter pelo histórico, membros de órgão, bloqueio de login, senhas,
Cache-Control, cópia de segurança legível só pelo dono e rascunhos de catálogo fora da vista de quem lê."""

import os
import stat
from datetime import date

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from catalogo.models import ServicoNuvem, VersaoCatalogo
from contratos.models import MapaSalarial
from core.historico import HistoricoAdmin
from tests.catalogo.conftest import servicos_nuvem
from tests.conftest import SENHA
from tests.contratos.conftest import criar_mapa


def _versao(tipo=VersaoCatalogo.Tipo.NUVEM, rotulo="2025.1"):
    versao = VersaoCatalogo.objects.create(tipo=tipo, versao=rotulo, vigencia_inicio=date(2025, 1, 1))
    if tipo == VersaoCatalogo.Tipo.NUVEM:
        for servico in servicos_nuvem(versao, [("S-0000", "rede", "GB", "1.2345")]):
            servico.save()  # um a um: o histórico do serviço é usado pelos testes de reverter
    return versao


# --- 1. Reverter pelo histórico ---


def _url_historico(obj, registro):
    meta = obj._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/history/{registro.history_id}/"


def test_todo_modelo_com_historico_no_admin_usa_o_historico_so_leitura():
    com_historico = [m for m in admin.site._registry if hasattr(m, "history")]
    assert len(com_historico) >= 8
    for modelo in com_historico:
        assert isinstance(admin.site._registry[modelo], HistoricoAdmin), modelo


def test_reverter_ato_do_mapa_vigente_pelo_historico_e_recusado(client_admin_ref, db):
    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    antigo = mapa.history.earliest()
    mapa.nome_ato = "Portaria SGD/MGI nº 6.055/2025 (nome corrigido)"
    mapa.save()

    pagina = client_admin_ref.get(_url_historico(mapa, antigo))
    assert pagina.status_code == 200
    assert "Reverter" not in pagina.content.decode()

    resposta = client_admin_ref.post(
        _url_historico(mapa, antigo),
        {"nome_ato": antigo.nome_ato, "numero": "x", "data_vigencia": "01/01/2020"},
    )
    assert resposta.status_code == 403
    mapa.refresh_from_db()
    assert mapa.nome_ato == "Portaria SGD/MGI nº 6.055/2025 (nome corrigido)"
    assert mapa.situacao == MapaSalarial.Situacao.VIGENTE


def test_reverter_servico_de_catalogo_aprovado_e_recusado(client_admin_ref):
    rascunho = _versao()
    servico = ServicoNuvem.objects.get(versao=rascunho)
    antigo = servico.history.earliest()
    rascunho.situacao = VersaoCatalogo.Situacao.APROVADO
    rascunho.data_aprovacao = date(2025, 1, 1)
    rascunho.referencia_sei = "SEI 1"
    rascunho.save()

    resposta = client_admin_ref.post(
        _url_historico(servico, antigo),
        {
            "versao": rascunho.pk,
            "codigo": "S-0000",
            "nome": "x",
            "categoria": "rede",
            "unidade_medida": "GB",
            "preco_unitario": "999,0000",
        },
    )
    assert resposta.status_code == 403
    servico.refresh_from_db()
    assert servico.nome == "Serviço S-0000"


# --- 2. Membros de órgão só pelo superusuário ---


def test_administrador_de_referencias_nao_muda_membros_de_orgao(
    client_admin_ref, orgao, outro_orgao, usuario_outro_orgao
):
    url = f"/admin/contratos/orgao/{orgao.pk}/change/"
    pagina = client_admin_ref.get(url)
    assert pagina.status_code == 200
    client_admin_ref.post(
        url,
        {"sigla": orgao.sigla, "nome": orgao.nome, "uasg": orgao.uasg, "membros": [usuario_outro_orgao.pk]},
    )
    assert not orgao.membros.filter(pk=usuario_outro_orgao.pk).exists()


def test_superusuario_muda_membros_de_orgao(client_super, orgao, usuario_outro_orgao):
    url = f"/admin/contratos/orgao/{orgao.pk}/change/"
    resposta = client_super.post(
        url,
        {"sigla": orgao.sigla, "nome": orgao.nome, "uasg": orgao.uasg, "membros": [usuario_outro_orgao.pk]},
    )
    assert resposta.status_code == 302
    assert orgao.membros.filter(pk=usuario_outro_orgao.pk).exists()


# --- 8. Serviço profissional editável à mão; usuário gigante no login ---


def test_servico_profissional_abre_no_admin_para_incluir_e_alterar(client_admin_ref):
    versao = _versao(VersaoCatalogo.Tipo.PROFISSIONAIS)
    assert client_admin_ref.get("/admin/catalogo/servicoprofissional/add/").status_code == 200
    resposta = client_admin_ref.post(
        "/admin/catalogo/servicoprofissional/add/",
        {
            "versao": versao.pk,
            "codigo": "PROF-NOVO",
            "nome": "Consultoria",
            "unidade": "hora",
            "preco": "150.00",
            "descricao": "",
            "niveis_servico-TOTAL_FORMS": "0",
            "niveis_servico-INITIAL_FORMS": "0",
        },
    )
    assert resposta.status_code == 302, resposta.context["adminform"].form.errors if resposta.context else ""
    servico = versao.servicos_profissionais.get(codigo="PROF-NOVO")
    assert (
        client_admin_ref.get(f"/admin/catalogo/servicoprofissional/{servico.pk}/change/").status_code == 200
    )


def test_usuario_com_mais_de_150_caracteres_recebe_erro_e_nada_registra(client, db):
    resposta = client.post("/entrar/", {"username": "u" * 300, "password": "qualquer-coisa"})
    assert resposta.status_code == 200
    assert "150 caracteres" in resposta.content.decode()
    assert not AccessAttempt.objects.exists()


# --- 9. Bloqueio por usuário e endereço, teto por endereço; senhas ---


def _tentar(client, username, senha, endereco):
    return client.post("/entrar/", {"username": username, "password": senha}, REMOTE_ADDR=endereco)


def test_falhas_de_um_endereco_nao_trancam_o_usuario_em_outro(client, usuario_equipe):
    for _ in range(5):
        resposta = _tentar(client, "equipe", "senha-errada-qualquer", "198.51.100.7")
    assert resposta.status_code == 429
    resposta = _tentar(client, "equipe", SENHA, "203.0.113.20")
    assert resposta.status_code == 302


def test_pulverizar_uma_senha_em_20_usuarios_tranca_o_endereco(client, usuario_equipe):
    for i in range(20):
        _tentar(client, f"pessoa{i}", "Verao2026!!!", "198.51.100.9")
    # Até a senha certa de outro usuário é recusada desse endereço durante o bloqueio...
    assert _tentar(client, "equipe", SENHA, "198.51.100.9").status_code == 429
    # ...e não de outro endereço.
    assert _tentar(client, "equipe", SENHA, "203.0.113.30").status_code == 302


@pytest.mark.parametrize(
    "senha", ["aaaaaaaaaaaa", "abababababab", "123456789abc", "qwertyuiop12", "zyxwvutsrq99"]
)
def test_senhas_triviais_sao_recusadas(senha):
    with pytest.raises(ValidationError):
        validate_password(senha)


def test_senha_boa_passa():
    validate_password("frase-longa-e-segura-2026")
    validate_password(SENHA)


def test_garantir_acesso_recusa_senha_fraca(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "chefe")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a")
    with pytest.raises(CommandError, match="DJANGO_SUPERUSER_PASSWORD recusada"):
        call_command("garantir_acesso")
    assert not User.objects.filter(username="chefe").exists()


# --- 10. Cache-Control, cópia de segurança 0600, rascunhos de catálogo ---


def test_paginas_autenticadas_nao_ficam_em_cache(client_equipe):
    resposta = client_equipe.get("/")
    assert "no-store" in resposta["Cache-Control"]
    assert "private" in resposta["Cache-Control"]


def test_download_do_mapa_nao_fica_em_cache(client_equipe):
    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    resposta = client_equipe.get(f"/contratos/mapa-salarial/{mapa.pk}/exportar.csv")
    assert resposta.status_code == 200
    assert "no-store" in resposta["Cache-Control"]


def test_copia_de_seguranca_legivel_so_pelo_dono(db, tmp_path):
    arquivo = tmp_path / "copia.xml.gz"
    antes = os.umask(0o022)
    try:
        call_command("copia_seguranca", str(arquivo), stdout=open(os.devnull, "w"))  # noqa: SIM115
    finally:
        os.umask(antes)
    assert stat.S_IMODE(arquivo.stat().st_mode) == 0o600


def test_rascunho_de_catalogo_some_para_quem_so_le(client_consulta, client_admin_ref):
    rascunho = _versao(rotulo="2026.1-rascunho")
    for url in (f"/catalogo/versoes/{rascunho.pk}/", f"/catalogo/versoes/{rascunho.pk}/planilha.csv"):
        assert client_consulta.get(url).status_code == 404, url
        assert client_admin_ref.get(url).status_code == 200, url
    assert "2026.1-rascunho" not in client_consulta.get("/catalogo/").content.decode()
