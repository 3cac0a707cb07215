"""Monitoramento mensal e balanço semestral do ACT 142/2024 (DESIGN.md §4.10). Sem Django, sem banco, sem
relógio.

Entram as linhas de serviço (nuvem e serviços profissionais) das contratações de todos os órgãos; saem só
agregados por órgão e categoria, por categoria e por serviço. Nenhuma linha de estimativa de um órgão sai
daqui (orçamento sigiloso): o serviço usado por menos de `MINIMO_ORGAOS` órgãos não aparece sozinho, mas
somado aos demais nessa condição, para que a quantidade de um órgão não se deduza do total do serviço.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from catalogo.calculo import valor_mensal_linha
from contratos.estimativa import MESES_POR_ANO

ZERO = Decimal("0.00")
MINIMO_ORGAOS = 2
SERVICOS_PROFISSIONAIS = "Serviços profissionais"
SERVICOS_RESERVADOS = f"Demais serviços (usados por menos de {MINIMO_ORGAOS} órgãos)"
MESES_DO_SEMESTRE = 6


def primeiro_dia(ano: int, mes: int) -> date:
    return date(ano, mes, 1)


def somar_meses(mes: date, n: int) -> date:
    """Primeiro dia do mês `n` meses depois (ou antes, se negativo) do mês de `mes`."""
    indice = mes.year * 12 + mes.month - 1 + n
    return date(indice // 12, indice % 12 + 1, 1)


def ultimo_dia(mes: date) -> date:
    return somar_meses(mes, 1) - timedelta(days=1)


@dataclass(frozen=True)
class LinhaCatalogo:
    """Uma linha de serviço de um item de catálogo, com o que o agregado precisa (nada de texto do órgão)."""

    orgao: str
    contratacao: int
    criada: date
    atualizada: date
    categoria: str  # rótulo da categoria de nuvem, ou SERVICOS_PROFISSIONAIS
    codigo: str
    servico: str
    quantidade: Decimal
    preco: Decimal

    @property
    def mensal(self) -> Decimal:
        # a regra do catálogo (arredonda por linha, como a estimativa e o Anexo A)
        return valor_mensal_linha(self.quantidade, self.preco)


class ComAnual:
    """Anual = 12 × mensal (§4.3), sem outro arredondamento; para os totais que têm `mensal`."""

    @property
    def anual(self) -> Decimal:
        return self.mensal * MESES_POR_ANO


@dataclass(frozen=True)
class Agregado(ComAnual):
    nome: str
    contratacoes: int
    orgaos: int
    mensal: Decimal


@dataclass(frozen=True)
class Celula(ComAnual):
    """Total de um órgão numa categoria."""

    orgao: str
    categoria: str
    contratacoes: int
    mensal: Decimal


@dataclass(frozen=True)
class ServicoAgregado(ComAnual):
    codigo: str
    servico: str
    categoria: str
    orgaos: int
    contratacoes: int
    quantidade: Decimal | None  # None na linha dos serviços reservados (unidades diferentes)
    mensal: Decimal


@dataclass(frozen=True)
class OcorrenciaResumo:
    acao: int
    descricao: str
    ordinal: int
    vencimento: date
    data_conclusao: date | None
    pk: int = 0


@dataclass(frozen=True)
class VersaoVigente:
    catalogo: str
    versao: str
    vigencia_inicio: date
    referencia: str
    ilustrativa: bool


@dataclass(frozen=True)
class Totais(ComAnual):
    contratacoes: int
    orgaos: int
    mensal: Decimal


@dataclass(frozen=True)
class RelatorioMensal:
    mes: date
    fim: date
    totais: Totais
    por_orgao_categoria: tuple[Celula, ...]
    por_orgao: tuple[Agregado, ...]
    por_categoria: tuple[Agregado, ...]
    por_servico: tuple[ServicoAgregado, ...]
    novas: Totais
    alteradas: Totais
    versoes: tuple[VersaoVigente, ...]
    vencem: tuple[OcorrenciaResumo, ...]
    concluidas: tuple[OcorrenciaResumo, ...]
    atrasadas: tuple[OcorrenciaResumo, ...]

    @property
    def competencia(self) -> str:
        return f"{self.mes:%m/%Y}"


def _ordem_categoria(categorias: Sequence[str]):
    posicao = {c: i for i, c in enumerate(categorias)}
    return lambda nome: (posicao.get(nome, len(posicao)), nome)


def _totais(linhas: Sequence[LinhaCatalogo]) -> Totais:
    return Totais(
        contratacoes=len({lin.contratacao for lin in linhas}),
        orgaos=len({lin.orgao for lin in linhas}),
        mensal=sum((lin.mensal for lin in linhas), ZERO),
    )


def _agrupar(linhas: Iterable[LinhaCatalogo], chave) -> dict:
    grupos: dict = defaultdict(list)
    for lin in linhas:
        grupos[chave(lin)].append(lin)
    return grupos


def _agregados(grupos: dict, ordem) -> tuple[Agregado, ...]:
    return tuple(
        Agregado(nome=nome, **vars(_totais(grupo))) for nome, grupo in sorted(grupos.items(), key=ordem)
    )


def _por_servico(linhas: Sequence[LinhaCatalogo], ordem) -> tuple[ServicoAgregado, ...]:
    abertos, reservados = [], []
    for (categoria, codigo, servico), grupo in sorted(
        _agrupar(linhas, lambda lin: (lin.categoria, lin.codigo, lin.servico)).items(),
        key=lambda par: (ordem(par[0][0]), par[0][1]),
    ):
        t = _totais(grupo)
        if t.orgaos < MINIMO_ORGAOS:
            reservados.extend(grupo)
            continue
        abertos.append(
            ServicoAgregado(
                codigo=codigo,
                servico=servico,
                categoria=categoria,
                orgaos=t.orgaos,
                contratacoes=t.contratacoes,
                quantidade=sum((lin.quantidade for lin in grupo), Decimal(0)),
                mensal=t.mensal,
            )
        )
    if reservados:
        t = _totais(reservados)
        abertos.append(
            ServicoAgregado(
                codigo="",
                servico=SERVICOS_RESERVADOS,
                categoria="",
                orgaos=t.orgaos,
                contratacoes=t.contratacoes,
                quantidade=None,
                mensal=t.mensal,
            )
        )
    return tuple(abertos)


def ate_o_fim(linhas: Iterable[LinhaCatalogo], fim: date) -> list[LinhaCatalogo]:
    """As contratações existentes no fim do mês (criadas até `fim`), com a estimativa atual."""
    return [lin for lin in linhas if lin.criada <= fim]


def situacao_das_ocorrencias(ocorrencias: Iterable[OcorrenciaResumo], *, inicio: date, fim: date, hoje: date):
    """Vencem no período; concluídas no período; em atraso no fim dele (ou hoje, se ainda está em curso)."""
    referencia = min(fim, hoje)
    vencem, concluidas, atrasadas = [], [], []
    for o in ocorrencias:
        if inicio <= o.vencimento <= fim:
            vencem.append(o)
        if o.data_conclusao and inicio <= o.data_conclusao <= fim:
            concluidas.append(o)
        aberta = o.data_conclusao is None or o.data_conclusao > referencia
        if o.vencimento < referencia and aberta:
            atrasadas.append(o)
    return tuple(vencem), tuple(concluidas), tuple(atrasadas)


def relatorio_mensal(
    linhas: Iterable[LinhaCatalogo],
    *,
    mes: date,
    hoje: date,
    categorias: Sequence[str] = (),
    versoes: Sequence[VersaoVigente] = (),
    ocorrencias: Iterable[OcorrenciaResumo] = (),
) -> RelatorioMensal:
    """O monitoramento do mês de `mes`: as contratações com itens de catálogo existentes no fim dele."""
    mes = mes.replace(day=1)
    fim = ultimo_dia(mes)
    ordem = _ordem_categoria([*categorias, SERVICOS_PROFISSIONAIS])
    vigentes = ate_o_fim(linhas, fim)
    celulas = tuple(
        Celula(orgao=o, categoria=c, contratacoes=_totais(g).contratacoes, mensal=_totais(g).mensal)
        for (o, c), g in sorted(
            _agrupar(vigentes, lambda lin: (lin.orgao, lin.categoria)).items(),
            key=lambda par: (par[0][0], ordem(par[0][1])),
        )
    )
    novas = [lin for lin in vigentes if lin.criada >= mes]
    alteradas = [lin for lin in vigentes if lin.criada < mes and mes <= lin.atualizada <= fim]
    vencem, concluidas, atrasadas = situacao_das_ocorrencias(ocorrencias, inicio=mes, fim=fim, hoje=hoje)
    return RelatorioMensal(
        mes=mes,
        fim=fim,
        totais=_totais(vigentes),
        por_orgao_categoria=celulas,
        por_orgao=_agregados(_agrupar(vigentes, lambda lin: lin.orgao), lambda par: par[0]),
        por_categoria=_agregados(_agrupar(vigentes, lambda lin: lin.categoria), lambda par: ordem(par[0])),
        por_servico=_por_servico(vigentes, ordem),
        novas=_totais(novas),
        alteradas=_totais(alteradas),
        versoes=tuple(versoes),
        vencem=vencem,
        concluidas=concluidas,
        atrasadas=atrasadas,
    )


# Balanço semestral ----------------------------------------------------------------------------------------

PERCENTUAL = Decimal("0.01")


@dataclass(frozen=True)
class PontoSerie:
    mes: date
    totais: Totais


@dataclass(frozen=True)
class Balanco:
    primeiro_mes: date
    ultimo: RelatorioMensal  # o retrato no fim do semestre
    serie: tuple[PontoSerie, ...]
    anterior: Totais  # no fim do semestre anterior
    novas: Totais  # criadas durante o semestre

    @property
    def variacao_mensal(self) -> Decimal | None:
        """(fim do semestre − fim do anterior) ÷ anterior × 100, 2 casas; None se o anterior for zero."""
        if not self.anterior.mensal:
            return None
        diferenca = self.ultimo.totais.mensal - self.anterior.mensal
        return (diferenca / self.anterior.mensal * 100).quantize(PERCENTUAL, rounding=ROUND_HALF_UP)

    @property
    def diferenca_contratacoes(self) -> int:
        return self.ultimo.totais.contratacoes - self.anterior.contratacoes


def balanco_semestral(
    linhas: Iterable[LinhaCatalogo],
    *,
    ultimo_mes: date,
    hoje: date,
    ocorrencias: Iterable[OcorrenciaResumo] = (),
    **kwargs,
) -> Balanco:
    """Os 6 meses que terminam em `ultimo_mes`, mês a mês, comparados ao fim do semestre anterior; as
    ocorrências do ACT são as do semestre inteiro."""
    linhas, ocorrencias = list(linhas), list(ocorrencias)
    ultimo_mes = ultimo_mes.replace(day=1)
    primeiro = somar_meses(ultimo_mes, -(MESES_DO_SEMESTRE - 1))
    serie = tuple(
        PontoSerie(mes=m, totais=_totais(ate_o_fim(linhas, ultimo_dia(m))))
        for m in (somar_meses(primeiro, i) for i in range(MESES_DO_SEMESTRE))
    )
    fim_anterior = primeiro - timedelta(days=1)
    novas = [lin for lin in ate_o_fim(linhas, ultimo_dia(ultimo_mes)) if lin.criada >= primeiro]
    ultimo = relatorio_mensal(linhas, mes=ultimo_mes, hoje=hoje, ocorrencias=ocorrencias, **kwargs)
    vencem, concluidas, atrasadas = situacao_das_ocorrencias(
        ocorrencias, inicio=primeiro, fim=ultimo.fim, hoje=hoje
    )
    return Balanco(
        primeiro_mes=primeiro,
        ultimo=replace(ultimo, vencem=vencem, concluidas=concluidas, atrasadas=atrasadas),
        serie=serie,
        anterior=_totais(ate_o_fim(linhas, fim_anterior)),
        novas=_totais(novas),
    )
