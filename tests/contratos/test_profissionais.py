"""Itens de serviços profissionais (catálogo SERPRO de serviços profissionais; issue 10, defeito 7)."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from catalogo.models import ServicoProfissional, VersaoCatalogo
from contratos import selectors, services
from contratos.anexo_a import ABA_ANEXO
from contratos.models import LinhaProfissional
from tests import consultas
from tests.consultas import visitar
from tests.contratos.test_anexo_a import abrir
from tests.contratos.test_nuvem import MENSAL as MENSAL_PERFIS_E_NUVEM
from tests.contratos.test_nuvem import (
    _dados,
    banco_recusa_quantidade_zero_e_item_sem_versao,
    criar_catalogo,
    item_de_catalogo,
    item_nuvem,
    nova_versao_catalogo,
)
from tests.planilhas import recalcular

# (código, unidade, preço com 2 casas, quantidade mensal na unidade do serviço)
SERVICOS = (
    ("PROF-HORA", "hora", "150.00", "10.5"),  # 1.575,00
    ("PROF-UST", "ust", "87.33", "33.33"),  # 2.910,7089 -> 2.910,71
    ("PROF-MES", "mes", "12345.67", "1"),  # 12.345,67
)
PROF_MENSAL = D("16831.38")  # 1.575,00 + 2.910,71 + 12.345,67, conta feita à mão
MENSAL = MENSAL_PERFIS_E_NUVEM + PROF_MENSAL  # 56.495,23 + 16.831,38 = 73.326,61
ANUAL = D("879919.32")  # 12 × 73.326,61


def criar_catalogo_profissional(*, versao="2025.1"):
    catalogo = nova_versao_catalogo(
        VersaoCatalogo.Tipo.PROFISSIONAIS, versao=versao, referencia_sei="SEI 00000.000002/2025-01"
    )
    for codigo, unidade, preco, _ in SERVICOS:
        ServicoProfissional.objects.create(
            versao=catalogo, codigo=codigo, nome=f"Serviço {codigo}", unidade=unidade, preco=D(preco)
        )
    return catalogo


def item_profissional(contratacao, catalogo, *, numero=3, linhas=SERVICOS):
    descricao = "Apoio especializado"
    return item_de_catalogo(contratacao, catalogo, numero=numero, descricao=descricao, linhas=linhas)


@pytest.fixture
def catalogo_prof(db):
    return criar_catalogo_profissional()


@pytest.fixture
def tres_tipos(exemplo, catalogo_prof):
    """Item 1 de perfis (exemplo trabalhado), Item 2 de nuvem e Item 3 de serviços profissionais."""
    item_nuvem(exemplo, criar_catalogo())
    item_profissional(exemplo, catalogo_prof)
    return exemplo


def test_total_soma_os_tres_tipos_de_item(tres_tipos):
    est = selectors.resumir_contratacao(tres_tipos).estimativa
    assert [lc.valor_mensal for lc in est.itens[2].linhas_nuvem] == [
        D("1575.00"),
        D("2910.71"),
        D("12345.67"),
    ]
    assert est.itens[2].subtotal_mensal == PROF_MENSAL
    assert (est.mensal, est.anual) == (MENSAL, ANUAL)


def test_detalhe_mostra_o_item_de_servicos_profissionais(tres_tipos, client_equipe):
    texto = client_equipe.get(tres_tipos.get_absolute_url()).content.decode()
    assert "R$ 73.326,61" in texto and "R$ 879.919,32" in texto
    assert "R$ 16.831,38" in texto and "R$ 87,33" in texto and "33,33" in texto
    assert "Serviços profissionais do Item 3" in texto


def test_anexo_a_com_os_tres_tipos_recalculado_pelo_libreoffice_bate_com_a_tela(tres_tipos, client_equipe):
    r = client_equipe.get(reverse("contratos:contratacao_anexo_a", args=[tres_tipos.pk]))
    anexo = recalcular(r.content).valores[ABA_ANEXO]
    assert D(str(anexo["I2"].value)).quantize(D("0.01")) == MENSAL
    assert D(str(anexo["I3"].value)).quantize(D("0.01")) == ANUAL
    formulas = abrir(r.content)[ABA_ANEXO]
    linhas = [
        row[0].row
        for row in formulas.iter_rows(min_col=2, max_col=2)
        if row[0].value in {s[0] for s in SERVICOS}
    ]
    assert len(linhas) == 3
    for n in linhas:
        assert formulas[f"I{n}"].value == f"=ROUND(E{n}*F{n},2)"
        assert formulas[f"F{n}"].number_format == '"R$" #,##0.00'
    valores = [D(str(anexo[f"I{n}"].value)).quantize(D("0.01")) for n in linhas]
    assert valores == [D("1575.00"), D("2910.71"), D("12345.67")]
    subtotal = linhas[-1] + 1
    assert formulas[f"I{subtotal}"].value == f"=SUM(I{linhas[0]}:I{linhas[-1]})"
    textos = [c for row in formulas.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any("serviços profissionais: " in t for t in textos)


def _dados_prof(catalogo, linhas):
    return _dados(catalogo.servicos_profissionais.all(), linhas)


@pytest.fixture
def item_prof_vazio(exemplo, catalogo_prof):
    return item_profissional(exemplo, catalogo_prof, numero=2, linhas=())


def test_pagina_de_linhas_grava_servicos_profissionais(item_prof_vazio, catalogo_prof, client_equipe):
    url = reverse("contratos:item_nuvem", args=[item_prof_vazio.pk])
    pagina = client_equipe.get(url).content.decode()
    assert "Serviços profissionais e quantidades mensais" in pagina
    assert "PROF-UST – Serviço PROF-UST (R$ 87,33/ust)" in pagina
    r = client_equipe.post(
        url, _dados_prof(catalogo_prof, [("PROF-UST", "33,33", ""), ("PROF-HORA", "10,5", "")])
    )
    assert r.status_code == 302
    assert list(item_prof_vazio.linhas_profissionais.values_list("quantidade", flat=True)) == [
        D("33.33"),
        D("10.50"),
    ]
    assert selectors.resumir_contratacao(item_prof_vazio.contratacao).estimativa.mensal == D("56152.38") + D(
        "4485.71"
    )


def test_totais_ao_vivo_do_item_profissional(item_prof_vazio, catalogo_prof, client_equipe):
    url = reverse("contratos:item_nuvem_calcular", args=[item_prof_vazio.pk])
    texto = client_equipe.post(url, _dados_prof(catalogo_prof, [("PROF-UST", "33,33", "")])).content.decode()
    assert "R$ 2.910,71" in texto and "R$ 59.063,09" in texto  # 56.152,38 + 2.910,71
    assert not LinhaProfissional.objects.exists()


@pytest.mark.parametrize(
    ("quantidade", "mensagem"),
    [("0", "Informe uma quantidade maior que zero."), ("1,234", "Use no máximo 2 casas decimais.")],
)
def test_quantidade_invalida_nada_gravado(
    item_prof_vazio, catalogo_prof, client_equipe, quantidade, mensagem
):
    url = reverse("contratos:item_nuvem", args=[item_prof_vazio.pk])
    r = client_equipe.post(url, _dados_prof(catalogo_prof, [("PROF-HORA", quantidade, "")]))
    assert r.status_code == 200
    assert mensagem in r.content.decode()
    assert not LinhaProfissional.objects.exists()


def test_item_profissional_exige_catalogo_do_seu_tipo(exemplo, client_equipe):
    nuvem = criar_catalogo()
    r = client_equipe.post(
        reverse("contratos:item_criar", args=[exemplo.pk]),
        {"numero": "2", "descricao": "Apoio", "tipo": "profissionais", "catalogo": str(nuvem.pk)},
    )
    assert r.status_code == 200
    assert "Escolha uma versão do catálogo de serviços profissionais." in r.content.decode()
    assert not exemplo.itens.filter(numero=2).exists()


def test_item_profissional_criado_leva_as_linhas(exemplo, catalogo_prof, client_equipe):
    r = client_equipe.post(
        reverse("contratos:item_criar", args=[exemplo.pk]),
        {"numero": "2", "descricao": "Apoio", "tipo": "profissionais", "catalogo": str(catalogo_prof.pk)},
    )
    item = exemplo.itens.get(numero=2)
    assert r["Location"] == reverse("contratos:item_nuvem", args=[item.pk])


def test_banco_recusa_quantidade_zero_e_item_de_catalogo_sem_versao(item_prof_vazio, catalogo_prof):
    servico = catalogo_prof.servicos_profissionais.first()
    banco_recusa_quantidade_zero_e_item_sem_versao(item_prof_vazio, servico)


def test_outro_orgao_recebe_404(item_prof_vazio, client_outro_orgao):
    assert (
        client_outro_orgao.get(reverse("contratos:item_nuvem", args=[item_prof_vazio.pk])).status_code == 404
    )


def test_pagina_das_linhas_com_10_ou_500_linhas_faz_as_mesmas_consultas(
    exemplo, catalogo_prof, client_equipe
):
    for n, numero in ((10, 2), (500, 3)):
        item = item_profissional(exemplo, catalogo_prof, numero=numero, linhas=[SERVICOS[0]] * n)
        visitar(client_equipe, reverse("contratos:item_nuvem", args=[item.pk]), consultas.ITEM_PROFISSIONAL)


def test_duplicar_copia_as_linhas_profissionais(tres_tipos, usuario_equipe):
    copia = services.contratacao_duplicar(contratacao=tres_tipos, usuario=usuario_equipe)
    assert copia.pk != tres_tipos.pk
    assert LinhaProfissional.objects.filter(item__contratacao=copia).count() == 3
    assert selectors.resumir_contratacao(copia).estimativa.mensal == MENSAL
