"""Páginas do ACT: leitura para todos, escrita só para quem tem a permissão."""

import re
from datetime import date

import pytest
from django.urls import reverse

from acordo.models import Ocorrencia
from tests import consultas
from tests.consultas import consultas_exatas, visitar

pytestmark = pytest.mark.django_db


def test_pagina_do_acordo_mostra_objeto_participes_vigencia_e_falta_de_representantes(client_consulta, act):
    html = client_consulta.get(reverse("acordo:detalhe")).content.decode()
    assert "19974.002200/2024-01" in html
    assert "computação em nuvem de governo" in html
    assert "SERVIÇO FEDERAL DE PROCESSAMENTO DE DADOS - SERPRO" in html
    assert 'data-testid="termino">12/11/2029<' in html
    assert 'data-testid="representantes-vazio"' in html
    assert "22/11/2024" in html


def test_cronograma_mostra_as_7_acoes_com_prazo_escrito_e_calculado(client_consulta, act):
    html = client_consulta.get(reverse("acordo:cronograma")).content.decode()
    assert html.count("<tr data-acao=") == 7
    calculados = re.findall(r'data-testid="prazo-calculado">([^<]*)<', html)
    assert calculados == [
        "12/11/2024",
        "22/11/2024",
        "12/12/2024",
        "12/12/2024",
        "60 ocorrências, de 12/12/2024 a 12/11/2029",
        "60 ocorrências, de 12/12/2024 a 12/11/2029",
        "10 ocorrências, de 12/05/2025 a 12/11/2029",
    ]
    assert "Semestralmente, a contar da data de assinatura do ACT MGI Nº 142/2024." in html


def test_filtros_por_responsavel_situacao_e_periodo(client_consulta, act):
    url = reverse("acordo:cronograma")
    html = client_consulta.get(
        url, {"responsavel": "SERPRO", "de": "2024-12-01", "ate": "2024-12-31"}
    ).content
    datas = re.findall(r'data-vencimento="([\d-]+)"', html.decode())
    # dezembro/2024: os dois catálogos (SERPRO) e o monitoramento (ambos); a divulgação é só da SGD
    assert datas == ["2024-12-12"] * 3
    html = client_consulta.get(url, {"de": "2025-01-01", "ate": "2025-01-31"}).content.decode()
    # 12/01/2025 é domingo: as duas mensais vencem em 13/01/2025
    assert re.findall(r'data-vencimento="[\d-]+">([\d/]+)<', html) == ["13/01/2025", "13/01/2025"]
    html = client_consulta.get(url, {"situacao": "concluida"}).content.decode()
    assert re.findall(r'data-vencimento="([\d-]+)"', html) == ["2024-11-12"]


def test_filtro_invalido_mostra_erro_sem_quebrar(client_consulta, act):
    resposta = client_consulta.get(
        reverse("acordo:cronograma"), {"de": "2025-02-01", "ate": "2025-01-01", "situacao": "xyz"}
    )
    assert resposta.status_code == 200
    html = resposta.content.decode()
    assert "A data final do período deve ser igual ou posterior à inicial." in html
    assert "Faça uma escolha válida" in html or "Selecione uma escolha válida" in html


def test_cronograma_faz_as_mesmas_consultas_com_o_triplo_de_ocorrencias(client_consulta, act):
    url = reverse("acordo:cronograma")
    n = consultas.ACT_CRONOGRAMA
    visitar(client_consulta, url, n)
    # triplica as ocorrências (mais ações recorrentes) e confere a mesma contagem
    for acao in list(act.acoes.filter(tipo_prazo="recorrente")):
        for i in range(2):
            nova = act.acoes.create(
                ordem=10 + acao.ordem * 2 + i,
                descricao=f"Cópia {i}",
                prazo_texto="Mensalmente",
                tipo_prazo="recorrente",
                quantidade=acao.quantidade,
            )
            nova.responsaveis.set(acao.responsaveis.all())
    from acordo.services import ocorrencias_sincronizar

    ocorrencias_sincronizar(acordo=act)
    assert Ocorrencia.objects.count() > 3 * 130
    visitar(client_consulta, url, n)
    visitar(client_consulta, url, n, {"pagina": 5, "responsavel": "SGD/MGI"})


def test_ocorrencia_concluida_com_evidencia_e_historico(
    client_acompanhamento, usuario_acompanhamento, ocorrencia_atrasada
):
    url = reverse("acordo:concluir", args=[ocorrencia_atrasada.pk])
    client_acompanhamento.get(ocorrencia_atrasada.get_absolute_url())  # a página de onde se conclui
    with consultas_exatas(consultas.ACT_CONCLUIR):
        resposta = client_acompanhamento.post(
            url,
            {"data_conclusao": "2026-11-20", "numero_sei": "51234567", "link": "", "observacao": "Relatório"},
        )
    assert resposta.status_code == 302
    ocorrencia_atrasada.refresh_from_db()
    assert ocorrencia_atrasada.concluida and ocorrencia_atrasada.numero_sei == "51234567"
    assert ocorrencia_atrasada.concluida_por == usuario_acompanhamento
    registro = ocorrencia_atrasada.historico.first()
    assert registro.history_user == usuario_acompanhamento and registro.history_change_reason == "Concluída."
    html = client_acompanhamento.get(ocorrencia_atrasada.get_absolute_url()).content.decode()
    assert "Concluída com atraso" in html and "acompanha" in html


def test_concluir_sem_evidencia_nao_grava(client_acompanhamento, ocorrencia_atrasada):
    resposta = client_acompanhamento.post(
        reverse("acordo:concluir", args=[ocorrencia_atrasada.pk]),
        {"data_conclusao": "2026-11-20", "numero_sei": "", "link": ""},
    )
    assert resposta.status_code == 400
    assert "ao menos o número SEI ou um link" in resposta.content.decode()
    ocorrencia_atrasada.refresh_from_db()
    assert not ocorrencia_atrasada.concluida


