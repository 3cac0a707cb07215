"""Propostas no navegador: cadastro, página lado a lado, acesso como a contratação e consultas fixas."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from contratos.models import LinhaPerfil
from contratos.propostas import regras, servicos
from contratos.propostas.models import LinhaProposta, Proposta
from tests import consultas
from tests.contratos.conftest import adicionar_os

CNPJS = ["11222333000181", "11444777000161", "45997418000153"]


def cnpj_valido(n: int) -> str:
    """CNPJ de teste com dígitos verificadores certos, a partir de uma raiz de 8 dígitos."""
    raiz = f"{n:08d}0001"
    return raiz + regras.digitos_verificadores(raiz)


def criar_proposta(contratacao, licitante, precos, *, cnpj=None, salarios=None):
    """Proposta com um preço por linha de perfil (na ordem das linhas); `salarios`: (salário, K) por linha."""
    linhas = list(LinhaPerfil.objects.filter(ordem__contratacao=contratacao).order_by("pk"))
    proposta = Proposta(
        contratacao=contratacao,
        licitante=licitante,
        cnpj=cnpj or cnpj_valido(Proposta.objects.count() + 1),
        data=date(2026, 3, 10),
    )
    ofertas = {}
    for indice, linha in enumerate(linhas):
        salario, k = (salarios[indice] if salarios else (None, None)) or (None, None)
        preco = precos[indice] if precos else None
        ofertas[linha.pk] = (
            D(preco) if preco else None,
            D(salario) if salario else None,
            D(k) if k else None,
        )
    return servicos.proposta_salvar(proposta=proposta, ofertas=ofertas)


def _dados(contratacao, **linhas):
    """POST do formulário: dados do licitante e, por código, (preço, salário, K)."""
    dados = {
        "licitante": "Empresa A",
        "cnpj": "11.222.333/0001-81",
        "data": "2026-03-10",
        "situacao": "recebida",
    }
    for linha in LinhaPerfil.objects.filter(ordem__contratacao=contratacao).select_related("perfil"):
        preco, salario, k = linhas.get(linha.perfil.codigo.replace("-", "_"), ("", "", ""))
        dados |= {f"preco_{linha.pk}": preco, f"salario_{linha.pk}": salario, f"k_{linha.pk}": k}
    return dados


def test_cadastro_pelo_navegador_com_preco_ou_salario_e_k(client_equipe, exemplo):
    url = reverse("contratos:contratacao_proposta_nova", args=[exemplo.pk])
    assert client_equipe.get(url).status_code == 200
    dados = _dados(exemplo, ASUPCOMP_02=("", "5.075,52", "2,12"), GERINF=("34.632,18", "", ""))
    resposta = client_equipe.post(url, dados)
    assert resposta.status_code == 302
    proposta = Proposta.objects.get()
    assert proposta.cnpj == "11222333000181"
    precos = sorted(LinhaProposta.objects.values_list("preco", "salario", "fator_k"))
    assert precos == [(D("10760.10"), D("5075.52"), D("2.12")), (D("34632.18"), None, None)]
    pagina = client_equipe.get(reverse("contratos:contratacao_propostas", args=[exemplo.pk])).content.decode()
    assert "Empresa A" in pagina and "R$ 56.152,38" in pagina


@pytest.mark.parametrize(
    ("campo", "valor", "mensagem"),
    [
        ("cnpj", "11.222.333/0001-82", "dígitos verificadores"),
        ("cnpj", "123", "14 dígitos"),
    ],
)
def test_cnpj_invalido_junto_ao_campo_e_nada_gravado(client_equipe, exemplo, campo, valor, mensagem):
    dados = _dados(exemplo, ASUPCOMP_02=("10.000,00", "", ""), GERINF=("30.000,00", "", "")) | {campo: valor}
    resposta = client_equipe.post(reverse("contratos:contratacao_proposta_nova", args=[exemplo.pk]), dados)
    assert resposta.status_code == 200 and mensagem in resposta.content.decode()
    assert not Proposta.objects.exists()


@pytest.mark.parametrize(
    ("asup", "mensagem"),
    [
        (("", "", ""), "Informe o preço unitário mensal, ou o salário e o Fator-K."),
        (("", "5.075,52", ""), "Informe o salário e o Fator-K juntos."),
        (("10.000,00", "5.075,52", "2,12"), "O preço não confere com salário × Fator-K (R$ 10.760,10)."),
        (("abc", "", ""), "Informe um número."),
        (("-1", "", ""), "Informe um valor maior que zero."),
    ],
)
def test_oferta_invalida_junto_a_linha_e_nada_gravado(client_equipe, exemplo, asup, mensagem):
    dados = _dados(exemplo, ASUPCOMP_02=asup, GERINF=("30.000,00", "", ""))
    resposta = client_equipe.post(reverse("contratos:contratacao_proposta_nova", args=[exemplo.pk]), dados)
    assert resposta.status_code == 200
    assert mensagem in resposta.content.decode()
    assert not Proposta.objects.exists() and not LinhaProposta.objects.exists()


def test_cnpj_repetido_na_contratacao(client_equipe, exemplo):
    criar_proposta(exemplo, "Primeira", ["10000.00", "30000.00"], cnpj="11222333000181")
    dados = _dados(exemplo, ASUPCOMP_02=("10.000,00", "", ""), GERINF=("30.000,00", "", ""))
    resposta = client_equipe.post(reverse("contratos:contratacao_proposta_nova", args=[exemplo.pk]), dados)
    assert "Já há uma proposta deste CNPJ nesta contratação." in resposta.content.decode()
    assert Proposta.objects.count() == 1


def test_lado_a_lado_mostra_marcas_e_ordena_pelo_total(client_equipe, exemplo):
    criar_proposta(exemplo, "Alfa Cara", ["16000.00", "34632.18"])  # 16.000 / 5.075,52 = K 3,15
    criar_proposta(exemplo, "Beta Barata", ["5000.00", "10000.00"])  # 20.000 < 50% de 56.152,38
    criar_proposta(exemplo, "Gama Salário", None, salarios=[("5075.51", "2.12"), ("17851.64", "1.94")])
    url = reverse("contratos:contratacao_propostas", args=[exemplo.pk])
    pagina = client_equipe.get(url).content.decode()
    assert pagina.count("diligência</span>") == 1
    assert pagina.count(">abaixo do mapa</span>") == 1
    assert pagina.count("indício de inexequibilidade</span>") == 1
    ordenada = client_equipe.get(url, {"ordem": "total"}).content.decode()
    assert ordenada.index("Beta Barata") < ordenada.index("Gama Salário") < ordenada.index("Alfa Cara")
    decrescente = client_equipe.get(url, {"ordem": "-total"}).content.decode()
    assert (
        decrescente.index("Alfa Cara") < decrescente.index("Gama Salário") < decrescente.index("Beta Barata")
    )
    # limiares como parâmetros: com K máximo 3,20 a proposta "Alfa Cara" deixa de ser marcada
    outra = client_equipe.get(url, {"k_maximo": "3,20"}).content.decode()
    assert "diligência</span>" not in outra and "3,20" in outra


def test_editar_e_excluir(client_equipe, exemplo):
    proposta = criar_proposta(exemplo, "Empresa A", ["10000.00", "30000.00"], cnpj="11222333000181")
    url = reverse("contratos:proposta_editar", args=[proposta.pk])
    assert "10.000,00" in client_equipe.get(url).content.decode()
    dados = _dados(exemplo, ASUPCOMP_02=("11.000,00", "", ""), GERINF=("30.000,00", "", "")) | {
        "licitante": "B"
    }
    assert client_equipe.post(url, dados).status_code == 302
    assert sorted(LinhaProposta.objects.values_list("preco", flat=True)) == [D("11000.00"), D("30000.00")]
    client_equipe.post(reverse("contratos:proposta_excluir", args=[proposta.pk]))
    assert not Proposta.objects.exists() and not LinhaProposta.objects.exists()


def test_acesso_consulta_le_outro_orgao_404(client_consulta, client_outro_orgao, exemplo):
    proposta = criar_proposta(exemplo, "Sigilosa Ltda", ["10000.00", "30000.00"])
    ler = reverse("contratos:contratacao_propostas", args=[exemplo.pk])
    xlsx = reverse("contratos:contratacao_propostas_xlsx", args=[exemplo.pk])
    escrever = [
        ("get", reverse("contratos:contratacao_proposta_nova", args=[exemplo.pk])),
        ("get", reverse("contratos:proposta_editar", args=[proposta.pk])),
        ("post", reverse("contratos:proposta_excluir", args=[proposta.pk])),
    ]
    assert "Sigilosa Ltda" in client_consulta.get(ler).content.decode()
    assert client_consulta.get(xlsx).status_code == 200
    for metodo, url in escrever:
        assert getattr(client_consulta, metodo)(url).status_code == 403
    for metodo, url in [("get", ler), ("get", xlsx), *escrever]:
        resposta = getattr(client_outro_orgao, metodo)(url)
        assert resposta.status_code == 404 and b"Sigilosa" not in resposta.content
    assert Proposta.objects.exists()


def _muitas(contratacao, propostas: int, linhas: int):
    codigos = ["ASUPCOMP-02", "ASUPCOMP-03", "TECSUP-03", "GERINF"]
    adicionar_os(contratacao, [(codigos[i % 4], 1 + i % 3, None, "") for i in range(linhas)])
    pks = list(LinhaPerfil.objects.filter(ordem__contratacao=contratacao).values_list("pk", flat=True))
    for p in range(propostas):
        proposta = Proposta(
            contratacao=contratacao, licitante=f"L{p}", cnpj=cnpj_valido(p + 1), data=date(2026, 3, 1)
        )
        servicos.proposta_salvar(proposta=proposta, ofertas={pk: (D(10000 + p), None, None) for pk in pks})


@pytest.mark.parametrize(("propostas", "linhas"), [(3, 10), (10, 500)])
def test_consultas_fixas_da_analise(client_equipe, nova_contratacao, propostas, linhas):
    contratacao = nova_contratacao()
    _muitas(contratacao, propostas, linhas)
    url = reverse("contratos:contratacao_propostas", args=[contratacao.pk])
    pagina = consultas.visitar(client_equipe, url, consultas.PROPOSTAS_ANALISE)
    assert pagina.content.decode().count('data-testid="licitante"') == propostas


@pytest.mark.parametrize(
    ("preco", "salario", "k", "aceita"),
    [
        ("10760.10", "5075.52", "2.12", True),  # 10.760,1024 → 10.760,10
        ("2500.13", "1000.05", "2.50", True),  # 2.500,125 → 2.500,13 (meio centavo para cima)
        ("10760.11", "5075.52", "2.12", False),
        ("10000.00", "5075.52", None, False),  # salário sem K
    ],
)
def test_banco_exige_preco_igual_a_salario_vezes_k(exemplo, preco, salario, k, aceita):
    from django.db import IntegrityError, transaction

    proposta = Proposta.objects.create(
        contratacao=exemplo, licitante="X", cnpj=CNPJS[0], data=date(2026, 3, 1)
    )
    linha = LinhaPerfil.objects.filter(ordem__contratacao=exemplo).first()
    criar = lambda: LinhaProposta.objects.create(  # noqa: E731
        proposta=proposta, linha=linha, preco=D(preco), salario=D(salario), fator_k=D(k) if k else None
    )
    if aceita:
        criar()
    else:
        with pytest.raises(IntegrityError), transaction.atomic():
            criar()
