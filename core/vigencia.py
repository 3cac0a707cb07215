"""Vigência dos dados de referência versionados (mapa salarial e catálogos), pelas datas.

Guardado no banco: rascunho, publicada (aprovada) ou revogada. O que se mostra (vigente, "a partir de
dd/mm/aaaa", substituída) deriva só das datas de início das versões publicadas e de `hoje`: nenhuma rotina
precisa rodar no dia da troca. Sem Django, sem banco, sem relógio.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Estado(StrEnum):
    VIGENTE = "vigente"
    FUTURA = "futura"
    SUBSTITUIDA = "substituida"


@dataclass(frozen=True)
class EstadoVersao:
    estado: Estado
    inicio: date
    # FUTURA: o dia em que passa a valer; SUBSTITUIDA: o início da versão que a substituiu.
    desde: date | None = None

    @property
    def rotulo(self) -> str:
        if self.estado == Estado.VIGENTE:
            return "Vigente"
        if self.estado == Estado.FUTURA:
            return f"Aprovada, a partir de {self.inicio:%d/%m/%Y}"
        return f"Substituída desde {self.desde:%d/%m/%Y}"

    @property
    def vigente(self) -> bool:
        return self.estado == Estado.VIGENTE


def estados(publicadas: Iterable[tuple[Hashable, date]], *, hoje: date) -> dict[Hashable, EstadoVersao]:
    """Estado de cada versão publicada de UM tipo, dado (chave, início da vigência).

    Vigente é a de início mais recente já alcançado; as anteriores ficam substituídas a partir do início da
    seguinte que já começou; as de início futuro ficam "a partir de". Empate de datas desempata pela chave
    (o banco proíbe duas publicadas com o mesmo início).
    """
    ordenadas = sorted(publicadas, key=lambda par: (par[1], par[0]))
    iniciadas = [par for par in ordenadas if par[1] <= hoje]
    resultado: dict[Hashable, EstadoVersao] = {}
    for i, (chave, inicio) in enumerate(iniciadas):
        if i == len(iniciadas) - 1:
            resultado[chave] = EstadoVersao(Estado.VIGENTE, inicio)
        else:
            resultado[chave] = EstadoVersao(Estado.SUBSTITUIDA, inicio, desde=iniciadas[i + 1][1])
    for chave, inicio in ordenadas:
        if inicio > hoje:
            resultado[chave] = EstadoVersao(Estado.FUTURA, inicio, desde=inicio)
    return resultado


def vigente(publicadas: Iterable[tuple[Hashable, date]], *, hoje: date) -> Hashable | None:
    """Chave da versão vigente em `hoje` (None se nenhuma publicada já começou)."""
    for chave, estado in estados(publicadas, hoje=hoje).items():
        if estado.vigente:
            return chave
    return None


def erro_de_inicio(inicio: date | None, outras_publicadas: Iterable[date]) -> str:
    """Mensagem pt-BR se `inicio` não serve para publicar uma nova versão do tipo; vazio se serve.

    A nova versão tem de começar depois de todas as já publicadas (senão nasceria substituída), e duas
    publicadas nunca começam no mesmo dia (o banco também garante).
    """
    if inicio is None:
        return "Informe o início da vigência (dd/mm/aaaa)."
    outras = sorted(outras_publicadas)
    if inicio in outras:
        return f"Já existe uma versão publicada com vigência a partir de {inicio:%d/%m/%Y}."
    if outras and inicio < outras[-1]:
        return (
            f"A vigência deve começar depois de {outras[-1]:%d/%m/%Y}, início da versão publicada mais "
            "recente."
        )
    return ""
