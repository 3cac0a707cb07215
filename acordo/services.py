"""Escritas de acordo: cada caso de uso em uma transação, validado antes de gravar."""

import hashlib
import logging
import secrets
import smtplib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from acordo import lembretes, prazos, selectors
from acordo.models import (
    Acordo,
    LembreteEnviado,
    Ocorrencia,
    RelatorioAnexado,
    Representante,
    TokenCalendario,
)
from core import exportacoes
from core.atributos import atributos
from core.carimbo import Carimbo

logger = logging.getLogger(__name__)


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
    # o carimbo que o arquivo traz e o tipo no registro das exportações (core.exportacoes)
    carimbo: Carimbo | None = None
    tipo_do_arquivo: str = ""

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
    # o modelo confere a assinatura e a evidência; o futuro depende de `hoje`, que só o serviço conhece
    erro = prazos.erro_na_data_de_conclusao(
        data_conclusao, assinatura=ocorrencia.acao.acordo.data_assinatura, hoje=hoje
    )
    if erro:
        raise ValidationError({"data_conclusao": erro})
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
                **atributos(
                    relatorio, "tipo", "competencia", "nome_arquivo", "conteudo", "sha256", "gerado_em"
                ),
                tamanho=len(relatorio.conteudo),
                gerado_por=usuario,
            )
        )
        if relatorio.carimbo is not None:
            exportacoes.registrar(
                origem=ocorrencia.acao.acordo,
                tipo=relatorio.tipo_do_arquivo,
                conteudo=relatorio.conteudo,
                carimbo=relatorio.carimbo,
                usuario=usuario,
            )
    return ocorrencia


@transaction.atomic
def ocorrencia_reabrir(*, ocorrencia: Ocorrencia, motivo: str, usuario) -> Ocorrencia:
    ocorrencia = Ocorrencia.objects.select_for_update().get(pk=ocorrencia.pk)
    motivo = motivo.strip()
    if not ocorrencia.concluida:
        raise ValidationError("Só uma ocorrência concluída pode ser reaberta.")
    if not motivo:
        raise ValidationError({"motivo": prazos.SEM_MOTIVO_DE_REABERTURA})
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


@dataclass(frozen=True)
class ResultadoLembretes:
    mensagens: int = 0
    avisos: int = 0
    falhas: int = 0


def lembretes_enviar(*, hoje: date, url_base: str, simular: bool = False) -> ResultadoLembretes:
    """Um e-mail por destinatário com o que vence em até 7 dias e o que está atrasado, cada ocorrência uma vez
    por tipo de lembrete e destinatário (idempotente: rodar de novo no mesmo dia não manda nada).

    O registro de cada e-mail é gravado logo depois de ele sair: se o servidor SMTP falhar no meio, os que
    não saíram ficam para a próxima execução e os que saíram não se repetem."""
    acordo = selectors.acordo_atual()
    if acordo is None:
        return ResultadoLembretes()
    ocorrencias = list(
        selectors.ocorrencias_para_lembrete(acordo, ate=hoje + timedelta(days=lembretes.ANTECEDENCIA_DIAS))
    )
    enviados = set(
        LembreteEnviado.objects.filter(ocorrencia__in=ocorrencias).values_list(
            "ocorrencia_id", "tipo", "destinatario"
        )
    )
    por_destinatario: dict[str, list[tuple[Ocorrencia, lembretes.Aviso]]] = {}
    for o in ocorrencias:
        tipo = lembretes.tipo_de_lembrete(o.vencimento, concluida=o.concluida, hoje=hoje)
        if tipo is None:
            continue
        responsaveis = list(o.acao.responsaveis.all())
        aviso = lembretes.Aviso(
            tipo=tipo,
            acao=o.acao.ordem,
            ordinal=o.ordinal,
            descricao=o.acao.descricao,
            vencimento=o.vencimento,
            responsaveis=", ".join(p.sigla for p in responsaveis),
            url=url_base.rstrip("/") + o.get_absolute_url(),
        )
        emails = {r.email.lower() for p in responsaveis for r in p.com_email}
        for email in sorted(emails):
            if (o.pk, tipo, email) not in enviados:
                por_destinatario.setdefault(email, []).append((o, aviso))
    if simular:
        return ResultadoLembretes(
            mensagens=len(por_destinatario), avisos=sum(len(v) for v in por_destinatario.values())
        )
    if not por_destinatario:
        return ResultadoLembretes()
    conexao = mail.get_connection()
    try:
        conexao.open()
    except (OSError, smtplib.SMTPException):
        logger.exception("Servidor de e-mail indisponível; nenhum lembrete enviado.")
        return ResultadoLembretes(falhas=len(por_destinatario))
    mensagens = avisos = falhas = 0
    try:
        for email, itens in por_destinatario.items():
            assunto, corpo = lembretes.mensagem(
                [aviso for _, aviso in itens], numero_acordo=acordo.numero, hoje=hoje
            )
            try:
                mail.EmailMessage(assunto, corpo, to=[email], connection=conexao).send()
            except (OSError, smtplib.SMTPException):
                logger.exception("Lembrete para %s não enviado; fica para a próxima execução.", email)
                falhas += 1
                continue
            agora = timezone.now()
            LembreteEnviado.objects.bulk_create(
                [
                    LembreteEnviado(ocorrencia=o, tipo=a.tipo, destinatario=email, enviado_em=agora)
                    for o, a in itens
                ],
                ignore_conflicts=True,
            )
            mensagens += 1
            avisos += len(itens)
    finally:
        conexao.close()
    return ResultadoLembretes(mensagens=mensagens, avisos=avisos, falhas=falhas)


@transaction.atomic
def representante_designar(*, representante: Representante, usuario, hoje: date) -> Representante:
    """Registra a designação; o titular (ou o suplente) vigente do partícipe passa a substituído."""
    anterior = (
        Representante.objects.select_for_update()
        .filter(participe=representante.participe, papel=representante.papel, ativo=True)
        .first()
    )
    if representante.data_designacao > hoje:
        raise ValidationError({"data_designacao": "A data de designação não pode estar no futuro."})
    if anterior is not None and representante.data_designacao < anterior.data_designacao:
        raise ValidationError(
            {
                "data_designacao": "A nova designação não pode ser anterior à vigente "
                f"({anterior.nome}, designado em {anterior.data_designacao:%d/%m/%Y})."
            }
        )
    if anterior is not None:
        anterior.ativo = False
        _gravar(anterior, usuario=usuario, motivo=f"Substituído por {representante.nome}."[:100])
    representante.ativo = True
    _gravar(representante, usuario=usuario, motivo="Designado.")
    return representante
