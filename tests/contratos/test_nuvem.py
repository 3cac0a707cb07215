"""Itens de serviços de nuvem numa contratação (issue 6, item 5; DESIGN.md §4.3 e §4.7)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from catalogo.models import ServicoNuvem, VersaoCatalogo
from contratos import estimativa, selectors, services, totais
from contratos.anexo_a import ABA_ANEXO, AVISO_ILUSTRATIVO
from contratos.models import Item, LinhaNuvem, LinhaProfissional, OrdemServico
from tests import consultas
from tests.catalogo.conftest import servicos_nuvem
from tests.consultas import visitar
from tests.contratos.conftest import CAMPOS_OS
from tests.contratos.test_anexo_a import abrir, gerar, linha
from tests.contratos.test_estimativa import linha_servico
from tests.planilhas import recalcular

# (código, categoria, unidade, preço unitário com 4 casas, quantidade mensal fracionária)
SERVICOS = (
    ("VM-VCPU", "computacao", "vCPU/hora", "0.1234", "1460.5"),  # 180,2257 -> 180,23
    ("OBJ-GB", "armazenamento", "GB/mês", "0.0456", "2048.25"),  # 93,4002 -> 93,40
    ("BD-HORA", "banco_de_dados", "instância/hora", "12.3450", "3.5"),  # 43,2075 -> 43,21 (meio centavo)
    ("WAF-REG", "seguranca", "regra/mês", "1.5005", "17.3333"),  # 26,00861665 -> 26,01
)
# Conta feita à mão, linha a linha (arredonda cada linha, depois soma): 180,23 + 93,40 + 43,21 + 26,01.
NUVEM_MENSAL = D("342.85")
PERFIS_MENSAL = D("56152.38")  # exemplo trabalhado do DESIGN.md §4.3 (2 × ASUPCOMP-02 + 1 × GERINF)
MENSAL = PERFIS_MENSAL + NUVEM_MENSAL  # 56.495,23
ANUAL = D("677942.76")  # 12 × 56.495,23
PERIODO = D("677942.76")  # 12 meses


def nova_versao_catalogo(tipo, *, versao, aprovado=True, ilustrativo=False, referencia_sei=""):
    catalogo = VersaoCatalogo.objects.create(
        tipo=tipo, versao=versao, vigencia_inicio=date(2025, 1, 1), valores_ilustrativos=ilustrativo
    )
    if aprovado:  # uma só aprovada por catálogo: a anterior passa a substituída
        VersaoCatalogo.objects.filter(tipo=tipo, situacao="aprovado").update(situacao="substituido")
        VersaoCatalogo.objects.filter(pk=catalogo.pk).update(
            situacao="aprovado", data_aprovacao=date(2025, 1, 2), referencia_sei=referencia_sei
        )
        catalogo.refresh_from_db()
    return catalogo


def criar_catalogo(*, versao="2025.1", aprovado=True, ilustrativo=False, servicos=SERVICOS):
    catalogo = nova_versao_catalogo(
        VersaoCatalogo.Tipo.NUVEM,
        versao=versao,
        aprovado=aprovado,
        ilustrativo=ilustrativo,
        referencia_sei="SEI 00000.000001/2025-01",
    )
    ServicoNuvem.objects.bulk_create(servicos_nuvem(catalogo, servicos))
    return catalogo


def item_de_catalogo(contratacao, catalogo, *, numero, descricao, linhas):
    """Item do tipo do catálogo com `linhas` = [(código, ..., quantidade)] sobre os serviços da versão."""
    item = Item.objects.create(
        contratacao=contratacao, numero=numero, descricao=descricao, tipo=catalogo.tipo, catalogo=catalogo
    )
    if catalogo.tipo == VersaoCatalogo.Tipo.NUVEM:
        modelo, servicos = LinhaNuvem, catalogo.servicos_nuvem
    else:
        modelo, servicos = LinhaProfissional, catalogo.servicos_profissionais
    por_codigo = {s.codigo: s for s in servicos.all()}
    modelo.objects.bulk_create(
        modelo(item=item, servico=por_codigo[codigo], quantidade=D(qtd)) for codigo, *_, qtd in linhas
    )
    totais.gravar(contratacao_id=contratacao.pk, itens=[item.pk])  # como os serviços fazem
    return item


def item_nuvem(contratacao, catalogo, *, numero=2, linhas=SERVICOS):
    return item_de_catalogo(contratacao, catalogo, numero=numero, descricao="Nuvem de governo", linhas=linhas)


@pytest.fixture
def catalogo(db):
    return criar_catalogo()


@pytest.fixture
def com_nuvem(exemplo, catalogo):
    """O exemplo trabalhado (Item 1, perfis) e o Item 2 de nuvem com os 4 serviços."""
    item_nuvem(exemplo, catalogo)
    return exemplo


def test_total_da_contratacao_soma_os_dois_tipos_de_item(com_nuvem):
    est = selectors.resumir_contratacao(com_nuvem).estimativa
    assert [ic.subtotal_mensal for ic in est.itens] == [PERFIS_MENSAL, NUVEM_MENSAL]
    assert [lc.valor_mensal for lc in est.itens[1].linhas_nuvem] == [
        D("180.23"),
        D("93.40"),
        D("43.21"),
        D("26.01"),
    ]
    assert (est.mensal, est.anual, est.periodo) == (MENSAL, ANUAL, PERIODO)


def test_detalhe_mostra_o_total_com_a_nuvem(com_nuvem, client_equipe):
    texto = client_equipe.get(com_nuvem.get_absolute_url()).content.decode()
    assert "R$ 56.495,23" in texto and "R$ 677.942,76" in texto
    assert "R$ 342,85" in texto  # subtotal do item de nuvem
    assert "R$ 12,3450" in texto and "1.460,5" in texto  # preço com 4 casas, quantidade fracionária


def test_anexo_a_recalculado_pelo_libreoffice_bate_com_a_tela(com_nuvem, client_equipe):
    r = client_equipe.get(reverse("contratos:contratacao_anexo_a", args=[com_nuvem.pk]))
    pasta = recalcular(r.content)
    anexo = pasta.valores[ABA_ANEXO]
    assert D(str(anexo["I2"].value)).quantize(D("0.01")) == MENSAL
    assert D(str(anexo["I3"].value)).quantize(D("0.01")) == ANUAL
    assert D(str(anexo["I5"].value)).quantize(D("0.01")) == PERIODO
    formulas = abrir(r.content)[ABA_ANEXO]  # como gerada (o LibreOffice reescreve os formatos)
    linhas_nuvem = [
        row[0].row
        for row in formulas.iter_rows(min_col=2, max_col=2)
        if row[0].value in dict.fromkeys(s[0] for s in SERVICOS)
    ]
    assert len(linhas_nuvem) == 4
    for r_ in linhas_nuvem:
        assert formulas[f"I{r_}"].value == f"=ROUND(E{r_}*F{r_},2)"
        assert formulas[f"F{r_}"].number_format == '"R$" #,##0.0000'
    valores = [D(str(anexo[f"I{r_}"].value)).quantize(D("0.01")) for r_ in linhas_nuvem]
    assert valores == [D("180.23"), D("93.40"), D("43.21"), D("26.01")]
    subtotal = linhas_nuvem[-1] + 1
    assert formulas[f"I{subtotal}"].value == f"=SUM(I{linhas_nuvem[0]}:I{linhas_nuvem[-1]})"
    assert D(str(anexo[f"I{subtotal}"].value)).quantize(D("0.01")) == NUVEM_MENSAL


def test_catalogo_ilustrativo_avisado_na_tela_e_na_planilha(exemplo, client_equipe):
    item_nuvem(exemplo, criar_catalogo(ilustrativo=True))
    texto = client_equipe.get(exemplo.get_absolute_url()).content.decode()
    assert "valores ilustrativos" in texto.lower()
    wb = abrir(client_equipe.get(reverse("contratos:contratacao_anexo_a", args=[exemplo.pk])).content)
    textos = [c for row in wb[ABA_ANEXO].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert AVISO_ILUSTRATIVO in textos


def test_catalogo_oficial_sem_aviso(com_nuvem, client_equipe):
    texto = client_equipe.get(com_nuvem.get_absolute_url()).content.decode()
    assert "valores ilustrativos" not in texto.lower()


# --- página das linhas: totais ao vivo, gravação, erros ---


def _dados(servicos, linhas, *, versao=1):
    """POST do formset: linhas = [(código, quantidade, observação)]; `versao` do item lida na página."""
    por_codigo = {s.codigo: s.pk for s in servicos}
    dados = {"nuvem-TOTAL_FORMS": str(len(linhas)), "nuvem-INITIAL_FORMS": "0", "versao": str(versao)}
    for i, (codigo, qtd, obs) in enumerate(linhas):
        dados[f"nuvem-{i}-servico"] = str(por_codigo.get(codigo, codigo))
        dados[f"nuvem-{i}-quantidade"] = qtd
        dados[f"nuvem-{i}-observacao"] = obs
    return dados


@pytest.fixture
def item_vazio(exemplo, catalogo):
    return item_nuvem(exemplo, catalogo, linhas=())


def test_totais_ao_vivo_sem_gravar(item_vazio, catalogo, client_equipe):
    url = reverse("contratos:item_nuvem_calcular", args=[item_vazio.pk])
    r = client_equipe.post(url, _dados(catalogo.servicos_nuvem.all(), [("BD-HORA", "3,5", "")]))
    texto = r.content.decode()
    assert "R$ 43,21" in texto  # linha e item
    assert "R$ 56.195,59" in texto  # 56.152,38 + 43,21
    assert not LinhaNuvem.objects.exists()


def test_adicionar_e_remover_linha_por_htmx(item_vazio, catalogo, client_equipe):
    url = reverse("contratos:item_nuvem_linhas", args=[item_vazio.pk])
    dados = _dados(catalogo.servicos_nuvem.all(), [("BD-HORA", "3,5", "")])
    r = client_equipe.post(url + "?acao=adicionar", dados)
    assert r.content.decode().count('class="linha-nuvem"') == 2
    r = client_equipe.post(url + "?acao=remover&indice=0", dados)
    assert r.content.decode().count('class="linha-nuvem"') == 0


def test_salvar_linhas_com_quantidade_fracionaria(item_vazio, catalogo, client_equipe):
    url = reverse("contratos:item_nuvem", args=[item_vazio.pk])
    linhas = [(c, q.replace(".", ","), "obs") for c, *_, q in SERVICOS]
    r = client_equipe.post(url, _dados(catalogo.servicos_nuvem.all(), linhas))
    assert r.status_code == 302
    gravadas = list(item_vazio.linhas_nuvem.order_by("pk").values_list("quantidade", flat=True))
    assert gravadas == [D(q) for *_, q in SERVICOS]
    assert selectors.resumir_contratacao(item_vazio.contratacao).estimativa.mensal == MENSAL


@pytest.mark.parametrize(
    ("quantidade", "mensagem"),
    [
        ("0", "Informe uma quantidade maior que zero."),
        ("-2", "Informe uma quantidade maior que zero."),
        ("muito", "Informe a quantidade como número, por exemplo 1,5."),
        ("1,23456", "Use no máximo 4 casas decimais."),
        ("", "Informe a quantidade mensal."),
    ],
)
def test_quantidade_invalida_mensagem_junto_ao_campo_e_nada_gravado(
    item_vazio, catalogo, client_equipe, quantidade, mensagem
):
    url = reverse("contratos:item_nuvem", args=[item_vazio.pk])
    r = client_equipe.post(url, _dados(catalogo.servicos_nuvem.all(), [("OBJ-GB", quantidade, "")]))
    assert r.status_code == 200
    assert mensagem in r.content.decode()
    assert not LinhaNuvem.objects.exists()


def test_servico_de_outra_versao_recusado_no_formulario_e_no_servico(item_vazio, client_equipe):
    outra = criar_catalogo(versao="2026.1", aprovado=False)
    estranho = outra.servicos_nuvem.first()
    url = reverse("contratos:item_nuvem", args=[item_vazio.pk])
    r = client_equipe.post(url, _dados([estranho], [(estranho.codigo, "1", "")]))
    assert "Escolha um serviço da versão do catálogo fixada no item." in r.content.decode()
    with pytest.raises(ValidationError, match="versão do catálogo fixada"):
        services.item_nuvem_salvar_linhas(
            item=item_vazio, linhas=[LinhaNuvem(servico=estranho, quantidade=D("1"))]
        )
    assert not LinhaNuvem.objects.exists()


def test_item_de_perfis_nao_tem_linhas_de_nuvem_e_item_de_nuvem_nao_tem_os(exemplo, item_vazio, catalogo):
    perfis = exemplo.itens.get(numero=1)
    servico = catalogo.servicos_nuvem.first()
    with pytest.raises(ValidationError, match="Só um item de serviços de nuvem"):
        services.item_nuvem_salvar_linhas(item=perfis, linhas=[LinhaNuvem(servico=servico, quantidade=D(1))])
    ordem = OrdemServico(item=item_vazio, numero="OS nº 009/2026", **CAMPOS_OS)
    with pytest.raises(ValidationError, match="não tem OS"):
        services.ordem_servico_salvar(ordem=ordem, linhas=[])


def banco_recusa_quantidade_zero_e_item_sem_versao(item, servico):
    """Nos dois catálogos, o banco (não só o formulário) recusa a linha com quantidade zero e o item de
    catálogo sem a versão."""
    with pytest.raises(IntegrityError), transaction.atomic():
        item.linhas_de_catalogo.model.objects.create(item=item, servico=servico, quantidade=D("0"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.filter(pk=item.pk).update(catalogo=None)


def test_banco_recusa_quantidade_nao_positiva_e_item_de_nuvem_sem_catalogo(item_vazio, catalogo):
    banco_recusa_quantidade_zero_e_item_sem_versao(item_vazio, catalogo.servicos_nuvem.first())
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.filter(contratacao=item_vazio.contratacao, numero=1).update(catalogo=catalogo)


def test_novo_item_de_nuvem_exige_versao_aprovada(exemplo, client_equipe):
    rascunho = criar_catalogo(versao="2026.1", aprovado=False)
    url = reverse("contratos:item_criar", args=[exemplo.pk])
    novo = {"numero": "2", "descricao": "Nuvem", "tipo": "nuvem"}
    r = client_equipe.post(url, {**novo, "catalogo": rascunho.pk})
    assert r.status_code == 200 and not exemplo.itens.filter(numero=2).exists()
    r = client_equipe.post(url, novo)
    assert "Escolha a versão aprovada do catálogo de serviços de nuvem." in r.content.decode()
    rascunho.delete()
    aprovado = criar_catalogo()
    r = client_equipe.post(url, {**novo, "catalogo": aprovado.pk})
    item = exemplo.itens.get(numero=2)
    assert r["Location"] == reverse("contratos:item_nuvem", args=[item.pk])
    assert (item.tipo, item.catalogo) == ("nuvem", aprovado)


def test_tipo_do_item_nao_muda_depois_de_ter_linhas(com_nuvem):
    item = com_nuvem.itens.get(numero=2)
    item.tipo = Item.Tipo.PERFIS
    with pytest.raises(ValidationError, match="o tipo não pode mudar"):
        services.item_salvar(item=item)
    assert Item.objects.get(pk=item.pk).tipo == "nuvem"


def test_duplicar_copia_os_itens_de_nuvem(com_nuvem, usuario_equipe):
    nova = services.contratacao_duplicar(contratacao=com_nuvem, usuario=usuario_equipe)
    assert selectors.resumir_contratacao(nova).estimativa.mensal == MENSAL


def test_painel_inclui_a_nuvem(com_nuvem, usuario_equipe):
    dados = selectors.contratacoes_no_painel(usuario_equipe)
    assert dados["contratacoes"][0].estimativa.mensal == MENSAL


# --- acesso: o mesmo da contratação ---


def test_outro_orgao_recebe_404(item_vazio, client_outro_orgao):
    for nome in ("item_nuvem",):
        assert client_outro_orgao.get(reverse(f"contratos:{nome}", args=[item_vazio.pk])).status_code == 404
    for nome in ("item_nuvem_calcular", "item_nuvem_linhas"):
        assert client_outro_orgao.post(reverse(f"contratos:{nome}", args=[item_vazio.pk])).status_code == 404


def test_consulta_le_no_detalhe_e_nao_grava(com_nuvem, catalogo, client_consulta):
    item = com_nuvem.itens.get(numero=2)
    url = reverse("contratos:item_nuvem", args=[item.pk])
    assert client_consulta.get(url)["Location"] == item.get_absolute_url()
    r = client_consulta.post(url, _dados(catalogo.servicos_nuvem.all(), [("OBJ-GB", "1", "")]))
    assert r.status_code == 403
    assert client_consulta.post(reverse("contratos:item_nuvem_calcular", args=[item.pk])).status_code == 403
    texto = client_consulta.get(com_nuvem.get_absolute_url()).content.decode()
    assert "VM-VCPU" in texto and "Editar serviços de nuvem" not in texto


def test_item_de_perfis_nao_tem_pagina_de_nuvem(exemplo, client_equipe):
    perfis = exemplo.itens.get(numero=1)
    assert client_equipe.get(reverse("contratos:item_nuvem", args=[perfis.pk])).status_code == 404


# --- consultas não crescem com as linhas de nuvem ---


@pytest.mark.parametrize(
    "pagina, n",
    [
        ("detalhe", consultas.CONTRATACAO_DETALHE_COM_CATALOGO),
        ("nuvem", consultas.ITEM_NUVEM),
        ("os", consultas.OS_EDITAR),
    ],
)
def test_consultas_fixas_com_10_ou_500_linhas_de_nuvem(pagina, n, exemplo, client_equipe):
    for linhas in (10, 500):
        servicos = [(f"S-{i:04d}", "rede", "GB/mês", f"0.{1000 + i}", f"{i + 1}.25") for i in range(linhas)]
        catalogo = criar_catalogo(versao=f"v{linhas}", servicos=servicos)
        Item.objects.filter(contratacao=exemplo, numero=2).delete()
        item = item_nuvem(exemplo, catalogo, linhas=servicos)
        url = {
            "detalhe": exemplo.get_absolute_url(),
            "nuvem": reverse("contratos:item_nuvem", args=[item.pk]),
            "os": exemplo.ordens.first().get_absolute_url(),
        }[pagina]
        visitar(client_equipe, url, n)


def test_os_so_oferece_itens_de_perfis(item_vazio, client_equipe):
    exemplo = item_vazio.contratacao
    texto = client_equipe.get(reverse("contratos:os_criar", args=[exemplo.pk])).content.decode()
    assert "Item 1 –" in texto and "Item 2 – Nuvem" not in texto


def test_anexo_a_total_aponta_para_o_subtotal_de_cada_bloco_inclusive_nuvem_vazia():
    """Perfis, nuvem sem linhas e nuvem com linha: o total soma exatamente as células de subtotal."""
    nuvem = linha_servico(
        "OBJ-GB", "10.5", "0.0456", servico="Objeto", categoria="Armazenamento", unidade="GB/mês"
    )
    itens = [
        estimativa.Item(numero=1, descricao="Perfis", linhas=(linha("GERINF"),)),
        estimativa.Item(numero=2, descricao="Vazio", linhas=(), tipo="nuvem", catalogo="v1"),
        estimativa.Item(
            numero=3, descricao="Nuvem", linhas=(), tipo="nuvem", linhas_nuvem=(nuvem,), catalogo="v1"
        ),
    ]
    ws = abrir(gerar(estimativa.calcular_estimativa(itens, meses=12)))[ABA_ANEXO]
    subtotais = [c.row for c in ws["H"] if str(c.value).startswith("Subtotal mensal do Item")]
    assert ws["I2"].value == "=SUM(" + ",".join(f"I{r}" for r in subtotais) + ")"
    assert [ws[f"I{r}"].value for r in subtotais][1] == "=0"
    ultima = subtotais[2] - 1
    assert ws[f"B{ultima}"].value == "OBJ-GB" and ws[f"I{subtotais[2]}"].value == f"=SUM(I{ultima}:I{ultima})"
