"""Verificação normativa antes do download: o que um revisor objetaria. Sem Django, sem banco, sem relógio.

Nada bloqueia (a equipe decide); cada achado cita a regra e traz o endereço onde se corrige. A página da
contratação, o kit do TR e a aba "Memória de cálculo" do Anexo A mostram a mesma lista.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from contratos.estimativa import LinhaPerfil
from core.numeros import formatar_numero

# As regras citadas estão nas fontes (../shared/seeds/): a Portaria 6.055/2025 dá a redação do art. 2º, dos
# itens do Anexo I e do Anexo II; a IN SGD/ME nº 94/2022 (definição da equipe) é citada por ela.
PORTARIA = "Portaria SGD/MGI nº 1.070/2023 (redação da nº 6.055/2025)"

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
                f"{PORTARIA}, Anexo II, item 1: o mapa de pesquisa salarial define o preço de referência da "
                "licitação; a versão substituída deixou de ser a de referência.",
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
                    "IN SGD/ME nº 94/2022, art. 2º: a Equipe de Planejamento da Contratação é composta "
                    "pelos integrantes técnico, administrativo e requisitante; "
                    f"{PORTARIA}, Anexo I, item 10.7.3.7: é ela que preenche o Anexo A.",
                    s.url_editar,
                    "Editar dados e equipe",
                )
            )
    if not s.uasg:
        achados.append(
            Achado(
                "uasg",
                "A UASG não foi informada (nem na contratação, nem no órgão).",
                f"{PORTARIA}, Anexo I, item 10.7.3.7: o Anexo A consta como anexo do Termo de Referência; "
                "o cabeçalho dele identifica a unidade compradora (UASG) (leiaute deste sistema: o modelo "
                "oficial não está nas suas fontes).",
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
                f"{PORTARIA}, Anexo II, item 4: outro Fator-K só justificado com a memória de cálculo e não "
                "superior a 3 (segunda olhada).",
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
                    "Plano de Trabalho do ACT MGI nº 142/2024 (cronograma): o catálogo e as suas condições "
                    "(valores, níveis de serviço) são os acordados entre SERPRO e SGD/MGI; a versão "
                    "substituída deixou de ser a acordada.",
                    item.url,
                    "Abrir o item",
                )
            )
        if not item.linhas_catalogo:
            achados.append(
                Achado(
                    "item-sem-linhas",
                    f"{nome} não tem serviços do catálogo.",
                    f"{PORTARIA}, Anexo I, item 10.7.3.7: o Anexo A fundamenta a memória de cálculo da "
                    "estimativa do valor mensal de cada item da contratação.",
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
                f"{PORTARIA}, art. 2º, e Anexo I, item 9.5.1.1: o valor estimado baseia-se nas quantidades e "
                "perfis profissionais mínimos previstos em ordens de serviço.",
                item.url,
                "Abrir o item",
            )
        ]
    return [
        Achado(
            "os-sem-linhas",
            f"{nome}: {ordem.numero} não tem perfil profissional.",
            f"{PORTARIA}, Anexo I, item 9.5.1.1: a OS contém os perfis profissionais mínimos, com ao menos 1 "
            "profissional para cada perfil.",
            ordem.url,
            "Abrir a OS",
        )
        for ordem in item.ordens
        if not ordem.linhas
    ]


def como_texto(achados: Sequence[Achado]) -> list[str]:
    """Uma linha por achado (Anexo A e kit do TR)."""
    return [f"{a.texto} Regra: {a.regra}" for a in achados]
