"""Prévia do catálogo sem cópia profunda por linha (issue 18, item 5): mesma comparação, mesmas contagens."""

import tablib

from catalogo.models import ServicoProfissional
from catalogo.resources import ServicoProfissionalResource

CABECALHO = ["codigo", "nome", "unidade", "preco", "descricao"]


class PeloCaminhoDaBiblioteca(ServicoProfissionalResource):
    """O mesmo recurso pela cópia profunda da biblioteca (referência do que a prévia deve mostrar)."""

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
    assert rapida.totals == referencia.totals and rapida.totals["update"] == 3
    assert [r.diff for r in rapida.valid_rows()] == [r.diff for r in referencia.valid_rows()]
    assert "ágil" in str(rapida.valid_rows()[1].diff[1])
    assert ServicoProfissional.objects.get(versao=versao, codigo="SP-2").nome == "Desenvolvimento"
