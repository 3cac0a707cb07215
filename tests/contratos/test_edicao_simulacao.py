"""Totais ao vivo (sem banco): `simular_sobre_guardados`, o caminho da página, confere com `simular`, o
oráculo daqui, que recalcula a contratação inteira com as linhas editadas no lugar das gravadas."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal as D

from django.urls import reverse

from contratos import estimativa
from contratos.edicao.simulacao import BaseGuardada, LinhaEditada, Simulacao, simular_sobre_guardados
from contratos.estimativa import Item
from tests.contratos.test_estimativa import ASUPCOMP_02, GERINF, linha, linha_servico


@dataclass(frozen=True)
class Base:
    """A contratação gravada sem as linhas em edição, e onde elas entram: o item `posicao` (na OS
    `ordem_servico`, se o item é de perfis). Sem item (None), as linhas ficam fora dos totais."""

    itens: tuple[estimativa.Item, ...]
    meses: int
    posicao: int | None
    ordem_servico: str = ""


def simular(base: Base, linhas_editadas: Sequence[LinhaEditada]) -> Simulacao:
    """Oráculo: a estimativa inteira recalculada com as linhas editadas no lugar das gravadas."""
    if base.posicao is None:
        calculada = estimativa.calcular_estimativa(base.itens, meses=base.meses)
        return Simulacao(calculada, (None,) * len(linhas_editadas), D("0.00"), None, None)
    validas = tuple(linha for linha in linhas_editadas if linha is not None)
    item = base.itens[base.posicao]
    if item.e_catalogo:
        item = replace(item, linhas_nuvem=item.linhas_nuvem + validas)
    else:
        item = replace(item, linhas=item.linhas + validas)
    itens = (*base.itens[: base.posicao], item, *base.itens[base.posicao + 1 :])
    calculada = estimativa.calcular_estimativa(itens, meses=base.meses)
    item_calculado = calculada.itens[base.posicao]
    todas = item_calculado.linhas_nuvem if item.e_catalogo else item_calculado.linhas
    calculos = iter(todas[len(todas) - len(validas) :])  # as editadas entram por último no item
    por_linha = tuple(None if linha is None else next(calculos) for linha in linhas_editadas)
    return Simulacao(
        estimativa=calculada,
        linhas=por_linha,
        mensal=sum((c.valor_mensal for c in por_linha if c is not None), D("0.00")),
        item_numero=item.numero,
        item_mensal=item_calculado.subtotal_mensal,
    )


def _base(posicao=0, outras=()):
    return Base(itens=(Item(numero=1, descricao="Suporte", linhas=tuple(outras)),), meses=24, posicao=posicao)


def test_exemplo_trabalhado_com_uma_linha_incompleta_fora_do_total():
    s = simular(_base(), [linha(quantidade=2, **ASUPCOMP_02), None, linha(**GERINF)])
    assert s.mensal == s.item_mensal == s.estimativa.mensal == D("56152.38")
    assert (s.estimativa.anual, s.estimativa.periodo) == (D("673828.56"), D("1347657.12"))
    assert [c.valor_mensal if c else None for c in s.linhas] == [D("21520.20"), None, D("34632.18")]
    assert s.item_numero == 1


def test_as_outras_os_do_item_somam_no_item_e_na_contratacao_nao_na_os():
    s = simular(_base(outras=[linha(os="OS nº 002/2026", **GERINF)]), [linha(quantidade=2, **ASUPCOMP_02)])
    assert s.mensal == D("21520.20")
    assert s.item_mensal == s.estimativa.mensal == D("56152.38")


def test_item_de_catalogo_recebe_as_linhas_de_servico():
    item = Item(numero=2, descricao="Nuvem", linhas=(), tipo="nuvem")
    base = Base(itens=(Item(numero=1, descricao="x", linhas=(linha(**GERINF),)), item), meses=12, posicao=1)
    servico = linha_servico("BD-HORA", "3.5", "12.3456", servico="BD", categoria="c", unidade="h")
    s = simular(base, [servico])
    assert s.mensal == s.item_mensal == D("43.21")
    assert s.estimativa.mensal == D("34632.18") + D("43.21")


def test_sem_item_as_linhas_ficam_fora_dos_totais():
    s = simular(_base(posicao=None, outras=[linha(**GERINF)]), [linha(**ASUPCOMP_02)])
    assert (s.linhas, s.mensal, s.item_numero) == ((None,), D("0.00"), None)
    assert s.estimativa.mensal == D("34632.18")


def test_calculo_ao_vivo_de_os_nova_sem_item_nao_quebra(exemplo, client_equipe):
    r = client_equipe.post(reverse("contratos:os_calcular", args=[exemplo.pk]), {"linhas-TOTAL_FORMS": "0"})
    assert r.status_code == 200
    assert 'data-testid="total-os">R$ 0,00<' in r.content.decode()


def test_sobre_os_totais_guardados_da_o_mesmo_centavo_que_a_conta_inteira():
    """O total ao vivo recalcula só a OS editada; o resto vem das somas guardadas, com o mesmo resultado."""
    outras = (linha(os="OS nº 002/2026", **GERINF),)
    outro_item = Item(
        numero=2, descricao="Outro", linhas=(linha(os="OS nº 003/2026", quantidade=3, **GERINF),)
    )
    editadas = [linha(quantidade=2, **ASUPCOMP_02), None, linha(**GERINF)]
    inteira = simular(
        Base(itens=(Item(numero=1, descricao="x", linhas=outras), outro_item), meses=7, posicao=0), editadas
    )
    guardado_item = D("34632.18")  # a OS 002 do item 1
    guardada = BaseGuardada(
        meses=7, mensal_fora=guardado_item + 3 * D("34632.18"), item_numero=1, item_fora=guardado_item
    )
    parcial = simular_sobre_guardados(guardada, editadas)
    assert (parcial.mensal, parcial.item_mensal, parcial.linhas) == (
        inteira.mensal,
        inteira.item_mensal,
        inteira.linhas,
    )
    assert (parcial.estimativa.mensal, parcial.estimativa.anual, parcial.estimativa.periodo) == (
        inteira.estimativa.mensal,
        inteira.estimativa.anual,
        inteira.estimativa.periodo,
    )
