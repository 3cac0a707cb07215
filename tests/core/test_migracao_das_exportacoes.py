"""A migração que leva o registro das exportações de contratos para core (issue 17, item 3) não perde nada:
quem já juntou um Anexo A ao processo continua vendo-o reconhecido."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

ANTES = [("contratos", "0014_propostas_e_prorrogacao"), ("core", "0001_registro_de_arquivos_gerados")]
DEPOIS = [("contratos", "0015_exportacoes_no_registro_do_core")]


def _migrar(alvo):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(alvo)
    return executor.loader.project_state(alvo).apps


@pytest.mark.django_db(transaction=True)
def test_registros_de_contratos_passam_para_o_core_com_a_contratacao_como_origem():
    apps = _migrar(ANTES)
    orgao = apps.get_model("contratos", "Orgao").objects.create(sigla="ORGEX", nome="Órgão de Exemplo")
    mapa = apps.get_model("contratos", "MapaSalarial").objects.create(
        nome_ato="Portaria SGD/MGI nº 6.055/2025",
        anexo="Anexo II",
        data_publicacao=date(2025, 8, 28),
        data_vigencia=date(2025, 9, 1),
        situacao="vigente",
    )
    contratacao = apps.get_model("contratos", "Contratacao").objects.create(
        orgao=orgao, objeto="Operação", numero_processo="19974.000001/2026-01", mapa=mapa
    )
    gerado_em = timezone.make_aware(datetime(2026, 11, 30, 10, 0))
    apps.get_model("contratos", "Exportacao").objects.create(
        contratacao=contratacao,
        tipo="anexo_a",
        codigo="K7QM-2XWD",
        sha256="a" * 64,
        gerado_em=gerado_em,
        versao_app="0.1.0",
        mapa="Portaria SGD/MGI nº 6.055/2025",
        valor_mensal=Decimal("56152.38"),
        impressao="b" * 64,
    )

    apps = _migrar(DEPOIS)
    copia = apps.get_model("core", "Exportacao").objects.select_related("tipo_origem").get()
    assert (copia.tipo_origem.app_label, copia.tipo_origem.model, copia.id_origem) == (
        "contratos",
        "contratacao",
        contratacao.pk,
    )
    assert (copia.codigo, copia.sha256, copia.gerado_em, copia.valor_mensal, copia.impressao) == (
        "K7QM-2XWD",
        "a" * 64,
        gerado_em,
        Decimal("56152.38"),
        "b" * 64,
    )
    assert copia.descricao == "Processo 19974.000001/2026-01 (ORGEX)"

    # e de volta: a tabela antiga recebe o registro, que sai de core (migrar de novo não o duplica)
    apps = _migrar(ANTES)
    assert apps.get_model("contratos", "Exportacao").objects.get().codigo == "K7QM-2XWD"
    assert not apps.get_model("core", "Exportacao").objects.exists()
    # de novo até o fim: o banco como os outros testes o esperam
    _migrar(MigrationExecutor(connection).loader.graph.leaf_nodes())
