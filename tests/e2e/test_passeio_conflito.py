"""Passeio 2: duas sessões da mesma equipe (dois contextos do navegador) editam a mesma OS; quem salva
primeiro grava, quem salva depois recebe o aviso de conflito em português, e nada do primeiro se perde."""

import pytest
from playwright.sync_api import expect

from contratos.models import Contratacao, OrdemServico
from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os, criar_mapa
from tests.e2e.comum import foto

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_segunda_gravacao_da_mesma_os_recebe_o_conflito(
    navegador, live_server, entrar, usuario_equipe, orgao
):
    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto="Operação de infraestrutura", numero_processo="19974.000001/2026-01", mapa=mapa
    )
    adicionar_os(contratacao, [("ASUPCOMP-02", 2, None, ""), ("GERINF", 1, None, "")])
    ordem = OrdemServico.objects.get(contratacao=contratacao)
    endereco = f"{live_server.url}/contratos/os/{ordem.pk}/"

    sessoes = []
    for _ in range(2):
        contexto = navegador.new_context(locale="pt-BR", viewport={"width": 1366, "height": 900})
        pagina = contexto.new_page()
        pagina.set_default_timeout(15000)
        entrar(pagina, "equipe", SENHA)
        pagina.goto(endereco)
        sessoes.append((contexto, pagina))
    (ctx_a, ana), (ctx_b, bruno) = sessoes
    try:
        # A primeira sessão troca a quantidade da 1ª linha (2 → 3) e salva.
        quantidade = ana.locator('input[name="linhas-0-quantidade"]')
        quantidade.fill("3")
        expect(ana.get_by_test_id("total-os")).to_have_text("R$ 66.912,48")  # 3 × 10.760,10 + 34.632,18
        ana.get_by_role("button", name="Salvar OS").click()
        ana.wait_for_load_state()
        expect(ana.get_by_test_id("total-mensal")).to_have_text("R$ 66.912,48")

        # A segunda, aberta antes, troca o objetivo e salva por cima.
        bruno.get_by_label("Objetivo").fill("Objetivo reescrito na segunda sessão")
        bruno.get_by_role("button", name="Salvar OS").click()
        bruno.wait_for_load_state()
        aviso = bruno.get_by_text("Esta OS foi alterada por outra pessoa em")
        expect(aviso).to_be_visible()
        expect(bruno.get_by_text("suas alterações não foram gravadas")).to_be_visible()
        # O que a segunda pessoa digitou continua na tela para ela copiar.
        expect(bruno.get_by_label("Objetivo")).to_have_value("Objetivo reescrito na segunda sessão")
        foto(bruno, "2-conflito-1366")

        ordem.refresh_from_db()
        assert ordem.objetivo == "Suporte a usuários"
        assert sorted(ordem.linhas.values_list("quantidade", flat=True)) == [1, 3]

        # Recarregar mostra a versão da primeira sessão; salvar de novo funciona.
        bruno.goto(endereco)
        expect(bruno.locator('input[name="linhas-0-quantidade"]')).to_have_value("3")
        bruno.get_by_label("Objetivo").fill("Objetivo reescrito na segunda sessão")
        bruno.get_by_role("button", name="Salvar OS").click()
        bruno.wait_for_load_state()
        expect(bruno.get_by_test_id("total-mensal")).to_have_text("R$ 66.912,48")
        ordem.refresh_from_db()
        assert ordem.objetivo == "Objetivo reescrito na segunda sessão"
        assert sorted(ordem.linhas.values_list("quantidade", flat=True)) == [1, 3]
    finally:
        ctx_a.close()
        ctx_b.close()
