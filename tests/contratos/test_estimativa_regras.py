"""Regras da estimativa no serviço e no banco (a mesma regra do formulário, de novo embaixo)."""

import io
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from contratos import exemplo as dados_exemplo
from contratos import referencias, selectors, services
from contratos.models import Contratacao, Item, LinhaPerfil, MapaSalarial, OrdemServico, Orgao
from core.grupos import EQUIPE
from tests.consultas import consultas_exatas
from tests.contratos.conftest import adicionar_os


def _linha_crua(ordem, codigo="GERINF", **campos):
    perfil = ordem.contratacao.mapa.valores.get(codigo=codigo)
    dados = {"quantidade": 1, "fator_k": perfil.fator_k, "fator_k_referencia": perfil.fator_k, **campos}
    return LinhaPerfil(ordem=ordem, perfil=perfil, **dados)


@pytest.mark.parametrize(
    "campos",
    [
        {"quantidade": 0},
        {"fator_k": D("3.01"), "justificativa": "x"},
        {"fator_k": D("0.00"), "justificativa": "x"},
        {"fator_k": D("2.00"), "justificativa": ""},
    ],
    ids=["quantidade-0", "k-acima-de-3", "k-zero", "k-diferente-sem-justificativa"],
)
def test_banco_recusa_linha_invalida(exemplo, campos):
    ordem = exemplo.ordens.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        LinhaPerfil.objects.bulk_create([_linha_crua(ordem, **campos)])


def test_banco_aceita_k_diferente_justificado(exemplo):
    LinhaPerfil.objects.bulk_create([_linha_crua(exemplo.ordens.get(), fator_k=D("3.00"), justificativa="x")])


def test_banco_numero_da_os_unico_na_contratacao(exemplo, nova_contratacao):
    item = exemplo.itens.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        OrdemServico.objects.create(item=item, contratacao=exemplo, numero="OS nº 001/2026", produtos="x")
    outra = nova_contratacao(numero_processo="19974.000002/2026-01")
    adicionar_os(outra, [("GERINF", 1, None, "")])  # o mesmo número em outra contratação vale


