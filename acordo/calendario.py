"""Exporta vencimentos como iCalendar (.ics): eventos de dia inteiro, UID estável por ocorrência. Sem ORM."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

PRODID = "-//PlanejaTIC//Cronograma do ACT//PT-BR"


@dataclass(frozen=True)
class Evento:
    uid: str
    data: date
    titulo: str
    descricao: str
    url: str = ""
    # dias antes do vencimento em que o programa de calendário avisa (VALARM); vazio: sem aviso
    avisos_dias: tuple[int, ...] = ()


def uid_da_ocorrencia(numero_acordo: str, ordem_acao: int, ordinal: int) -> str:
    # depende só do acordo, da ação e do ordinal: recarregar o banco não muda o UID
    numero = numero_acordo.replace("/", "-")
    return f"act-{numero}-acao-{ordem_acao}-ocorrencia-{ordinal}@planejatic"


def gerar_ics(*, nome: str, eventos: Iterable[Evento], gerado_em: datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", nome)
    for e in eventos:
        ev = Event()
        ev.add("uid", e.uid)
        ev.add("dtstamp", gerado_em)
        ev.add("dtstart", e.data)
        ev.add("dtend", e.data + timedelta(days=1))  # DTEND de dia inteiro é exclusivo
        ev.add("summary", e.titulo)
        ev.add("description", e.descricao)
        if e.url:
            ev.add("url", e.url)
        ev.add("transp", "TRANSPARENT")
        for dias in e.avisos_dias:
            alarme = Alarm()
            alarme.add("action", "DISPLAY")
            alarme.add("description", e.titulo)
            alarme.add("trigger", timedelta(days=-dias))
            ev.add_component(alarme)
        cal.add_component(ev)
    return cal.to_ical()
