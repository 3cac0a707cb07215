"""Páginas de leitura: todos os perfis leem, com níveis de serviço, aviso de valores ilustrativos e
número de consultas que não cresce com o número de serviços."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from catalogo.models import VersaoCatalogo
from tests import consultas
from tests.consultas import visitar


@pytest.mark.parametrize(
    "cliente", ["client_equipe", "client_consulta", "client_acompanhamento", "client_admin_ref"]
)
def test_todos_os_perfis_leem_o_catalogo_vigente_com_aviso_ilustrativo(request, cliente, catalogo_exemplo):
    c = request.getfixturevalue(cliente)
    resposta = c.get(reverse("catalogo:vigente", args=["nuvem"]))
    assert resposta.status_code == 200
    html = resposta.content.decode()
    assert "Valores ilustrativos" in html
    assert "CMP-VCPU" in html and "vCPU/hora" in html
    assert "R$ 0,0412" in html  # preço unitário com 4 casas
    assert "Disponibilidade mensal" in html  # nível de serviço do serviço


def test_catalogo_de_servicos_profissionais_mostra_unidade_e_preco(client_consulta, catalogo_exemplo):
    html = client_consulta.get(reverse("catalogo:vigente", args=["profissionais"])).content.decode()
    assert "SP-SUST" in html and "Mês" in html and "R$ 18.500,00" in html
    assert "Cumprimento do prazo da Ordem de Serviço" in html
    assert "Substituição de profissional" in html  # nível do catálogo
    assert "Valores ilustrativos" in html


def test_busca_e_filtro_por_categoria(client_consulta, catalogo_exemplo):
    url = reverse("catalogo:vigente", args=["nuvem"])
    html = client_consulta.get(url, {"q": "postgres"}).content.decode()
    assert "BD-PG" in html and "BD-MYSQL" not in html
    html = client_consulta.get(url, {"categoria": "seguranca"}).content.decode()
    assert "SEG-WAF" in html and "CMP-VCPU" not in html
    html = client_consulta.get(url, {"q": "inexistente-xyz"}).content.decode()
    assert "Nenhum serviço corresponde ao filtro" in html


def test_sem_versao_vigente_mostra_estado_vazio(client_consulta, db):
    resposta = client_consulta.get(reverse("catalogo:vigente", args=["nuvem"]))
    assert resposta.status_code == 200
    assert "Não há versão aprovada" in resposta.content.decode()


def test_tipo_desconhecido_responde_404(client_consulta, db):
    assert client_consulta.get(reverse("catalogo:vigente", args=["outro"])).status_code == 404


def test_usuario_sem_grupo_nao_le(criar_usuario, client, catalogo_exemplo):
    client.force_login(criar_usuario("semgrupo"))
    assert client.get(reverse("catalogo:inicio")).status_code == 403


def test_anonimo_vai_para_o_login(client, db):
    resposta = client.get(reverse("catalogo:inicio"))
    assert resposta.status_code == 302 and "/entrar/" in resposta["Location"]


def test_inicio_lista_versoes_e_painel_mostra_vigentes(client_equipe, catalogo_exemplo):
    html = client_equipe.get(reverse("catalogo:inicio")).content.decode()
    assert "Exemplo 2024.1" in html and "valores ilustrativos" in html
    html = client_equipe.get(reverse("painel")).content.decode()
    assert "Serviços de nuvem de governo" in html and "valores ilustrativos" in html
    assert reverse("catalogo:inicio") in html  # item do menu lateral


def test_paginacao_da_lista_de_servicos(client_admin_ref, criar_versao):
    v = criar_versao(n=30)
    html = client_admin_ref.get(v.get_absolute_url()).content.decode()
    assert "Página 1 de 2" in html
    primeira = set(re.findall(r"<code>(S-\d+)</code>", html))
    html = client_admin_ref.get(v.get_absolute_url(), {"pagina": 2}).content.decode()
    segunda = set(re.findall(r"<code>(S-\d+)</code>", html))
    assert len(primeira) == 25 and len(segunda) == 5 and not primeira & segunda


@pytest.mark.parametrize("tipo", VersaoCatalogo.Tipo.values)
def test_consultas_fixas_com_10_ou_500_servicos(client_admin_ref, criar_versao, tipo):
    """Serviços (da versão e o vigente), comparação e exportação: o mesmo número de consultas com 10 ou 500
    serviços, cada um com o seu nível de serviço."""
    for n in (10, 500):
        anterior = criar_versao(tipo=tipo, n=n, versao="a", aprovar=True)
        atual = criar_versao(tipo=tipo, n=n, versao="b")
        visitar(client_admin_ref, reverse("catalogo:vigente", args=[tipo]), consultas.CATALOGO_VIGENTE)
        visitar(client_admin_ref, atual.get_absolute_url(), consultas.CATALOGO_SERVICOS)
        visitar(client_admin_ref, atual.get_absolute_url(), consultas.CATALOGO_SERVICOS, {"q": "-00"})
        url = reverse("catalogo:comparar")
        visitar(
            client_admin_ref, url, consultas.CATALOGO_COMPARAR, {"anterior": anterior.pk, "atual": atual.pk}
        )
        for formato in ("csv", "xlsx"):
            url = reverse("catalogo:exportar", args=[atual.pk, formato])
            visitar(client_admin_ref, url, consultas.CATALOGO_EXPORTAR)
        VersaoCatalogo.objects.all().delete()  # uma só aprovada por tipo


def test_consultas_do_inicio_fixas_com_2_ou_10_versoes(client_admin_ref, criar_versao):
    for tipo in VersaoCatalogo.Tipo.values:
        criar_versao(tipo=tipo, n=1, versao="a", aprovar=True)
    visitar(client_admin_ref, reverse("catalogo:inicio"), consultas.CATALOGO_INICIO)
    for i in range(8):
        criar_versao(n=2, versao=f"b{i}")
    visitar(client_admin_ref, reverse("catalogo:inicio"), consultas.CATALOGO_INICIO)


def test_consulta_baixa_a_planilha_da_versao_com_aviso_ilustrativo(client_consulta, catalogo_exemplo):
    import io

    import openpyxl

    versao = catalogo_exemplo["profissionais"]
    resposta = client_consulta.get(reverse("catalogo:exportar", args=[versao.pk, "xlsx"]))
    assert resposta.status_code == 200
    assert "valores-ilustrativos.xlsx" in resposta["Content-Disposition"]
    linhas = list(openpyxl.load_workbook(io.BytesIO(resposta.content)).active.iter_rows(values_only=True))
    cabecalho = list(linhas[0])
    sust = next(dict(zip(cabecalho, linha, strict=True)) for linha in linhas[1:] if linha[0] == "SP-SUST")
    assert sust["Unidade"] == "Mês" and Decimal(str(sust["Preço (R$)"])) == Decimal("18500.00")
    assert "valores ilustrativos" in sust["Observação"]
    assert len(linhas) == 1 + versao.servicos_profissionais.count()
    csv = client_consulta.get(reverse("catalogo:exportar", args=[versao.pk, "csv"])).content.decode(
        "utf-8-sig"
    )
    assert csv.startswith("Código,Nome,Unidade,Preço (R$)") and "valores ilustrativos" in csv
    assert client_consulta.get(f"/catalogo/versoes/{versao.pk}/planilha.exe").status_code == 404
