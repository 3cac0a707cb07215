"""Verificação normativa antes do download: o que um revisor objetaria. Sem Django, sem banco, sem relógio.

Nada bloqueia (a equipe decide); cada achado cita a regra e traz o endereço onde se corrige. A página da
contratação, o kit do TR e a aba "Memória de cálculo" do Anexo A mostram a mesma lista.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from contratos.estimativa import LinhaPerfil
from core.numeros import formatar_numero

PAPEIS = {
    "requisitante": "integrante requisitante",
    "tecnico": "integrante técnico",
    "administrativo": "integrante administrativo",
}


@dataclass(frozen=True)
class OrdemVerificada:
    numero: str
    linhas: int
    url: str


@dataclass(frozen=True)
class ItemVerificado:
    numero: int
    descricao: str
    e_catalogo: bool
    url: str
    ordens: tuple[OrdemVerificada, ...] = ()
    linhas_catalogo: int = 0
    catalogo_substituido: str = ""  # rótulo da versão do catálogo, quando substituída por outra vigente


@dataclass(frozen=True)
class Situacao:
    """O que a verificação precisa saber da contratação, com os endereços de correção já resolvidos."""

    url_editar: str
    url_reprecificar: str
    mapa: str
    mapa_mais_novo: str  # "" quando a versão fixada é a vigente mais nova
    papeis: frozenset[str]
    uasg: str
    itens: tuple[ItemVerificado, ...]
    fatores_k_alterados: tuple[LinhaPerfil, ...] = field(default=())


@dataclass(frozen=True)
class Achado:
    codigo: str  # estável, para testes e para o e2e
    texto: str
    regra: str
    url: str
    rotulo_url: str = "Corrigir"


def verificar(s: Situacao) -> list[Achado]:
    achados = []
    if s.mapa_mais_novo:
        achados.append(
            Achado(
                "mapa-substituido",
                f"A versão do mapa fixada ({s.mapa}) foi substituída pela vigente {s.mapa_mais_novo}.",
                "Portaria SGD/MGI nº 1.070/2023, Anexo II: a estimativa usa o mapa de referência vigente.",
                s.url_reprecificar,
                "Ver a diferença e reprecificar",
            )
        )
    for papel, nome in PAPEIS.items():
        if papel not in s.papeis:
            achados.append(
                Achado(
                    f"equipe-sem-{papel}",
                    f"A equipe de planejamento não tem {nome}.",
                    "Lei nº 14.133/2021, art. 6º, e IN SGD/ME nº 94/2022, art. 2º: a equipe de planejamento "
                    "reúne os integrantes requisitante, técnico e administrativo.",
                    s.url_editar,
                    "Editar dados e equipe",
                )
            )
    if not s.uasg:
        achados.append(
            Achado(
                "uasg",
                "A UASG não foi informada (nem na contratação, nem no órgão).",
                "Termo de Referência: identificação da unidade compradora (UASG) no processo.",
                s.url_editar,
                "Editar dados e equipe",
            )
        )
    for item in s.itens:
        achados.extend(_achados_do_item(item))
    for lp in s.fatores_k_alterados:
        achados.append(
            Achado(
                "fator-k",
                f"{lp.ordem_servico}, {lp.codigo}: Fator-K {formatar_numero(lp.fator_k)} em vez de "
                f"{formatar_numero(lp.fator_k_mapa)} do mapa. Justificativa: {lp.justificativa}",
                "Anexo II, item 4: outro Fator-K só com justificativa na memória de cálculo "
                "(segunda olhada).",
                _url_da_os(s, lp.ordem_servico),
                "Abrir a OS",
            )
        )
    return achados


def _url_da_os(s: Situacao, numero: str) -> str:
    return next((o.url for i in s.itens for o in i.ordens if o.numero == numero), s.url_editar)


def _achados_do_item(item: ItemVerificado) -> list[Achado]:
    nome = f"Item {item.numero} – {item.descricao}"
    if item.e_catalogo:
        achados = []
        if item.catalogo_substituido:
            achados.append(
                Achado(
                    "catalogo-substituido",
                    f"{nome} usa o catálogo {item.catalogo_substituido}, substituído por versão vigente "
                    "mais nova.",
                    "ACT nº 142/2024: os preços de referência são os do catálogo vigente.",
                    item.url,
                    "Abrir o item",
                )
            )
        if not item.linhas_catalogo:
            achados.append(
                Achado(
                    "item-sem-linhas",
                    f"{nome} não tem serviços do catálogo.",
                    "Art. 2º: o valor mensal do item se baseia nas quantidades estimadas.",
                    item.url,
                    "Abrir o item",
                )
            )
        return achados
    if not item.ordens:
        return [
            Achado(
                "item-sem-os",
                f"{nome} não tem Ordem de Serviço planejada.",
                "Art. 2º e item 9.5.1.1: o valor do item se baseia nas OS planejadas e seus perfis mínimos.",
                item.url,
                "Abrir o item",
            )
        ]
    return [
        Achado(
            "os-sem-linhas",
            f"{nome}: {ordem.numero} não tem perfil profissional.",
            "Item 9.5.1.1: a OS traz os perfis mínimos, com ao menos 1 profissional por perfil.",
            ordem.url,
            "Abrir a OS",
        )
        for ordem in item.ordens
        if not ordem.linhas
    ]


def como_texto(achados: Sequence[Achado]) -> list[str]:
    """Uma linha por achado (Anexo A e kit do TR)."""
    return [f"{a.texto} Regra: {a.regra}" for a in achados]
