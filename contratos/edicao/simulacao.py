"""Editar as linhas de uma OS ou de um item de catálogo: o caso de uso, numa casa só.

O caminho é sempre o mesmo e só anda para a frente: o formset (`forms.py`) entrega as linhas não gravadas;
`puras` as passa à estimativa; `simular_sobre_guardados` dá os totais ao vivo sobre `estimativa.py` (a mesma
conta do Anexo A); ao salvar, o serviço grava as linhas do formset como vieram. A `BaseGuardada` é a
contratação gravada sem as linhas em edição, pelos totais guardados, lida uma vez pelo selector.

Sem Django, sem banco: os adaptadores só leem atributos das linhas (gravadas ou não).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from contratos import estimativa
from contratos.calculo import rotulo_senioridade


def linha_pura(linha, numero_os: str) -> estimativa.LinhaPerfil:
    """Linha de perfil do modelo (gravada ou não) como entrada da função pura."""
    perfil = linha.perfil
    return linha_pura_dos_valores(
        numero_os,
        perfil.codigo,
        perfil.perfil,
        perfil.senioridade,
        linha.quantidade,
        perfil.remuneracao,
        linha.fator_k_referencia,
        linha.fator_k,
        linha.justificativa,
    )


# Os campos de uma LinhaPerfil gravada na ordem dos argumentos de `linha_pura_dos_valores`: quem só lê (o
# detalhe, o Anexo A) pede estes valores ao banco em vez de 2 instâncias de modelo por linha.
CAMPOS_LINHA_PURA = (
    "perfil__codigo",
    "perfil__perfil",
    "perfil__senioridade",
    "quantidade",
    "perfil__remuneracao",
    "fator_k_referencia",
    "fator_k",
    "justificativa",
)


def linha_pura_dos_valores(
    numero_os, codigo, perfil, senioridade, quantidade, remuneracao, fator_k_mapa, fator_k, justificativa
) -> estimativa.LinhaPerfil:
    return estimativa.LinhaPerfil(
        ordem_servico=numero_os,
        codigo=codigo,
        perfil=perfil,
        senioridade=rotulo_senioridade(senioridade),
        quantidade=quantidade,
        remuneracao=remuneracao,
        fator_k_mapa=fator_k_mapa,
        fator_k=fator_k,
        justificativa=justificativa,
    )


def linha_nuvem_pura(linha) -> estimativa.LinhaNuvem:
    """Linha de serviço de um item de catálogo (nuvem: preço de consumo; profissional: preço por unidade)."""
    servico = linha.servico
    if hasattr(servico, "preco_unitario"):
        categoria, unidade, preco = (
            servico.get_categoria_display(),
            servico.unidade_medida,
            servico.preco_unitario,
        )
    else:
        categoria, unidade, preco = "Serviço profissional", servico.get_unidade_display(), servico.preco
    return estimativa.LinhaNuvem(
        codigo=servico.codigo,
        servico=servico.nome,
        categoria=categoria,
        unidade=unidade,
        quantidade=linha.quantidade,
        preco_unitario=preco,
        observacao=linha.observacao,
    )


@dataclass(frozen=True)
class BaseGuardada:
    """A contratação pelos totais guardados (`contratos/totais.py`), sem as linhas em edição: só estas são
    recalculadas, e o resto entra pela soma (exata) dos subtotais. `item_numero` None: sem item, as
    linhas ficam fora dos totais. `catalogo`: as linhas são de serviço (item de catálogo)."""

    meses: int
    mensal_fora: Decimal  # a contratação sem as linhas em edição
    item_numero: int | None = None
    item_fora: Decimal = Decimal("0.00")  # o item que as recebe, sem elas (as outras OS do item)
    catalogo: bool = False


LinhaEditada = estimativa.LinhaPerfil | estimativa.LinhaNuvem | None
Calculo = estimativa.LinhaCalculada | estimativa.LinhaNuvemCalculada | None


@dataclass(frozen=True)
class Simulacao:
    """Totais ao vivo: cada linha do formulário (None: incompleta, fora do total), as linhas em edição (a OS
    ou as do item de catálogo), o item que as recebe e a contratação."""

    estimativa: estimativa.Estimativa
    linhas: tuple[Calculo, ...]
    mensal: Decimal
    item_numero: int | None
    item_mensal: Decimal | None


def puras(linhas: Iterable, numero_os: str = "") -> list[LinhaEditada]:
    """As linhas não gravadas do formset (None fica None) como entrada de `simular`."""
    return [
        None
        if linha is None
        else linha_pura(linha, numero_os)
        if hasattr(linha, "perfil")
        else linha_nuvem_pura(linha)
        for linha in linhas
    ]


def simular_sobre_guardados(base: BaseGuardada, linhas_editadas: Sequence[LinhaEditada]) -> Simulacao:
    """Como `simular`, recalculando só as linhas editadas (uma OS de 500 linhas numa contratação de 20 mil
    não relê as outras); a estimativa devolvida traz só os totais, sem os itens."""
    if base.item_numero is None:
        calculada = estimativa.totalizar((), meses=base.meses, mensal=base.mensal_fora)
        return Simulacao(calculada, (None,) * len(linhas_editadas), Decimal("0.00"), None, None)
    validas = tuple(linha for linha in linhas_editadas if linha is not None)
    editadas = estimativa.Item(
        numero=base.item_numero,
        descricao="",
        linhas=() if base.catalogo else validas,
        linhas_nuvem=validas if base.catalogo else (),
    )
    calculado = estimativa.calcular_item(editadas)
    calculos = iter(calculado.linhas_nuvem if base.catalogo else calculado.linhas)
    mensal = calculado.subtotal_mensal
    total = estimativa.somar((base.mensal_fora, mensal))
    return Simulacao(
        estimativa=estimativa.totalizar((), meses=base.meses, mensal=total),
        linhas=tuple(None if linha is None else next(calculos) for linha in linhas_editadas),
        mensal=mensal,
        item_numero=base.item_numero,
        item_mensal=estimativa.somar((base.item_fora, mensal)),
    )
