"""Issue 18, itens 6–8: item e linhas de nuvem com trava otimista, números repetidos em corrida sem 500,
limites do domínio no formulário e no banco, formsets com teto e ids inválidos sem 500."""

import re
import time
from decimal import Decimal as D

import pytest
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse

from contratos import calculo
from contratos.models import Contratacao, Item, LinhaNuvem, LinhaPerfil, MembroEquipe, OrdemServico
from tests.contratos.conftest import dados_contratacao
from tests.contratos.test_concorrencia import client_colega  # noqa: F401 (fixture)
from tests.contratos.test_estimativa_paginas import dados_os
from tests.contratos.test_nuvem import _dados as dados_nuvem
from tests.contratos.test_nuvem import catalogo, com_nuvem  # noqa: F401 (fixtures)

CINCO_MIB = 5 * 1024 * 1024


def campos_ocultos(cliente, url) -> dict:
    """O que o navegador reenviaria dos campos ocultos da página (a versão lida, se a página a tiver)."""
    html = cliente.get(url).content.decode()
    return dict(re.findall(r'<input type="hidden" name="(versao)" value="(\d*)"', html))


def dados_item(item, *, descricao, numero=None, **extra):
    dados = {
        "numero": str(numero or item.numero),
        "descricao": descricao,
        "tipo": item.tipo,
        "catalogo": str(item.catalogo_id or ""),
    }
    dados.update(extra)
    return dados


# --- 6. Edição concorrente do item e das linhas de nuvem ---


def test_segunda_edicao_do_item_e_recusada_e_a_primeira_fica(exemplo, client_equipe, client_colega):  # noqa: F811
    item = exemplo.itens.get()
    url = reverse("contratos:item_editar", args=[item.pk])
    # As duas pessoas abrem a página antes de qualquer gravação.
    ocultos_a = campos_ocultos(client_equipe, url)
    ocultos_b = campos_ocultos(client_colega, url)

    r = client_equipe.post(url, dados_item(item, descricao="Descrição da Ana", **ocultos_a))
    assert r.status_code == 302
    r = client_colega.post(url, dados_item(item, descricao="Descrição do colega", **ocultos_b))

    assert r.status_code == 200
    texto = r.content.decode()
    assert "Este item foi alterado por outra pessoa em " in texto
    assert "Recarregar a versão atual" in texto
    item.refresh_from_db()
    assert item.descricao == "Descrição da Ana"
    # Recarregada, a página traz a versão nova e a gravação passa.
    r = client_colega.post(
        url, dados_item(item, descricao="Descrição do colega", **campos_ocultos(client_colega, url))
    )
    assert r.status_code == 302
    item.refresh_from_db()
    assert item.descricao == "Descrição do colega"


def test_segundo_salvamento_das_linhas_de_nuvem_e_recusado_e_o_primeiro_fica(
    com_nuvem,  # noqa: F811
    catalogo,  # noqa: F811
    client_equipe,
    client_colega,  # noqa: F811
):
    item = com_nuvem.itens.get(tipo="nuvem")
    url = reverse("contratos:item_nuvem", args=[item.pk])
    ocultos_a = campos_ocultos(client_equipe, url)
    ocultos_b = campos_ocultos(client_colega, url)
    servicos = catalogo.servicos_nuvem.all()

    dados_a = dados_nuvem(servicos, [("VM-VCPU", "10", "da Ana")])
    dados_a.pop("versao")
    r = client_equipe.post(url, {**dados_a, **ocultos_a})
    assert r.status_code == 302
    dados_b = dados_nuvem(servicos, [("OBJ-GB", "99", "do colega"), ("BD-HORA", "1", "")])
    dados_b.pop("versao")
    r = client_colega.post(url, {**dados_b, **ocultos_b})

    assert r.status_code == 200
    texto = r.content.decode()
    assert "Este item foi alterado por outra pessoa em " in texto
    assert "Recarregar a versão atual" in texto
    assert list(item.linhas_nuvem.values_list("servico__codigo", "quantidade", "observacao")) == [
        ("VM-VCPU", D("10"), "da Ana")
    ]


