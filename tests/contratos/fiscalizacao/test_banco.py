"""O banco guarda as regras que cabem numa linha, mesmo que algo escape do formulário."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from contratos.fiscalizacao import services
from contratos.fiscalizacao.models import PeriodoFiscalizacao, ProfissionalAlocado
from tests.contratos.fiscalizacao.conftest import alocar


@pytest.mark.parametrize(
    "mudanca",
    [
        {"fim": date(2026, 2, 1)},  # antes do início
        {"anos_experiencia": 61},
        {"senioridade": "estagiario"},
    ],
)
def test_alocacao_invalida_o_banco_recusa(periodo, mudanca):
    alocado = alocar(periodo, 1)[0]
    with pytest.raises(IntegrityError):
        ProfissionalAlocado.objects.filter(pk=alocado.pk).update(**mudanca)


def test_periodo_comeca_no_dia_1_do_mes(periodo):
    with pytest.raises(IntegrityError):
        PeriodoFiscalizacao.objects.filter(pk=periodo.pk).update(competencia=date(2026, 3, 15))


def test_periodo_repetido_o_banco_recusa(periodo):
    with pytest.raises(IntegrityError):
        PeriodoFiscalizacao.objects.create(emissao=periodo.emissao, competencia=periodo.competencia)


def test_o_servico_recusa_mes_anterior_a_emissao_e_perfil_de_outro_mapa(periodo, mapa_novo):
    with pytest.raises(ValidationError, match="anterior ao da emissão"):
        services.periodo_abrir(emissao=periodo.emissao, competencia=date(2026, 2, 1))
    alocado = ProfissionalAlocado(
        periodo=periodo,
        nome="Ana",
        perfil=mapa_novo.valores.get(codigo="ASUPCOMP-02"),
        senioridade="pleno",
        anos_experiencia=3,
        formacao="Tecnóloga",
        inicio=date(2026, 3, 1),
    )
    with pytest.raises(ValidationError, match="não está na versão do mapa"):
        services.alocado_salvar(alocado=alocado)
    assert not ProfissionalAlocado.objects.exists()
