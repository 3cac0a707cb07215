"""Contagem de prazos do ACT 142/2024 (DESIGN.md §4.6). Sem Django, sem banco, sem relógio.

Regras (Lei 14.133/2021 art. 183; Lei 9.784/1999 art. 66): exclui-se o dia do início e inclui-se o do
vencimento; dias são corridos; meses contam-se de data a data e, se no mês do vencimento não houver o dia
equivalente, o prazo termina no último dia do mês; vencimento em dia sem expediente (sábado, domingo, feriado
nacional ou dia extra cadastrado) prorroga-se para o primeiro dia útil seguinte.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays


class TipoPrazo(StrEnum):
    DATA_FIXA = "data_fixa"
    DIAS = "dias"
    MESES = "meses"
    RECORRENTE = "recorrente"


class Situacao(StrEnum):
    PENDENTE = "pendente"
    ATRASADA = "atrasada"
    CONCLUIDA = "concluida"
    CONCLUIDA_COM_ATRASO = "concluida_com_atraso"


ROTULOS_SITUACAO = {
    Situacao.PENDENTE: "A vencer",
    Situacao.ATRASADA: "Atrasada",
    Situacao.CONCLUIDA: "Concluída",
    Situacao.CONCLUIDA_COM_ATRASO: "Concluída com atraso",
}


@dataclass(frozen=True)
class Prazo:
    """Prazo de uma ação: data fixa, N dias, N meses, ou recorrente a cada N meses durante a vigência."""

    tipo: TipoPrazo
    quantidade: int | None = None
    data: date | None = None

    def __post_init__(self):
        if self.tipo == TipoPrazo.DATA_FIXA:
            if self.data is None:
                raise ValueError("Prazo de data fixa exige a data.")
        elif self.quantidade is None or self.quantidade < 1:
            raise ValueError("Prazo em dias ou meses exige uma quantidade de ao menos 1.")


def somar_meses(inicio: date, meses: int) -> date:
    """De data a data; sem o dia equivalente no mês de chegada, vale o último dia desse mês."""
    indice = inicio.month - 1 + meses
    ano, mes = inicio.year + indice // 12, indice % 12 + 1
    return date(ano, mes, min(inicio.day, calendar.monthrange(ano, mes)[1]))


def termino_da_vigencia(assinatura: date, meses: int) -> date:
    return somar_meses(assinatura, meses)


def feriados_nacionais(anos: Iterable[int]) -> frozenset[date]:
    return frozenset().union(*(_feriados_do_ano(a) for a in anos))


@lru_cache(maxsize=64)
def _feriados_do_ano(ano: int) -> frozenset[date]:
    # o cálculo da biblioteca é caro e o resultado de um ano não muda: guardado por ano
    return frozenset(holidays.country_holidays("BR", years=ano, categories=("public",)).keys())


@dataclass(frozen=True)
class Calendario:
    """Dias sem expediente além de sábados e domingos (feriados nacionais e dias extras)."""

    sem_expediente: frozenset[date]

    def tem_expediente(self, dia: date) -> bool:
        return dia.weekday() < 5 and dia not in self.sem_expediente

    def prorrogar(self, dia: date) -> date:
        while not self.tem_expediente(dia):
            dia += timedelta(days=1)
        return dia


def calendario(primeiro_ano: int, ultimo_ano: int, dias_extras: Iterable[date] = ()) -> Calendario:
    # um ano a mais: um vencimento no fim de dezembro pode ser prorrogado para janeiro
    anos = range(primeiro_ano, ultimo_ano + 2)
    return Calendario(feriados_nacionais(anos) | frozenset(dias_extras))


def vencimentos_nominais(prazo: Prazo, assinatura: date, vigencia_meses: int) -> list[date]:
    """Antes da prorrogação; a ocorrência k de uma recorrente é assinatura + k×N meses , sem encadear."""
    if prazo.tipo == TipoPrazo.DATA_FIXA:
        return [prazo.data]
    if prazo.tipo == TipoPrazo.DIAS:
        return [assinatura + timedelta(days=prazo.quantidade)]
    if prazo.tipo == TipoPrazo.MESES:
        return [somar_meses(assinatura, prazo.quantidade)]
    termino = termino_da_vigencia(assinatura, vigencia_meses)
    datas = []
    k = 1
    while (nominal := somar_meses(assinatura, k * prazo.quantidade)) <= termino:
        datas.append(nominal)
        k += 1
    return datas


def vencimentos(
    prazo: Prazo, *, assinatura: date, vigencia_meses: int, dias_extras: Iterable[date] = ()
) -> list[date]:
    """Vencimentos de cada ocorrência (ordinal = posição + 1), já prorrogados para dia com expediente."""
    nominais = vencimentos_nominais(prazo, assinatura, vigencia_meses)
    if not nominais:
        return []
    cal = calendario(min(nominais).year, max(nominais).year, dias_extras)
    return [cal.prorrogar(d) for d in nominais]


def situacao(vencimento: date, data_conclusao: date | None, hoje: date) -> Situacao:
    """Atrasada e concluída com atraso são derivadas (nunca gravadas): dependem de `hoje` e das datas."""
    if data_conclusao is not None:
        return Situacao.CONCLUIDA_COM_ATRASO if data_conclusao > vencimento else Situacao.CONCLUIDA
    return Situacao.ATRASADA if vencimento < hoje else Situacao.PENDENTE


def dias_restantes(termino: date, hoje: date) -> int:
    return max((termino - hoje).days, 0)


# Regras da conclusão e da reabertura de uma ocorrência: escritas só aqui; o modelo, o serviço e os
# formulários chamam estas funções e mostram estas mensagens.
SEM_EVIDENCIA = "Informe a evidência: ao menos o número SEI ou um link."
SEM_MOTIVO_DE_REABERTURA = "Informe o motivo da reabertura."


def erro_na_data_de_conclusao(data: date, *, assinatura: date, hoje: date | None = None) -> str | None:
    """A conclusão fica entre a assinatura do ACT e `hoje`; sem `hoje` (o modelo não tem relógio), só o
    limite da assinatura é conferido."""
    if hoje is not None and data > hoje:
        return "A data de conclusão não pode estar no futuro."
    if data < assinatura:
        return f"A data de conclusão não pode ser anterior à assinatura do ACT ({assinatura:%d/%m/%Y})."
    return None


def tem_evidencia(numero_sei: str, link: str) -> bool:
    return bool(numero_sei.strip() or link.strip())
