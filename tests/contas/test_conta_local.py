"""Contas locais: esqueci a senha (link de uso único que vence), Minha conta e encerrar as outras sessões."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import SENHA

pytestmark = pytest.mark.django_db

NOVA = "outra-senha-bem-comprida-42"


def _entrar(client, senha=SENHA):
    """Pela tela de entrada, como uma pessoa (o django-axes exige o pedido; client.login não o tem)."""
    r = client.post(reverse("login"), {"username": "equipe", "password": senha})
    return r.status_code == 302


def _pedir_link(client, email):
    r = client.post(reverse("password_reset"), {"email": email})
    assert r.status_code == 302 and r["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    return re.search(r"https?://[^/]+(/contas/senha/redefinir/\S+/)", mail.outbox[0].body).group(1)


def _trocar(client, link, senha=NOVA):
    pagina = client.get(link, follow=True)  # o Django troca o token da URL pela sessão e redireciona
    url = pagina.redirect_chain[-1][0] if pagina.redirect_chain else link
    return pagina, client.post(url, {"new_password1": senha, "new_password2": senha})


def test_link_de_senha_funciona_uma_vez(client, usuario_equipe):
    usuario_equipe.email = "ana@orgex.gov.br"
    usuario_equipe.save()
    link = _pedir_link(client, "ana@orgex.gov.br")
    assert (
        "vence em 24 horas" in mail.outbox[0].body
        and mail.outbox[0].subject == "PlanejaTIC: criar senha nova"
    )

    pagina, r = _trocar(client, link)
    assert "Criar senha nova" in pagina.content.decode()
    assert r.status_code == 302 and r["Location"] == reverse("password_reset_complete")
    usuario_equipe.refresh_from_db()
    assert usuario_equipe.check_password(NOVA)

    outro = Client()
    segunda = outro.get(link, follow=True).content.decode()
    assert "Este link não vale mais: ele já foi usado ou venceu." in segunda
    assert _entrar(outro, NOVA)


def test_link_de_senha_vence(client, usuario_equipe, monkeypatch, settings):
    usuario_equipe.email = "ana@orgex.gov.br"
    usuario_equipe.save()
    link = _pedir_link(client, "ana@orgex.gov.br")
    depois = default_token_generator._now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 1)
    monkeypatch.setattr(default_token_generator, "_now", lambda: depois)
    texto = client.get(link, follow=True).content.decode()
    assert "Este link não vale mais" in texto
    usuario_equipe.refresh_from_db()
    assert usuario_equipe.check_password(SENHA)


def test_email_desconhecido_nao_revela_nada(client, db):
    r = client.post(reverse("password_reset"), {"email": "ninguem@exemplo.gov.br"})
    assert r.status_code == 302 and not mail.outbox


def test_senha_fraca_recusada_junto_ao_campo(client, usuario_equipe):
    usuario_equipe.email = "ana@orgex.gov.br"
    usuario_equipe.save()
    link = _pedir_link(client, "ana@orgex.gov.br")
    _, r = _trocar(client, link, senha="123")
    assert r.status_code == 200 and "feedback danger" in r.content.decode()
    usuario_equipe.refresh_from_db()
    assert usuario_equipe.check_password(SENHA)


def test_esqueci_a_senha_na_tela_de_entrada(client, db):
    texto = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in texto and "Esqueci a senha" in texto
    assert "Entrar com" not in texto  # sem GOVBR_CLIENT_ID, o botão do gov.br não aparece


def test_minha_conta_altera_nome_e_email(client_equipe, usuario_equipe):
    r = client_equipe.post(
        reverse("contas:minha_conta"),
        {"first_name": "Ana", "last_name": "Maria", "email": "ana@orgex.gov.br"},
    )
    assert r.status_code == 302
    usuario_equipe.refresh_from_db()
    assert (usuario_equipe.last_name, usuario_equipe.email) == ("Maria", "ana@orgex.gov.br")


def test_minha_conta_recusa_email_de_outra_conta(client_equipe, usuario_equipe, criar_usuario):
    criar_usuario("outra", email="ocupado@orgex.gov.br")
    r = client_equipe.post(
        reverse("contas:minha_conta"), {"first_name": "Ana", "last_name": "", "email": "ocupado@orgex.gov.br"}
    )
    assert r.status_code == 200 and "Este e-mail já é usado por outra conta." in r.content.decode()
    usuario_equipe.refresh_from_db()
    assert usuario_equipe.email == ""


def test_encerrar_as_outras_sessoes_derruba_a_outra(usuario_equipe):
    aqui, la = Client(), Client()
    assert _entrar(aqui) and _entrar(la)
    assert la.get("/").status_code == 200
    texto = aqui.get(reverse("contas:minha_conta")).content.decode()
    assert "Esta sessão" in texto and "Outra sessão" in texto

    r = aqui.post(reverse("contas:encerrar_outras"), follow=True)
    assert "1 outra(s) sessão(ões) encerrada(s)" in r.content.decode()
    assert la.get("/")["Location"].startswith(reverse("login"))
    assert aqui.get("/").status_code == 200


def test_alterar_a_senha_pela_minha_conta(client, usuario_equipe):
    assert _entrar(client)
    r = client.post(
        reverse("password_change"),
        {"old_password": SENHA, "new_password1": NOVA, "new_password2": NOVA},
    )
    assert r.status_code == 302 and r["Location"] == reverse("password_change_done")
    assert client.get(reverse("password_change_done")).status_code == 200
    usuario_equipe.refresh_from_db()
    assert usuario_equipe.check_password(NOVA)


def test_sair_tira_a_sessao_da_lista(usuario_equipe):
    from contas.models import SessaoAtiva

    c = Client()
    assert _entrar(c)
    assert SessaoAtiva.objects.filter(usuario=usuario_equipe).count() == 1
    c.post(reverse("logout"))
    assert not SessaoAtiva.objects.filter(usuario=usuario_equipe).exists()


def test_convidada_com_convite_vencido_pede_link_novo(client, criar_usuario):
    convidada = criar_usuario("clara@orgex.gov.br", email="clara@orgex.gov.br")
    convidada.set_unusable_password()
    convidada.save()
    link = _pedir_link(client, "clara@orgex.gov.br")
    _, r = _trocar(client, link)
    assert r.status_code == 302
    convidada.refresh_from_db()
    assert convidada.check_password(NOVA)


def test_conta_gov_br_nao_recebe_link_de_senha(client, criar_usuario):
    from contas.models import IdentidadeGovbr

    pessoa = criar_usuario("govbr-abc", email="maria@orgex.gov.br")
    IdentidadeGovbr.objects.create(usuario=pessoa, sub="52998224725", nivel="prata")
    client.post(reverse("password_reset"), {"email": "maria@orgex.gov.br"})
    assert not mail.outbox


def test_minha_conta_leva_ao_calendario_assinavel_do_act(client_equipe):
    """A seção que o acordo pendura em Minha conta (settings.MINHA_CONTA_SECOES)."""
    assert (
        reverse("acordo:meu_calendario") in client_equipe.get(reverse("contas:minha_conta")).content.decode()
    )
