"""Verificação normativa (issue 17): cada checagem aparece quando falta algo e some quando corrigida.

A página da contratação (com o link de correção) e a aba "Memória de cálculo" do Anexo A mostram a lista.
"""

from datetime import date
from decimal import Decimal as D
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse

from catalogo.models import VersaoCatalogo
from contratos.anexo_a import ABA_MEMORIA
from contratos.estimativa import LinhaPerfil
from contratos.kit_tr import verificacao as v
from contratos.models import Item, MembroEquipe, OrdemServico
from tests.contratos.conftest import CAMPOS_OS, adicionar_os
from tests.contratos.test_nuvem import criar_catalogo, item_nuvem

EQUIPE_COMPLETA = ("requisitante", "tecnico", "administrativo")


@pytest.fixture
def pronta(exemplo):
    """O exemplo trabalhado com equipe completa e UASG do órgão: nada a objetar."""
    MembroEquipe.objects.bulk_create(
        MembroEquipe(contratacao=exemplo, nome=f"Pessoa {p}", papel=p) for p in EQUIPE_COMPLETA
    )
    return exemplo


def achados(cliente, contratacao) -> set[str]:
    resposta = cliente.get(contratacao.get_absolute_url())
    assert resposta.status_code == 200
    return {a.codigo for a in resposta.context["verificacao"]}


def test_contratacao_completa_nao_tem_objecao(client_equipe, pronta):
    resposta = client_equipe.get(pronta.get_absolute_url())
    assert resposta.context["verificacao"] == []
    assert b'data-testid="verificacao-ok"' in resposta.content


def test_mapa_substituido_aparece_com_link_para_reprecificar(client_equipe, pronta, mapa_novo):
    resposta = client_equipe.get(pronta.get_absolute_url())
    (achado,) = resposta.context["verificacao"]
    assert achado.codigo == "mapa-substituido"
    assert achado.url == reverse("contratos:contratacao_reprecificar", args=[pronta.pk])
    assert "Portaria SGD/MGI nº 1.070/2023" in achado.regra
    assert achado.url in resposta.content.decode()


def test_mapa_substituido_some_ao_reprecificar(client_equipe, pronta, mapa_novo):
    pronta.mapa = mapa_novo
    pronta.save()
    assert "mapa-substituido" not in achados(client_equipe, pronta)


@pytest.mark.parametrize("falta", EQUIPE_COMPLETA)
def test_equipe_sem_um_dos_tres_papeis(client_equipe, pronta, falta):
    pronta.equipe.filter(papel=falta).delete()
    assert achados(client_equipe, pronta) == {f"equipe-sem-{falta}"}
    MembroEquipe.objects.create(contratacao=pronta, nome="Nova pessoa", papel=falta)
    assert achados(client_equipe, pronta) == set()


def test_uasg_faltando_aparece_e_some(client_equipe, pronta, orgao):
    orgao.uasg = ""
    orgao.save()
    assert achados(client_equipe, pronta) == {"uasg"}
    pronta.uasg = "170001"
    pronta.save()
    assert achados(client_equipe, pronta) == set()


def test_item_sem_os_aparece_e_some(client_equipe, pronta):
    Item.objects.create(contratacao=pronta, numero=2, descricao="Desenvolvimento")
    resposta = client_equipe.get(pronta.get_absolute_url())
    (achado,) = resposta.context["verificacao"]
    assert (achado.codigo, achado.url) == ("item-sem-os", f"{pronta.get_absolute_url()}#item-2")
    adicionar_os(pronta, [("GERINF", 1, None, "")], item_numero=2, numero="OS nº 002/2026")
    assert achados(client_equipe, pronta) == set()


def test_os_sem_linhas_aparece_e_some(client_equipe, pronta):
    item = pronta.itens.get()
    ordem = OrdemServico.objects.create(item=item, contratacao=pronta, numero="OS nº 002/2026", **CAMPOS_OS)
    (achado,) = client_equipe.get(pronta.get_absolute_url()).context["verificacao"]
    assert (achado.codigo, achado.url) == ("os-sem-linhas", ordem.get_absolute_url())
    ordem.delete()
    assert achados(client_equipe, pronta) == set()


def test_item_de_catalogo_em_versao_substituida_aparece_e_some(client_equipe, pronta):
    antiga = criar_catalogo(versao="2025.1")
    item = item_nuvem(pronta, antiga)
    assert achados(client_equipe, pronta) == set()
    nova = criar_catalogo(versao="2025.2")
    VersaoCatalogo.objects.filter(pk=nova.pk).update(vigencia_inicio=date(2025, 6, 1))
    assert achados(client_equipe, pronta) == {"catalogo-substituido"}
    item.delete()
    item_nuvem(pronta, nova)
    assert achados(client_equipe, pronta) == set()


