"""Monitoramento mensal do ACT 142/2024 (issue 14, itens 1 e 2): somas conferidas à mão, sigilo entre
órgãos, permissões, XLSX recalculado no LibreOffice igual à página e consultas fixas."""

from datetime import date, datetime
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from acordo import monitoramento, relatorio_xlsx, selectors
from acordo.relatorio_xlsx import ABA_CATEGORIAS, ABA_ORGAOS, ABA_RESUMO, ABA_SERVICOS
from contratos.models import Contratacao
from tests.contratos.test_nuvem import criar_catalogo, item_nuvem
from tests.contratos.test_profissionais import criar_catalogo_profissional, item_profissional
from tests.planilhas import recalcular

# Órgão ORGEX (criada em 10/01/2025): nuvem VM-VCPU 1.460,5 × 0,1234 = 180,2257 -> 180,23;
# OBJ-GB 2.048,25 × 0,0456 = 93,4002 -> 93,40. Total 273,63.
# Órgão OUTRO (criada em 05/02/2025): nuvem VM-VCPU 10 × 0,1234 = 1,234 -> 1,23; BD-HORA 3,5 × 12,345 =
# 43,2075 -> 43,21; serviços profissionais PROF-HORA 10,5 × 150,00 = 1.575,00. Total 1.619,44.
LINHAS_A = (("VM-VCPU", "", "", "", "1460.5"), ("OBJ-GB", "", "", "", "2048.25"))
LINHAS_B = (("VM-VCPU", "", "", "", "10"), ("BD-HORA", "", "", "", "3.5"))
PROF_B = (("PROF-HORA", "", "", "10.5"),)
MENSAL_A = D("180.23") + D("93.40")
MENSAL_B = D("1.23") + D("43.21") + D("1575.00")
JANEIRO, FEVEREIRO = date(2025, 1, 1), date(2025, 2, 1)
# Medido: sessão, usuário, permissões (1: usuário e grupos numa consulta, contas/autenticacao.py), linhas de
# nuvem, linhas profissionais, versões publicadas (os estados derivam delas, core.versoes.estados_de), acordo,
# ocorrências, ocorrência deste
# relatório e a gravação da sessão (savepoint, update, release: é a primeira página do cliente; as seguintes,
# no mesmo minuto, não gravam, config/middleware.py). Não cresce com o número de contratações.
CONSULTAS_PAGINA = 12


def _criada_em(contratacao, dia: date):
    quando = timezone.make_aware(datetime(dia.year, dia.month, dia.day, 10, 0))
    Contratacao.objects.filter(pk=contratacao.pk).update(criada_em=quando, atualizada_em=quando)


@pytest.fixture
def dois_orgaos(act, nova_contratacao, orgao, outro_orgao):
    nuvem = criar_catalogo()
    prof = criar_catalogo_profissional()
    a = nova_contratacao(objeto="OBJETO-SIGILOSO-DO-ORGEX", numero_processo="11111.000001/2025-11")
    item = item_nuvem(a, nuvem, numero=1, linhas=LINHAS_A)
    item.linhas_nuvem.update(observacao="OBSERVACAO-SIGILOSA")
    b = nova_contratacao(org=outro_orgao, objeto="OBJETO-DO-OUTRO", numero_processo="22222.000002/2025-22")
    item_nuvem(b, nuvem, numero=1, linhas=LINHAS_B)
    item_profissional(b, prof, numero=2, linhas=PROF_B)
    _criada_em(a, date(2025, 1, 10))
    _criada_em(b, date(2025, 2, 5))
    return a, b


def _url(mes: date, nome="acordo:monitoramento_mes"):
    return reverse(nome, args=[mes.year, mes.month])


def test_somas_do_mes_conferidas_a_mao(dois_orgaos):
    hoje = date(2026, 12, 1)
    jan = selectors.relatorio_mensal(JANEIRO, hoje=hoje)
    assert (jan.totais.contratacoes, jan.totais.orgaos, jan.totais.mensal) == (1, 1, MENSAL_A)
    assert jan.novas.contratacoes == 1

    fev = selectors.relatorio_mensal(FEVEREIRO, hoje=hoje)
    assert fev.totais.mensal == MENSAL_A + MENSAL_B == D("1893.07")
    assert fev.totais.anual == D("1893.07") * 12
    assert (fev.totais.contratacoes, fev.totais.orgaos) == (2, 2)
    assert {a.nome: a.mensal for a in fev.por_orgao} == {"ORGEX": MENSAL_A, "OUTRO": MENSAL_B}
    assert {a.nome: a.mensal for a in fev.por_categoria} == {
        "Computação": D("181.46"),
        "Armazenamento": D("93.40"),
        "Banco de dados": D("43.21"),
        "Serviços profissionais": D("1575.00"),
    }
    assert [a.nome for a in fev.por_categoria][0] == "Computação"  # ordem do catálogo
    assert (fev.novas.contratacoes, fev.novas.mensal) == (1, MENSAL_B)
    servicos = {s.codigo: s for s in fev.por_servico}
    assert servicos["VM-VCPU"].quantidade == D("1470.5") and servicos["VM-VCPU"].orgaos == 2
    # usados por um só órgão: somados, sem código, sem quantidade
    assert servicos[""].servico == monitoramento.SERVICOS_RESERVADOS
    assert servicos[""].mensal == D("93.40") + D("43.21") + D("1575.00")
    assert servicos[""].quantidade is None
    assert sum(s.mensal for s in fev.por_servico) == fev.totais.mensal
    assert [v.versao for v in fev.versoes] == ["2025.1", "2025.1"]


