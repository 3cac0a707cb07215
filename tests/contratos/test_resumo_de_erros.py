"""Resumo de erros no topo (core/templatetags/formularios.py, em base.html): aparece só com erros, liga cada
erro ao seu campo (também nas linhas de um formset) e some nas páginas sem erro."""

import re

from django.urls import reverse


def _resumo(resposta):
    html = resposta.content.decode()
    achado = re.search(r'<div class="br-message danger resumo-erros".*?</ul>', html, re.S)
    return achado.group(0) if achado else ""


def test_sem_erros_sem_resumo(client_equipe, mapa):
    assert _resumo(client_equipe.get(reverse("contratos:contratacao_criar"))) == ""


def test_formulario_e_formset_com_erros(client_equipe, orgao, mapa):
    dados = {
        "orgao": orgao.pk,
        "mapa": mapa.pk,
        "objeto": "",
        "numero_processo": "19974.000001/2026-01",
        "meses": "12",
        "equipe-TOTAL_FORMS": "1",
        "equipe-INITIAL_FORMS": "0",
        "equipe-0-nome": "Ana",
        "equipe-0-papel": "papel-que-nao-existe",
    }
    resumo = _resumo(client_equipe.post(reverse("contratos:contratacao_criar"), dados))
    assert 'id="resumo-erros"' in resumo and 'tabindex="-1"' in resumo
    assert "O formulário tem 2 erros" in resumo
    assert '<a href="#id_objeto" data-campo="id_objeto">Objeto: ' in resumo
    assert '<a href="#id_equipe-0-papel" data-campo="id_equipe-0-papel">Linha 1, Papel: ' in resumo
