"""Fiscalização técnica pelas páginas: emitir a OS, abrir o período, alocar, avaliar, concluir, baixar."""

from datetime import date
from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from contas.papeis import papeis_geridos
from contratos.fiscalizacao.models import EmissaoOS, PeriodoFiscalizacao, ProfissionalAlocado
from core.grupos import FISCAL, GESTOR
from tests.consultas import FISCALIZACAO_PERIODO, PAINEL_COM_PERIODOS_NO_MES, painel, visitar
from tests.contratos.conftest import adicionar_os
from tests.contratos.fiscalizacao.conftest import alocar

ALOCADO = {
    "nome": "Ana Souza",
    "perfil": "",
    "senioridade": "senior",
    "anos_experiencia": "4",
    "formacao": "Bacharel em Sistemas de Informação",
    "certificado": "ITIL 4 Foundation nº 123",
    "inicio": "2026-03-01",
    "fim": "",
}


def _dados_alocado(periodo, **extra):
    perfil = periodo.emissao.ordem.contratacao.mapa.valores.get(codigo="ASUPCOMP-03")
    return {**ALOCADO, "perfil": perfil.pk, **extra}


def test_o_fiscal_emite_a_os_com_o_numero_do_planejamento_e_abre_o_periodo(client_fiscal, nova_contratacao):
    ordem = adicionar_os(nova_contratacao(), [("ASUPCOMP-02", 1, None, "")])
    resposta = client_fiscal.post(
        reverse("contratos:fiscalizacao_emitir", args=[ordem.pk]), {"data_emissao": "2026-03-02"}
    )
    assert resposta.status_code == 302
    emissao = EmissaoOS.objects.get(ordem=ordem)
    assert emissao.data_emissao == date(2026, 3, 2)
    ordem.refresh_from_db()
    assert ordem.numero == "OS nº 001/2026"
    anterior = client_fiscal.post(
        reverse("contratos:fiscalizacao_periodo_abrir", args=[emissao.pk]), {"competencia": "2026-02"}
    )
    assert "anterior ao da emissão" in anterior.content.decode()
    client_fiscal.post(
        reverse("contratos:fiscalizacao_periodo_abrir", args=[emissao.pk]), {"competencia": "2026-03"}
    )
    assert PeriodoFiscalizacao.objects.get(emissao=emissao).competencia == date(2026, 3, 1)
    repetido = client_fiscal.post(
        reverse("contratos:fiscalizacao_periodo_abrir", args=[emissao.pk]), {"competencia": "2026-03"}
    )
    assert "O período 03/2026 já existe" in repetido.content.decode()


def test_alocar_mostra_a_constatacao_e_a_nota_do_15_5(client_fiscal, periodo):
    url = reverse("contratos:fiscalizacao_alocado_novo", args=[periodo.pk])
    assert client_fiscal.post(url, _dados_alocado(periodo)).status_code == 302
    html = client_fiscal.get(periodo.get_absolute_url()).content.decode()
    # Sênior com 4 anos: cobre o Pleno, mas falta experiência (item 7); o GERINF está sem ninguém
    assert "Sênior em ASUPCOMP-03 atende ASUPCOMP-02" in html
    assert "4 ano(s); Sênior exige ao menos 5" in html
    assert "2 constatação(ões)." in html
    assert "Estimativa: 3; alocados: 1." in html


def test_entrada_invalida_mostra_o_erro_e_nada_grava(client_fiscal, periodo):
    url = reverse("contratos:fiscalizacao_alocado_novo", args=[periodo.pk])
    resposta = client_fiscal.post(url, _dados_alocado(periodo, inicio="2026-03-10", fim="2026-03-01"))
    assert resposta.status_code == 200
    assert "O fim da alocação não pode ser antes do início." in resposta.content.decode()
    outro_mapa = client_fiscal.post(url, _dados_alocado(periodo, perfil="999999", anos_experiencia="-1"))
    assert "Faça uma escolha válida" in outro_mapa.content.decode()
    assert not ProfissionalAlocado.objects.exists()


def test_concluir_congela_o_relatorio_e_a_mudanca_gera_nova_versao(client_fiscal, periodo):
    alocar(periodo, 1)
    client_fiscal.post(
        reverse("contratos:fiscalizacao_avaliacao", args=[periodo.pk]),
        {
            "fiscal": "Fábio Fiscal",
            "objetivos": "atendido",
            "produtos": "parcial",
            "nota_produtos": "Falta 1",
        },
    )
    client_fiscal.post(reverse("contratos:fiscalizacao_concluir", args=[periodo.pk]))
    primeiro = periodo.relatorios.get()
    assert primeiro.versao == 1
    ProfissionalAlocado.objects.filter(periodo=periodo).update(nome="Nome trocado depois")
    html = client_fiscal.get(primeiro.get_absolute_url()).content.decode()
    assert "Profissional 000" in html and "Nome trocado depois" not in html
    assert "Parcialmente atendido" in html and "Fábio Fiscal" in html
    client_fiscal.post(reverse("contratos:fiscalizacao_concluir", args=[periodo.pk]))
    assert list(periodo.relatorios.values_list("versao", flat=True)) == [2, 1]

    planilha = client_fiscal.get(reverse("contratos:fiscalizacao_relatorio_xlsx", args=[primeiro.pk]))
    valores = [c for linha in load_workbook(BytesIO(planilha.content)).active.values for c in linha if c]
    assert "Profissional 000" in valores and "Nome trocado depois" not in valores
    assert "Gestor do contrato" in valores


