"""Leitura da análise das propostas (só lê): as linhas de perfil da estimativa, as propostas e as suas
ofertas, em 3 consultas qualquer que seja o tamanho, e a análise pura de `regras` sobre elas."""

from dataclasses import dataclass
from decimal import Decimal

from contratos import calculo
from contratos.models import LinhaPerfil
from contratos.propostas import regras
from contratos.propostas.models import LinhaProposta, Proposta
from core.numeros import formatar_numero, formatar_reais


@dataclass(frozen=True)
class LinhaEstimada:
    """Uma linha de perfil da estimativa com o custo e o valor da versão fixada do mapa."""

    pk: int
    item: int
    ordem: str
    codigo: str
    perfil: str
    quantidade: int
    remuneracao: Decimal
    fator_k: Decimal
    custo: Decimal

    @property
    def valor(self) -> Decimal:
        return self.custo * self.quantidade


@dataclass(frozen=True)
class Celula:
    preco: str
    fator_k: str
    marcas: list[str]

    @classmethod
    def de(cls, analisada: regras.LinhaAnalisada) -> "Celula":
        return cls(
            formatar_reais(analisada.oferta.preco), formatar_numero(analisada.fator_k), analisada.marcas
        )


@dataclass(frozen=True)
class Coluna:
    proposta: Proposta
    analise: regras.PropostaAnalisada
    por_linha: dict  # pk da linha da estimativa → LinhaAnalisada (ausente: linha não ofertada)
    faltam: int  # linhas da estimativa sem oferta


@dataclass(frozen=True)
class Analise:
    linhas: list[LinhaEstimada]
    colunas: list[Coluna]
    estimativa: Decimal
    limiares: regras.Limiares

    def tabela(self):
        """Linhas × licitantes: cada linha da estimativa com a célula de cada proposta (ou None)."""
        return [(linha, [c.por_linha.get(linha.pk) for c in self.colunas]) for linha in self.linhas]

    def tabela_exibida(self):
        """A tabela com os números já escritos em pt-BR: 20 × 500 células pelos filtros de template
        passariam de 1 s (bench/propostas.py)."""
        return [
            (
                linha,
                formatar_reais(linha.remuneracao),
                formatar_reais(linha.valor),
                [None if a is None else Celula.de(a) for a in celulas],
            )
            for linha, celulas in self.tabela()
        ]

    @property
    def regras(self):
        return regras.regras(self.limiares)


def linhas_estimadas(contratacao) -> list[LinhaEstimada]:
    consulta = (
        LinhaPerfil.objects.filter(ordem__contratacao=contratacao)
        .select_related("perfil", "ordem__item")
        .order_by("ordem__item__numero", "ordem__numero", "pk")
    )
    return [
        LinhaEstimada(
            pk=linha.pk,
            item=linha.ordem.item.numero,
            ordem=linha.ordem.numero,
            codigo=linha.perfil.codigo,
            perfil=linha.perfil.titulo,
            quantidade=linha.quantidade,
            remuneracao=linha.perfil.remuneracao,
            fator_k=linha.fator_k,
            custo=calculo.custo_por_profissional(linha.perfil.remuneracao, linha.fator_k),
        )
        for linha in consulta
    ]


def ordenar(colunas: list[Coluna], ordem: str) -> list[Coluna]:
    """ "total" (menor primeiro) ou "-total"; qualquer outra coisa: a ordem de cadastro."""
    if ordem in ("total", "-total"):
        return sorted(colunas, key=lambda c: (c.analise.total, c.proposta.pk), reverse=ordem == "-total")
    return colunas


def analisar(contratacao, *, limiares=regras.PADRAO, ordem: str = "") -> Analise:
    linhas = linhas_estimadas(contratacao)
    estimativa = sum((linha.valor for linha in linhas), Decimal("0.00"))
    propostas = list(Proposta.objects.filter(contratacao=contratacao).order_by("pk"))
    ofertas: dict[int, dict[int, LinhaProposta]] = {p.pk: {} for p in propostas}
    for oferta in LinhaProposta.objects.filter(proposta__contratacao=contratacao):
        ofertas[oferta.proposta_id][oferta.linha_id] = oferta
    colunas = []
    for proposta in propostas:
        das_linhas = ofertas[proposta.pk]
        pares = [(linha, das_linhas[linha.pk]) for linha in linhas if linha.pk in das_linhas]
        analise = regras.analisar_proposta(
            [
                regras.Oferta(
                    chave=linha.pk,
                    quantidade=linha.quantidade,
                    remuneracao_mapa=linha.remuneracao,
                    preco=oferta.preco,
                    salario=oferta.salario,
                )
                for linha, oferta in pares
            ],
            estimativa=estimativa,
            limiares=limiares,
        )
        colunas.append(
            Coluna(
                proposta=proposta,
                analise=analise,
                por_linha={a.oferta.chave: a for a in analise.linhas},
                faltam=len(linhas) - len(pares),
            )
        )
    return Analise(linhas=linhas, colunas=ordenar(colunas, ordem), estimativa=estimativa, limiares=limiares)
