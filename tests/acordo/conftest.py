"""Fixtures do ACT 142/2024: a carga de referência, como em `make run`."""

import io

import pytest

from acordo import referencias
from acordo.models import Acordo, Ocorrencia
from tests.contratos.conftest import mapa, nova_contratacao  # noqa: F401 (contratações de exemplo)


@pytest.fixture
def act(db):
    referencias.carregar(saida=io.StringIO())
    return Acordo.objects.get(numero="142/2024")


@pytest.fixture
def ocorrencia_atrasada(act):
    """Monitoramento (ação 6), 2ª ocorrência: venceu em 13/01/2025."""
    return Ocorrencia.objects.get(acao__acordo=act, acao__ordem=6, ordinal=2)
