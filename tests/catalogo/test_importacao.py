"""Importação e exportação de serviços pela administração: prévia, erros por linha e coluna, tudo ou nada,
histórico; e entradas ruins (preço negativo, unidade desconhecida, código repetido, texto em coluna numérica,
arquivo grande demais ou corrompido), cada uma com mensagem clara e nada gravado."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalogo import services
from catalogo.models import NivelServico, ServicoNuvem, ServicoProfissional, VersaoCatalogo
from core.formatos import exportar_tabela

NIVEL = "nivel_indicador,nivel_meta,nivel_medicao,nivel_glosa"
CAB_NUVEM = "codigo,nome,categoria,unidade_medida,preco_unitario,descricao," + NIVEL
CAB_PROF = "codigo,nome,unidade,preco,descricao," + NIVEL
CSV, XLSX = 0, 1  # posição do formato no formulário de importação (core.formatos.FORMATOS)
URL_IMPORTAR_NUVEM = reverse("admin:catalogo_serviconuvem_import")
URL_CONFIRMAR_NUVEM = reverse("admin:catalogo_serviconuvem_process_import")


def _csv(*linhas, cabecalho=CAB_NUVEM) -> bytes:
    return ("\n".join([cabecalho, *linhas]) + "\n").encode()


def _xlsx(linhas: list[list]) -> bytes:
    livro = openpyxl.Workbook()
    aba = livro.active
    for linha in linhas:
        aba.append(linha)
    saida = io.BytesIO()
    livro.save(saida)
    return saida.getvalue()


@pytest.fixture
def rascunho_nuvem(criar_versao):
    return criar_versao(n=0, versao="2025.9")


@pytest.fixture
def rascunho_prof(criar_versao):
    return criar_versao(tipo="profissionais", n=0, versao="2025.9")


def _enviar(cliente, versao, conteudo: bytes, nome="servicos.csv", formato=CSV, url=URL_IMPORTAR_NUVEM):
    arquivo = SimpleUploadedFile(nome, conteudo, content_type="text/csv" if formato == CSV else "")
    return cliente.post(url, {"versao": versao.pk, "format": formato, "import_file": arquivo})


def _mensagens(resposta) -> str:
    return " | ".join(str(m) for m in resposta.context["messages"]) + " " + resposta.content.decode()


LINHA_OK = 'CMP-A,VM pequena,Computação,instância/hora,"0,0934",,Disponibilidade,99%,monitoramento,5%'


def test_linha_ruim_nomeia_linha_e_coluna_e_nada_e_gravado_depois_o_arquivo_corrigido_entra_com_historico(
    client_admin_ref, usuario_admin_ref, rascunho_nuvem
):
    ruim = _csv(LINHA_OK, "ARM-B,Disco,armazenamento,GB/mês,-0.1180,,,,,")
    resposta = _enviar(client_admin_ref, rascunho_nuvem, ruim)
    texto = _mensagens(resposta)
    assert "Linha 3, coluna “preco_unitario”: O preço unitário deve ser maior que zero." in texto
    assert "nada foi gravado" in texto
    assert "confirm_form" not in resposta.context or resposta.context["confirm_form"] is None
    assert ServicoNuvem.objects.count() == 0 and NivelServico.objects.count() == 0

    # corrigida: a prévia mostra as linhas novas; a confirmação grava
    boa = _csv(LINHA_OK, "ARM-B,Disco,armazenamento,GB/mês,0.1180,,,,,")
    resposta = _enviar(client_admin_ref, rascunho_nuvem, boa)
    assert resposta.status_code == 200 and ServicoNuvem.objects.count() == 0  # prévia não grava
    confirmar = resposta.context["confirm_form"]
    dados = {campo.html_name: campo.value() for campo in confirmar}
    resposta = client_admin_ref.post(URL_CONFIRMAR_NUVEM, dados)
    assert resposta.status_code == 302
    assert dict(ServicoNuvem.objects.values_list("codigo", "preco_unitario")) == {
        "CMP-A": Decimal("0.0934"),
        "ARM-B": Decimal("0.1180"),
    }
    assert NivelServico.objects.get(servico_nuvem__codigo="CMP-A").indicador == "Disponibilidade"
    historico = ServicoNuvem.history.filter(codigo="CMP-A").get()
    assert historico.history_user == usuario_admin_ref
    assert historico.history_change_reason == "Importação do arquivo servicos.csv"
    # a página de histórico do admin mostra a alteração feita pela importação
    servico = ServicoNuvem.objects.get(codigo="CMP-A")
    html = client_admin_ref.get(
        reverse("admin:catalogo_serviconuvem_history", args=[servico.pk])
    ).content.decode()
    assert "Importação do arquivo servicos.csv" in html


@pytest.mark.parametrize(
    ("linha", "esperado"),
    [
        (
            "CMP-B,VM,computacao,vCPU/hora,-1,,,,,",
            "Linha 3, coluna “preco_unitario”: O preço unitário deve ser maior",
        ),
        ("CMP-B,VM,computacao,vCPU/hora,abc,,,,,", "Linha 3, coluna “preco_unitario”: “abc” não é um número"),
        (
            "CMP-B,VM,computacao,vCPU/hora,0.12345,,,,,",
            "Linha 3, coluna “preco_unitario”: “0.12345” tem mais de 4",
        ),
        (
            "CMP-A,VM,computacao,vCPU/hora,1,,,,,",
            "Linha 3, coluna “codigo”: Código CMP-A repetido na planilha",
        ),
        ("CMP-B,VM,nuvem-quantica,vCPU/hora,1,,,,,", "Linha 3, coluna “categoria”: Categoria desconhecida"),
        ("CMP-B,VM,computacao,,1,,,,,", "Linha 3, coluna “unidade_medida”"),
        ("CMP-B,VM,computacao,GB,1,,,99%,,", "Linha 3, coluna “nivel_indicador”: Informe o indicador"),
    ],
)
def test_entradas_ruins_da_nuvem(rascunho_nuvem, linha, esperado):
    dataset = tablib.Dataset().load(_csv(LINHA_OK, linha).decode(), format="csv")
    with pytest.raises(services.ImportacaoRecusada) as erro:
        services.servicos_importar(versao=rascunho_nuvem, dataset=dataset)
    assert any(m.startswith(esperado) for m in erro.value.mensagens), erro.value.mensagens
    assert ServicoNuvem.objects.count() == 0  # tudo ou nada: a linha 2, boa, também não entrou


def test_unidade_desconhecida_no_catalogo_profissional(client_admin_ref, rascunho_prof):
    conteudo = _csv("SP-1,Consultoria,hora,245.00,,,,,", "SP-2,Migração,dia,98.50,,,,,", cabecalho=CAB_PROF)
    resposta = _enviar(
        client_admin_ref, rascunho_prof, conteudo, url=reverse("admin:catalogo_servicoprofissional_import")
    )
    texto = _mensagens(resposta)
    assert "Linha 3, coluna “unidade”: Unidade desconhecida: “dia”. Use uma destas: Hora, UST, Mês." in texto
    assert ServicoProfissional.objects.count() == 0


def test_xlsx_com_numero_em_celula_de_texto_e_preco_em_formato_brasileiro(client_admin_ref, rascunho_nuvem):
    cab = CAB_NUVEM.split(",")
    conteudo = _xlsx(
        [cab, ["CMP-X", "VM", "Computação", "vCPU/hora", "1.234,5678"], ["CMP-Y", "VM", "rede", "GB", 0.0412]]
    )
    resposta = _enviar(client_admin_ref, rascunho_nuvem, conteudo, nome="s.xlsx", formato=XLSX)
    confirmar = resposta.context["confirm_form"]
    client_admin_ref.post(URL_CONFIRMAR_NUVEM, {c.html_name: c.value() for c in confirmar})
    assert dict(ServicoNuvem.objects.values_list("codigo", "preco_unitario")) == {
        "CMP-X": Decimal("1234.5678"),
        "CMP-Y": Decimal("0.0412"),
    }


def test_texto_em_coluna_numerica_no_xlsx(client_admin_ref, rascunho_nuvem):
    conteudo = _xlsx([CAB_NUVEM.split(","), ["CMP-X", "VM", "rede", "GB", "R$ um real"]])
    texto = _mensagens(_enviar(client_admin_ref, rascunho_nuvem, conteudo, nome="s.xlsx", formato=XLSX))
    assert "Linha 2, coluna “preco_unitario”: “R$ um real” não é um número" in texto
    assert ServicoNuvem.objects.count() == 0


def test_arquivo_grande_demais(client_admin_ref, rascunho_nuvem):
    conteudo = _csv(LINHA_OK) + b"#" * (10 * 1024 * 1024 + 1)
    texto = _mensagens(_enviar(client_admin_ref, rascunho_nuvem, conteudo))
    assert "o limite é 10 MiB" in texto
    assert ServicoNuvem.objects.count() == 0


def test_xlsx_corrompido(client_admin_ref, rascunho_nuvem):
    texto = _mensagens(
        _enviar(client_admin_ref, rascunho_nuvem, b"isto nao e um zip", nome="s.xlsx", formato=XLSX)
    )
    assert "não é uma planilha .xlsx válida" in texto
    assert ServicoNuvem.objects.count() == 0


def test_extensao_nao_aceita(client_admin_ref, rascunho_nuvem):
    texto = _mensagens(_enviar(client_admin_ref, rascunho_nuvem, _csv(LINHA_OK), nome="s.txt"))
    assert "Formato não aceito (.txt)" in texto
    assert ServicoNuvem.objects.count() == 0


def test_colunas_faltando(rascunho_nuvem):
    dataset = tablib.Dataset().load("codigo,nome\nA,B\n", format="csv")
    with pytest.raises(services.ImportacaoRecusada) as erro:
        services.servicos_importar(versao=rascunho_nuvem, dataset=dataset)
    assert "Faltam colunas: categoria, unidade_medida, preco_unitario" in erro.value.mensagens[0]


def test_versao_aprovada_nao_recebe_importacao(client_admin_ref, criar_versao):
    aprovada = criar_versao(n=1, aprovar=True)
    resposta = _enviar(client_admin_ref, aprovada, _csv(LINHA_OK))
    assert "versao" in resposta.context["form"].errors  # nem aparece como escolha
    dataset = tablib.Dataset().load(_csv(LINHA_OK).decode(), format="csv")
    with pytest.raises(services.ImportacaoRecusada) as erro:
        services.servicos_importar(versao=aprovada, dataset=dataset)
    assert "não recebe importação" in erro.value.mensagens[0]
    assert aprovada.servicos_nuvem.count() == 1


def test_reimportar_a_mesma_planilha_nao_duplica(rascunho_nuvem):
    dataset = tablib.Dataset().load(_csv(LINHA_OK).decode(), format="csv")
    services.servicos_importar(versao=rascunho_nuvem, dataset=dataset)
    services.servicos_importar(versao=rascunho_nuvem, dataset=dataset)
    assert ServicoNuvem.objects.count() == 1 and NivelServico.objects.count() == 1


@pytest.mark.parametrize("cliente", ["client_consulta", "client_equipe"])
def test_so_o_administrador_de_referencias_importa(request, cliente, criar_usuario, client, rascunho_nuvem):
    resposta = request.getfixturevalue(cliente).get(URL_IMPORTAR_NUVEM)
    assert resposta.status_code == 302  # não é equipe do admin
    # mesmo com acesso ao admin, sem o grupo não importa nem altera
    client.force_login(criar_usuario("staff", is_staff=True))
    assert client.get(URL_IMPORTAR_NUVEM).status_code == 403


def test_versao_aprovada_fica_so_leitura_no_admin(client_admin_ref, criar_versao):
    aprovada = criar_versao(n=1, aprovar=True)
    servico = aprovada.servicos_nuvem.get()
    url = reverse("admin:catalogo_serviconuvem_change", args=[servico.pk])
    resposta = client_admin_ref.post(url, {"nome": "mudado"})
    assert resposta.status_code == 403
    servico.refresh_from_db()
    assert servico.nome != "mudado"
    url = reverse("admin:catalogo_versaocatalogo_change", args=[aprovada.pk])
    assert client_admin_ref.post(url, {"versao": "x"}).status_code == 403


def test_exportacao_csv_e_xlsx_com_aviso_ilustrativo(client_admin_ref, catalogo_exemplo):
    url = reverse("admin:catalogo_serviconuvem_export")
    for formato, tipo in ((CSV, "text/csv"), (XLSX, "spreadsheetml")):
        resposta = client_admin_ref.post(url, {"format": formato, "resource": 0})
        assert resposta.status_code == 200 and tipo in resposta["Content-Type"]
    livro = openpyxl.load_workbook(io.BytesIO(resposta.content))
    linhas = list(livro.active.iter_rows(values_only=True))
    cabecalho = list(linhas[0])
    # cabeçalhos em português (issue 15, item 8)
    assert cabecalho[:5] == ["Código", "Nome", "Categoria", "Unidade de medida", "Preço unitário (R$)"]
    vcpu = next(dict(zip(cabecalho, linha, strict=True)) for linha in linhas if linha[0] == "CMP-VCPU")
    assert Decimal(str(vcpu["Preço unitário (R$)"])) == Decimal("0.0412")
    assert "valores ilustrativos" in vcpu["Observação"]
    assert vcpu["Nível de serviço: indicador"] == "Disponibilidade mensal"


def test_exportar_e_reimportar_em_nova_versao_da_o_mesmo_catalogo(catalogo_exemplo):
    from catalogo.resources import ServicoNuvemResource

    origem = catalogo_exemplo["nuvem"]
    exportado = ServicoNuvemResource().export(queryset=origem.servicos_nuvem.all())
    rascunho = VersaoCatalogo.objects.create(
        tipo="nuvem", versao="reimport", vigencia_inicio=origem.vigencia_inicio
    )
    dados = tablib.Dataset().load(exportado.export("csv"), format="csv")
    services.servicos_importar(versao=rascunho, dataset=dados)
    campos = ("codigo", "nome", "categoria", "unidade_medida", "preco_unitario")
    assert list(rascunho.servicos_nuvem.order_by("codigo").values_list(*campos)) == list(
        origem.servicos_nuvem.order_by("codigo").values_list(*campos)
    )


def test_texto_que_parece_formula_sai_como_texto(rascunho_nuvem):
    from catalogo.resources import ServicoNuvemResource

    dataset = tablib.Dataset().load(_csv('CMP-F,"=1+1",rede,GB,1,,,,,').decode(), format="csv")
    services.servicos_importar(versao=rascunho_nuvem, dataset=dataset)
    assert ServicoNuvem.objects.get().nome == "=1+1"
    exportado = ServicoNuvemResource().export(queryset=ServicoNuvem.objects.all())
    # CSV não tem tipo de célula: ganha o apóstrofo; no XLSX vai como célula de texto, sem apóstrofo
    assert re.search(r"'=1\+1", exportar_tabela(exportado, "csv"))
    celula = openpyxl.load_workbook(io.BytesIO(exportar_tabela(exportado, "xlsx"))).active["B2"]
    assert (celula.value, celula.data_type) == ("=1+1", "s")


@pytest.fixture
def pasta_temporaria(tmp_path, monkeypatch):
    """A pasta temporária do processo (onde o django-import-export guarda as prévias), só deste teste."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_confirmacao_adulterada_no_catalogo_e_recusada_e_previa_recusada_nao_deixa_copia(
    pasta_temporaria, client_admin_ref, rascunho_nuvem
):
    """Issue 18, item 3: o catálogo usa a mesma guarda do mapa (ImportacaoConfirmadaMixin)."""
    client_admin_ref.raise_request_exception = False
    vitima = pasta_temporaria / "previa-de-outra-pessoa"
    vitima.write_bytes(_csv("INTRUSO,Intruso,rede,GB,1,,,,,"))
    r = _enviar(client_admin_ref, rascunho_nuvem, _csv(LINHA_OK, "ARM-B,Disco,armazenamento,GB/mês,-1,,,,,"))
    assert "confirm_form" not in r.context or r.context["confirm_form"] is None
    assert sorted(p.name for p in pasta_temporaria.iterdir()) == [vitima.name]  # a recusada não ficou

    r = _enviar(client_admin_ref, rascunho_nuvem, _csv(LINHA_OK))
    dados = {campo.html_name: campo.value() for campo in r.context["confirm_form"]}
    for adulterado in ({"import_file_name": vitima.name}, {"format": "x"}, {"format": "1"}):
        r = client_admin_ref.post(URL_CONFIRMAR_NUVEM, {**dados, **adulterado})
        assert r.status_code == 400, adulterado
        assert "não corresponde à prévia que você viu" in r.content.decode()
    assert vitima.exists() and ServicoNuvem.objects.count() == 0
    assert client_admin_ref.post(URL_CONFIRMAR_NUVEM, dados).status_code == 302
    assert ServicoNuvem.objects.count() == 1
    assert sorted(p.name for p in pasta_temporaria.iterdir()) == [vitima.name]
