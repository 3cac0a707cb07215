"""Cópia de segurança e restauração (docs/implantacao.md): `copia_seguranca` (dumpdata com chaves naturais)
→ `restaurar_copia` (loaddata) num banco vazio e migrado. Linhas e totais ficam iguais."""

import gzip
from collections import Counter
from decimal import Decimal as D
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from contratos import selectors
from contratos.models import Contratacao
from tests.contratos.conftest import PERFIS, adicionar_os

FORA_DA_COPIA = {"contenttypes", "sessions", "axes"}


def _chave(obj):
    """Objeto relacionado como a cópia o grava: chave natural quando existe (o pk muda na volta)."""
    if obj is None:
        return None
    return ("natural", obj.natural_key()) if hasattr(obj, "natural_key") else ("pk", obj.pk)


def _retrato():
    """Todas as linhas de todas as tabelas copiadas, sem depender de pk que a chave natural substitui."""
    retrato = {}
    for modelo in apps.get_models():
        if modelo._meta.app_label in FORA_DA_COPIA or modelo._meta.label == "auth.Permission":
            continue
        natural = hasattr(modelo, "natural_key")
        linhas = []
        for obj in modelo._default_manager.all():
            valores = []
            for campo in modelo._meta.concrete_fields:
                if campo.primary_key and natural:
                    continue
                if campo.is_relation:
                    valores.append((campo.name, _chave(getattr(obj, campo.name))))
                else:
                    valores.append((campo.name, campo.value_from_object(obj)))
            for campo in modelo._meta.many_to_many:
                valores.append((campo.name, sorted(map(repr, map(_chave, getattr(obj, campo.name).all())))))
            linhas.append(repr(valores))
        retrato[modelo._meta.label] = Counter(linhas)
    return retrato


def _totais():
    """Totais de cada contratação pelo seletor + função pura (os mesmos da tela e do Anexo A)."""
    totais = {}
    for c in Contratacao.objects.order_by("pk"):
        e = selectors.resumir_contratacao(c).estimativa
        totais[c.numero_processo] = (e.mensal, e.anual, [i.subtotal_mensal for i in e.itens])
    return totais


@pytest.mark.django_db(transaction=True)
def test_copia_e_restauracao_guardam_cada_linha_e_cada_total(tmp_path, superusuario):
    # Dados de referência reais (mapa, catálogos, ACT e a contratação de exemplo) e uma contratação maior.
    call_command("carregar_referencias", stdout=StringIO())
    exemplo = Contratacao.objects.get()
    maior = Contratacao.objects.create(
        orgao=exemplo.orgao, objeto="Maior", numero_processo="19974.000030/2026-01", mapa=exemplo.mapa
    )
    codigos = [p[0] for p in PERFIS]
    for n in range(3):
        linhas = [(codigos[i % len(codigos)], 1 + i % 3, None, "") for i in range(10)]
        adicionar_os(maior, linhas, item_numero=1 + n % 2, numero=f"OS nº {n + 1:03d}/2026")
    antes, totais_antes = _retrato(), _totais()
    assert totais_antes[exemplo.numero_processo][:2] == (D("56152.38"), D("673828.56"))  # DESIGN.md §4.3
    assert sum(sum(c.values()) for c in antes.values()) > 300

    copia = tmp_path / "copia.xml.gz"
    call_command("copia_seguranca", str(copia), stdout=StringIO())
    xml = gzip.decompress(copia.read_bytes()).decode()
    assert 'model="contratos.linhaperfil"' in xml
    fora = ("contenttypes.contenttype", "auth.permission", "sessions.session")
    assert not any(f'model="{m}"' in xml for m in fora)

    # Banco vazio e migrado: flush apaga tudo e o post_migrate recria tipos, permissões e grupos (= migrate).
    call_command("flush", interactive=False, verbosity=0)
    assert not Contratacao.objects.exists() and not get_user_model().objects.exists()
    call_command("restaurar_copia", str(copia), stdout=StringIO())

    depois = _retrato()
    diferentes = {m for m in antes.keys() | depois.keys() if antes.get(m) != depois.get(m)}
    assert diferentes == set()
    assert _totais() == totais_antes


@pytest.mark.django_db
def test_restaurar_por_cima_de_dados_e_recusado(tmp_path, superusuario):
    copia = tmp_path / "copia.xml.gz"
    call_command("copia_seguranca", str(copia), stdout=StringIO())
    with pytest.raises(CommandError, match="O banco não está vazio"):
        call_command("restaurar_copia", str(copia), stdout=StringIO())
