"""Feed .ics, linha do tempo, Painel e alteração de assinatura/vigência com prévia."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from acordo import services
from acordo.models import DiaSemExpediente, Ocorrencia
from tests import consultas
from tests.consultas import visitar

pytestmark = pytest.mark.django_db


def _datas_do_cronograma(cliente, **filtros):
    """Todas as datas de vencimento mostradas no cronograma, percorrendo as páginas."""
    datas, pagina = [], 1
    while True:
        html = cliente.get(reverse("acordo:cronograma"), {**filtros, "pagina": pagina}).content.decode()
        datas += [date.fromisoformat(d) for d in re.findall(r'data-vencimento="([\d-]+)"', html)]
        if 'rel="next"' not in html:
            return datas
        pagina += 1


def _eventos(conteudo: bytes):
    cal = Calendar.from_ical(conteudo)
    return {str(e["UID"]): e.decoded("DTSTART") for e in cal.walk("VEVENT")}


def test_ics_de_todas_as_acoes_tem_as_datas_da_pagina(client_consulta, act):
    resposta = client_consulta.get(reverse("acordo:ics"))
    assert resposta["Content-Type"].startswith("text/calendar")
    eventos = _eventos(resposta.content)
    assert len(eventos) == 134
    assert sorted(eventos.values()) == sorted(_datas_do_cronograma(client_consulta))
    assert eventos["act-142-2024-acao-6-ocorrencia-2@planejatic"] == date(2025, 1, 13)
    assert all(type(d) is date for d in eventos.values())  # dia inteiro


@pytest.mark.parametrize(
    ("sigla", "total"), [("SERPRO", 1 + 1 + 1 + 1 + 60 + 10), ("SGD/MGI", 1 + 1 + 60 + 60 + 10)]
)
def test_ics_por_participe_tem_as_datas_do_cronograma_filtrado(client_consulta, act, sigla, total):
    eventos = _eventos(client_consulta.get(reverse("acordo:ics_participe", args=[sigla])).content)
    assert len(eventos) == total
    assert sorted(eventos.values()) == sorted(_datas_do_cronograma(client_consulta, responsavel=sigla))


def test_uid_do_ics_e_estavel_quando_a_data_muda(client_consulta, act, usuario_admin_ref):
    antes = _eventos(client_consulta.get(reverse("acordo:ics")).content)
    services.acordo_alterar_vigencia(
        acordo=act, data_assinatura=date(2024, 11, 13), vigencia_meses=60, usuario=usuario_admin_ref
    )
    depois = _eventos(client_consulta.get(reverse("acordo:ics")).content)
    assert set(antes) == set(depois)
    assert depois["act-142-2024-acao-5-ocorrencia-1@planejatic"] == date(2024, 12, 13)


def test_ics_de_participe_inexistente_e_404(client_consulta, act):
    assert client_consulta.get(reverse("acordo:ics_participe", args=["XYZ"])).status_code == 404


def test_previa_lista_o_que_muda_e_nao_grava(client_admin_ref, act):
    resposta = client_admin_ref.post(
        reverse("acordo:vigencia"), {"data_assinatura": "2024-11-12", "vigencia_meses": 66, "prever": "1"}
    )
    html = resposta.content.decode()
    assert resposta.status_code == 200
    assert "Prévia: novo término em 12/05/2030" in html
    # 6 meses a mais: 6 mensais × 2 ações + 1 semestral novas
    assert html.count("Nova ocorrência") == 13
    assert Ocorrencia.objects.count() == 134


def test_confirmar_recalcula_pendentes_e_mantem_concluidas(
    client_admin_ref, act, ocorrencia_atrasada, usuario_acompanhamento
):
    services.ocorrencia_concluir(
        ocorrencia=ocorrencia_atrasada,
        data_conclusao=date(2025, 1, 10),
        numero_sei="123",
        link="",
        observacao="",
        usuario=usuario_acompanhamento,
        hoje=date(2026, 11, 22),
    )
    resposta = client_admin_ref.post(
        reverse("acordo:vigencia"),
        {
            "data_assinatura": "2024-11-19",
            "vigencia_meses": 48,
            "previa_assinatura": "2024-11-19",
            "previa_meses": "48",
            "confirmar": "1",
        },
    )
    assert resposta.status_code == 302
    act.refresh_from_db()
    assert act.termino == date(2028, 11, 19)
    ocorrencia_atrasada.refresh_from_db()
    assert ocorrencia_atrasada.vencimento == date(2025, 1, 13)  # concluída: intocada
    mensal = Ocorrencia.objects.filter(acao__ordem=5).order_by("ordinal")
    assert mensal.count() == 48
    assert mensal.first().vencimento == date(2024, 12, 19)
    assert Ocorrencia.objects.get(acao__ordem=2).vencimento == date(2024, 11, 29)
    assert act.historico.first().history_user.username == "adminref"


def test_confirmar_valores_diferentes_da_previa_nao_grava(client_admin_ref, act):
    dados = {"data_assinatura": "2024-11-19", "vigencia_meses": 48, "confirmar": "1"}
    dados.update(previa_assinatura="2024-11-19", previa_meses="60")
    resposta = client_admin_ref.post(reverse("acordo:vigencia"), dados)
    assert resposta.status_code == 200
    assert "Os valores mudaram depois da prévia" in resposta.content.decode()
    act.refresh_from_db()
    assert (act.data_assinatura, act.vigencia_meses) == (date(2024, 11, 12), 60)


def test_vigencia_invalida_mostra_erro_e_nao_grava(client_admin_ref, act):
    resposta = client_admin_ref.post(
        reverse("acordo:vigencia"), {"data_assinatura": "31/02/2024", "vigencia_meses": 0, "confirmar": "1"}
    )
    assert resposta.status_code == 400
    html = resposta.content.decode()
    assert "feedback danger" in html
    act.refresh_from_db()
    assert act.vigencia_meses == 60


def test_dia_sem_expediente_recalcula_pendentes_pelo_servico(act):
    DiaSemExpediente.objects.create(data=date(2027, 5, 12), descricao="Ponto facultativo (exemplo de teste)")
    services.ocorrencias_sincronizar(acordo=act)
    assert Ocorrencia.objects.get(acao__ordem=7, ordinal=5).vencimento == date(2027, 5, 13)


def test_banco_recusa_conclusao_sem_evidencia(act):
    o = Ocorrencia.objects.filter(estado="pendente").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Ocorrencia.objects.filter(pk=o.pk).update(estado="concluida", data_conclusao=date(2025, 1, 1))


def test_linha_do_tempo_tem_um_marcador_por_ocorrencia_sem_style(client_consulta, act):
    html = client_consulta.get(reverse("acordo:linha_do_tempo")).content.decode()
    svg = html[html.index("<svg viewBox") : html.index("</svg>", html.index("<svg viewBox"))]
    assert svg.count("<circle") == 134
    assert "style=" not in html
    assert 'class="marcador situacao-concluida"' in svg and 'class="marcador situacao-atrasada"' in svg
    assert re.search(r'viewBox="0 0 1000 \d+"', svg)  # números sem separador de milhar


def test_painel_mostra_atrasadas_e_proximos_dias(client_consulta, act):
    html = client_consulta.get("/").content.decode()
    atrasadas = Ocorrencia.objects.filter(estado="pendente", vencimento__lt=timezone.localdate()).count()
    assert re.search(rf'data-testid="painel-atrasadas">{atrasadas}<', html)
    for n in (30, 60, 90):
        assert f'data-testid="painel-proximos-{n}"' in html
    assert "?situacao=atrasada" in html


def test_painel_conta_janelas_por_hoje(usuario_consulta, act):
    from acordo.selectors import painel_contexto

    dados = painel_contexto(usuario=usuario_consulta, hoje=date(2026, 11, 22))
    # até 22/12: monitoramento e divulgação de 14/12/2026 (12/12 é sábado)
    assert [j["total"] for j in dados["janelas"]] == [2, 4, 6]
    assert dados["atrasadas"]["total"] == 2 + 1 + 1 + 24 + 24 + 3


def test_acompanhamento_tem_a_permissao_de_registrar(usuario_acompanhamento, usuario_consulta):
    assert usuario_acompanhamento.has_perm("acordo.change_ocorrencia")
    assert not usuario_consulta.has_perm("acordo.change_ocorrencia")
    assert Permission.objects.filter(group__name="Consulta", codename="view_ocorrencia").exists()


def test_administrador_edita_acoes_e_dias_extras_pelo_admin(client_admin_ref, act):
    for url in (
        "/admin/acordo/acordo/",
        f"/admin/acordo/acordo/{act.pk}/change/",
        "/admin/acordo/acaocronograma/",
        "/admin/acordo/representante/add/",
        "/admin/acordo/ocorrencia/",
    ):
        assert client_admin_ref.get(url).status_code == 200, url
    resposta = client_admin_ref.post(
        "/admin/acordo/diasemexpediente/add/",
        {"data": "2027-05-12", "descricao": "Ponto facultativo (teste)"},
    )
    assert resposta.status_code == 302
    # a 5ª semestral (12/05/2027) passa para o dia útil seguinte, pelo serviço chamado no admin
    assert Ocorrencia.objects.get(acao__ordem=7, ordinal=5).vencimento == date(2027, 5, 13)


def test_pagina_da_ocorrencia_nao_cresce_em_consultas_com_o_historico(
    client_acompanhamento,
    usuario_acompanhamento,
    ocorrencia_atrasada,
):
    url = ocorrencia_atrasada.get_absolute_url()
    visitar(client_acompanhamento, url, consultas.ACT_OCORRENCIA)
    for i in range(5):
        services.ocorrencia_concluir(
            ocorrencia=ocorrencia_atrasada,
            data_conclusao=date(2025, 1, 13),
            numero_sei=str(100 + i),
            link="",
            observacao="",
            usuario=usuario_acompanhamento,
            hoje=date(2026, 11, 22),
        )
        services.ocorrencia_reabrir(
            ocorrencia=ocorrencia_atrasada, motivo=f"Teste {i}", usuario=usuario_acompanhamento
        )
    assert ocorrencia_atrasada.historico.count() >= 11
    visitar(client_acompanhamento, url, consultas.ACT_OCORRENCIA)


def test_mudar_o_prazo_de_uma_acao_no_admin_recalcula_as_pendentes(client_admin_ref, act):
    acao = act.acoes.get(ordem=2)
    dados = {
        "acordo": act.pk,
        "ordem": 2,
        "descricao": acao.descricao,
        "responsaveis": [p.pk for p in acao.responsaveis.all()],
        "prazo_texto": acao.prazo_texto,
        "tipo_prazo": "dias",
        "quantidade": 15,
        "data_fixa": "",
    }
    resposta = client_admin_ref.post(f"/admin/acordo/acaocronograma/{acao.pk}/change/", dados)
    assert resposta.status_code == 302
    assert Ocorrencia.objects.get(acao=acao).vencimento == date(2024, 11, 27)
    # parâmetro incoerente com o tipo: erro no campo, nada gravado
    dados.update(tipo_prazo="data_fixa", quantidade="")
    resposta = client_admin_ref.post(f"/admin/acordo/acaocronograma/{acao.pk}/change/", dados)
    assert resposta.status_code == 200 and "Informe a data do prazo fixo." in resposta.content.decode()
    acao.refresh_from_db()
    assert (acao.tipo_prazo, acao.quantidade) == ("dias", 15)


def test_ics_inalterado_responde_304_pelo_etag(client_consulta, act, usuario_admin_ref):
    url = reverse("acordo:ics")
    primeira = client_consulta.get(url)
    etag = primeira["ETag"]
    assert primeira.status_code == 200 and etag
    # O programa de calendário repete o ETag: cronograma inalterado, 304 sem corpo (e o mesmo ETag).
    inalterado = client_consulta.get(url, headers={"if-none-match": etag})
    assert inalterado.status_code == 304
    assert inalterado.content == b""
    assert inalterado["ETag"] == etag
    # Com compressão, o GZipMiddleware enfraquece o ETag (W/"..."): a comparação fraca também casa.
    comprimido = client_consulta.get(url, headers={"accept-encoding": "gzip"})
    assert comprimido["ETag"] == f"W/{etag}"
    assert client_consulta.get(url, headers={"if-none-match": comprimido["ETag"]}).status_code == 304
    # Cronograma alterado: outro ETag, o .ics inteiro de novo.
    services.acordo_alterar_vigencia(
        acordo=act, data_assinatura=date(2024, 11, 13), vigencia_meses=60, usuario=usuario_admin_ref
    )
    alterado = client_consulta.get(url, headers={"if-none-match": etag})
    assert alterado.status_code == 200
    assert alterado["ETag"] != etag
    assert _eventos(alterado.content)["act-142-2024-acao-5-ocorrencia-1@planejatic"] == date(2024, 12, 13)


def test_ics_por_participe_tem_o_seu_etag(client_consulta, act):
    todas = client_consulta.get(reverse("acordo:ics"))["ETag"]
    serpro = reverse("acordo:ics_participe", args=["SERPRO"])
    assert client_consulta.get(serpro, headers={"if-none-match": todas}).status_code == 200
