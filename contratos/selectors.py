"""Leituras de contratos (querysets e adaptadores para os módulos puros)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from contratos import calculo
from contratos.models import MapaSalarial, ValorPerfil


def mapas_para_selecao() -> QuerySet[MapaSalarial]:
    """Versões que se podem consultar, da vigência mais recente para a mais antiga (rascunhos no fim)."""
    return MapaSalarial.objects.annotate(total_perfis=Count("valores")).order_by(
        "situacao", "-data_vigencia", "-pk"
    )


def mapa_padrao(*, hoje: date) -> MapaSalarial | None:
    """A versão vigente em `hoje` (a de vigência mais recente já iniciada); na falta, a última publicada."""
    publicadas = MapaSalarial.objects.exclude(situacao=MapaSalarial.Situacao.RASCUNHO)
    vigentes = publicadas.filter(situacao=MapaSalarial.Situacao.VIGENTE)
    return (
        vigentes.filter(data_vigencia__lte=hoje).order_by("-data_vigencia", "-pk").first()
        or vigentes.order_by("-data_vigencia", "-pk").first()
        or publicadas.order_by("-data_vigencia", "-pk").first()
    )


def familias_do_mapa(mapa: MapaSalarial) -> list[str]:
    codigos = mapa.valores.values_list("codigo", flat=True)
    return sorted({calculo.familia_do_codigo(c) for c in codigos})


def valores_do_mapa(
    mapa: MapaSalarial, *, senioridade: str = "", familia: str = "", busca: str = ""
) -> QuerySet[ValorPerfil]:
    """Linhas da versão filtradas; `senioridade="sem"` traz os perfis sem senioridade (gerentes)."""
    valores = mapa.valores.order_by("pk")
    if senioridade == "sem":
        valores = valores.filter(senioridade="")
    elif senioridade:
        valores = valores.filter(senioridade=senioridade)
    if familia:
        valores = valores.filter(Q(codigo=familia) | Q(codigo__startswith=f"{familia}-"))
    if busca:
        valores = valores.filter(Q(codigo__icontains=busca) | Q(perfil__icontains=busca))
    return valores


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
            senioridade=novo.get_senioridade_display(),
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


def painel_contexto(*, usuario, hoje: date) -> dict:
    """Resumo para o Painel: a versão do mapa salarial vigente hoje."""
    mapa = mapa_padrao(hoje=hoje)
    return {"mapa": mapa, "total_perfis": mapa.valores.count() if mapa else 0}
