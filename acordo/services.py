"""Escritas de acordo: cada caso de uso em uma transação, validado antes de gravar."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from acordo import selectors
from acordo.models import Acordo, Ocorrencia, RelatorioAnexado, TokenCalendario


@dataclass(frozen=True)
class ResultadoSincronizacao:
    criadas: int = 0
    alteradas: int = 0
    removidas: int = 0
    mantidas: int = 0

    @property
    def mudou(self) -> bool:
        return bool(self.criadas or self.alteradas or self.removidas)


def _gravar(objeto, *, usuario=None, motivo: str = ""):
    objeto.full_clean()
    if usuario is not None:
        objeto._history_user = usuario
    if motivo:
        objeto._change_reason = motivo
    objeto.save()


@transaction.atomic
def ocorrencias_sincronizar(*, acordo: Acordo, usuario=None, motivo: str = "") -> ResultadoSincronizacao:
    """Materializa as ocorrências de todas as ações; recalcula só as pendentes, nunca toca nas concluídas."""
    alteracoes = selectors.alteracoes_previstas(
        acordo, data_assinatura=acordo.data_assinatura, vigencia_meses=acordo.vigencia_meses
    )
    contagem = {"criada": 0, "alterada": 0, "removida": 0, "mantida": 0}
    motivo = motivo or "Vencimento recalculado pela regra de contagem de prazos."
    novas = []
    for alt in alteracoes:
        contagem[alt.tipo] += 1
        if alt.tipo == "criada":
            novas.append(Ocorrencia(acao=alt.acao, ordinal=alt.ordinal, vencimento=alt.nova))
        elif alt.tipo == "alterada":
            alt.ocorrencia.vencimento = alt.nova
            _gravar(alt.ocorrencia, usuario=usuario, motivo=motivo)
        elif alt.tipo == "removida":
            alt.ocorrencia._change_reason = "Removida: fora da vigência recalculada."
            if usuario is not None:
                alt.ocorrencia._history_user = usuario
            alt.ocorrencia.delete()
    # datas calculadas pela regra, não digitadas: as restrições do banco bastam; em lote, com histórico
    bulk_create_with_history(
        novas, Ocorrencia, default_user=usuario, default_change_reason="Ocorrência materializada."
    )
    return ResultadoSincronizacao(
        criadas=contagem["criada"],
        alteradas=contagem["alterada"],
        removidas=contagem["removida"],
        mantidas=contagem["mantida"],
    )


@transaction.atomic
def acordo_alterar_vigencia(
    *, acordo: Acordo, data_assinatura: date, vigencia_meses: int, usuario
) -> ResultadoSincronizacao:
    """Muda assinatura e/ou vigência e recalcula as ocorrências pendentes; as concluídas ficam como estão."""
    acordo.data_assinatura = data_assinatura
    acordo.vigencia_meses = vigencia_meses
    _gravar(acordo, usuario=usuario, motivo="Assinatura ou vigência alterada.")
    return ocorrencias_sincronizar(
        acordo=acordo,
        usuario=usuario,
        motivo=f"Recalculado: assinatura {data_assinatura:%d/%m/%Y}, vigência de {vigencia_meses} meses.",
    )


@dataclass(frozen=True)
class RelatorioGerado:
    """O arquivo do relatório de monitoramento ou de balanço, gerado pelo sistema para anexar."""

    tipo: str
    competencia: date
    nome_arquivo: str
    conteudo: bytes
    gerado_em: datetime

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.conteudo).hexdigest()


@transaction.atomic
def ocorrencia_concluir(
    *,
    ocorrencia: Ocorrencia,
    data_conclusao: date,
    numero_sei: str,
    link: str,
    observacao: str,
    usuario,
    hoje: date,
    relatorio: RelatorioGerado | None = None,
) -> Ocorrencia:
    ocorrencia = Ocorrencia.objects.select_for_update().select_related("acao__acordo").get(pk=ocorrencia.pk)
    if ocorrencia.concluida:
        raise ValidationError(
            "Esta ocorrência já está concluída; reabra-a antes de registrar outra conclusão."
        )
    if data_conclusao > hoje:
        raise ValidationError({"data_conclusao": "A data de conclusão não pode estar no futuro."})
    if data_conclusao < ocorrencia.acao.acordo.data_assinatura:
        raise ValidationError(
            {"data_conclusao": "A data de conclusão não pode ser anterior à assinatura do ACT."}
        )
    ocorrencia.estado = Ocorrencia.Estado.CONCLUIDA
    ocorrencia.data_conclusao = data_conclusao
    ocorrencia.numero_sei = numero_sei.strip()
    ocorrencia.link = link.strip()
    ocorrencia.observacao = observacao.strip()
    ocorrencia.concluida_por = usuario
    ocorrencia.concluida_em = timezone.now()
    ocorrencia.motivo_reabertura = ""
    motivo = "Concluída."
    if relatorio is not None:
        # o hash vai também no histórico da ocorrência (o motivo cabe em 100 caracteres, o limite do campo)
        motivo = f"Concluída com relatório; SHA-256 {relatorio.sha256}."
    _gravar(ocorrencia, usuario=usuario, motivo=motivo)
    if relatorio is not None:
        _gravar(
            RelatorioAnexado(
                ocorrencia=ocorrencia,
                tipo=relatorio.tipo,
                competencia=relatorio.competencia,
                nome_arquivo=relatorio.nome_arquivo,
                conteudo=relatorio.conteudo,
                sha256=relatorio.sha256,
                tamanho=len(relatorio.conteudo),
                gerado_em=relatorio.gerado_em,
                gerado_por=usuario,
            )
        )
    return ocorrencia


@transaction.atomic
def ocorrencia_reabrir(*, ocorrencia: Ocorrencia, motivo: str, usuario) -> Ocorrencia:
    ocorrencia = Ocorrencia.objects.select_for_update().get(pk=ocorrencia.pk)
    motivo = motivo.strip()
    if not ocorrencia.concluida:
        raise ValidationError("Só uma ocorrência concluída pode ser reaberta.")
    if not motivo:
        raise ValidationError({"motivo": "Informe o motivo da reabertura."})
    # a evidência anterior fica no histórico; a ocorrência volta a pendente sem conclusão
    ocorrencia.estado = Ocorrencia.Estado.PENDENTE
    ocorrencia.data_conclusao = None
    ocorrencia.numero_sei = ""
    ocorrencia.link = ""
    ocorrencia.observacao = ""
    ocorrencia.concluida_por = None
    ocorrencia.concluida_em = None
    ocorrencia.motivo_reabertura = motivo
    _gravar(ocorrencia, usuario=usuario, motivo="Reaberta.")
    return ocorrencia


@transaction.atomic
def token_calendario_gerar(*, usuario) -> TokenCalendario:
    """Cria ou troca o segredo da URL do calendário: a URL antiga para de funcionar na hora."""
    token, _ = TokenCalendario.objects.update_or_create(
        usuario=usuario, defaults={"token": secrets.token_urlsafe(32), "criado_em": timezone.now()}
    )
    return token


@transaction.atomic
def token_calendario_revogar(*, usuario) -> bool:
    apagados, _ = TokenCalendario.objects.filter(usuario=usuario).delete()
    return bool(apagados)
