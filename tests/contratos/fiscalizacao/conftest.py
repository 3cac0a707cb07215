"""Fixtures da fiscalização: uma OS emitida com um período aberto, e o Fiscal do contrato do órgão."""

from datetime import date

import pytest
from django.test import Client

from contratos.fiscalizacao.models import EmissaoOS, PeriodoFiscalizacao, ProfissionalAlocado
from core.grupos import FISCAL
from tests.contratos.conftest import adicionar_os


def alocar(periodo, quantos, *, codigo="ASUPCOMP-02", senioridade="pleno", anos=3):
    perfil = periodo.emissao.ordem.contratacao.mapa.valores.get(codigo=codigo)
    return ProfissionalAlocado.objects.bulk_create(
        ProfissionalAlocado(
            periodo=periodo,
            nome=f"Profissional {i:03d}",
            perfil=perfil,
            senioridade=senioridade,
            anos_experiencia=anos,
            formacao="Tecnólogo em redes",
            inicio=date(2026, 3, 1),
        )
        for i in range(quantos)
    )


@pytest.fixture
def periodo(nova_contratacao):
    """OS com ASUPCOMP-02 (Pleno, 3 na estimativa) e GERINF, emitida em 02/03/2026; período 03/2026."""
    ordem = adicionar_os(nova_contratacao(), [("ASUPCOMP-02", 3, None, ""), ("GERINF", 1, None, "")])
    emissao = EmissaoOS.objects.create(ordem=ordem, data_emissao=date(2026, 3, 2))
    return PeriodoFiscalizacao.objects.create(emissao=emissao, competencia=date(2026, 3, 1))


@pytest.fixture
def usuario_fiscal(criar_usuario, orgao):
    return criar_usuario("fiscal", grupos=[FISCAL], orgaos=[orgao], first_name="Fábio", last_name="Fiscal")


@pytest.fixture
def client_fiscal(usuario_fiscal):
    cliente = Client()
    cliente.force_login(usuario_fiscal)
    return cliente