def test_linhas_de_nuvem_sem_a_versao_nao_gravam(com_nuvem, catalogo, client_equipe):  # noqa: F811
    item = com_nuvem.itens.get(tipo="nuvem")
    dados = dados_nuvem(catalogo.servicos_nuvem.all(), [("VM-VCPU", "10", "")])
    dados.pop("versao")
    r = client_equipe.post(reverse("contratos:item_nuvem", args=[item.pk]), dados)
    assert "O formulário veio sem a versão de edição; recarregue a página." in r.content.decode()
    assert item.linhas_nuvem.count() == 4


def _duplicar_depois_da_validacao(monkeypatch, modelo, criar):
    """Simula a outra sessão: grava o mesmo número depois da última validação (o full_clean do serviço,
    que vem depois do full_clean do formulário) e antes do INSERT."""
    original = modelo.full_clean
    chamadas = []

    def full_clean(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if self.pk is None:
            chamadas.append(True)
            if len(chamadas) == 2:
                criar(self)

    monkeypatch.setattr(modelo, "full_clean", full_clean)
    return chamadas


def test_duas_criacoes_simultaneas_do_mesmo_item_respondem_erro_no_campo(exemplo, client_equipe, monkeypatch):
    feito = _duplicar_depois_da_validacao(
        monkeypatch,
        Item,
        lambda item: Item.objects.create(
            contratacao=exemplo, numero=item.numero, descricao="Da outra sessão"
        ),
    )
    r = client_equipe.post(
        reverse("contratos:item_criar", args=[exemplo.pk]),
        {"numero": "2", "descricao": "Minha", "tipo": "perfis", "catalogo": ""},
    )
    assert len(feito) == 2
    assert r.status_code == 200
    assert "Já existe o Item 2 nesta contratação." in r.content.decode()
    # A linha "da outra sessão" some com o rollback do pedido (artefato do teste); a minha não entrou.
    assert not exemplo.itens.filter(descricao="Minha").exists()


def test_duas_criacoes_simultaneas_da_mesma_os_respondem_erro_no_campo(exemplo, client_equipe, monkeypatch):
    item = exemplo.itens.get()
    perfil = exemplo.mapa.valores.get(codigo="GERINF")

    def outra(ordem):
        return OrdemServico.objects.create(
            item=item,
            contratacao=exemplo,
            numero=ordem.numero,
            identificacao="Da outra sessão",
            objetivo="x",
            prazo_atendimento="30 dias",
            produtos="Relatório",
        )

    feito = _duplicar_depois_da_validacao(monkeypatch, OrdemServico, outra)
    linhas = [{"perfil": perfil.pk, "quantidade": "1", "fator_k": "1,94"}]
    r = client_equipe.post(reverse("contratos:os_criar", args=[exemplo.pk]), dados_os(item, linhas))
    assert len(feito) == 2
    assert r.status_code == 200
    assert "Já existe a OS nº 002/2026 nesta contratação." in r.content.decode()
    assert (
        not exemplo.ordens.filter(numero="OS nº 002/2026").exclude(identificacao="Da outra sessão").exists()
    )


# --- 7. Limites que o servidor garante ---


def test_justificativa_de_5_mib_e_recusada_e_nada_e_gravado(exemplo, client_equipe):
    ordem = exemplo.ordens.get()
    gerinf = ordem.linhas.get(perfil__codigo="GERINF")
    linhas = [
        {
            "id": gerinf.pk,
            "perfil": gerinf.perfil_id,
            "quantidade": "1",
            "fator_k": "2,50",
            "justificativa": "x" * CINCO_MIB,
        }
    ]
    dados = dados_os(ordem.item, linhas, numero=ordem.numero, versao=str(ordem.versao))
    r = client_equipe.post(ordem.get_absolute_url(), dados)

    assert r.status_code == 200
    assert "Use no máximo 4000 caracteres na justificativa" in r.content.decode()
    gerinf.refresh_from_db()
    assert (gerinf.fator_k, gerinf.justificativa) == (D("1.94"), "")
    assert OrdemServico.objects.get(pk=ordem.pk).versao == ordem.versao


def test_banco_recusa_textos_acima_do_limite_mesmo_sem_o_formulario(exemplo):
    ordem = exemplo.ordens.get()
    gerinf = ordem.linhas.get(perfil__codigo="GERINF")
    casos = [
        (LinhaPerfil.objects.filter(pk=gerinf.pk), {"fator_k": D("2.50"), "justificativa": "x" * CINCO_MIB}),
        (OrdemServico.objects.filter(pk=ordem.pk), {"objetivo": "x" * 4001}),
        (OrdemServico.objects.filter(pk=ordem.pk), {"produtos": "x" * 4001}),
        (Contratacao.objects.filter(pk=exemplo.pk), {"objeto": "x" * 2001}),
        (Item.objects.filter(pk=ordem.item_id), {"descricao": "x" * 301}),
    ]
    for consulta, valores in casos:
        with pytest.raises((IntegrityError, DataError)), transaction.atomic():
            consulta.update(**valores)
    # No limite exato, grava.
    LinhaPerfil.objects.filter(pk=gerinf.pk).update(fator_k=D("2.50"), justificativa="x" * 4000)


def test_banco_recusa_numeros_acima_do_dominio(exemplo, catalogo):  # noqa: F811
    ordem = exemplo.ordens.get()
    linha = ordem.linhas.first()
    nuvem = Item.objects.create(
        contratacao=exemplo, numero=2, descricao="Nuvem", tipo="nuvem", catalogo=catalogo
    )
    casos = [
        lambda: Contratacao.objects.filter(pk=exemplo.pk).update(meses=calculo.MESES_MAXIMO + 1),
        lambda: Item.objects.filter(pk=ordem.item_id).update(numero=calculo.ITEM_NUMERO_MAXIMO + 1),
        lambda: LinhaPerfil.objects.filter(pk=linha.pk).update(
            quantidade=calculo.QUANTIDADE_PROFISSIONAIS_MAXIMA + 1
        ),
        lambda: LinhaNuvem.objects.create(
            item=nuvem,
            servico=catalogo.servicos_nuvem.first(),
            quantidade=calculo.QUANTIDADE_CATALOGO_MAXIMA + 1,
        ),
        lambda: OrdemServico.objects.filter(pk=ordem.pk).update(numero="OS nº 12345/2026"),
        lambda: OrdemServico.objects.filter(pk=ordem.pk).update(numero="OS nº ١٢٣/2026"),
    ]
    for caso in casos:
        with pytest.raises(IntegrityError), transaction.atomic():
            caso()


def test_meses_99999_e_recusado_no_formulario(exemplo, client_equipe):
    url = reverse("contratos:contratacao_editar", args=[exemplo.pk])
    dados = dados_contratacao(exemplo, meses="99999", **campos_ocultos(client_equipe, url))
    r = client_equipe.post(url, dados)
    assert r.status_code == 200
    assert "A vigência estimada vai até 120 meses" in r.content.decode()
    exemplo.refresh_from_db()
    assert exemplo.meses == 12


def test_item_40000_e_recusado_no_formulario(exemplo, client_equipe):
    r = client_equipe.post(
        reverse("contratos:item_criar", args=[exemplo.pk]),
        {"numero": "40000", "descricao": "Grande", "tipo": "perfis", "catalogo": ""},
    )
    assert r.status_code == 200
    assert "999" in r.content.decode()
    assert not exemplo.itens.filter(numero=40000).exists()


def test_quantidade_de_profissionais_enorme_e_recusada(exemplo, client_equipe):
    ordem = exemplo.ordens.get()
    gerinf = ordem.linhas.get(perfil__codigo="GERINF")
    linhas = [{"id": gerinf.pk, "perfil": gerinf.perfil_id, "quantidade": "99999999999", "fator_k": "1,94"}]
    r = client_equipe.post(
        ordem.get_absolute_url(), dados_os(ordem.item, linhas, numero=ordem.numero, versao=str(ordem.versao))
    )
    assert r.status_code == 200
    assert "Informe no máximo 9.999 profissionais por linha." in r.content.decode()
    gerinf.refresh_from_db()
    assert gerinf.quantidade == 1


def test_quantidade_de_nuvem_acima_de_um_bilhao_e_recusada(com_nuvem, catalogo, client_equipe):  # noqa: F811
    item = com_nuvem.itens.get(tipo="nuvem")
    dados = dados_nuvem(catalogo.servicos_nuvem.all(), [("VM-VCPU", "2000000000", "")], versao=item.versao)
    r = client_equipe.post(reverse("contratos:item_nuvem", args=[item.pk]), dados)
    assert r.status_code == 200
    assert "Informe no máximo 1.000.000.000 por mês." in r.content.decode()
    assert item.linhas_nuvem.count() == 4


def test_equipe_de_200_integrantes_e_recusada(exemplo, client_equipe):
    url = reverse("contratos:contratacao_editar", args=[exemplo.pk])
    equipe = [(f"Pessoa {i}", "tecnico") for i in range(200)]
    dados = dados_contratacao(exemplo, equipe=equipe, **campos_ocultos(client_equipe, url))
    r = client_equipe.post(url, dados)
    assert r.status_code == 200
    assert "A equipe de planejamento tem no máximo 30 integrantes." in r.content.decode()
    assert not MembroEquipe.objects.filter(contratacao=exemplo).exists()


# --- 8. Pedidos pequenos, trabalho caro; ids inválidos ---


def _pedido_enorme(cliente, url, dados):
    inicio = time.perf_counter()
    r = cliente.post(url, dados)
    return r, time.perf_counter() - inicio


def test_total_forms_de_um_milhao_responde_erro_rapido_e_pequeno(exemplo, client_equipe):
    ordem = exemplo.ordens.get()
    dados = {"linhas-TOTAL_FORMS": "1000000", "linhas-INITIAL_FORMS": "0"}
    for url in (
        ordem.get_absolute_url(),
        reverse("contratos:os_calcular", args=[exemplo.pk]) + f"?os={ordem.pk}",
    ):
        r, segundos = _pedido_enorme(client_equipe, url, {**dados, "versao": str(ordem.versao)})
        assert r.status_code == 200
        assert len(r.content) < 200_000
        assert segundos < 1.0
    r = client_equipe.post(ordem.get_absolute_url(), {**dados, "versao": str(ordem.versao)})
    assert "Uma OS aceita até 2000 linhas de perfil" in r.content.decode()
    assert ordem.linhas.count() == 2


def test_total_forms_de_um_milhao_nas_linhas_de_nuvem_e_na_equipe(com_nuvem, client_equipe):  # noqa: F811
    item = com_nuvem.itens.get(tipo="nuvem")
    r, segundos = _pedido_enorme(
        client_equipe,
        reverse("contratos:item_nuvem", args=[item.pk]),
        {"nuvem-TOTAL_FORMS": "1000000", "nuvem-INITIAL_FORMS": "0", "versao": str(item.versao)},
    )
    assert (r.status_code, len(r.content) < 200_000, segundos < 1.0) == (200, True, True)
    assert "Um item aceita até 2000 linhas de serviço." in r.content.decode()
    url = reverse("contratos:contratacao_editar", args=[com_nuvem.pk])
    r, segundos = _pedido_enorme(
        client_equipe,
        url,
        {
            "objeto": "x",
            "equipe-TOTAL_FORMS": "1000000",
            "equipe-INITIAL_FORMS": "0",
            **campos_ocultos(client_equipe, url),
        },
    )
    assert (r.status_code, len(r.content) < 200_000, segundos < 1.0) == (200, True, True)
    assert "A equipe de planejamento tem no máximo 30 integrantes." in r.content.decode()


@pytest.mark.parametrize("valor", ["abc", "²", "1.5", "-1"])
def test_os_invalida_no_parametro_responde_404(exemplo, client_equipe, valor):
    for nome in ("os_calcular", "os_linhas"):
        r = client_equipe.post(reverse(f"contratos:{nome}", args=[exemplo.pk]) + f"?os={valor}", {})
        assert r.status_code == 404, nome


def test_indice_invalido_ao_remover_linha_nao_derruba(exemplo, client_equipe):
    ordem = exemplo.ordens.get()
    url = reverse("contratos:os_linhas", args=[exemplo.pk]) + f"?os={ordem.pk}&acao=remover&indice=²"
    r = client_equipe.post(url, {"linhas-TOTAL_FORMS": "²", "linhas-INITIAL_FORMS": "0", "item": "²"})
    assert r.status_code == 200
