"""Injeção de fórmula na exportação do mapa (issue 18, item 4), conferida no LibreOffice.

Um perfil digitado como fórmula tem de voltar como o texto digitado: no XLSX, célula de texto com o texto
exato; no CSV (que não tem tipo de célula), o texto com o apóstrofo de proteção, que a importação tira.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from contratos.models import MapaSalarial, ValorPerfil
from contratos.services import mapa_importar
from tests.planilhas import abrir_no_libreoffice

CARGAS = (
    '=HYPERLINK("http://exemplo.invalid","clique")',
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
)
CAMPOS_ADMIN = {
    f"valorperfilresource_{c}": "on" for c in ("codigo", "perfil", "senioridade", "remuneracao", "fator_k")
}


@pytest.fixture
def mapa_com_cargas(db):
    mapa = MapaSalarial.objects.create(nome_ato="Mapa hostil", situacao=MapaSalarial.Situacao.RASCUNHO)
    for indice, carga in enumerate(CARGAS):
        ValorPerfil.objects.create(
            mapa=mapa,
            codigo=f"HOSTIL-{indice:02d}",
            perfil=carga,
            remuneracao=Decimal("1000.00"),
            fator_k=Decimal("2.00"),
        )
    return mapa


def _perfis(pasta) -> dict[str, tuple]:
    """codigo -> (valor mostrado, tipo gravado) da coluna perfil, como o LibreOffice deixou."""
    valores = list(pasta.valores.active.iter_rows(values_only=True))
    tipos = list(pasta.formulas.active.iter_rows())
    coluna = list(valores[0]).index("Perfil")  # cabeçalho em português (issue 15, item 8)
    return {
        linha[0]: (linha[coluna], celulas[coluna].data_type)
        for linha, celulas in zip(valores[1:], tipos[1:], strict=True)
    }


def test_perfil_com_formula_sai_como_texto_em_todas_as_exportacoes(mapa_com_cargas, client_admin_ref):
    pagina = {
        formato: client_admin_ref.get(reverse("contratos:mapa_exportar", args=[mapa_com_cargas.pk, formato]))
        for formato in ("csv", "xlsx")
    }
    admin = {
        formato: client_admin_ref.post(
            reverse("admin:contratos_valorperfil_export"), {"format": indice, "resource": 0, **CAMPOS_ADMIN}
        )
        for indice, formato in enumerate(("csv", "xlsx"))
    }
    for resposta in (*pagina.values(), *admin.values()):
        assert resposta.status_code == 200 and "html" not in resposta["Content-Type"]
    abertas = abrir_no_libreoffice(
        {
            "pagina-csv.csv": pagina["csv"].content,
            "pagina-xlsx.xlsx": pagina["xlsx"].content,
            "admin-csv.csv": admin["csv"].content,
            "admin-xlsx.xlsx": admin["xlsx"].content,
        }
    )
    for nome, pasta in abertas.items():
        perfis = _perfis(pasta)
        for indice, carga in enumerate(CARGAS):
            valor, tipo = perfis[f"HOSTIL-{indice:02d}"]
            esperado = carga if nome.endswith(".xlsx") else "'" + carga
            # no CSV o CR vira quebra de linha (o leitor normaliza CR para LF); no XLSX o openpyxl com lxml
            # (dependência do python-docx) grava o CR escapado, e ele volta exatamente como foi digitado
            if nome.endswith(".csv"):
                esperado = esperado.replace("\r", "\n")
            assert (valor, tipo) == (esperado, "s"), (nome, carga)


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_exportar_e_reimportar_devolve_o_texto_digitado(mapa_com_cargas, client_admin_ref, formato):
    resposta = client_admin_ref.get(reverse("contratos:mapa_exportar", args=[mapa_com_cargas.pk, formato]))
    copia = MapaSalarial.objects.create(nome_ato="Cópia", situacao=MapaSalarial.Situacao.RASCUNHO)
    resultado = mapa_importar(
        mapa=copia, nome_arquivo=f"mapa.{formato}", conteudo=resposta.content, confirmar=True
    )
    assert resultado.erros == []
    # a importação tira espaços das pontas da célula (regra antiga): \t e \r iniciais somem
    assert sorted(copia.valores.values_list("perfil", flat=True)) == sorted(c.strip() for c in CARGAS)