def test_ocorrencias_do_mes(act):
    r = selectors.relatorio_mensal(JANEIRO, hoje=date(2026, 12, 1))
    # janeiro/2025: monitoramento 2ª (13/01) e divulgação 2ª vencem; nada concluído; em atraso no fim do mês:
    # designação, catálogos, e as mensais de dezembro e janeiro.
    assert {(o.acao, o.ordinal) for o in r.vencem} == {(5, 2), (6, 2)}
    assert r.concluidas == ()
    assert {(o.acao, o.ordinal) for o in r.atrasadas} == {
        (2, 1),
        (3, 1),
        (4, 1),
        (5, 1),
        (6, 1),
        (5, 2),
        (6, 2),
    }


def test_pagina_mostra_os_totais_e_nunca_as_linhas_de_um_orgao(client_acompanhamento, dois_orgaos):
    resposta = client_acompanhamento.get(_url(FEVEREIRO))
    assert resposta.status_code == 200
    html = resposta.content.decode()
    assert "R$ 1.893,07" in html and "R$ 22.716,84" in html  # 12 × 1.893,07
    assert "R$ 273,63" in html and "R$ 1.619,44" in html
    arquivo = client_acompanhamento.get(_url(FEVEREIRO, "acordo:monitoramento_xlsx")).content
    impressao = client_acompanhamento.get(_url(FEVEREIRO, "acordo:monitoramento_imprimir")).content.decode()
    assert "R$ 1.893,07" in impressao and "Gerado em" in impressao and 'class="menu-lateral"' not in impressao
    textos = " ".join(
        str(c)
        for ws in load_workbook(BytesIO(arquivo)).worksheets
        for row in ws.iter_rows(values_only=True)
        for c in row
        if c is not None
    )
    for saida in (html, impressao, textos):
        for segredo in (
            "OBJETO-SIGILOSO-DO-ORGEX",
            "OBJETO-DO-OUTRO",
            "11111.000001/2025-11",
            "22222.000002/2025-22",
            "OBSERVACAO-SIGILOSA",
            "Nuvem de governo",  # descrição do item
            "Apoio especializado",
            "OBJ-GB",  # serviço de um só órgão: não sai com código nem quantidade
            "BD-HORA",
            "PROF-HORA",
            "2.048,25",
            "1.460,5",
            "2048.25",
            "1460.5",
        ):
            assert segredo not in saida, segredo
    assert "1.470,5" in html  # a quantidade somada dos dois órgãos


@pytest.mark.parametrize("cliente", ["client_equipe", "client_consulta", "client_outro_orgao"])
def test_equipe_e_consulta_de_um_orgao_nao_veem_o_relatorio_de_todos(request, cliente, dois_orgaos):
    c = request.getfixturevalue(cliente)
    for nome in ("acordo:monitoramento_mes", "acordo:monitoramento_xlsx", "acordo:balanco_mes"):
        assert c.get(_url(FEVEREIRO, nome)).status_code == 403
    assert c.get(reverse("acordo:monitoramento")).status_code == 403


def test_administrador_de_referencias_ve_e_mes_invalido_ou_futuro_e_404(client_admin_ref, act):
    assert client_admin_ref.get(_url(FEVEREIRO)).status_code == 200
    hoje = timezone.localdate()
    futuro = monitoramento.somar_meses(hoje.replace(day=1), 1)
    assert client_admin_ref.get(_url(futuro)).status_code == 404
    assert client_admin_ref.get("/acordo/monitoramento/2025-13/").status_code == 404
    assert client_admin_ref.get("/acordo/monitoramento/2024-10/").status_code == 404
    assert client_admin_ref.get(reverse("acordo:monitoramento")).status_code == 302


