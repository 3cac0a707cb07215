"""Duplicar e excluir: a cópia se distingue do original e a confirmação de exclusão diz o que sai."""

import html

import pytest
from django.urls import reverse

from contratos.models import OBJETO_MAXIMO, Contratacao
from contratos.services import contratacao_duplicar, objeto_da_copia
from tests.contratos.conftest import adicionar_os


def test_objeto_da_copia_marcado():
    assert objeto_da_copia("Suporte a usuários") == "Cópia de Suporte a usuários"


def test_objeto_da_copia_cabe_no_limite_do_campo():
    longo = "x" * OBJETO_MAXIMO
    copia = objeto_da_copia(longo)
    assert len(copia) == OBJETO_MAXIMO
    assert copia.startswith("Cópia de xxx") and copia.endswith("x…")
    assert objeto_da_copia("y" * (OBJETO_MAXIMO - 9)) == "Cópia de " + "y" * (
        OBJETO_MAXIMO - 9
    )  # cabe: sem corte


@pytest.mark.django_db
def test_copia_de_objeto_no_limite_passa_nas_regras_do_modelo(nova_contratacao, usuario_equipe):
    original = nova_contratacao(objeto="z" * OBJETO_MAXIMO)
    copia = contratacao_duplicar(contratacao=original, usuario=usuario_equipe)
    copia.full_clean()  # o banco (tamanho_maximo) e o modelo aceitam a cópia
    assert copia.objeto.startswith("Cópia de ") and len(copia.objeto) == OBJETO_MAXIMO


@pytest.mark.django_db
def test_duplicar_pela_pagina_marca_a_copia_na_lista_e_no_detalhe(exemplo, client_equipe):
    r = client_equipe.post(reverse("contratos:contratacao_duplicar", args=[exemplo.pk]))
    copia = Contratacao.objects.exclude(pk=exemplo.pk).get()
    assert copia.objeto == f"Cópia de {exemplo.objeto}"
    assert copia.numero_processo == exemplo.numero_processo  # obrigatório e validado: a equipe o revisa
    assert "revise o objeto e o nº do processo" in client_equipe.get(r["Location"]).content.decode()
    lista = client_equipe.get(reverse("contratos:contratacao_lista")).content.decode()
    assert lista.count("Cópia de Operação de infraestrutura") == 1


def _confirmacao(texto: str, acao: str) -> str:
    """O texto de `data-confirmar` do formulário que posta para `acao`."""
    inicio = texto.index(f'action="{acao}"')
    trecho = texto[inicio:]
    aberto = trecho.index('data-confirmar="') + len('data-confirmar="')
    return html.unescape(trecho[aberto : trecho.index('"', aberto)])


@pytest.mark.django_db
def test_confirmacao_de_exclusao_nomeia_objeto_e_valores(exemplo, client_equipe):
    adicionar_os(exemplo, [("GERINF", 1, None, "")], item_numero=2, numero="OS nº 002/2026")
    texto = client_equipe.get(exemplo.get_absolute_url()).content.decode()
    pergunta = _confirmacao(texto, reverse("contratos:contratacao_excluir", args=[exemplo.pk]))
    # 56.152,38 do exemplo + 34.632,18 do GERINF da segunda OS
    assert pergunta == (
        "Excluir a contratação 19974.000001/2026-01 – Operação de infraestrutura e atendimento a usuários "
        "de TIC? Com ela saem 2 itens e 2 OS, valor mensal R$ 90.784,56 e anual R$ 1.089.414,72. "
        "Não há como desfazer."
    )
    ordem = exemplo.ordens.get(numero="OS nº 001/2026")
    pergunta_os = _confirmacao(texto, reverse("contratos:os_excluir", args=[ordem.pk]))
    assert "OS nº 001/2026" in pergunta_os and "2 linhas de perfil (valor mensal R$ 56.152,38)" in pergunta_os
    item = exemplo.itens.get(numero=1)
    pergunta_item = _confirmacao(texto, reverse("contratos:item_excluir", args=[item.pk]))
    assert pergunta_item.startswith("Excluir o Item 1 – Item 1, com 1 OS (valor mensal R$ 56.152,38)?")