def test_concluir_com_data_futura_ou_sei_invalido_nao_grava(client_acompanhamento, ocorrencia_atrasada):
    url = reverse("acordo:concluir", args=[ocorrencia_atrasada.pk])
    r = client_acompanhamento.post(url, {"data_conclusao": "2099-01-01", "numero_sei": "123"})
    assert "não pode estar no futuro" in r.content.decode()
    r = client_acompanhamento.post(url, {"data_conclusao": "2026-01-01", "numero_sei": "abc"})
    assert "só com dígitos" in r.content.decode()
    ocorrencia_atrasada.refresh_from_db()
    assert not ocorrencia_atrasada.concluida


def test_reabrir_exige_motivo_e_guarda_no_historico(client_acompanhamento, act):
    assinatura = Ocorrencia.objects.get(acao__acordo=act, acao__ordem=1)
    url = reverse("acordo:reabrir", args=[assinatura.pk])
    assert client_acompanhamento.post(url, {"motivo": "  "}).status_code == 400
    assinatura.refresh_from_db()
    assert assinatura.concluida
    assert client_acompanhamento.post(url, {"motivo": "Evidência errada"}).status_code == 302
    assinatura.refresh_from_db()
    assert not assinatura.concluida and assinatura.data_conclusao is None
    html = client_acompanhamento.get(assinatura.get_absolute_url()).content.decode()
    assert "Motivo: Evidência errada" in html
    assert "SEI 19974.002200/2024-01" in html  # a evidência anterior continua no histórico


@pytest.mark.parametrize("cliente", ["client_consulta", "client_equipe", "client_admin_ref"])
def test_quem_nao_acompanha_nao_registra(request, cliente, ocorrencia_atrasada):
    c = request.getfixturevalue(cliente)
    assert c.get(ocorrencia_atrasada.get_absolute_url()).status_code == 200
    r = c.post(
        reverse("acordo:concluir", args=[ocorrencia_atrasada.pk]),
        {"data_conclusao": "2026-11-20", "numero_sei": "1"},
    )
    assert r.status_code == 403
    assert (
        c.post(reverse("acordo:reabrir", args=[ocorrencia_atrasada.pk]), {"motivo": "x"}).status_code == 403
    )


@pytest.mark.parametrize("cliente", ["client_consulta", "client_acompanhamento"])
def test_so_administrador_altera_vigencia(request, cliente, act):
    c = request.getfixturevalue(cliente)
    assert c.get(reverse("acordo:vigencia")).status_code == 403
    assert (
        c.post(
            reverse("acordo:vigencia"),
            {"data_assinatura": "2024-11-13", "vigencia_meses": 60, "confirmar": "1"},
        ).status_code
        == 403
    )
    act.refresh_from_db()
    assert act.data_assinatura == date(2024, 11, 12)


def _designar(participe, papel, nome, **extra):
    from acordo.models import Representante

    return Representante.objects.create(
        participe=participe, papel=papel, nome=nome, data_designacao=date(2024, 11, 21), **extra
    )


def test_representantes_aparecem_com_papel_e_data_de_designacao(client_consulta, act):
    url = reverse("acordo:detalhe")
    visitar(client_consulta, url, consultas.ACT_DETALHE)
    sgd, serpro = act.participes.all()
    _designar(sgd, "titular", "Pessoa Titular SGD (teste)", email="titular@exemplo.gov.br")
    _designar(sgd, "suplente", "Pessoa Suplente SGD (teste)")
    _designar(serpro, "titular", "Pessoa Titular SERPRO (teste)", ato_designacao="12345678")
    html = visitar(client_consulta, url, consultas.ACT_DETALHE).content.decode()
    assert 'data-testid="representantes-vazio"' not in html
    assert "Pessoa Titular SGD (teste)" in html and "Suplente" in html and "21/11/2024" in html
    assert "SEI 12345678" in html


def test_um_so_titular_vigente_por_participe(act):
    from django.core.exceptions import ValidationError

    from acordo.models import Representante

    sgd = act.participes.get(sigla="SGD/MGI")
    _designar(sgd, "titular", "Primeira")
    segundo = Representante(participe=sgd, papel="titular", nome="Segunda", data_designacao=date(2025, 1, 2))
    with pytest.raises(ValidationError):
        segundo.full_clean()
    segundo.ativo = False  # designação anterior (substituída) pode ficar registrada
    segundo.full_clean()


def test_concluir_antes_da_assinatura_ou_duas_vezes_nao_grava(client_acompanhamento, ocorrencia_atrasada):
    url = reverse("acordo:concluir", args=[ocorrencia_atrasada.pk])
    r = client_acompanhamento.post(url, {"data_conclusao": "2024-11-11", "numero_sei": "123"})
    assert "anterior à assinatura do ACT (12/11/2024)" in r.content.decode()
    assert (
        client_acompanhamento.post(url, {"data_conclusao": "2025-01-10", "numero_sei": "1"}).status_code
        == 302
    )
    # segunda conclusão (ex.: aba antiga): não sobrescreve a evidência, avisa e mostra a situação atual
    r = client_acompanhamento.post(url, {"data_conclusao": "2025-01-11", "numero_sei": "2"}, follow=True)
    assert "já está concluída" in r.content.decode()
    ocorrencia_atrasada.refresh_from_db()
    assert (ocorrencia_atrasada.numero_sei, ocorrencia_atrasada.data_conclusao) == ("1", date(2025, 1, 10))
