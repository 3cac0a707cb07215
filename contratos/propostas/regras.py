"""Análise das propostas dos licitantes sobre o mapa salarial (Anexo II da Portaria SGD/MGI nº 1.070/2023,
itens 1 e 5, na redação da Portaria SGD/MGI nº 6.055/2025; IN SEGES/ME nº 73/2022, art. 34).

Sem Django, sem banco: Decimal apenas. Cada marca é um indício para diligência, nunca uma desclassificação.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from contratos.calculo import CENTAVO, arredondar_centavo, custo_por_profissional

# Padrões dos limiares (parâmetros da análise; todo relatório os imprime).
K_MAXIMO_PADRAO = Decimal("3.00")
PERCENTUAL_MINIMO_PADRAO = Decimal("50.00")

DILIGENCIA = "diligência"
ABAIXO_DO_MAPA = "abaixo do mapa"
INEXEQUIVEL = "indício de inexequibilidade"


@dataclass(frozen=True)
class Limiares:
    k_maximo: Decimal = K_MAXIMO_PADRAO
    percentual_minimo: Decimal = PERCENTUAL_MINIMO_PADRAO


PADRAO = Limiares()


def regras(limiares: Limiares) -> list[tuple[str, str]]:
    """As regras em palavras, com os limiares em uso (página, relatório e aba da planilha)."""
    k = f"{limiares.k_maximo:.2f}".replace(".", ",")
    p = f"{limiares.percentual_minimo:.2f}".replace(".", ",")
    return [
        (
            "Fator-K implícito",
            "Preço unitário mensal ofertado por profissional ÷ remuneração do perfil na versão do mapa "
            "fixada na contratação, com 2 casas (meio para cima).",
        ),
        (
            DILIGENCIA,
            f"Fator-K implícito acima de {k} deve ser objeto de diligência e análise detalhada (Anexo II da "
            "Portaria SGD/MGI nº 1.070/2023, item 5). É um alerta, não uma desclassificação; "
            f"exatamente {k} não é marcado.",
        ),
        (
            ABAIXO_DO_MAPA,
            "Remuneração ofertada abaixo da do mapa: o mapa é o patamar mínimo de presunção relativa de "
            "inexequibilidade (Anexo II, item 1). Indício, não veredito.",
        ),
        (
            INEXEQUIVEL,
            f"Valor mensal total da proposta abaixo de {p}% da estimativa (IN SEGES/ME nº 73/2022, art. 34), "
            "a confirmar por diligência.",
        ),
    ]


def fator_k_implicito(preco: Decimal, remuneracao: Decimal) -> Decimal:
    """Preço ofertado ÷ remuneração do mapa, com 2 casas, meio para cima (o ROUND das planilhas)."""
    return (preco / remuneracao).quantize(CENTAVO, rounding=ROUND_HALF_UP)


def preco_ofertado(*, preco: Decimal | None, salario: Decimal | None, fator_k: Decimal | None) -> Decimal:
    """O preço unitário mensal da linha: o informado, ou derivado de salário × K (arredondado como §4.3)."""
    if preco is not None:
        return preco
    if salario is None or fator_k is None:
        raise ValueError("Informe o preço unitário, ou o salário e o Fator-K.")
    return custo_por_profissional(salario, fator_k)


@dataclass(frozen=True)
class Oferta:
    """Uma linha da estimativa (perfil e quantidade) com o que o licitante ofertou para ela."""

    chave: object
    quantidade: int
    remuneracao_mapa: Decimal
    preco: Decimal
    salario: Decimal | None = None


@dataclass(frozen=True)
class LinhaAnalisada:
    oferta: Oferta
    fator_k: Decimal
    valor_mensal: Decimal
    diligencia: bool
    abaixo_do_mapa: bool

    @property
    def marcas(self) -> list[str]:
        return [m for m, sim in ((DILIGENCIA, self.diligencia), (ABAIXO_DO_MAPA, self.abaixo_do_mapa)) if sim]


def analisar_linha(oferta: Oferta, limiares: Limiares = PADRAO) -> LinhaAnalisada:
    k = fator_k_implicito(oferta.preco, oferta.remuneracao_mapa)
    return LinhaAnalisada(
        oferta=oferta,
        fator_k=k,
        valor_mensal=oferta.preco * oferta.quantidade,
        diligencia=k > limiares.k_maximo,
        abaixo_do_mapa=oferta.salario is not None and oferta.salario < oferta.remuneracao_mapa,
    )


def percentual_da_estimativa(total: Decimal, estimativa: Decimal) -> Decimal | None:
    if not estimativa:
        return None
    return arredondar_centavo(total / estimativa * 100)


def abaixo_do_minimo(total: Decimal, estimativa: Decimal, limiares: Limiares) -> bool:
    """Compara sem arredondar: 49,995% da estimativa já está abaixo de 50%."""
    return bool(estimativa) and total * 100 < estimativa * limiares.percentual_minimo


@dataclass(frozen=True)
class PropostaAnalisada:
    linhas: list[LinhaAnalisada]
    estimativa: Decimal
    total: Decimal
    limiares: Limiares = PADRAO

    @property
    def diferenca(self) -> Decimal:
        return self.total - self.estimativa

    @property
    def percentual(self) -> Decimal | None:
        return percentual_da_estimativa(self.total, self.estimativa)

    @property
    def inexequivel(self) -> bool:
        return abaixo_do_minimo(self.total, self.estimativa, self.limiares)

    @property
    def diligencias(self) -> int:
        return sum(linha.diligencia for linha in self.linhas)

    @property
    def abaixo_do_mapa(self) -> int:
        return sum(linha.abaixo_do_mapa for linha in self.linhas)


def analisar_proposta(
    ofertas: list[Oferta], *, estimativa: Decimal, limiares: Limiares = PADRAO
) -> PropostaAnalisada:
    linhas = [analisar_linha(o, limiares) for o in ofertas]
    total = sum((linha.valor_mensal for linha in linhas), Decimal("0.00"))
    return PropostaAnalisada(linhas=linhas, estimativa=estimativa, total=total, limiares=limiares)


# --- CNPJ: 14 dígitos com os dois dígitos verificadores (módulo 11) ---

_PESOS_1 = (5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
_PESOS_2 = (6, *_PESOS_1)


def _digito(numeros: str, pesos) -> str:
    resto = sum(int(n) * p for n, p in zip(numeros, pesos, strict=True)) % 11
    return "0" if resto < 2 else str(11 - resto)


def digitos_verificadores(raiz: str) -> str:
    """Os 2 dígitos verificadores dos 12 primeiros dígitos do CNPJ."""
    primeiro = _digito(raiz, _PESOS_1)
    return primeiro + _digito(raiz + primeiro, _PESOS_2)


def normalizar_cnpj(texto: str) -> str:
    """Só os dígitos de um CNPJ válido; ValueError com a mensagem para o usuário, se não for."""
    digitos = "".join(c for c in texto if c.isdigit())
    if len(digitos) != 14 or any(c not in "0123456789./- " for c in texto.strip()):
        raise ValueError("O CNPJ tem 14 dígitos (ex.: 12.345.678/0001-95).")
    if len(set(digitos)) == 1:
        raise ValueError("CNPJ inválido.")
    if digitos[12:] != digitos_verificadores(digitos[:12]):
        raise ValueError("CNPJ inválido: os dígitos verificadores não conferem.")
    return digitos


def formatar_cnpj(digitos: str) -> str:
    d = digitos
    return f"{d[:2]}.{d[2:5]}.{d[5:8]}/{d[8:12]}-{d[12:]}"