def test_texto_do_usuario_entra_como_texto_no_xlsx(client_fiscal, periodo):
    client_fiscal.post(
        reverse("contratos:fiscalizacao_alocado_novo", args=[periodo.pk]),
        _dados_alocado(periodo, nome="=HYPERLINK(1)"),
    )
    client_fiscal.post(reverse("contratos:fiscalizacao_concluir", args=[periodo.pk]))
    planilha = client_fiscal.get(
        reverse("contratos:fiscalizacao_relatorio_xlsx", args=[periodo.relatorios.get().pk])
    )
    ws = load_workbook(BytesIO(planilha.content)).active
    celula = next(c for linha in ws.iter_rows() for c in linha if c.value == "=HYPERLINK(1)")
    assert celula.data_type == "s"


def test_consulta_le_e_nao_escreve(client_consulta, periodo):
    assert client_consulta.get(periodo.get_absolute_url()).status_code == 200
    assert "Incluir na equipe" not in client_consulta.get(periodo.get_absolute_url()).content.decode()
    for rota in ("fiscalizacao_alocado_novo", "fiscalizacao_concluir", "fiscalizacao_avaliacao"):
        assert client_consulta.post(reverse(f"contratos:{rota}", args=[periodo.pk])).status_code == 403
    ordem = periodo.emissao.ordem
    assert client_consulta.get(reverse("contratos:fiscalizacao_os", args=[ordem.pk])).status_code == 200


def test_equipe_de_planejamento_tambem_escreve(client_equipe, periodo):
    url = reverse("contratos:fiscalizacao_alocado_novo", args=[periodo.pk])
    assert client_equipe.post(url, _dados_alocado(periodo)).status_code == 302
    assert ProfissionalAlocado.objects.filter(periodo=periodo).count() == 1


def test_outro_orgao_recebe_404(client_outro_orgao, periodo):
    alocado = alocar(periodo, 1)[0]
    client = client_outro_orgao
    assert client.get(periodo.get_absolute_url()).status_code == 404
    assert client.post(reverse("contratos:fiscalizacao_alocado_novo", args=[periodo.pk])).status_code == 404
    assert client.get(reverse("contratos:fiscalizacao_alocado_editar", args=[alocado.pk])).status_code == 404
    ordem = periodo.emissao.ordem
    assert client.post(reverse("contratos:fiscalizacao_emitir", args=[ordem.pk])).status_code == 404


def test_o_gestor_concede_o_papel_de_fiscal_e_a_pessoa_passa_a_registrar(
    client, criar_usuario, orgao, usuario_consulta, periodo
):
    """O grupo existe (core.grupos) e o Gestor do órgão o oferece sem mudança em contas."""
    assert Group.objects.filter(name=FISCAL).exists()
    assert [g.name for g in papeis_geridos()] == ["Equipe de planejamento", "Consulta", FISCAL]
    client.force_login(criar_usuario("gestora", grupos=[GESTOR], orgaos=[orgao]))
    url = reverse("contas:pessoa_papeis", args=[orgao.pk, usuario_consulta.pk])
    assert FISCAL in client.get(url).content.decode()
    assert client.post(url, {"papeis": [FISCAL]}).status_code == 302
    client.force_login(usuario_consulta)
    novo = reverse("contratos:fiscalizacao_alocado_novo", args=[periodo.pk])
    assert client.post(novo, _dados_alocado(periodo)).status_code == 302


@pytest.mark.parametrize("alocados", [5, 200])
def test_pagina_do_periodo_nao_cresce_com_a_equipe(client_fiscal, periodo, alocados):
    alocar(periodo, alocados)
    resposta = visitar(client_fiscal, periodo.get_absolute_url(), FISCALIZACAO_PERIODO)
    assert resposta.content.decode().count("Tecnólogo em redes") >= alocados


@pytest.mark.parametrize("periodos", [1, 6])
def test_painel_mostra_constatacoes_do_mes_e_relatorios_pendentes(client_equipe, periodo, periodos):
    """Períodos do mês com constatações aparecem no Painel; os sem relatório concluído, como pendentes
    (o período de 03/2026 da fixture também)."""
    hoje = timezone.localdate()
    for indice in range(periodos):
        ordem = adicionar_os(
            periodo.emissao.ordem.contratacao,
            [("GERINF", 1, None, "")],
            numero=f"OS nº {indice + 10:03d}/2026",
        )
        emissao = EmissaoOS.objects.create(ordem=ordem, data_emissao=hoje.replace(day=1))
        alocar(PeriodoFiscalizacao.objects.create(emissao=emissao, competencia=hoje.replace(day=1)), 2)
    consultas = painel(contratacoes=1) + PAINEL_COM_PERIODOS_NO_MES
    html = visitar(client_equipe, reverse("painel"), consultas).content.decode()
    constatacoes = html.split('id="painel-constatacoes"')[1].split("</ul>")[0]
    # o GERINF sem ninguém e os 2 analistas alocados numa OS que não pede o perfil deles
    assert constatacoes.count("3 constatação(ões) no período atual") == periodos
    assert f"Relatórios não concluídos: {periodos + 1}." in html
