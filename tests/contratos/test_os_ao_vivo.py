"""O total ao vivo da OS e do item de catálogo (issue 19): o caminho rápido (linhas só validadas, sem
desenhar campos nem ler as gravadas) dá os mesmos números, ao centavo, que a página completa; e responde só
as linhas alteradas."""

import re

import pytest
from django.urls import reverse

from tests import consultas
from tests.consultas import consultas_exatas
from tests.contratos.test_estimativa_paginas import dados_os
from tests.contratos.test_nuvem import _dados, catalogo, item_vazio  # noqa: F401 (fixtures)

TOTAIS = re.compile(r'data-testid="(total-[a-z]+|linhas-fora)">(.*?)</', flags=re.S)
CELULAS = re.compile(r'id="((?:custo|valor)-linha-\d+)"[^>]*>([^<]*)<')


def _variadas(ordem) -> list[dict]:
    """As linhas gravadas como a página as envia, com o que a equipe faz ao editar: quantidades trocadas, K
    próprio justificado (arredonda diferente), K sem justificativa ou acima de 3,00, quantidade zero, K em
    branco (assume o do mapa), um perfil apagado e uma linha nova sem id."""
    linhas = []
    for i, linha in enumerate(ordem.linhas.order_by("pk")):
        dados = {
            "id": linha.pk,
            "perfil": linha.perfil_id,
            "quantidade": str(linha.quantidade + i % 3),
            "fator_k": f"{linha.fator_k:.2f}".replace(".", ","),
            "justificativa": "",
        }
        if i % 7 == 1:
            dados |= {"fator_k": "2,37", "justificativa": "Convenção coletiva local"}
        elif i % 11 == 2:
            dados["fator_k"] = "2,50"  # sem justificativa: fora do total
        elif i % 13 == 3:
            dados["quantidade"] = "0"
        elif i % 17 == 4:
            dados["fator_k"] = ""
        elif i % 19 == 5:
            dados |= {"fator_k": "3,50", "justificativa": "Acima do teto"}
        linhas.append(dados)
    linhas[len(linhas) // 2]["perfil"] = ""
    linhas.append({"perfil": linhas[0]["perfil"], "quantidade": "4", "fator_k": "", "justificativa": ""})
    return linhas


def _post(ordem):
    return dados_os(ordem.item, _variadas(ordem), numero=ordem.numero, versao=ordem.versao)


def _calcular(ordem):
    return reverse("contratos:os_calcular", args=[ordem.contratacao_id]) + f"?os={ordem.pk}"


@pytest.mark.parametrize("linhas", [3, 500])
def test_total_ao_vivo_da_os_igual_ao_da_pagina_completa(contratacao_com, client_equipe, linhas):
    contratacao = contratacao_com(linhas * 2, por_os=linhas)  # 2 OS: a outra entra pelos totais guardados
    ordem = contratacao.ordens.order_by("pk").first()
    dados = _post(ordem)
    # A página completa: o envio com linhas inválidas volta com os totais do formset desenhado.
    pagina = client_equipe.post(ordem.get_absolute_url(), dados).content.decode()
    ao_vivo = client_equipe.post(_calcular(ordem), dados).content.decode()
    totais = dict(TOTAIS.findall(pagina))
    assert {"total-os", "total-item", "total-mensal", "total-anual", "total-periodo", "linhas-fora"} <= set(
        totais
    )
    assert dict(TOTAIS.findall(ao_vivo)) == totais
    celulas = dict(CELULAS.findall(pagina))
    assert len(celulas) == 2 * (linhas + 1)
    assert dict(CELULAS.findall(ao_vivo)) == celulas  # cada custo e valor, ao centavo
    assert "—" in celulas.values() and any(v.startswith("R$") for v in celulas.values())


def test_total_ao_vivo_responde_so_as_linhas_alteradas(contratacao_com, client_equipe):
    ordem = contratacao_com(6, por_os=6).ordens.get()
    dados = _post(ordem)
    completa = client_equipe.post(_calcular(ordem), dados).content.decode()
    so_duas = client_equipe.post(_calcular(ordem), {**dados, "alteradas": "0,3,x,99"}).content.decode()
    assert set(dict(CELULAS.findall(so_duas))) == {
        "custo-linha-0",
        "valor-linha-0",
        "custo-linha-3",
        "valor-linha-3",
    }
    assert set(re.findall(r'id="(motivo-linha-\d+)"', so_duas)) == {"motivo-linha-0", "motivo-linha-3"}
    assert dict(TOTAIS.findall(so_duas)) == dict(TOTAIS.findall(completa))
    nenhuma = client_equipe.post(_calcular(ordem), {**dados, "alteradas": ""}).content.decode()
    assert CELULAS.findall(nenhuma) == [] and 'data-testid="total-os"' in nenhuma


@pytest.mark.parametrize("linhas", [10, 500])
def test_consultas_do_total_ao_vivo_nao_crescem_com_as_linhas(contratacao_com, client_equipe, linhas):
    ordem = contratacao_com(linhas, por_os=linhas).ordens.get()
    dados = _post(ordem)
    client_equipe.post(_calcular(ordem), dados)
    with consultas_exatas(consultas.OS_AO_VIVO):
        assert client_equipe.post(_calcular(ordem), dados).status_code == 200


NUVEM = re.compile(r'id="(valor-nuvem-\d+)"[^>]*>([^<]*)<')


def test_total_ao_vivo_do_item_de_catalogo_igual_ao_da_pagina_completa(item_vazio, catalogo, client_equipe):  # noqa: F811
    servicos = catalogo.servicos_nuvem.all()
    codigos = [s.codigo for s in servicos]
    quantidades = ["3,5", "0", "1,25", "abc", "2", "1,23456", "", "0,0001", "7"]
    linhas = [(codigos[i % len(codigos)], q, "") for i, q in enumerate(quantidades)]
    dados = _dados(servicos, linhas, versao=item_vazio.versao)
    pagina = client_equipe.post(reverse("contratos:item_nuvem", args=[item_vazio.pk]), dados)
    assert pagina.status_code == 200  # linhas inválidas: a página volta com os totais do formset desenhado
    calcular = reverse("contratos:item_nuvem_calcular", args=[item_vazio.pk])
    ao_vivo = client_equipe.post(calcular, dados).content.decode()
    totais = dict(TOTAIS.findall(pagina.content.decode()))
    assert {"total-item", "total-mensal", "total-anual", "linhas-fora"} <= set(totais)
    assert dict(TOTAIS.findall(ao_vivo)) == totais
    valores = dict(NUVEM.findall(pagina.content.decode()))
    assert len(valores) == len(quantidades) and "—" in valores.values()
    assert dict(NUVEM.findall(ao_vivo)) == valores
    so_uma = client_equipe.post(calcular, {**dados, "alteradas": "1"}).content.decode()
    assert list(dict(NUVEM.findall(so_uma))) == ["valor-nuvem-1"]
    assert dict(TOTAIS.findall(so_uma)) == totais
