"""Versões do mapa: uma vigente por vez (pelas datas), publicação confirmada e impacto nas contratações."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from contratos import selectors, services
from contratos.models import MapaSalarial
from contratos.services import mapa_nova_versao, mapa_publicar


def _rascunho(origem, **remuneracoes):
    novo = mapa_nova_versao(origem=origem)
    for codigo, valor in remuneracoes.items():
        novo.valores.filter(codigo=codigo.replace("_", "-")).update(remuneracao=Decimal(valor))
    return novo


def test_publicada_com_inicio_futuro_so_vale_a_partir_do_dia(mapa):
    futura = mapa_publicar(mapa=_rascunho(mapa), data_vigencia=date(2030, 1, 1))
    assert futura.situacao == "vigente"  # guardado: publicada
    vespera = date(2029, 12, 31)
    assert selectors.mapa_padrao(hoje=vespera) == mapa
    assert list(selectors.mapas_vigentes(hoje=vespera)) == [mapa]
    assert selectors.estados_dos_mapas(hoje=vespera)[futura.pk].rotulo == "Aprovada, a partir de 01/01/2030"
    assert selectors.mapa_padrao(hoje=date(2030, 1, 1)) == futura
    estados = selectors.estados_dos_mapas(hoje=date(2030, 1, 1))
    assert [estados[mapa.pk].rotulo, estados[futura.pk].rotulo] == ["Substituída desde 01/01/2030", "Vigente"]


def test_publicar_recusa_inicio_repetido_ou_anterior(mapa):
    rascunho = _rascunho(mapa)
    for inicio, trecho in [(mapa.data_vigencia, "Já existe"), (date(2025, 1, 1), "depois de 01/09/2025")]:
        with pytest.raises(ValidationError) as erro:
            mapa_publicar(mapa=rascunho, data_vigencia=inicio)
        assert trecho in erro.value.message_dict["data_vigencia"][0]
    rascunho.refresh_from_db()
    assert (rascunho.situacao, rascunho.data_vigencia) == ("rascunho", None)


def test_banco_recusa_duas_publicadas_com_o_mesmo_inicio(mapa):
    rascunho = _rascunho(mapa)
    with pytest.raises(IntegrityError), transaction.atomic():
        MapaSalarial.objects.filter(pk=rascunho.pk).update(
            situacao="vigente", data_vigencia=mapa.data_vigencia
        )


def test_impacto_mostra_a_diferenca_que_reprecificar_aplica(exemplo, client_admin_ref):
    """Exemplo trabalhado (56.152,38) com ASUPCOMP-02 a 5.200,00: 2 × (11.024,00 − 10.760,10) = +527,80."""
    rascunho = _rascunho(exemplo.mapa, ASUPCOMP_02="5200.00")
    url = reverse("admin:contratos_mapasalarial_publicar", args=[rascunho.pk])
    html = client_admin_ref.get(url).content.decode()
    assert "Impacto nas contratações (1)" in html
    linha = html[html.index(f'data-processo="{exemplo.numero_processo}"') :].split("</tr>")[0]
    for trecho in ("ORGEX", "R$ 56.152,38", "R$ 56.680,18", "R$ 527,80", "+0,94%"):
        assert trecho in linha
    assert "ASUPCOMP-02" not in linha  # só totais: as linhas ficam com o órgão

    [impacto] = selectors.impacto_nova_versao(rascunho)
    hoje = timezone.localdate()
    r = client_admin_ref.post(url, {"data_vigencia": f"{hoje:%d/%m/%Y}"}, follow=True)
    assert "Versão publicada. Situação: Vigente." in r.content.decode()

    antes = selectors.resumir_contratacao(exemplo).estimativa.mensal
    services.contratacao_reprecificar(contratacao=exemplo, mapa_novo=rascunho, hoje=hoje)
    depois = selectors.resumir_contratacao(exemplo).estimativa.mensal
    assert depois - antes == impacto.diferenca == Decimal("527.80")


def test_publicar_pelo_admin_mostra_erros_em_portugues_e_nada_muda(mapa, client_admin_ref):
    rascunho = _rascunho(mapa)
    url = reverse("admin:contratos_mapasalarial_publicar", args=[rascunho.pk])
    for digitado, mensagem in [
        ("", "Informe o início da vigência."),
        ("31/02/2026", "Data inválida: use o formato dd/mm/aaaa."),
        ("01/09/2025", "Já existe uma versão publicada com vigência a partir de 01/09/2025."),
    ]:
        r = client_admin_ref.post(url, {"data_vigencia": digitado})
        assert r.status_code == 200 and mensagem in r.content.decode()
    rascunho.refresh_from_db()
    assert rascunho.situacao == "rascunho"


def test_consulta_nao_abre_a_publicacao(mapa, client_consulta):
    rascunho = _rascunho(mapa)
    r = client_consulta.get(reverse("admin:contratos_mapasalarial_publicar", args=[rascunho.pk]))
    assert r.status_code in (302, 403)
    rascunho.refresh_from_db()
    assert rascunho.situacao == "rascunho"


def test_detalhe_avisa_que_ha_versao_mais_nova_com_link_para_reprecificar(exemplo, client_equipe):
    url = exemplo.get_absolute_url()
    assert "Há versão mais nova do mapa" not in client_equipe.get(url).content.decode()
    mapa_publicar(mapa=_rascunho(exemplo.mapa), data_vigencia=timezone.localdate() + timedelta(days=30))
    assert "Há versão mais nova do mapa" not in client_equipe.get(url).content.decode()  # ainda não vale
    MapaSalarial.objects.filter(origem=exemplo.mapa).update(data_vigencia=timezone.localdate())
    html = client_equipe.get(url).content.decode()
    assert "Há versão mais nova do mapa" in html
    assert reverse("contratos:contratacao_reprecificar", args=[exemplo.pk]) in html
