"""Carga da semente, importação/exportação e entradas ruins (issue 3, itens 2, 3 e 6)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from import_export.formats.base_formats import CSV, XLSX

from contratos import referencias
from contratos.models import MapaSalarial, ValorPerfil
from contratos.resources import ValorPerfilResource
from contratos.services import mapa_importar, mapa_nova_versao
from tests.contratos import mapa_arquivos as arq

LINHAS_OK = [
    ["ASUPCOMP-02", "Analista de suporte computacional", "Pleno", "5.075,52", "2,12"],
    ["GERINF", "Gerente de infraestrutura de tecnologia da informação", "", "17.851,64", "1,94"],
]


@pytest.fixture
def rascunho(db):
    return MapaSalarial.objects.create(nome_ato="Portaria de teste", situacao=MapaSalarial.Situacao.RASCUNHO)


def _fotografia():
    """Tudo o que uma importação poderia mudar: linhas e histórico."""
    return (
        list(ValorPerfil.objects.order_by("pk").values_list("mapa_id", "codigo", "remuneracao", "fator_k")),
        ValorPerfil.history.count(),
    )


def test_semente_carrega_a_versao_e_as_35_linhas(semente):
    assert semente.situacao == MapaSalarial.Situacao.VIGENTE
    assert (semente.data_publicacao, semente.data_vigencia) == (date(2025, 8, 28), date(2025, 9, 1))
    assert semente.anexo == "Anexo II da Portaria SGD/MGI nº 1.070/2023"
    assert str(semente) == "Portaria SGD/MGI nº 6.055/2025 (vigência 01/09/2025)"
    valores = {v.codigo: v for v in semente.valores.all()}
    assert len(valores) == 35
    asup = valores["ASUPCOMP-02"]
    assert (asup.remuneracao, asup.fator_k, asup.custo_total) == (
        Decimal("5075.52"),
        Decimal("2.12"),
        Decimal("10760.10"),
    )
    gerinf = valores["GERINF"]
    assert (gerinf.remuneracao, gerinf.fator_k, gerinf.custo_total) == (
        Decimal("17851.64"),
        Decimal("1.94"),
        Decimal("34632.18"),
    )
    assert valores["CLOUD-01"].senioridade == "pleno"
    assert valores["CLOUD-02"].senioridade == "senior"
    assert valores["GERSUP"].senioridade == ""
    assert valores["TECSUP-01"].remuneracao == Decimal("1800.00")
    assert valores["GERSEG"].custo_total == Decimal("41173.33")


def test_semente_e_idempotente(semente):
    antes = _fotografia()
    saida = io.StringIO()
    referencias.carregar(saida=saida)
    assert _fotografia() == antes
    assert "0 perfis novos, 0 alterados, 35 inalterados" in saida.getvalue()


def test_comando_de_referencias_roda_duas_vezes(db):
    call_command("carregar_referencias", stdout=io.StringIO())
    antes = _fotografia()
    call_command("carregar_referencias", stdout=io.StringIO())
    assert _fotografia() == antes
    assert ValorPerfil.objects.count() == 35


@pytest.mark.parametrize("formato", [CSV, XLSX])
def test_exportar_e_importar_num_rascunho_da_linhas_identicas(semente, rascunho, formato):
    dados = ValorPerfilResource(mapa=semente).export(queryset=semente.valores.order_by("pk"))
    conteudo = formato().export_data(dados)
    conteudo = conteudo.encode("utf-8") if isinstance(conteudo, str) else conteudo
    nome = f"mapa.{formato().get_extension()}"

    previa = mapa_importar(mapa=rascunho, nome_arquivo=nome, conteudo=conteudo, confirmar=False)
    assert (previa.ok, previa.novos) == (True, 35)
    assert not rascunho.valores.exists()  # a prévia não grava

    final = mapa_importar(mapa=rascunho, nome_arquivo=nome, conteudo=conteudo, confirmar=True)
    assert (final.ok, final.novos) == (True, 35)
    campos = ("codigo", "perfil", "senioridade", "remuneracao", "fator_k")
    assert list(rascunho.valores.order_by("pk").values_list(*campos)) == list(
        semente.valores.order_by("pk").values_list(*campos)
    )

    antes = _fotografia()
    de_novo = mapa_importar(mapa=rascunho, nome_arquivo=nome, conteudo=conteudo, confirmar=True)
    assert (de_novo.novos, de_novo.alterados, de_novo.inalterados) == (0, 0, 35)
    assert _fotografia() == antes


def test_importacao_registra_historico_com_usuario(rascunho, usuario_admin_ref):
    conteudo = arq.csv_bytes(LINHAS_OK)
    mapa_importar(
        mapa=rascunho, nome_arquivo="a.csv", conteudo=conteudo, confirmar=True, usuario=usuario_admin_ref
    )
    alterado = arq.csv_bytes([[*LINHAS_OK[0][:3], "5.100,00", "2,12"], LINHAS_OK[1]])
    r = mapa_importar(
        mapa=rascunho, nome_arquivo="b.csv", conteudo=alterado, confirmar=True, usuario=usuario_admin_ref
    )
    assert (r.alterados, r.inalterados) == (1, 1)
    hist = ValorPerfil.history.filter(codigo="ASUPCOMP-02").order_by("history_date")
    assert [h.history_type for h in hist] == ["+", "~"]
    assert hist.last().history_user == usuario_admin_ref
    assert hist.last().history_change_reason == "Importação do arquivo b.csv"
    assert hist.last().remuneracao == Decimal("5100.00")


def test_versao_publicada_nao_muda_por_importacao(semente):
    antes = _fotografia()
    conteudo = arq.csv_bytes(
        [["ASUPCOMP-02", "Analista de suporte computacional", "Pleno", "9.999,99", "2,12"]]
    )
    r = mapa_importar(mapa=semente, nome_arquivo="m.csv", conteudo=conteudo, confirmar=True)
    assert r.erros == [
        "Linha 2: Esta versão está publicada e não pode ser alterada; crie uma nova versão a partir dela. "
        "Esta linha mudaria o mapa."
    ]
    assert _fotografia() == antes


def test_nova_versao_copia_as_linhas_num_rascunho(semente, usuario_admin_ref):
    novo = mapa_nova_versao(origem=semente, usuario=usuario_admin_ref)
    assert novo.situacao == MapaSalarial.Situacao.RASCUNHO
    assert novo.origem == semente
    assert not novo.bloqueado
    assert semente.bloqueado
    assert novo.valores.count() == 35
    assert novo.valores.get(codigo="GERINF").custo_total == Decimal("34632.18")
    assert ValorPerfil.history.filter(mapa_id=novo.pk, history_user=usuario_admin_ref).count() == 35


# Item 6: cada entrada ruim dá mensagem clara e nada é gravado.
def _linha(**troca):
    base = dict(zip(arq.CABECALHO, LINHAS_OK[0], strict=True))
    base.update(troca)
    return list(base.values())


CASOS_DE_LINHA = [
    (
        "fator_k_3_50",
        _linha(fator_k="3,50"),
        "Linha 3, coluna “fator_k”: O Fator-K não pode ser superior a 3,00 (item 4 do Anexo II).",
    ),
    (
        "remuneracao_negativa",
        _linha(remuneracao="-100,00"),
        "Linha 3, coluna “remuneracao”: A remuneração deve ser maior que zero.",
    ),
    (
        "senioridade_desconhecida",
        _linha(senioridade="Master"),
        "Linha 3, coluna “senioridade”: “Master” não é uma senioridade válida; use Júnior, Pleno, Sênior ou "
        "deixe vazio.",
    ),
    (
        "texto_em_coluna_numerica",
        _linha(remuneracao="cinco mil"),
        "Linha 3, coluna “remuneracao”: “cinco mil” não é um número (use, por exemplo, 5.075,52).",
    ),
]


@pytest.mark.parametrize(("caso", "linha", "mensagem"), CASOS_DE_LINHA, ids=[c[0] for c in CASOS_DE_LINHA])
@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_linha_ruim_recusa_o_arquivo_inteiro(rascunho, caso, linha, mensagem, formato):
    linhas = [LINHAS_OK[1], linha]  # a linha boa vem antes: tudo ou nada
    conteudo = arq.csv_bytes(linhas) if formato == "csv" else arq.xlsx_bytes(linhas)
    antes = _fotografia()
    r = mapa_importar(mapa=rascunho, nome_arquivo=f"m.{formato}", conteudo=conteudo, confirmar=True)
    assert mensagem in r.erros
    assert _fotografia() == antes


def test_codigo_duplicado(rascunho):
    conteudo = arq.csv_bytes([LINHAS_OK[0], LINHAS_OK[1], _linha(perfil="Outro")])
    antes = _fotografia()
    r = mapa_importar(mapa=rascunho, nome_arquivo="m.csv", conteudo=conteudo, confirmar=True)
    assert r.erros == ["Linha 4, coluna “codigo”: O código ASUPCOMP-02 já aparece na linha 2 da planilha."]
    assert _fotografia() == antes


def test_formula_sem_valor(rascunho):
    conteudo = arq.xlsx_bytes([LINHAS_OK[0], ["GERINF", "Gerente", "", "=D2*2", "1,94"]])
    antes = _fotografia()
    r = mapa_importar(mapa=rascunho, nome_arquivo="m.xlsx", conteudo=conteudo, confirmar=True)
    assert r.erros[0] == "Há fórmulas sem valor calculado; nada foi importado."
    assert r.erros[1].startswith(
        "Linha 3, coluna “remuneracao”: a célula tem a fórmula =D2*2 sem valor calculado"
    )
    assert _fotografia() == antes


ARQUIVOS_RUINS = [
    ("xlsm", "m.xlsm", lambda: arq.xlsx_bytes(LINHAS_OK), "macros (.xlsm) não são aceitos"),
    ("xlsm_disfarcado", "m.xlsx", lambda: arq.xlsm_disfarcado(LINHAS_OK), "macros (.xlsm) não são aceitos"),
    (
        "acima_de_10_mib",
        "m.csv",
        lambda: arq.csv_bytes(LINHAS_OK) + b"#" * (10 * 1024 * 1024),
        "limite é 10 MiB",
    ),
    ("bomba_zip", "m.xlsx", arq.xlsx_bomba, "possível bomba zip"),
    ("entidades_xml", "m.xlsx", lambda: arq.xlsx_com_entidades(LINHAS_OK), "DOCTYPE ou ENTITY"),
]


@pytest.mark.parametrize(
    ("caso", "nome", "fabrica", "trecho"), ARQUIVOS_RUINS, ids=[c[0] for c in ARQUIVOS_RUINS]
)
def test_arquivo_ruim_recusado_sem_gravar(rascunho, caso, nome, fabrica, trecho):
    antes = _fotografia()
    r = mapa_importar(mapa=rascunho, nome_arquivo=nome, conteudo=fabrica(), confirmar=True)
    assert trecho in r.erros[0]
    assert _fotografia() == antes


def test_coluna_faltando(rascunho):
    conteudo = arq.csv_bytes([["X-01", "Perfil"]], cabecalho=["codigo", "perfil"])
    r = mapa_importar(mapa=rascunho, nome_arquivo="m.csv", conteudo=conteudo, confirmar=True)
    assert r.erros == [
        "Faltam colunas: senioridade, remuneracao, fator_k. "
        "A primeira linha deve ter: codigo, perfil, senioridade, remuneracao, fator_k."
    ]


# As mesmas regras valem no banco, mesmo para quem contornar a validação.
@pytest.mark.parametrize(
    ("campos", "restricao"),
    [
        ({"fator_k": Decimal("3.01")}, "valorperfil_fator_k_entre_0_e_3"),
        ({"fator_k": Decimal("0")}, "valorperfil_fator_k_entre_0_e_3"),
        ({"remuneracao": Decimal("-1")}, "valorperfil_remuneracao_positiva"),
        ({"remuneracao": Decimal("0")}, "valorperfil_remuneracao_positiva"),
        ({"senioridade": "master"}, "valorperfil_senioridade_valida"),
    ],
)
def test_restricoes_do_banco(rascunho, campos, restricao):
    from django.db import IntegrityError, transaction

    dados = {
        "codigo": "X-01",
        "perfil": "P",
        "senioridade": "",
        "remuneracao": Decimal("1"),
        "fator_k": Decimal("1"),
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        ValorPerfil.objects.create(mapa=rascunho, **{**dados, **campos})
    assert not rascunho.valores.exists()


def test_codigo_unico_na_versao_no_banco(rascunho, semente):
    from django.db import IntegrityError, transaction

    dados = {"codigo": "X-01", "perfil": "P", "remuneracao": Decimal("1"), "fator_k": Decimal("1")}
    ValorPerfil.objects.create(mapa=rascunho, **dados)
    ValorPerfil.objects.create(mapa=semente, **dados)  # outra versão pode repetir o código
    with pytest.raises(IntegrityError), transaction.atomic():
        ValorPerfil.objects.create(mapa=rascunho, **dados)


def test_publicar_exige_vigencia(rascunho):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        MapaSalarial.objects.filter(pk=rascunho.pk).update(situacao="vigente")
