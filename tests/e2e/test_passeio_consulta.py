"""Passeio 1: quem só consulta abre a contratação do seu órgão, vê os totais, não tem como editar (nem
botões, nem envio direto: recusa em português), baixa o Anexo A; a de outro órgão responde 404 na casca."""

import openpyxl
import pytest
from playwright.sync_api import expect

from contratos.anexo_a import ABA_ANEXO
from contratos.models import Contratacao
from tests.conftest import SENHA
from tests.contratos.conftest import adicionar_os, criar_mapa
from tests.e2e.comum import baixar, foto

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_consulta_le_baixa_o_anexo_e_nao_edita(
    pagina, live_server, entrar, usuario_consulta, orgao, outro_orgao, tmp_path
):
    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto="Operação de infraestrutura", numero_processo="19974.000001/2026-01", mapa=mapa
    )
    adicionar_os(contratacao, [("ASUPCOMP-02", 2, None, ""), ("GERINF", 1, None, "")])  # 56.152,38
    alheia = Contratacao.objects.create(
        orgao=outro_orgao,
        objeto="Objeto sigiloso do outro órgão",
        numero_processo="19974.000777/2026-01",
        mapa=mapa,
    )
    pagina.set_viewport_size({"width": 1366, "height": 900})
    entrar(pagina, "consulta", SENHA)

    # Pela lista, com o mouse, como uma pessoa chega lá.
    pagina.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Contratações").click()
    pagina.get_by_role("link", name=contratacao.numero_processo).first.click()
    expect(pagina.get_by_test_id("total-mensal")).to_have_text("R$ 56.152,38")
    expect(pagina.get_by_test_id("total-anual")).to_have_text("R$ 673.828,56")
    conteudo = pagina.locator("main")
    for rotulo in ("Editar dados e equipe", "Reprecificar", "Duplicar", "Excluir", "Novo item", "Editar OS"):
        expect(conteudo.get_by_role("link", name=rotulo)).to_have_count(0)
        expect(conteudo.get_by_role("button", name=rotulo)).to_have_count(0)
    foto(pagina, "1-consulta-detalhe-1366")

    arquivo = baixar(pagina, tmp_path, pagina.get_by_role("link", name="Exportar Anexo A (XLSX)"))
    planilha = openpyxl.load_workbook(arquivo)[ABA_ANEXO]
    codigos = [c.value for c in planilha["B"] if c.value in ("ASUPCOMP-02", "GERINF")]
    assert codigos == ["ASUPCOMP-02", "GERINF"]

    # Envio direto ao endereço de edição (com o token CSRF da sessão, como um formulário forjado faria).
    editar = f"{live_server.url}/contratos/contratacoes/{contratacao.pk}/editar/"
    pagina.evaluate(
        """url => {
            const f = document.createElement('form');
            f.method = 'post'; f.action = url;
            const t = document.querySelector('input[name=csrfmiddlewaretoken]').cloneNode();
            f.appendChild(t);
            for (const [n, v] of [['objeto', 'Alterado por quem só consulta'], ['meses', '12']]) {
                const i = document.createElement('input'); i.name = n; i.value = v; f.appendChild(i);
            }
            document.body.appendChild(f);
            f.submit();
        }""",
        editar,
    )
    pagina.wait_for_load_state()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Acesso negado")
    expect(pagina.locator("#cabecalho")).to_contain_text("PlanejaTIC")
    expect(pagina.get_by_text("Forbidden")).to_have_count(0)
    foto(pagina, "1-consulta-403-1366")
    contratacao.refresh_from_db()
    assert contratacao.objeto != "Alterado por quem só consulta"

    resposta = pagina.goto(f"{live_server.url}{alheia.get_absolute_url()}")
    assert resposta.status == 404
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Página não encontrada")
    expect(pagina.locator("#cabecalho")).to_contain_text("PlanejaTIC")
    expect(pagina.get_by_text(alheia.objeto)).to_have_count(0)
    expect(pagina.get_by_text("Not Found")).to_have_count(0)
    foto(pagina, "1-consulta-404-1366")

    # No celular, pelo endereço de edição de uma OS (um link guardado): a OS só para ler, sem campos.
    ordem = contratacao.ordens.get()
    pagina.set_viewport_size({"width": 390, "height": 844})
    pagina.goto(f"{live_server.url}{ordem.get_absolute_url()}")
    expect(pagina).to_have_url(f"{live_server.url}/contratos/os/{ordem.pk}/imprimir/")
    expect(pagina.get_by_role("heading", level=1)).to_have_text(ordem.numero)
    expect(pagina.locator("input[name$='-quantidade']")).to_have_count(0)
    foto(pagina, "1-consulta-os-390")
    assert pagina.externas == []
