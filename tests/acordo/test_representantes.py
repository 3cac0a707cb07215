"""Representantes titular e suplente geridos no app (issue 14, item 4): designar, substituir, histórico."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from acordo.models import Ocorrencia, Participe, Representante

URL = "/acordo/representantes/"


def _designar(cliente, act, **extra):
    participe = Participe.objects.get(acordo=act, sigla="SGD/MGI")
    dados = {
        "participe": participe.pk,
        "papel": "titular",
        "nome": "Maria Titular",
        "cargo": "Diretora",
        "email": "maria@sgd.gov.br",
        "telefone": "61 2020-0000",
        "data_designacao": "2024-11-20",
        "ato_designacao": "46330000",
        **extra,
    }
    return cliente.post(URL, dados)


def test_designar_e_substituir_guarda_o_historico(client_admin_ref, usuario_admin_ref, act):
    assert reverse("acordo:representantes") == URL
    assert _designar(client_admin_ref, act).status_code == 302
    maria = Representante.objects.get(nome="Maria Titular")
    assert maria.ativo and maria.historico.first().history_user == usuario_admin_ref

    assert _designar(client_admin_ref, act, nome="João Novo", data_designacao="2025-03-01").status_code == 302
    maria.refresh_from_db()
    joao = Representante.objects.get(nome="João Novo")
    assert joao.ativo and not maria.ativo
    assert maria.historico.first().history_change_reason == "Substituído por João Novo."
    html = client_admin_ref.get(URL).content.decode()
    assert "João Novo" in html and "Maria Titular" in html and "Substituído" in html
    # o suplente é outro papel: não substitui o titular
    assert _designar(client_admin_ref, act, nome="Ana Suplente", papel="suplente").status_code == 302
    assert Representante.objects.filter(ativo=True).count() == 2


def test_data_no_futuro_ou_anterior_a_vigente_erro_junto_ao_campo(client_admin_ref, act):
    amanha = timezone.localdate() + timedelta(days=1)
    resposta = _designar(client_admin_ref, act, data_designacao=f"{amanha:%Y-%m-%d}")
    assert resposta.status_code == 400
    assert resposta.context["form"].errors["data_designacao"] == [
        "A data de designação não pode estar no futuro."
    ]
    assert not Representante.objects.exists()

    _designar(client_admin_ref, act, data_designacao="2025-01-10")
    resposta = _designar(client_admin_ref, act, nome="Outro", data_designacao="2025-01-09")
    assert resposta.status_code == 400
    assert "anterior à vigente" in resposta.context["form"].errors["data_designacao"][0]
    assert Representante.objects.get().nome == "Maria Titular"


def test_email_obrigatorio_e_sei_com_digitos(client_admin_ref, act):
    resposta = _designar(client_admin_ref, act, email="", ato_designacao="abc")
    assert resposta.status_code == 400
    assert set(resposta.context["form"].errors) == {"email", "ato_designacao"}
    assert not Representante.objects.exists()


def test_consulta_e_equipe_leem_mas_nao_designam(client_consulta, client_equipe, act):
    for cliente in (client_consulta, client_equipe):
        html = cliente.get(URL).content.decode()
        assert "Registrar designação" not in html
        assert _designar(cliente, act).status_code == 403
    assert not Representante.objects.exists()


def test_ocorrencia_da_designacao_liga_aos_representantes(client_consulta, act):
    designacao = Ocorrencia.objects.get(acao__acordo=act, acao__ordem=2)
    assert f'href="{URL}"' in client_consulta.get(designacao.get_absolute_url()).content.decode()
    assert designacao.get_absolute_url() in client_consulta.get(URL).content.decode()
    assert date(2024, 11, 22) == designacao.vencimento
