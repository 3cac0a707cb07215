"""Estimativa da contratação: linhas, itens e totais (DESIGN.md §4.2–4.3). Sem Django, sem banco, sem relógio.

As páginas (totais ao vivo), o serviço e o exportador do Anexo A usam estas mesmas funções, para que a tela
e a planilha recalculada concordem ao centavo.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from catalogo.calculo import valor_mensal_linha
from contratos import calculo
from contratos.calculo import FATOR_K_MAXIMO, custo_por_profissional
from core.numeros import decimal_br, formatar_numero, formatar_reais

MESES_POR_ANO = 12

# Item 7 do Anexo II, pelo rótulo da senioridade (as linhas da estimativa trazem o rótulo, não o código).
EXPERIENCIA_MINIMA_ANOS = {
    rotulo: calculo.EXPERIENCIA_MINIMA_ANOS[codigo] for codigo, rotulo in calculo.SENIORIDADES
}

REGRA_UM_PROFISSIONAL = (
    "Ao menos 1 (um) profissional para cada perfil profissional previsto na Ordem de Serviço "
    "(itens 9.5.1.1 e 15.5 do Anexo I); não se exige outra quantidade mínima de profissionais."
)


@dataclass(frozen=True)
class LinhaPerfil:
    """Uma linha de perfil de uma OS planejada, já com os dados da versão do mapa fixada."""

    ordem_servico: str  # identificação da OS, ex.: "OS nº 001/2026"
    codigo: str
    perfil: str
    senioridade: str  # "" quando o perfil não tem senioridade (GERSUP, GERINF, GERSEG)
    quantidade: int
    remuneracao: Decimal
    fator_k_mapa: Decimal
    fator_k: Decimal  # adotado
    justificativa: str = ""

    @property
    def fator_k_alterado(self) -> bool:
        return self.fator_k != self.fator_k_mapa

    @property
    def titulo(self) -> str:
        return calculo.titulo_do_perfil(self.perfil, self.senioridade)


@dataclass(frozen=True)
class LinhaNuvem:
    """Um serviço da versão do catálogo fixada num item de catálogo (de nuvem ou de serviços profissionais),
    com a quantidade mensal (fracionária) na unidade do serviço."""

    codigo: str
    servico: str
    categoria: str
    unidade: str
    quantidade: Decimal
    preco_unitario: Decimal  # 4 casas no catálogo de nuvem, 2 no de serviços profissionais
    observacao: str = ""


TIPO_PERFIS = "perfis"
TIPO_NUVEM = "nuvem"
TIPO_PROFISSIONAIS = "profissionais"
TIPOS_DE_CATALOGO = (TIPO_NUVEM, TIPO_PROFISSIONAIS)


@dataclass(frozen=True)
class Item:
    numero: int
    descricao: str
    linhas: tuple[LinhaPerfil, ...]
    tipo: str = TIPO_PERFIS
    linhas_nuvem: tuple[LinhaNuvem, ...] = ()  # linhas de serviço de qualquer item de catálogo
    catalogo: str = ""  # rótulo da versão do catálogo fixada (itens de catálogo)
    catalogo_ilustrativo: bool = False

    @property
    def e_nuvem(self) -> bool:
        return self.tipo == TIPO_NUVEM

    @property
    def e_catalogo(self) -> bool:
        return self.tipo in TIPOS_DE_CATALOGO


@dataclass(frozen=True)
class LinhaCalculada:
    linha: LinhaPerfil
    custo_por_profissional: Decimal
    valor_mensal: Decimal


@dataclass(frozen=True)
class LinhaNuvemCalculada:
    linha: LinhaNuvem
    valor_mensal: Decimal


@dataclass(frozen=True)
class ItemCalculado:
    item: Item
    linhas: tuple[LinhaCalculada, ...]
    subtotal_mensal: Decimal
    linhas_nuvem: tuple[LinhaNuvemCalculada, ...] = ()

    def subtotais_por_os(self) -> tuple[tuple[str, Decimal], ...]:
        """Valor mensal de cada OS do item, na ordem em que aparecem."""
        return _somar_por((lc.linha.ordem_servico, lc.valor_mensal) for lc in self.linhas)


@dataclass(frozen=True)
class Estimativa:
    itens: tuple[ItemCalculado, ...]
    meses: int
    mensal: Decimal
    anual: Decimal
    periodo: Decimal

    @property
    def valores_ilustrativos(self) -> bool:
        """Algum item de catálogo usa catálogo de exemplo: tela e planilha precisam dizer isso."""
        return any(ic.item.catalogo_ilustrativo for ic in self.itens if ic.item.e_catalogo)

    def linhas_com_fator_k_alterado(self) -> tuple[LinhaPerfil, ...]:
        return tuple(lc.linha for ic in self.itens for lc in ic.linhas if lc.linha.fator_k_alterado)

    def mensal_por_perfil(self) -> tuple[tuple[str, Decimal], ...]:
        """Valor mensal por código de perfil (para o gráfico de custo por perfil)."""
        return _somar_por((lc.linha.codigo, lc.valor_mensal) for ic in self.itens for lc in ic.linhas)


def _somar_por(pares: Iterable[tuple[str, Decimal]]) -> tuple[tuple[str, Decimal], ...]:
    somas: dict[str, Decimal] = {}
    for chave, valor in pares:
        somas[chave] = somas.get(chave, Decimal("0.00")) + valor
    return tuple(somas.items())


def calcular_linha(linha: LinhaPerfil) -> LinhaCalculada:
    """Custo por profissional arredondado (meio para cima) e só então multiplicado pela quantidade."""
    if erros := validar_quantidade(linha.quantidade):
        raise ValueError(erros[0])
    custo = custo_por_profissional(linha.remuneracao, linha.fator_k)
    return LinhaCalculada(linha=linha, custo_por_profissional=custo, valor_mensal=custo * linha.quantidade)


def calcular_linha_nuvem(linha: LinhaNuvem) -> LinhaNuvemCalculada:
    """Regra do catálogo (catalogo/calculo.py): round_half_up(quantidade × preço unitário, 2)."""
    return LinhaNuvemCalculada(
        linha=linha, valor_mensal=valor_mensal_linha(linha.quantidade, linha.preco_unitario)
    )


def somar(valores: Iterable[Decimal]) -> Decimal:
    """§4.3: OS e item = soma das linhas; contratação = soma dos itens. Soma de Decimais já arredondados é
    exata: somar subtotais guardados (de OS ou de itens) dá o mesmo centavo que somar as linhas."""
    return sum(valores, Decimal("0.00"))


def calcular_item(item: Item) -> ItemCalculado:
    """Item de perfis soma as linhas das OS; item de catálogo, as linhas de serviço (já arredondadas)."""
    linhas = tuple(calcular_linha(linha) for linha in item.linhas)
    nuvem = tuple(calcular_linha_nuvem(linha) for linha in item.linhas_nuvem)
    subtotal = somar(lc.valor_mensal for lc in (*linhas, *nuvem))
    return ItemCalculado(item=item, linhas=linhas, subtotal_mensal=subtotal, linhas_nuvem=nuvem)


def subtotal_mensal(linhas: Iterable[LinhaPerfil] = (), linhas_nuvem: Iterable[LinhaNuvem] = ()) -> Decimal:
    """Valor mensal de um conjunto de linhas (uma OS, um item de catálogo), pela mesma conta do item."""
    item = Item(numero=1, descricao="", linhas=tuple(linhas), linhas_nuvem=tuple(linhas_nuvem))
    return calcular_item(item).subtotal_mensal


def totalizar(itens: Sequence[ItemCalculado], *, meses: int, mensal: Decimal | None = None) -> Estimativa:
    """Totais (§4.3): mensal = soma dos itens (ou `mensal`, já somado a partir de subtotais guardados);
    anual = 12 × mensal; período = meses × mensal."""
    if meses < 1:
        raise ValueError("Os meses de vigência devem ser um inteiro maior ou igual a 1.")
    if mensal is None:
        mensal = somar(ic.subtotal_mensal for ic in itens)
    return Estimativa(
        itens=tuple(itens),
        meses=meses,
        mensal=mensal,
        anual=mensal * MESES_POR_ANO,
        periodo=mensal * meses,
    )


def calcular_estimativa(itens: Sequence[Item], *, meses: int) -> Estimativa:
    """Totais (§4.3) dos dois tipos de item, linha a linha."""
    if meses < 1:
        raise ValueError("Os meses de vigência devem ser um inteiro maior ou igual a 1.")
    return totalizar([calcular_item(item) for item in itens], meses=meses)


def validar_quantidade(quantidade) -> list[str]:
    """Item 9.5.1.1 na conta pura: inteiro, ao menos `QUANTIDADE_MINIMA` (o banco e o formulário usam o
    mesmo número, pelos validadores do modelo)."""
    if (
        isinstance(quantidade, bool)
        or not isinstance(quantidade, int)
        or quantidade < calculo.QUANTIDADE_MINIMA
    ):
        return [f"Informe uma quantidade inteira, maior ou igual a {calculo.QUANTIDADE_MINIMA}."]
    return []


MENSAGEM_FATOR_K_MAXIMO = (
    f"O Fator-K não pode ser superior a {formatar_numero(FATOR_K_MAXIMO)} (item 4 do Anexo II)."
)


def validar_fator_k(
    fator_k, *, fator_k_mapa: Decimal | None, justificativa: str = ""
) -> dict[str, list[str]]:
    """Regra do item 4 do Anexo II, num só lugar para o formulário, o serviço e as restrições do banco.

    Devolve {campo: [mensagens]} com os campos "fator_k" e "justificativa" (vazio quando válido), no formato
    que `ValidationError(dict)` e `form.add_error` aceitam. No banco: fator_k > 0, fator_k <= 3,00 e
    (fator_k = fator_k_mapa ou justificativa preenchida).
    """
    erros: dict[str, list[str]] = {}
    try:
        k = decimal_br(fator_k, casas=None)  # as casas demais têm mensagem própria logo abaixo
    except ValueError:
        return {"fator_k": ["Informe o Fator-K como número, por exemplo 2,12."]}
    if k is None:
        return {"fator_k": ["Informe o Fator-K."]}
    if k <= 0:
        erros.setdefault("fator_k", []).append("O Fator-K deve ser maior que zero.")
    if k != k.quantize(Decimal("0.01")):
        erros.setdefault("fator_k", []).append("O Fator-K deve ter no máximo 2 casas decimais.")
    if k > FATOR_K_MAXIMO:
        erros.setdefault("fator_k", []).append(MENSAGEM_FATOR_K_MAXIMO)
    if fator_k_mapa is not None and k != fator_k_mapa and not (justificativa or "").strip():
        erros.setdefault("justificativa", []).append(
            f"Justifique o Fator-K {formatar_numero(k)}, diferente do Fator-K do mapa "
            f"({formatar_numero(fator_k_mapa)}), com a respectiva memória de cálculo (item 4 do Anexo II)."
        )
    return erros


def fator_k_implicito(preco_unitario: Decimal, remuneracao: Decimal) -> Decimal:
    """Fator-K implícito de um preço proposto: preço unitário ÷ remuneração (item 5), sem arredondar."""
    if remuneracao <= 0:
        raise ValueError("A remuneração de referência deve ser maior que zero.")
    return preco_unitario / remuneracao


def alerta_fator_k_implicito(preco_unitario: Decimal, remuneracao: Decimal) -> str | None:
    """Aviso (não bloqueio) quando o Fator-K implícito passa de 3,00: o item 5 manda diligenciar."""
    k = fator_k_implicito(preco_unitario, remuneracao)
    if k <= FATOR_K_MAXIMO:
        return None
    return (
        f"Fator-K implícito de {formatar_numero(k, 4)} (preço {formatar_reais(preco_unitario)} ÷ remuneração "
        f"{formatar_reais(remuneracao)}) acima de {formatar_numero(FATOR_K_MAXIMO)}: objeto de diligência e "
        "análise pormenorizada (item 5 do Anexo II)."
    )


def experiencia_minima(senioridade: str) -> int | None:
    """Anos mínimos de experiência (item 7); None para perfis sem senioridade."""
    return EXPERIENCIA_MINIMA_ANOS.get(senioridade)


def motivo_fora_do_total(mensagens_por_campo: Iterable[Iterable[str]]) -> str:
    """Por que uma linha não entra nos totais, dito na própria linha (vazio quando nada a impede).

    Recebe as mensagens de cada campo da linha, na ordem das colunas; repetidas aparecem uma vez.
    """
    mensagens = list(dict.fromkeys(m for campo in mensagens_por_campo for m in campo))
    return f"Fora do total: {' '.join(mensagens)}" if mensagens else ""


def linhas_fora_do_total(quantas: int) -> str:
    """Aviso junto aos totais: quantas linhas ficaram de fora (vazio quando nenhuma)."""
    if quantas < 1:
        return ""
    if quantas == 1:
        return "1 linha fora do total: veja o motivo na própria linha."
    return f"{quantas} linhas fora do total: veja o motivo em cada linha."
