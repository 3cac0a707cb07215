"""Kit do Termo de Referência em DOCX (issue 17): conteúdo, tabelas reais do Word, PDF pelo LibreOffice."""

import shutil
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from django.urls import reverse

from contratos.estimativa import REGRA_UM_PROFISSIONAL
from core.models import Exportacao
from tests.contratos.conftest import adicionar_os
from tests.planilhas import SOFFICE, libreoffice_disponivel

MENSAL, ANUAL = "R$ 56.152,38", "R$ 673.828,56"
JUSTIFICATIVA = "Memória de cálculo: acordo coletivo local com encargos maiores"


def baixar(cliente, contratacao):
    resposta = cliente.get(reverse("contratos:contratacao_kit_tr", args=[contratacao.pk]))
    assert resposta.status_code == 200
    assert resposta["Content-Type"].endswith("wordprocessingml.document")
    assert resposta["Content-Disposition"].endswith('.docx"')
    return resposta.content


def tabelas(conteudo: bytes) -> list[list[list[str]]]:
    documento = docx.Document(BytesIO(conteudo))
    return [[[c.text for c in linha.cells] for linha in t.rows] for t in documento.tables]


def texto(conteudo: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(BytesIO(conteudo)).paragraphs)


def test_kit_do_exemplo_traz_os_totais_na_tabela_da_estimativa(client_equipe, exemplo):
    todas = tabelas(baixar(client_equipe, exemplo))
    estimativa = next(t for t in todas if t[0][:3] == ["Item", "Descrição", "Valor mensal"])
    assert estimativa[-1][:4] == ["Total", "", MENSAL, ANUAL]
    assert estimativa[1][2:4] == [MENSAL, ANUAL]  # o item 1 é o único
    detalhe = next(t for t in todas if "Custo por profissional" in t[0])
    assert [
        "1",
        "OS nº 001/2026",
        "ASUPCOMP-02",
        "2",
        "R$ 5.075,52",
        "2,12",
        "R$ 10.760,10",
        "R$ 21.520,20",
    ] in (detalhe)


def test_kit_traz_perfis_minimos_sem_quantidade_a_regra_15_5_e_a_experiencia(client_equipe, exemplo):
    conteudo = baixar(client_equipe, exemplo)
    todas = tabelas(conteudo)
    perfis = next(t for t in todas if t[0][1] == "Perfil profissional mínimo")
    assert perfis[1] == ["ASUPCOMP-02", "Analista de suporte computacional", "Pleno", "ao menos 3 anos"]
    assert perfis[2][0] == "GERINF" and perfis[2][2] == "—"
    assert all(len(linha) == 4 for linha in perfis)  # nenhuma coluna de quantidade (15.5)
    experiencia = next(t for t in todas if t[0][0] == "Senioridade")
    assert experiencia[1:] == [
        ["Júnior", "ao menos 1 ano"],
        ["Pleno", "ao menos 3 anos"],
        ["Sênior", "ao menos 5 anos"],
    ]
    assert REGRA_UM_PROFISSIONAL in texto(conteudo)


def test_kit_traz_fator_k_alterado_com_justificativa_e_o_ato_do_mapa(client_equipe, nova_contratacao):
    contratacao = nova_contratacao()
    adicionar_os(contratacao, [("GERINF", 1, "2.50", JUSTIFICATIVA)])
    conteudo = baixar(client_equipe, contratacao)
    fatores = next(t for t in tabelas(conteudo) if t[0][-1] == "Justificativa")
    assert fatores[1] == ["1", "OS nº 001/2026", "GERINF", "1,94", "2,50", JUSTIFICATIVA]
    assert "Portaria SGD/MGI nº 6.055/2025" in texto(conteudo)


def test_kit_usa_estilos_reais_do_word(client_equipe, exemplo):
    documento = docx.Document(BytesIO(baixar(client_equipe, exemplo)))
    estilos = {p.style.name for p in documento.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "List Number", "List Bullet"} <= estilos
    assert {t.style.name for t in documento.tables} == {"Table Grid"}


def test_kit_e_registrado_com_carimbo_nas_propriedades_e_no_rodape(client_equipe, exemplo, usuario_equipe):
    conteudo = baixar(client_equipe, exemplo)
    exportacao = Exportacao.objects.get()
    assert (exportacao.tipo, exportacao.gerado_por) == (Exportacao.Tipo.KIT_TR, usuario_equipe)
    documento = docx.Document(BytesIO(conteudo))
    assert documento.core_properties.identifier == exportacao.codigo
    assert exportacao.codigo in documento.core_properties.comments
    rodape = documento.sections[0].footer.paragraphs[0].text
    assert f"código {exportacao.codigo}" in rodape and "19974.000001/2026-01" in rodape


def test_kit_de_outro_orgao_responde_404(client_outro_orgao, exemplo):
    resposta = client_outro_orgao.get(reverse("contratos:contratacao_kit_tr", args=[exemplo.pk]))
    assert resposta.status_code == 404
    assert not Exportacao.objects.exists()


@pytest.mark.skipif(
    not libreoffice_disponivel() or not shutil.which("pdftotext"), reason="sem LibreOffice ou pdftotext"
)
def test_libreoffice_converte_o_kit_em_pdf_com_os_mesmos_numeros(client_equipe, exemplo):
    with tempfile.TemporaryDirectory(prefix="kit-") as tmp:
        base = Path(tmp)
        (base / "kit.docx").write_bytes(baixar(client_equipe, exemplo))
        subprocess.run(
            [
                SOFFICE,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={(base / 'perfil').as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(base),
                str(base / "kit.docx"),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
        pdf = subprocess.run(
            ["pdftotext", "-layout", str(base / "kit.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
    assert MENSAL in pdf and ANUAL in pdf
    assert "R$ 21.520,20" in pdf and "R$ 34.632,18" in pdf


def test_kit_traz_a_mesma_verificacao_do_painel(client_equipe, exemplo):
    """Sem equipe: os três papéis faltam no painel e na seção de verificação do kit."""
    painel = client_equipe.get(exemplo.get_absolute_url()).context["verificacao"]
    documento = docx.Document(BytesIO(baixar(client_equipe, exemplo)))
    titulos = [p.text for p in documento.paragraphs]
    secao = titulos[titulos.index("6. Verificação normativa na geração") + 1 :]
    assert secao == [f"{a.texto} Regra: {a.regra}" for a in painel] and len(secao) == 3
