"""Prévia do catálogo sem cópia profunda por linha (issue 18, item 5): mesma comparação, mesmas contagens."""

from decimal import Decimal

import pytest
import tablib
from import_export.resources import Diff

from catalogo.models import ServicoProfissional
from catalogo.resources import ServicoProfissionalResource
from core.colunas import DiffLegivel
from core.importacao import DiffDireto
from tests.consultas import consultas_exatas

CABECALHO = ["codigo", "nome", "unidade", "preco", "descricao"]


class PeloCaminhoDaBiblioteca(ServicoProfissionalResource):
    """O mesmo recurso pela cópia profunda e pela comparação da biblioteca (referência da prévia)."""

    def get_diff_class(self):
        return DiffLegivel  # a comparação da biblioteca, com os números em pt-BR como a prévia

    def import_row(self, row, instance_loader, **kwargs):
        self._sem_m2m = False
        return super().import_row(row, instance_loader, **kwargs)


def _tabela(nome_da_segunda="Desenvolvimento") -> tablib.Dataset:
    tabela = tablib.Dataset(headers=CABECALHO)
    tabela.append(["SP-1", "Suporte", "Hora", "100,00", ""])
    tabela.append(["SP-2", nome_da_segunda, "UST", "50,00", "texto"])
    tabela.append(["SP-3", "Gestão", "Mês", "9.000,00", ""])
    return tabela


def test_previa_do_catalogo_compara_como_a_biblioteca(criar_versao):
    versao = criar_versao(tipo="profissionais", n=0, versao="2025.9")
    ServicoProfissionalResource(versao=versao).import_data(_tabela(), dry_run=False)

    rapida = ServicoProfissionalResource(versao=versao).import_data(
        _tabela("Desenvolvimento ágil"), dry_run=True
    )
    referencia = PeloCaminhoDaBiblioteca(versao=versao).import_data(
        _tabela("Desenvolvimento ágil"), dry_run=True
    )

    assert not rapida.has_errors() and not rapida.has_validation_errors()
    # só a linha que mudou é "Alterado"; as duas iguais ao gravado são "Inalterado" (issue 15, item 8)
    assert rapida.totals == referencia.totals
    assert (rapida.totals["update"], rapida.totals["skip"]) == (1, 2)
    assert [r.diff for r in rapida.valid_rows()] == [r.diff for r in referencia.valid_rows()]
    assert "ágil" in str(rapida.valid_rows()[1].diff[1])
    assert ServicoProfissional.objects.get(versao=versao, codigo="SP-2").nome == "Desenvolvimento"


VALORES = ["", None, "abc", "abd", "a<b & c>", "linha 1\nlinha 2", Decimal("10.50"), Decimal("10.5"), 0, 7]


@pytest.mark.parametrize("nova", [True, False], ids=["linha-nova", "linha-existente"])
def test_diff_direto_da_o_mesmo_html_da_biblioteca(nova):
    for antes in VALORES:
        for depois in VALORES:
            esperado, obtido = Diff.__new__(Diff), DiffDireto.__new__(DiffDireto)
            for diff in (esperado, obtido):
                diff.left, diff.right, diff.new = [antes], [depois], nova
            assert obtido.as_html() == esperado.as_html(), (antes, depois)


def test_previa_do_catalogo_nao_grava_historico_nem_consulta_por_linha(criar_versao):
    versao = criar_versao(tipo="profissionais", n=0, versao="2025.9")

    # por linha: savepoint, INSERT (o banco confere as restrições) e liberação; fora delas, 8 comandos de
    # transação da biblioteca e a versão inteira numa consulta. Antes: + 1 INSERT de histórico por linha.
    with consultas_exatas(3 * 3 + 8) as consultas:
        resultado = ServicoProfissionalResource(versao=versao).import_data(_tabela(), dry_run=True)

    assert resultado.totals["new"] == 3
    assert not [q for q in consultas.captured_queries if "historical" in q["sql"].lower()]
