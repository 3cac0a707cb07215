import pytest
from django.test import Client

from core.grupos import CONSULTA, GESTOR


@pytest.fixture
def gestor(criar_usuario, orgao):
    return criar_usuario(
        "gestora",
        grupos=[GESTOR],
        orgaos=[orgao],
        first_name="Gina",
        last_name="Gestora",
        email="gina@orgex.gov.br",
    )


@pytest.fixture
def gestor_outro(criar_usuario, outro_orgao):
    return criar_usuario("gestor-outro", grupos=[GESTOR], orgaos=[outro_orgao])


@pytest.fixture
def client_gestor(gestor):
    c = Client()
    c.force_login(gestor)
    return c


@pytest.fixture
def colega_outro(criar_usuario, outro_orgao):
    return criar_usuario("colega-outro", grupos=[CONSULTA], orgaos=[outro_orgao], email="colega@outro.gov.br")
