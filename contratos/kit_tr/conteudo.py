"""O que vai no kit do Termo de Referência: blocos (títulos, parágrafos, tabelas) já em texto pt-BR.

Sem Django, sem banco, sem relógio: a mesma estimativa da tela e do Anexo A vira blocos; `docx.py` só os
escreve. Quantidades servem à estimativa: a OS no TR traz perfis e senioridades, não um mínimo de
profissionais além de 1 por perfil (15.5).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from contratos.anexo_a import CabecalhoAnexoA, regras_da_memoria
from contratos.estimativa import (
    EXPERIENCIA_MINIMA_ANOS,
    MESES_POR_ANO,
    REGRA_UM_PROFISSIONAL,
    Estimativa,
    experiencia_minima,
)
from core.numeros import formatar_numero, formatar_reais

TITULO = "Kit do Termo de Referência – estimativa, Ordens de Serviço e memória de cálculo"


@dataclass(frozen=True)
class Titulo:
    texto: str
    nivel: int = 1


@dataclass(frozen=True)
class Paragrafo:
    texto: str
    estilo: str = ""  # estilo de lista do Word ("List Number", "List Bullet"); vazio: parágrafo normal


@dataclass(frozen=True)
class Tabela:
    cabecalho: tuple[str, ...]
    linhas: tuple[tuple[str, ...], ...]
    numericas: frozenset[int] = frozenset()  # colunas alinhadas à direita
    total: tuple[str, ...] | None = None  # linha em negrito no fim


@dataclass(frozen=True)
class OrdemTR:
    """Conteúdo mínimo da OS (9.5.1.1) que não está na estimativa."""

    item: int
    numero: str
    identificacao: str
    objetivo: str
    produtos: str
    prazo: str


@dataclass(frozen=True)
class Kit:
    titulo: str
    cabecalho: CabecalhoAnexoA
    blocos: tuple


def _anos(n: int | None) -> str:
    if n is None:
        return "conforme as atividades do perfil"
    return f"ao menos {n} {'ano' if n == 1 else 'anos'}"


def montar_kit(
    *,
    cabecalho: CabecalhoAnexoA,
    estimativa: Estimativa,
    ordens: Sequence[OrdemTR],
    verificacao: Sequence[str] = (),
) -> Kit:
    est = estimativa
    blocos: list = [
        Titulo("1. Identificação"),
        Tabela(
            ("Campo", "Valor"),
            (
                ("Órgão", cabecalho.orgao),
                ("UASG", cabecalho.uasg or "—"),
                ("Processo (SEI/NUP)", cabecalho.processo),
                ("Objeto", cabecalho.objeto),
                ("Mapa salarial", f"{cabecalho.mapa_ato}, vigente desde {cabecalho.mapa_vigencia:%d/%m/%Y}"),
                ("Vigência estimada", f"{est.meses} meses"),
            ),
        ),
        *_itens_e_ordens(est, {o.numero: o for o in ordens}),
        Titulo("3. Experiência mínima por senioridade (item 7 do Anexo II)"),
        Tabela(
            ("Senioridade", "Experiência mínima nas atividades do perfil"),
            tuple((s, _anos(n)) for s, n in EXPERIENCIA_MINIMA_ANOS.items()),
        ),
        *_estimativa(est),
        Titulo("5. Memória de cálculo"),
        *(
            Paragrafo(r, estilo="List Number")
            for r in regras_da_memoria(cabecalho.mapa_ato, cabecalho.mapa_vigencia, est)
        ),
        Titulo("Fator-K diferente do mapa, com justificativa", 2),
        _fatores_k(est),
        Titulo("6. Verificação normativa na geração"),
        *(Paragrafo(t, estilo="List Bullet") for t in verificacao or ["Nenhuma objeção encontrada."]),
    ]
    return Kit(TITULO, cabecalho, tuple(blocos))


def _itens_e_ordens(est: Estimativa, ordens: dict[str, OrdemTR]) -> list:
    blocos: list = [Titulo("2. Itens e Ordens de Serviço planejadas"), Paragrafo(REGRA_UM_PROFISSIONAL)]
    for ic in est.itens:
        item = ic.item
        blocos.append(Titulo(f"Item {item.numero} – {item.descricao}", 2))
        if item.e_catalogo:
            blocos.append(Paragrafo(f"Serviços do catálogo {item.catalogo}."))
            blocos.append(
                Tabela(
                    ("Código", "Serviço", "Unidade", "Quantidade mensal estimada"),
                    tuple(
                        (ln.codigo, ln.servico, ln.unidade, formatar_numero(ln.quantidade, 4))
                        for ln in item.linhas_nuvem
                    ),
                    numericas=frozenset({3}),
                )
            )
            continue
        perfis: dict[str, dict] = {}
        for lp in item.linhas:
            perfis.setdefault(lp.ordem_servico, {})[lp.codigo] = lp
        # OS sem linhas também entram (a verificação aponta); na ordem em que foram planejadas
        numeros = list(perfis) + [n for n, o in ordens.items() if n not in perfis and o.item == item.numero]
        for numero in numeros:
            blocos.extend(_ordem(numero, ordens.get(numero), perfis.get(numero, {})))
    return blocos


def _ordem(numero: str, ordem: OrdemTR | None, perfis: dict) -> list:
    blocos: list = [Titulo(f"{numero}" + (f" – {ordem.identificacao}" if ordem else ""), 3)]
    if ordem:
        blocos += [
            Paragrafo(f"Objetivo: {ordem.objetivo}"),
            Paragrafo(f"Produtos ou resultados: {ordem.produtos}"),
            Paragrafo(f"Prazo de atendimento: {ordem.prazo}"),
        ]
    blocos.append(
        Tabela(
            ("Código", "Perfil profissional mínimo", "Senioridade", "Experiência mínima"),
            tuple(
                (lp.codigo, lp.perfil, lp.senioridade or "—", _anos(experiencia_minima(lp.senioridade)))
                for lp in perfis.values()
            ),
        )
    )
    return blocos


def _estimativa(est: Estimativa) -> list:
    periodo = f"No período ({est.meses} meses)"
    resumo = Tabela(
        ("Item", "Descrição", "Valor mensal", f"Valor anual ({MESES_POR_ANO} meses)", periodo),
        tuple(
            (
                str(ic.item.numero),
                ic.item.descricao,
                formatar_reais(ic.subtotal_mensal),
                formatar_reais(ic.subtotal_mensal * MESES_POR_ANO),
                formatar_reais(ic.subtotal_mensal * est.meses),
            )
            for ic in est.itens
        ),
        numericas=frozenset({2, 3, 4}),
        total=(
            "Total",
            "",
            formatar_reais(est.mensal),
            formatar_reais(est.anual),
            formatar_reais(est.periodo),
        ),
    )
    detalhe = Tabela(
        ("Item", "OS", "Código", "Qtd.", "Remuneração", "Fator-K", "Custo por profissional", "Valor mensal"),
        tuple(
            (
                str(ic.item.numero),
                lc.linha.ordem_servico,
                lc.linha.codigo,
                str(lc.linha.quantidade),
                formatar_reais(lc.linha.remuneracao),
                formatar_numero(lc.linha.fator_k),
                formatar_reais(lc.custo_por_profissional),
                formatar_reais(lc.valor_mensal),
            )
            for ic in est.itens
            for lc in ic.linhas
        ),
        numericas=frozenset({3, 4, 5, 6, 7}),
    )
    blocos = [
        Titulo("4. Estimativa do valor da contratação"),
        resumo,
        Titulo("Memória por perfil (quantidade estimada × custo por profissional)", 2),
        detalhe,
    ]
    catalogo = tuple(
        (
            str(ic.item.numero),
            ln.linha.codigo,
            ln.linha.servico,
            formatar_numero(ln.linha.quantidade, 4),
            formatar_reais(ln.linha.preco_unitario, 4 if ic.item.e_nuvem else 2),
            formatar_reais(ln.valor_mensal),
        )
        for ic in est.itens
        for ln in ic.linhas_nuvem
    )
    if catalogo:
        blocos += [
            Titulo("Memória por serviço de catálogo", 2),
            Tabela(
                ("Item", "Código", "Serviço", "Quantidade mensal", "Preço unitário", "Valor mensal"),
                catalogo,
                numericas=frozenset({3, 4, 5}),
            ),
        ]
    return blocos


def _fatores_k(est: Estimativa) -> Tabela | Paragrafo:
    linhas = tuple(
        (
            str(ic.item.numero),
            lc.linha.ordem_servico,
            lc.linha.codigo,
            formatar_numero(lc.linha.fator_k_mapa),
            formatar_numero(lc.linha.fator_k),
            lc.linha.justificativa,
        )
        for ic in est.itens
        for lc in ic.linhas
        if lc.linha.fator_k_alterado
    )
    if not linhas:
        return Paragrafo("Nenhum Fator-K diferente do mapa: todas as linhas usam o Fator-K do mapa.")
    return Tabela(
        ("Item", "OS", "Código", "Fator-K do mapa", "Fator-K adotado", "Justificativa"),
        linhas,
        numericas=frozenset({3, 4}),
    )
