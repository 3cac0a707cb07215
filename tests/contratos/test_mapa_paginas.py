"""Páginas “Mapa salarial” e “Comparar versões”, exportação e admin do mapa (issue 3, itens 3, 4 e 7)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from contratos import referencias
from contratos.models import MapaSalarial, ValorPerfil
from core.templatetags.reais import percentual, reais
from tests import consultas
from tests.consultas import visitar
from tests.contratos import mapa_arquivos as arq
from tests.contratos.conftest import criar_mapa

URL = "/contratos/mapa-salarial/"


def _mapa_com(n):
    # duas publicadas não começam no mesmo dia
    perfis = [(f"P{i}-01", "Perfil", "junior", "1000", "2") for i in range(n)]
    return criar_mapa(f"Mapa com {n}", perfis, vigencia=date(2030, 1, 1) + timedelta(days=n))


def test_filtro_reais():
    assert reais(Decimal("10760.1")) == "R$ 10.760,10"
    assert reais(Decimal("0.5")) == "R$ 0,50"
    assert reais(None) == ""
    assert percentual(Decimal("-3.33")) == "-3,33%"
    assert percentual(Decimal("10")) == "+10,00%"


def test_pagina_lista_os_35_perfis_com_custo(semente, client_consulta):
    r = client_consulta.get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert r.context["mapa"] == semente
    assert r.context["pagina"].paginator.count == 35
    assert "Portaria SGD/MGI nº 6.055/2025" in html
    assert "desde 01/09/2025" in html
    assert "28/08/2025" in html
    assert "R$ 10.760,10" in html  # ASUPCOMP-02
    assert "R$ 34.632,18" in html  # GERINF
    assert "R$ 5.075,52" in html
    linhas = {v.codigo: v for v in r.context["pagina"]}
    assert linhas["CLOUD-01"].get_senioridade_display() == "Pleno"
    assert linhas["GERSUP"].senioridade == ""
    assert "3 anos" in html and "5 anos" in html and "1 ano" in html


def test_filtros_senioridade_familia_e_busca(semente, client_consulta):
    def codigos(**params):
        r = client_consulta.get(URL, {"versao": semente.pk, **params})
        return [v.codigo for v in r.context["pagina"]]

    assert codigos(familia="ASUPCOMP") == ["ASUPCOMP-01", "ASUPCOMP-02", "ASUPCOMP-03"]
    assert codigos(familia="GERINF") == ["GERINF"]
    assert codigos(senioridade="sem") == ["GERSUP", "GERINF", "GERSEG"]
    assert codigos(senioridade="pleno", familia="CLOUD") == ["CLOUD-01"]
    assert codigos(busca="cloud") == ["CLOUD-01", "CLOUD-02"]
    r = client_consulta.get(URL, {"versao": semente.pk, "busca": "inexistente"})
    assert "Nenhum perfil corresponde ao filtro" in r.content.decode()


def test_estado_vazio_sem_versao(client_consulta):
    r = client_consulta.get(URL)
    assert "Ainda não há versão publicada" in r.content.decode()


def test_rascunho_nao_aparece_para_quem_so_le(semente, client_consulta, client_admin_ref):
    rascunho = MapaSalarial.objects.create(nome_ato="Rascunho", situacao="rascunho")
    assert client_consulta.get(URL, {"versao": rascunho.pk}).status_code == 404
    assert client_admin_ref.get(URL, {"versao": rascunho.pk}).status_code == 200


def test_consultas_fixas_com_10_ou_500_perfis(client_consulta):
    """A lista (paginada), a comparação e as exportações fazem o mesmo número de consultas com 10 ou 500."""
    for n in (10, 500):
        mapa, outro = _mapa_com(n), _mapa_com(n + 1)
        visitar(client_consulta, URL, consultas.MAPA)  # a vigente mais nova: `outro`
        visitar(client_consulta, URL, consultas.MAPA_VERSAO_PEDIDA, {"versao": mapa.pk})
        comparar = {"anterior": mapa.pk, "atual": outro.pk}
        visitar(client_consulta, reverse("contratos:mapa_comparar"), consultas.MAPA_COMPARAR, comparar)
        for formato in ("csv", "xlsx"):
            url = reverse("contratos:mapa_exportar", args=[mapa.pk, formato])
            visitar(client_consulta, url, consultas.MAPA_EXPORTAR)
    visitar(client_consulta, URL, consultas.MAPA_VERSAO_PEDIDA, {"versao": mapa.pk, "pagina": 3})


@pytest.mark.parametrize("formato", ["csv", "xlsx"])
def test_exportacao_para_qualquer_usuario(semente, client_consulta, formato):
    r = client_consulta.get(reverse("contratos:mapa_exportar", args=[semente.pk, formato]))
    assert r.status_code == 200
    assert r["Content-Disposition"].endswith(f'.{formato}"')
    if formato == "csv":
        texto = r.content.decode()
        # issue 15, item 8: cabeçalhos em português (a importação aceita estes e os nomes internos)
        assert texto.splitlines()[0] == "Código,Perfil,Senioridade,Remuneração (R$),Fator-K"
        assert "ASUPCOMP-02,Analista de suporte computacional,Pleno,5075.52,2.12" in texto


def test_comparar_versoes(semente, client_consulta):
    from contratos.services import mapa_nova_versao, mapa_publicar

    nova = mapa_nova_versao(origem=semente)
    ValorPerfil.objects.filter(mapa=nova, codigo="ASUPCOMP-02").update(remuneracao=Decimal("5583.07"))
    ValorPerfil.objects.filter(mapa=nova, codigo="GERINF").update(fator_k=Decimal("2.00"))
    ValorPerfil.objects.filter(mapa=nova, codigo="CLOUD-02").delete()
    ValorPerfil.objects.create(
        mapa=nova,
        codigo="CLOUD-03",
        perfil="Especialista em Cloud",
        senioridade="senior",
        remuneracao=1,
        fator_k=1,
    )
    nova.data_vigencia = "2026-09-01"
    nova.save()
    mapa_publicar(mapa=nova)

    r = client_consulta.get(reverse("contratos:mapa_comparar"), {"anterior": semente.pk, "atual": nova.pk})
    comp = r.context["comparacao"]
    alterados = {d.codigo: d for d in comp.alterados}
    assert set(alterados) == {"ASUPCOMP-02", "GERINF"}
    asup = alterados["ASUPCOMP-02"]
    assert asup.variacao_remuneracao == Decimal("10.00")
    assert (asup.custo_anterior, asup.custo_atual) == (Decimal("10760.10"), Decimal("11836.11"))
    assert alterados["GERINF"].variacao_fator_k == Decimal("3.09")
    assert [v.codigo for v in comp.incluidos] == ["CLOUD-03"]
    assert [v.codigo for v in comp.excluidos] == ["CLOUD-02"]
    assert len(comp.inalterados) == 32
    html = r.content.decode()
    assert "+10,00%" in html and "R$ 11.836,11" in html


def test_comparar_exige_versoes_diferentes(semente, client_consulta):
    _mapa_com(1)
    r = client_consulta.get(reverse("contratos:mapa_comparar"), {"anterior": semente.pk, "atual": semente.pk})
    assert "Escolha duas versões diferentes." in r.content.decode()
    assert r.context["comparacao"] is None


# Admin e permissões (item 7)
def test_so_administrador_de_referencias_importa(
    client_consulta, client_equipe, client_admin_ref, client_super
):
    url = reverse("admin:contratos_valorperfil_import")
    assert client_consulta.get(url).status_code in (302, 403)  # não é equipe do admin
    assert client_equipe.get(url).status_code in (302, 403)
    assert client_admin_ref.get(url).status_code == 200
    assert client_super.get(url).status_code == 200


def test_versao_travada_no_admin_diz_o_motivo_e_oferece_nova_versao(semente, client_admin_ref):
    url = reverse("admin:contratos_mapasalarial_change", args=[semente.pk])
    r = client_admin_ref.get(url)
    html = r.content.decode()
    assert "Versão travada." in html
    assert "está publicada e não pode ser alterada" in html
    assert "Nova versão a partir desta" in html
    # Editar no lugar é recusado: o POST não muda nada.
    client_admin_ref.post(url, {"nome_ato": "Outro nome"})
    semente.refresh_from_db()
    assert semente.nome_ato == referencias.ATO

    r = client_admin_ref.post(reverse("admin:contratos_mapasalarial_nova_versao", args=[semente.pk]))
    novo = MapaSalarial.objects.get(origem=semente)
    assert r.url == reverse("admin:contratos_mapasalarial_change", args=[novo.pk])
    assert novo.situacao == "rascunho" and novo.valores.count() == 35


def test_versao_em_uso_fica_travada_mesmo_em_rascunho(db, monkeypatch):
    mapa = MapaSalarial.objects.create(nome_ato="X", situacao="rascunho")
    assert not mapa.bloqueado
    monkeypatch.setattr(MapaSalarial, "em_uso", lambda self: True)
    assert mapa.bloqueado
    assert "usada por contratações" in mapa.motivo_bloqueio()


def test_consulta_nao_cria_nova_versao(semente, client_consulta):
    client_consulta.post(reverse("admin:contratos_mapasalarial_nova_versao", args=[semente.pk]))
    assert MapaSalarial.objects.count() == 1


def test_importacao_pelo_admin_com_previa_e_confirmacao(semente, client_admin_ref, usuario_admin_ref):
    rascunho = MapaSalarial.objects.create(nome_ato="Rascunho", situacao="rascunho")
    url = reverse("admin:contratos_valorperfil_import")
    ruim = arq.csv_bytes(
        [
            ["ASUPCOMP-02", "Analista de suporte computacional", "Pleno", "5.075,52", "2,12"],
            ["GERINF", "Gerente de infraestrutura", "", "17.851,64", "3,50"],
        ]
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = client_admin_ref.post(
        url,
        {"resource": "0", "mapa": rascunho.pk, "import_file": SimpleUploadedFile("m.csv", ruim, "text/csv")},
    )
    html = r.content.decode()
    assert "Linha 3, coluna “fator_k”: O Fator-K não pode ser superior a 3,00" in html
    assert "confirm" not in r.context or r.context.get("confirm_form") is None
    assert not rascunho.valores.exists()

    bom = ruim.replace(b"3,50", b"1,94")
    r = client_admin_ref.post(
        url,
        {"resource": "0", "mapa": rascunho.pk, "import_file": SimpleUploadedFile("m.csv", bom, "text/csv")},
    )
    confirmar = r.context["confirm_form"]
    assert "2 perfis novos" in r.content.decode()
    assert not rascunho.valores.exists()  # prévia não grava
    dados = {k: confirmar.initial[k] for k in confirmar.initial}
    r = client_admin_ref.post(reverse("admin:contratos_valorperfil_process_import"), dados)
    assert r.status_code == 302
    assert rascunho.valores.count() == 2
    assert ValorPerfil.history.filter(mapa_id=rascunho.pk, history_user=usuario_admin_ref).count() == 2


def test_importacao_pelo_admin_recusa_xlsm_perto_do_campo(db, client_admin_ref):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rascunho = MapaSalarial.objects.create(nome_ato="Rascunho", situacao="rascunho")
    r = client_admin_ref.post(
        reverse("admin:contratos_valorperfil_import"),
        {
            "resource": "0",
            "mapa": rascunho.pk,
            "import_file": SimpleUploadedFile("m.xlsm", arq.xlsx_bytes([])),
        },
    )
    assert "macros (.xlsm) não são aceitos" in str(r.context["form"].errors["import_file"])
    assert not rascunho.valores.exists()


def test_importacao_xlsx_pelo_admin_e_exportacao_do_admin(db, client_admin_ref):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rascunho = MapaSalarial.objects.create(nome_ato="Rascunho", situacao="rascunho")
    conteudo = arq.xlsx_bytes([["GERINF", "Gerente de infraestrutura", "", 17851.64, 1.94]])
    r = client_admin_ref.post(
        reverse("admin:contratos_valorperfil_import"),
        {"resource": "0", "mapa": rascunho.pk, "import_file": SimpleUploadedFile("m.xlsx", conteudo)},
    )
    confirmar = r.context["confirm_form"]
    r = client_admin_ref.post(reverse("admin:contratos_valorperfil_process_import"), dict(confirmar.initial))
    assert rascunho.valores.get().custo_total == Decimal("34632.18")

    campos = {
        f"valorperfilresource_{c}": "on"
        for c in ("codigo", "perfil", "senioridade", "remuneracao", "fator_k")
    }
    r = client_admin_ref.post(
        reverse("admin:contratos_valorperfil_export"), {"resource": "0", "format": "0", **campos}
    )
    assert r.status_code == 200
    assert "GERINF,Gerente de infraestrutura,,17851.64,1.94" in r.content.decode()


def test_admin_lista_versoes_com_busca_e_total_de_perfis(semente, client_admin_ref):
    r = client_admin_ref.get(reverse("admin:contratos_mapasalarial_changelist"), {"q": "6.055"})
    assert r.status_code == 200
    assert list(r.context["cl"].result_list) == [semente]
    assert r.context["cl"].result_list[0].total_perfis == 35
    r = client_admin_ref.get(reverse("admin:contratos_valorperfil_changelist"), {"q": "ASUPCOMP"})
    assert r.context["cl"].result_count == 3