def test_xlsx_recalculado_no_libreoffice_igual_a_pagina(client_acompanhamento, dois_orgaos):
    r = selectors.relatorio_mensal(FEVEREIRO, hoje=timezone.localdate())
    pasta = recalcular(client_acompanhamento.get(_url(FEVEREIRO, "acordo:monitoramento_xlsx")).content)
    resumo = {linha[0]: linha[1] for linha in pasta.linhas(ABA_RESUMO) if linha and linha[0]}
    assert D(str(resumo["Valor mensal estimado"])).quantize(D("0.01")) == r.totais.mensal
    assert D(str(resumo["Valor anual estimado"])).quantize(D("0.01")) == r.totais.anual
    por_orgao = {lin[0]: D(str(lin[2])).quantize(D("0.01")) for lin in pasta.linhas(ABA_ORGAOS)[1:]}
    assert por_orgao == {"ORGEX": MENSAL_A, "OUTRO": MENSAL_B, "Total": r.totais.mensal}
    por_categoria = {lin[0]: D(str(lin[3])).quantize(D("0.01")) for lin in pasta.linhas(ABA_CATEGORIAS)[1:]}
    assert por_categoria == {**{a.nome: a.mensal for a in r.por_categoria}, "Total": r.totais.mensal}
    servicos = pasta.linhas(ABA_SERVICOS)
    assert D(str(servicos[-1][6])).quantize(D("0.01")) == r.totais.mensal
    # fórmulas vivas, não valores congelados
    assert str(pasta.formulas[ABA_ORGAOS]["C2"].value).startswith("=SUMIF(")
    assert pasta.formulas[ABA_RESUMO]["B8"].value == "=B7*12"


def test_texto_de_orgao_que_parece_formula_vai_como_texto(act):
    r = monitoramento.relatorio_mensal(
        [
            monitoramento.LinhaCatalogo(
                orgao='=HYPERLINK("x")',
                contratacao=1,
                criada=date(2025, 1, 2),
                atualizada=date(2025, 1, 2),
                categoria="Computação",
                codigo="C",
                servico="S",
                quantidade=D(1),
                preco=D(2),
            )
        ],
        mes=JANEIRO,
        hoje=date(2026, 1, 1),
    )
    conteudo = relatorio_xlsx.gerar_xlsx(r, gerado_em=datetime(2026, 1, 1, 9), gerado_por="Ana")
    ws = load_workbook(BytesIO(conteudo))[relatorio_xlsx.ABA_CELULAS]
    assert ws["A2"].value == '=HYPERLINK("x")' and ws["A2"].data_type == "s"


@pytest.mark.parametrize("pagina", ["acordo:monitoramento_mes", "acordo:balanco_mes"])
@pytest.mark.parametrize("quantas", [2, 200])
def test_consultas_da_pagina_nao_crescem(
    quantas,
    pagina,
    act,
    nova_contratacao,
    orgao,
    outro_orgao,
    client_acompanhamento,
    django_assert_num_queries,
):
    nuvem = criar_catalogo()
    for i in range(quantas):
        c = nova_contratacao(org=orgao if i % 2 else outro_orgao)
        item_nuvem(c, nuvem, numero=1)
    mes = timezone.localdate().replace(day=1)
    with django_assert_num_queries(CONSULTAS_PAGINA):
        resposta = client_acompanhamento.get(_url(mes, pagina))
    assert resposta.status_code == 200
    assert f'<dd data-testid="total-contratacoes">{quantas}</dd>' in resposta.content.decode()


def test_balanco_semestral_serie_e_comparacao(client_acompanhamento, dois_orgaos):
    b = selectors.balanco_semestral(date(2025, 4, 1), hoje=date(2026, 12, 1))
    assert b.primeiro_mes == date(2024, 11, 1)
    assert [p.totais.mensal for p in b.serie] == [
        0,
        0,
        MENSAL_A,
        MENSAL_A + MENSAL_B,
        *[MENSAL_A + MENSAL_B] * 2,
    ]
    assert b.anterior.contratacoes == 0 and b.variacao_mensal is None
    seguinte = selectors.balanco_semestral(date(2025, 10, 1), hoje=date(2026, 12, 1))
    assert seguinte.anterior.mensal == MENSAL_A + MENSAL_B and seguinte.variacao_mensal == D("0.00")
    assert seguinte.novas.contratacoes == 0
    resposta = client_acompanhamento.get(_url(date(2025, 4, 1), "acordo:balanco_mes"))
    html = resposta.content.decode()
    assert resposta.status_code == 200
    assert 'data-testid="grafico-serie"' in html and 'data-testid="serie"' in html
    assert html.count("<rect ") == 6
    # as ocorrências do balanço são as do semestre inteiro (11/2024 a 04/2025), não só as do último mês
    vencem = {(o.acao, o.ordinal) for o in b.ultimo.vencem}
    assert {(1, 1), (2, 1), (6, 1), (6, 5)} <= vencem and (7, 1) not in vencem  # o balanço 1 vence em 05/2025
    assert len(b.ultimo.vencem) == 1 + 1 + 2 + 5 + 5  # assinatura, designação, 2 catálogos, 5 e 5 mensais
    assert "Vencem no semestre" in html