def test_item_de_catalogo_sem_servicos_aparece(client_equipe, pronta):
    item = item_nuvem(pronta, criar_catalogo(), linhas=())
    assert achados(client_equipe, pronta) == {"item-sem-linhas"}
    item.delete()
    assert achados(client_equipe, pronta) == set()


def test_fator_k_alterado_listado_para_segunda_olhada_e_some_com_o_k_do_mapa(client_equipe, pronta):
    ordem = adicionar_os(pronta, [("GERINF", 1, "2.50", "Encargos locais")], numero="OS nº 002/2026")
    (achado,) = client_equipe.get(pronta.get_absolute_url()).context["verificacao"]
    assert achado.codigo == "fator-k" and "Encargos locais" in achado.texto and "2,50" in achado.texto
    assert achado.url == ordem.get_absolute_url()
    ordem.linhas.update(fator_k=ordem.linhas.get().fator_k_referencia, justificativa="")
    assert achados(client_equipe, pronta) == set()


def test_consulta_ve_o_painel_sem_os_links_de_correcao(client_consulta, pronta, mapa_novo):
    texto = client_consulta.get(pronta.get_absolute_url()).content.decode()
    assert 'data-testid="achado-mapa-substituido"' in texto
    assert reverse("contratos:contratacao_reprecificar", args=[pronta.pk]) not in texto


def test_anexo_a_traz_a_mesma_lista_na_memoria_de_calculo(client_equipe, exemplo):
    """Sem equipe: os três papéis faltam na página e na aba "Memória de cálculo"."""
    pagina = client_equipe.get(exemplo.get_absolute_url()).context["verificacao"]
    assert [a.codigo for a in pagina] == [f"equipe-sem-{p}" for p in EQUIPE_COMPLETA]
    xlsx = client_equipe.get(reverse("contratos:contratacao_anexo_a", args=[exemplo.pk])).content
    memoria = [
        c
        for (c,) in openpyxl.load_workbook(BytesIO(xlsx))[ABA_MEMORIA].iter_rows(max_col=1, values_only=True)
    ]
    inicio = memoria.index("Verificação normativa na geração (nada bloqueia; a equipe decide)")
    assert memoria[inicio + 1 :] == [f"{a.texto} Regra: {a.regra}" for a in pagina]


def test_anexo_a_sem_objecao_diz_isso_na_memoria(client_equipe, pronta):
    xlsx = client_equipe.get(reverse("contratos:contratacao_anexo_a", args=[pronta.pk])).content
    memoria = [
        c
        for (c,) in openpyxl.load_workbook(BytesIO(xlsx))[ABA_MEMORIA].iter_rows(max_col=1, values_only=True)
    ]
    assert memoria[-1] == "Nenhuma objeção encontrada."


# As fontes que a verificação pode citar (../shared/seeds/ e a IN que a Portaria 6.055/2025 cita): uma regra
# sem documento ("Art. 2º: ...") não diz de onde vem, e uma de documento fora daqui não se confere.
FONTES = (
    "Portaria SGD/MGI nº 1.070/2023 (redação da nº 6.055/2025), ",
    "IN SGD/ME nº 94/2022, art. 2º: ",
    "Plano de Trabalho do ACT MGI nº 142/2024 ",
)


def test_toda_regra_citada_nomeia_o_documento_e_o_dispositivo():
    ordem_vazia = v.OrdemVerificada("OS nº 002/2026", 0, "/os/2/")
    k = LinhaPerfil("OS nº 001/2026", "ASUPCOMP-02", "Analista", "Pleno", 1, D("5075.52"), D("2.12"), D("3"))
    situacao = v.Situacao(
        url_editar="/e/",
        url_reprecificar="/r/",
        mapa="Portaria A",
        mapa_mais_novo="Portaria B",
        papeis=frozenset(),
        uasg="",
        itens=(
            v.ItemVerificado(1, "Perfis", False, "/i/1/"),
            v.ItemVerificado(2, "Perfis", False, "/i/2/", ordens=(ordem_vazia,)),
            v.ItemVerificado(3, "Nuvem", True, "/i/3/", catalogo_substituido="Nuvem 2025.1"),
        ),
        fatores_k_alterados=(k,),
    )
    achados = v.verificar(situacao)
    assert len({a.codigo for a in achados}) == 10  # todas as checagens
    for achado in achados:
        assert achado.regra.startswith(FONTES), achado.regra
    # a Lei 14.133/2021 não define a composição da equipe de planejamento (a IN SGD/ME nº 94/2022 define)
    assert not any("14.133" in a.regra for a in achados)