def test_banco_recusa_meses_zero_e_os_sem_produto(exemplo):
    with pytest.raises(IntegrityError), transaction.atomic():
        Contratacao.objects.filter(pk=exemplo.pk).update(meses=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        OrdemServico.objects.filter(contratacao=exemplo).update(produtos="")


def test_servico_recusa_k_diferente_sem_justificativa_e_nao_grava(exemplo):
    ordem = exemplo.ordens.get()
    linha = _linha_crua(ordem, fator_k=D("2.50"), justificativa="   ")
    with pytest.raises(ValidationError) as erro:
        services.ordem_servico_salvar(ordem=ordem, linhas=[linha])
    assert "Linha 1: Justifique o Fator-K 2,50" in erro.value.messages[0]
    assert ordem.linhas.count() == 2


def test_servico_recusa_perfil_de_outra_versao(exemplo, mapa_novo):
    ordem = exemplo.ordens.get()
    estranho = mapa_novo.valores.get(codigo="GERINF")
    linha = LinhaPerfil(perfil=estranho, quantidade=1, fator_k=estranho.fator_k)
    with pytest.raises(ValidationError, match="versão do mapa fixada"):
        services.ordem_servico_salvar(ordem=ordem, linhas=[linha])
    assert ordem.linhas.count() == 2


def test_servico_recusa_k_acima_de_3_e_os_sem_perfil(exemplo):
    ordem = exemplo.ordens.get()
    with pytest.raises(ValidationError, match="não pode ser superior a 3,00"):
        services.ordem_servico_salvar(
            ordem=ordem, linhas=[_linha_crua(ordem, fator_k=D("3.50"), justificativa="x")]
        )
    with pytest.raises(ValidationError, match="ao menos um perfil"):
        services.ordem_servico_salvar(ordem=ordem, linhas=[])
    assert ordem.linhas.count() == 2


def test_servico_nao_troca_versao_fora_do_reprecificar(exemplo, mapa_novo):
    exemplo.mapa = mapa_novo
    with pytest.raises(ValidationError, match="Reprecificar"):
        services.contratacao_salvar(contratacao=exemplo)


def test_contratacao_so_com_versao_vigente(orgao):
    rascunho = MapaSalarial.objects.create(nome_ato="Rascunho")
    contratacao = Contratacao(orgao=orgao, objeto="x", numero_processo="19974.000001/2026-01", mapa=rascunho)
    with pytest.raises(ValidationError, match="versão vigente"):
        services.contratacao_salvar(contratacao=contratacao)


def test_versao_em_uso_fica_travada(exemplo):
    assert exemplo.mapa.em_uso() and "usada por contratações" in exemplo.mapa.motivo_bloqueio()


def test_resumo_usa_a_funcao_pura_e_faz_uma_consulta(exemplo):
    # itens com as OS e as linhas de perfil; sem item de catálogo, nenhuma consulta de linhas de catálogo
    with consultas_exatas(1):
        resumo = selectors.resumir_contratacao(exemplo)
    assert (resumo.estimativa.mensal, resumo.estimativa.anual) == (D("56152.38"), D("673828.56"))
    assert [o.mensal for i in resumo.itens for o in i.ordens] == [D("56152.38")]


def test_resumo_le_os_sem_linhas_e_linhas_na_ordem_gravada(nova_contratacao):
    """A consulta única de itens, OS e linhas (core.consultas): o item sem OS e a OS sem linhas aparecem, os
    itens e as OS na ordem do número, as linhas na ordem em que foram gravadas, e os campos mostrados (e a
    contratação e o item de cada um) não pedem outra consulta."""
    contratacao = nova_contratacao()
    duas = [("GERINF", 1, None, ""), ("ASUPCOMP-02", 2, None, "")]
    Item.objects.create(contratacao=contratacao, numero=3, descricao="Item sem OS")
    adicionar_os(contratacao, duas, numero="OS nº 002/2026")
    adicionar_os(contratacao, [], numero="OS nº 001/2026")
    adicionar_os(contratacao, [("ASUPCOMP-02", 3, None, "")], item_numero=2, numero="OS nº 003/2026")
    with consultas_exatas(1):
        resumo = selectors.resumir_contratacao(contratacao)
        ordens = [o for i in resumo.itens for o in i.ordens]
        mostrados = [(o.ordem.numero, o.ordem.identificacao, o.ordem.pk) for o in ordens]
        itens = [
            (ir.item.numero, ir.item.descricao, len(ir.ordens), ir.item.get_absolute_url())
            for ir in resumo.itens
        ]
        donos = {(o.ordem.contratacao.pk, o.ordem.item.numero) for o in ordens}
    assert [numero for numero, *_ in mostrados] == ["OS nº 001/2026", "OS nº 002/2026", "OS nº 003/2026"]
    assert [(numero, descricao, n) for numero, descricao, n, _ in itens] == [
        (1, "Item 1", 2),
        (2, "Item 2", 1),
        (3, "Item sem OS", 0),
    ]
    assert donos == {(contratacao.pk, 1), (contratacao.pk, 2)}
    linhas = [[(lc.linha.codigo, lc.linha.quantidade) for lc in o.linhas] for o in ordens]
    assert linhas == [[], [("GERINF", 1), ("ASUPCOMP-02", 2)], [("ASUPCOMP-02", 3)]]
    assert ordens[0].mensal == D("0.00")


def test_exemplo_do_make_run_idempotente(db):
    """Com o superusuário criado antes (garantir_acesso), a carga traz órgão e contratação de exemplo."""
    admin = User.objects.create_superuser("admin", password="x")
    saida = io.StringIO()
    referencias.carregar(saida=saida)
    referencias.carregar(saida=saida)
    orgao = Orgao.objects.get(sigla=dados_exemplo.SIGLA)
    assert "exemplo" in orgao.nome.lower() and "fictícios" in orgao.nome
    assert admin in orgao.membros.all() and admin.groups.filter(name=EQUIPE).exists()
    contratacao = Contratacao.objects.get()
    assert (Item.objects.count(), OrdemServico.objects.count(), LinhaPerfil.objects.count()) == (1, 1, 2)
    resumo = selectors.resumir_contratacao(contratacao)
    assert (resumo.estimativa.mensal, resumo.estimativa.anual) == (D("56152.38"), D("673828.56"))
    assert "criados (R$ 56.152,38 por mês)" in saida.getvalue() and "já existe" in saida.getvalue()


def test_exemplo_sem_superusuario_nao_cria_nada(db):
    saida = io.StringIO()
    referencias.carregar(saida=saida)
    assert not Contratacao.objects.exists() and "nenhum superusuário" in saida.getvalue()


def test_admin_mostra_contratacao_e_historico_sem_editar(exemplo, client_super):
    r = client_super.get(reverse("admin:contratos_contratacao_changelist"))
    assert exemplo.numero_processo in r.content.decode()
    historico = client_super.get(reverse("admin:contratos_contratacao_history", args=[exemplo.pk]))
    assert historico.status_code == 200
    linha = LinhaPerfil.objects.filter(ordem__contratacao=exemplo).first()
    historico = client_super.get(reverse("admin:contratos_linhaperfil_history", args=[linha.pk]))
    assert historico.status_code == 200
    assert client_super.get(reverse("admin:contratos_contratacao_add")).status_code == 403


def test_versao_revogada_depois_nao_trava_a_contratacao(exemplo):
    MapaSalarial.objects.filter(pk=exemplo.mapa_id).update(situacao=MapaSalarial.Situacao.REVOGADO)
    exemplo.refresh_from_db()
    exemplo.meses = 24
    services.contratacao_salvar(contratacao=exemplo)
    exemplo.refresh_from_db()
    assert exemplo.meses == 24
