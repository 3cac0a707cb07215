"""Importação do mapa pelo admin, feita como um atacante faria (issue 18, itens 3 e 5).

A confirmação só importa o arquivo que o usuário viu na prévia; a pasta temporária não acumula cópias; um
arquivo com linhas demais é recusado antes de montar a prévia.
"""

import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contratos.models import MapaSalarial, ValorPerfil
from core.planilhas import ErroPlanilha, ler_tabela
from tests.contratos import mapa_arquivos as arq

LINHAS_MAXIMAS = 20_000  # issue 18, item 5 (core.planilhas.LINHAS_MAXIMAS)
URL_IMPORTAR = reverse("admin:contratos_valorperfil_import")
URL_CONFIRMAR = reverse("admin:contratos_valorperfil_process_import")
LINHAS = [
    ["ASUPCOMP-02", "Analista de suporte computacional", "Pleno", "5.075,52", "2,12"],
    ["GERINF", "Gerente de infraestrutura", "", "17.851,64", "1,94"],
]


@pytest.fixture
def pasta_temporaria(tmp_path, monkeypatch):
    """A pasta temporária do processo (onde o django-import-export guarda as prévias), só deste teste."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


@pytest.fixture
def rascunho(db):
    return MapaSalarial.objects.create(nome_ato="Rascunho", situacao=MapaSalarial.Situacao.RASCUNHO)


def _previa(cliente, mapa, conteudo, nome="mapa.csv"):
    arquivo = SimpleUploadedFile(nome, conteudo, "text/csv" if nome.endswith(".csv") else "")
    return cliente.post(URL_IMPORTAR, {"resource": "0", "mapa": mapa.pk, "import_file": arquivo})


def _dados_da_confirmacao(resposta) -> dict:
    assert "confirm_form" in resposta.context, resposta.content.decode()[:2000]
    return {k: str(getattr(v, "pk", v)) for k, v in resposta.context["confirm_form"].initial.items()}


def _arquivos(pasta):
    return sorted(p.name for p in pasta.iterdir())


def test_confirmacao_normal_grava_e_apaga_a_copia_temporaria(pasta_temporaria, rascunho, client_admin_ref):
    dados = _dados_da_confirmacao(_previa(client_admin_ref, rascunho, arq.csv_bytes(LINHAS)))
    assert len(_arquivos(pasta_temporaria)) == 1  # a cópia da prévia, à espera da confirmação
    r = client_admin_ref.post(URL_CONFIRMAR, dados)
    assert r.status_code == 302
    assert rascunho.valores.count() == 2
    assert _arquivos(pasta_temporaria) == []
    # confirmar de novo (botão voltar do navegador) não importa nada outra vez
    r = client_admin_ref.post(URL_CONFIRMAR, dados)
    assert r.status_code == 400 and "Não há prévia a confirmar" in r.content.decode()


def test_nome_de_arquivo_adulterado_e_recusado_sem_ler_nem_apagar(
    pasta_temporaria, rascunho, client_admin_ref
):
    """O atacante troca import_file_name pelo arquivo de outra pessoa na pasta temporária."""
    vitima = pasta_temporaria / "previa-de-outra-pessoa"
    conteudo_vitima = arq.csv_bytes([["INTRUSO-01", "Perfil intruso", "Pleno", "1,00", "1,00"]])
    vitima.write_bytes(conteudo_vitima)
    dados = _dados_da_confirmacao(_previa(client_admin_ref, rascunho, arq.csv_bytes(LINHAS)))
    for nome in (vitima.name, str(vitima), "../" + vitima.name):
        r = client_admin_ref.post(URL_CONFIRMAR, {**dados, "import_file_name": nome})
        assert r.status_code == 400
        assert "não corresponde à prévia que você viu" in r.content.decode()
    assert vitima.read_bytes() == conteudo_vitima  # intocado
    assert ValorPerfil.objects.count() == 0


def test_confirmacao_sem_previa_e_recusada(pasta_temporaria, rascunho, client_admin_ref, client_super):
    """Outro usuário não confirma a prévia de quem a fez, nem com todos os campos certos."""
    dados = _dados_da_confirmacao(_previa(client_admin_ref, rascunho, arq.csv_bytes(LINHAS)))
    r = client_super.post(URL_CONFIRMAR, dados)
    assert r.status_code == 400 and "Não há prévia a confirmar" in r.content.decode()
    assert ValorPerfil.objects.count() == 0
    assert len(_arquivos(pasta_temporaria)) == 1  # a prévia do dono continua lá e ele ainda confirma
    assert client_admin_ref.post(URL_CONFIRMAR, dados).status_code == 302
    assert rascunho.valores.count() == 2


@pytest.mark.parametrize("formato", ["x", "9", "-1", "", "1"])
def test_formato_malformado_na_confirmacao_responde_400_com_mensagem(
    pasta_temporaria, rascunho, client_admin_ref, formato
):
    client_admin_ref.raise_request_exception = False  # um 500 tem de aparecer como 500, não como exceção
    dados = _dados_da_confirmacao(_previa(client_admin_ref, rascunho, arq.csv_bytes(LINHAS)))
    r = client_admin_ref.post(URL_CONFIRMAR, {**dados, "format": formato})
    assert r.status_code == 400
    assert "não corresponde à prévia que você viu" in r.content.decode()
    assert ValorPerfil.objects.count() == 0


def test_versao_de_destino_trocada_na_confirmacao_e_recusada(pasta_temporaria, rascunho, client_admin_ref):
    outro = MapaSalarial.objects.create(nome_ato="Outro rascunho", situacao=MapaSalarial.Situacao.RASCUNHO)
    dados = _dados_da_confirmacao(_previa(client_admin_ref, rascunho, arq.csv_bytes(LINHAS)))
    r = client_admin_ref.post(URL_CONFIRMAR, {**dados, "mapa": outro.pk})
    assert r.status_code == 400
    assert ValorPerfil.objects.count() == 0


def test_previa_recusada_nao_deixa_copia_na_pasta_temporaria(pasta_temporaria, rascunho, client_admin_ref):
    ruim = arq.csv_bytes([*LINHAS, ["GERSEG", "Gerente de segurança", "", "abc", "1,94"]])
    r = _previa(client_admin_ref, rascunho, ruim)
    assert "confirm_form" not in r.context
    assert "Nada foi importado" in r.content.decode()
    faltando_coluna = arq.csv_bytes(LINHAS, cabecalho=["codigo", "perfil", "senioridade", "remuneracao"])
    r = _previa(client_admin_ref, rascunho, faltando_coluna)
    assert "Faltam colunas: fator_k" in r.content.decode()
    assert _arquivos(pasta_temporaria) == []


def test_nova_previa_substitui_a_anterior_e_apaga_a_copia_dela(pasta_temporaria, rascunho, client_admin_ref):
    primeira = _dados_da_confirmacao(_previa(client_admin_ref, rascunho, arq.csv_bytes(LINHAS[:1])))
    segunda = _dados_da_confirmacao(_previa(client_admin_ref, rascunho, arq.csv_bytes(LINHAS)))
    assert _arquivos(pasta_temporaria) == [segunda["import_file_name"].rsplit("/", 1)[-1]]
    assert client_admin_ref.post(URL_CONFIRMAR, primeira).status_code == 400
    assert client_admin_ref.post(URL_CONFIRMAR, segunda).status_code == 302
    assert rascunho.valores.count() == 2


def test_arquivo_da_previa_trocado_no_disco_e_recusado(pasta_temporaria, rascunho, client_admin_ref):
    dados = _dados_da_confirmacao(_previa(client_admin_ref, rascunho, arq.csv_bytes(LINHAS)))
    (copia,) = pasta_temporaria.iterdir()
    copia.write_bytes(arq.csv_bytes([["INTRUSO-01", "Perfil intruso", "Pleno", "1,00", "1,00"]]))
    r = client_admin_ref.post(URL_CONFIRMAR, dados)
    assert r.status_code == 400 and "mudou depois dela" in r.content.decode()
    assert ValorPerfil.objects.count() == 0


# --- item 5: limite de linhas ----------------------------------------------------------------------------


def _linhas(n):
    return [[f"P{i:05d}-01", f"Perfil {i}", "Pleno", "1.234,56", "2,00"] for i in range(n)]


@pytest.mark.parametrize("fabrica", [arq.csv_bytes, arq.xlsx_bytes], ids=["csv", "xlsx"])
def test_limite_de_linhas_na_leitura(fabrica):
    nome = "m.csv" if fabrica is arq.csv_bytes else "m.xlsx"
    assert len(ler_tabela(nome, fabrica(_linhas(LINHAS_MAXIMAS)))) == LINHAS_MAXIMAS
    with pytest.raises(ErroPlanilha, match="mais de 20.000 linhas"):
        ler_tabela(nome, fabrica(_linhas(LINHAS_MAXIMAS + 1)))


def test_linhas_em_branco_demais_tambem_sao_recusadas():
    conteudo = arq.csv_bytes(_linhas(2)) + b",,,,\n" * 5000 + arq.csv_bytes(_linhas(1))
    with pytest.raises(ErroPlanilha, match="mais de 20.000 linhas"):
        ler_tabela("m.csv", conteudo)


def test_arquivo_com_20001_linhas_e_recusado_no_admin_e_20000_entra(
    pasta_temporaria, rascunho, client_admin_ref
):
    r = _previa(client_admin_ref, rascunho, arq.csv_bytes(_linhas(LINHAS_MAXIMAS + 1)))
    erros = str(r.context["form"].errors["import_file"])
    assert "mais de 20.000 linhas" in erros and "Divida o arquivo" in erros
    assert "20.000 linhas de dados por arquivo" in r.content.decode()  # o limite está no texto de ajuda
    assert ValorPerfil.objects.count() == 0
    assert _arquivos(pasta_temporaria) == []
    dados = _dados_da_confirmacao(_previa(client_admin_ref, rascunho, arq.csv_bytes(_linhas(LINHAS_MAXIMAS))))
    assert client_admin_ref.post(URL_CONFIRMAR, dados).status_code == 302
    assert rascunho.valores.count() == LINHAS_MAXIMAS
    assert _arquivos(pasta_temporaria) == []
