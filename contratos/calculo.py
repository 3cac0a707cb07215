"""Regras de cálculo da estimativa (Anexo II da Portaria SGD/MGI nº 1.070/2023, itens 4 a 7).

Sem Django, sem banco, sem relógio: Decimal apenas.
"""

from decimal import ROUND_HALF_UP, Decimal

CENTAVO = Decimal("0.01")


def arredondar_centavo(valor: Decimal) -> Decimal:
    """Arredonda ao centavo, meio para cima (o que ROUND faz no Excel e no LibreOffice)."""
    return valor.quantize(CENTAVO, rounding=ROUND_HALF_UP)


def custo_por_profissional(remuneracao: Decimal, fator_k: Decimal) -> Decimal:
    """Item 6: remuneração × Fator-K, arredondado ao centavo."""
    return arredondar_centavo(remuneracao * fator_k)


# Senioridade é dado explícito do mapa (o sufixo do código não a define: CLOUD-01 é Pleno).
JUNIOR = "junior"
PLENO = "pleno"
SENIOR = "senior"
SENIORIDADES = ((JUNIOR, "Júnior"), (PLENO, "Pleno"), (SENIOR, "Sênior"))
# Código → rótulo; sem senioridade (gerentes) → "". O get_senioridade_display do Django refaz um dict a cada
# chamada, e o detalhe pede um por linha.
ROTULOS_SENIORIDADE = dict(SENIORIDADES)

# Item 7 do Anexo II: anos mínimos de experiência no perfil.
EXPERIENCIA_MINIMA_ANOS = {JUNIOR: 1, PLENO: 3, SENIOR: 5}

# Itens 4 e 5 do Anexo II: o Fator-K adotado nunca passa de 3.
FATOR_K_MAXIMO = Decimal("3.00")


def rotulo_senioridade(senioridade: str) -> str:
    return ROTULOS_SENIORIDADE.get(senioridade, "")


def titulo_do_perfil(perfil: str, rotulo_senioridade: str) -> str:
    """Perfil com a senioridade, como na Portaria (ex.: Analista de suporte computacional Pleno)."""
    return f"{perfil} {rotulo_senioridade}" if rotulo_senioridade else perfil


def experiencia_minima_anos(senioridade: str) -> int | None:
    """Item 7: anos mínimos de experiência; None para perfis sem senioridade (gerentes)."""
    return EXPERIENCIA_MINIMA_ANOS.get(senioridade)


def familia_do_codigo(codigo: str) -> str:
    """Família do perfil: o prefixo do código antes do hífen (ASUPCOMP-02 → ASUPCOMP)."""
    return codigo.split("-", 1)[0]


def variacao_percentual(anterior: Decimal, atual: Decimal) -> Decimal | None:
    """Variação de `anterior` para `atual` em %, com 2 casas; None se não há base (anterior zero)."""
    if not anterior:
        return None
    return arredondar_centavo((atual - anterior) / anterior * 100)


# --- Limites do domínio: o formulário, o serviço e o banco usam estes números, escritos só aqui ---

# Lei 14.133/2021, art. 107: serviços contínuos prorrogáveis até a vigência máxima decenal.
MESES_MAXIMO = 120
ITEM_NUMERO_MAXIMO = 999
# Número da OS: "OS nº 001/2026" – de 3 a 4 dígitos (até 9.999 OS por ano numa contratação).
OS_NUMERO_DIGITOS_MAXIMO = 4
QUANTIDADE_MINIMA = 1  # item 9.5.1.1: ao menos 1 profissional por perfil
QUANTIDADE_PROFISSIONAIS_MAXIMA = 9_999
# Cabe em DecimalField(max_digits=14, decimal_places=4): 10 dígitos inteiros.
QUANTIDADE_CATALOGO_MAXIMA = Decimal(10) ** 9
EQUIPE_MAXIMA = 30
LINHAS_POR_OS_MAXIMO = 2_000
LINHAS_POR_ITEM_MAXIMO = 2_000


def numero_os(*, sequencia: int, ano: int) -> str:
    """ "OS nº 001/2026": a sequência com ao menos 3 dígitos e o ano."""
    return f"OS nº {sequencia:03d}/{ano}"


def proximo_numero_os(numeros_existentes, ano: int) -> str:
    """Número proposto para a próxima OS do ano: o maior já usado + 1 (nunca a contagem, que repete um
    número depois de uma exclusão). Números fora do formato "OS nº NNN/AAAA" são ignorados. (O banco faz a
    mesma conta com `Max` em `selectors.proximo_numero_os`.)"""
    maior = 0
    for numero in numeros_existentes:
        sequencia, _, ano_os = numero.removeprefix("OS nº ").partition("/")
        if ano_os == str(ano) and sequencia.isdigit():
            maior = max(maior, int(sequencia))
    return numero_os(sequencia=maior + 1, ano=ano)
