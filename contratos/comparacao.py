"""Comparar versões do mapa salarial: código a código (página "Comparar versões") e a reprecificação de
uma contratação (a diferença linha a linha que "Reprecificar" mostra antes de trocar a versão)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from contratos import calculo, estimativa
from contratos.edicao.simulacao import linha_pura
from contratos.models import Contratacao, LinhaPerfil, MapaSalarial, ValorPerfil
from core import vigencia


@dataclass(frozen=True)
class Diferenca:
    """Um código nas duas versões: o que mudou, com variação em % (None quando não há base)."""

    codigo: str
    perfil: str
    senioridade: str
    remuneracao_anterior: Decimal
    remuneracao_atual: Decimal
    fator_k_anterior: Decimal
    fator_k_atual: Decimal
    custo_anterior: Decimal
    custo_atual: Decimal

    @property
    def variacao_remuneracao(self):
        return calculo.variacao_percentual(self.remuneracao_anterior, self.remuneracao_atual)

    @property
    def variacao_fator_k(self):
        return calculo.variacao_percentual(self.fator_k_anterior, self.fator_k_atual)

    @property
    def variacao_custo(self):
        return calculo.variacao_percentual(self.custo_anterior, self.custo_atual)

    @property
    def mudou(self) -> bool:
        return (self.remuneracao_anterior, self.fator_k_anterior) != (
            self.remuneracao_atual,
            self.fator_k_atual,
        )


@dataclass(frozen=True)
class Comparacao:
    alterados: list[Diferenca]
    inalterados: list[Diferenca]
    incluidos: list[ValorPerfil]
    excluidos: list[ValorPerfil]


def comparar_mapas(anterior: MapaSalarial, atual: MapaSalarial) -> Comparacao:
    """Compara duas versões pelo código (a noção estável de perfil entre versões)."""
    antes = {v.codigo: v for v in anterior.valores.order_by("pk")}
    depois = {v.codigo: v for v in atual.valores.order_by("pk")}
    alterados, inalterados = [], []
    for codigo, novo in depois.items():
        velho = antes.get(codigo)
        if velho is None:
            continue
        diferenca = Diferenca(
            codigo=codigo,
            perfil=novo.titulo,
            senioridade=calculo.rotulo_senioridade(novo.senioridade),
            remuneracao_anterior=velho.remuneracao,
            remuneracao_atual=novo.remuneracao,
            fator_k_anterior=velho.fator_k,
            fator_k_atual=novo.fator_k,
            custo_anterior=velho.custo_total,
            custo_atual=novo.custo_total,
        )
        (alterados if diferenca.mudou else inalterados).append(diferenca)
    return Comparacao(
        alterados=alterados,
        inalterados=inalterados,
        incluidos=[v for c, v in depois.items() if c not in antes],
        excluidos=[v for c, v in antes.items() if c not in depois],
    )


@dataclass(frozen=True)
class DiferencaLinha:
    ordem: str
    codigo: str
    perfil: str
    quantidade: int
    custo_anterior: Decimal
    custo_novo: Decimal | None
    valor_anterior: Decimal
    valor_novo: Decimal | None

    @property
    def variacao(self):
        if self.valor_novo is None:
            return None
        return calculo.variacao_percentual(self.valor_anterior, self.valor_novo)


@dataclass(frozen=True)
class Reprecificacao:
    mapa_novo: MapaSalarial
    linhas: list[DiferencaLinha]
    ausentes: list[str]  # códigos sem correspondente na versão nova (bloqueiam a troca)
    mensal_anterior: Decimal
    mensal_novo: Decimal

    @property
    def variacao(self):
        return calculo.variacao_percentual(self.mensal_anterior, self.mensal_novo)


def fator_k_na_versao(linha: LinhaPerfil, novo: ValorPerfil) -> Decimal:
    """K adotado ao reprecificar: quem usava o K do mapa passa ao K da versão nova; o K justificado fica."""
    return novo.fator_k if linha.fator_k == linha.fator_k_referencia else linha.fator_k


def reprecificacao_prever(contratacao: Contratacao, mapa_novo: MapaSalarial) -> Reprecificacao:
    """Diferença linha a linha entre a versão fixada e `mapa_novo`, pelo código do perfil."""
    novos = {v.codigo: v for v in mapa_novo.valores.all()}
    linhas = LinhaPerfil.objects.filter(ordem__contratacao=contratacao).select_related("perfil", "ordem")
    diferencas, ausentes = [], []
    mensal_anterior = mensal_novo = Decimal("0.00")
    for linha in linhas.order_by("ordem__numero", "pk"):
        antes = estimativa.calcular_linha(linha_pura(linha, linha.ordem.numero))
        mensal_anterior += antes.valor_mensal
        novo = novos.get(linha.perfil.codigo)
        custo_novo = valor_novo = None
        if novo is None:
            ausentes.append(linha.perfil.codigo)
        else:
            custo_novo = calculo.custo_por_profissional(novo.remuneracao, fator_k_na_versao(linha, novo))
            valor_novo = custo_novo * linha.quantidade
            mensal_novo += valor_novo
        diferencas.append(
            DiferencaLinha(
                ordem=linha.ordem.numero,
                codigo=linha.perfil.codigo,
                perfil=linha.perfil.titulo,
                quantidade=linha.quantidade,
                custo_anterior=antes.custo_por_profissional,
                custo_novo=custo_novo,
                valor_anterior=antes.valor_mensal,
                valor_novo=valor_novo,
            )
        )
    return Reprecificacao(
        mapa_novo=mapa_novo,
        linhas=diferencas,
        ausentes=sorted(set(ausentes)),
        mensal_anterior=mensal_anterior,
        mensal_novo=mensal_novo,
    )


@dataclass(frozen=True)
class ImpactoContratacao:
    """Uma contratação precificada com outra versão e o que mudaria se reprecificada com a nova."""

    contratacao: Contratacao
    previsao: Reprecificacao

    @property
    def mensal_atual(self) -> Decimal:
        return self.previsao.mensal_anterior

    @property
    def mensal_novo(self) -> Decimal:
        return self.previsao.mensal_novo

    @property
    def diferenca(self) -> Decimal:
        return self.previsao.mensal_novo - self.previsao.mensal_anterior

    @property
    def variacao(self):
        return self.previsao.variacao


def mapa_mais_novo(contratacao: Contratacao, *, hoje: date) -> MapaSalarial | None:
    """A versão vigente, se for mais nova que a fixada na contratação (aviso "há versão mais nova")."""
    publicadas = {
        m.pk: m
        for m in MapaSalarial.objects.filter(situacao=MapaSalarial.Situacao.VIGENTE).only(
            "pk", "nome_ato", "data_vigencia"
        )
    }
    pk = vigencia.vigente([(m.pk, m.data_vigencia) for m in publicadas.values()], hoje=hoje)
    if pk is None or pk == contratacao.mapa_id:
        return None
    fixada = contratacao.mapa.data_vigencia
    if fixada is not None and publicadas[pk].data_vigencia <= fixada:
        return None
    return publicadas[pk]
