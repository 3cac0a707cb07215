"""Que lembrete cabe a uma ocorrência e o texto do e-mail. Sem Django, sem banco, sem relógio."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

ANTECEDENCIA_DIAS = 7
PROXIMO = "proximo"
ATRASADA = "atrasada"


def tipo_de_lembrete(vencimento: date, *, concluida: bool, hoje: date) -> str | None:
    """Pendente que vence de hoje a 7 dias: "proximo"; pendente com o vencimento já passado: "atrasada"."""
    if concluida:
        return None
    if vencimento < hoje:
        return ATRASADA
    if vencimento <= hoje + timedelta(days=ANTECEDENCIA_DIAS):
        return PROXIMO
    return None


@dataclass(frozen=True)
class Aviso:
    tipo: str
    acao: int
    ordinal: int
    descricao: str
    vencimento: date
    responsaveis: str
    url: str


def mensagem(avisos: Sequence[Aviso], *, numero_acordo: str, hoje: date) -> tuple[str, str]:
    """Assunto e corpo (texto simples) do e-mail de um destinatário, com os dois grupos de avisos."""
    proximos = sorted((a for a in avisos if a.tipo == PROXIMO), key=lambda a: (a.vencimento, a.acao))
    atrasados = sorted((a for a in avisos if a.tipo == ATRASADA), key=lambda a: (a.vencimento, a.acao))
    partes = []
    if proximos:
        partes.append(f"{len(proximos)} vence(m) em até {ANTECEDENCIA_DIAS} dias")
    if atrasados:
        partes.append(f"{len(atrasados)} atrasada(s)")
    assunto = f"[PlanejaTIC] ACT {numero_acordo}: " + " e ".join(partes)
    linhas = [
        f"Lembrete do cronograma do ACT MGI nº {numero_acordo} em {hoje:%d/%m/%Y}.",
        "Você recebe este e-mail como representante de um partícipe responsável pelas ações abaixo.",
    ]
    for titulo, grupo in (
        (f"Vencem em até {ANTECEDENCIA_DIAS} dias", proximos),
        ("Atrasadas (vencimento já passou e não há conclusão registrada)", atrasados),
    ):
        if not grupo:
            continue
        linhas += ["", f"{titulo}:"]
        for a in grupo:
            linhas.append(
                f"- {a.vencimento:%d/%m/%Y}: ação {a.acao}, {a.ordinal}ª ocorrência: {a.descricao} "
                f"(responsáveis: {a.responsaveis})\n  {a.url}"
            )
    linhas += ["", "Cada ocorrência é lembrada uma vez por situação. Registre a conclusão no PlanejaTIC."]
    return assunto, "\n".join(linhas) + "\n"
