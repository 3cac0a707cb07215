"""Salvaguardas das escritas: a trava otimista (versão lida no formulário), o número único do item e da OS
(conferido antes e garantido pelo banco no INSERT) e o teto de linhas de um envio."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from contratos.models import Contratacao


def _quando(momento) -> str:
    return timezone.localtime(momento).strftime("%d/%m/%Y às %H:%M")


def _reservar_versao(modelo, pk: int, lida: int) -> bool:
    """UPDATE ... SET versao = versao + 1 WHERE versao = lida: só um de dois salvamentos simultâneos passa.

    No PostgreSQL o segundo UPDATE espera o primeiro terminar e, relida a linha, não acha mais a versão.
    """
    return modelo.objects.filter(pk=pk, versao=lida).update(versao=F("versao") + 1) == 1


# Código do erro de edição concorrente: as páginas o reconhecem para oferecer "recarregar".
CONFLITO_DE_VERSAO = "conflito_de_versao"


def travar_versao(instancia, *, contratacao_id: int, alterada: str) -> None:
    """Trava otimista, a mesma para contratação, item (e suas linhas de nuvem) e OS.

    `instancia.versao` é a versão lida no formulário; se outra pessoa salvou depois, nada é gravado e o
    erro diz quando foi a alteração (a dela fica). `alterada`: "Esta OS foi alterada", por exemplo.
    """
    if not _reservar_versao(type(instancia), instancia.pk, instancia.versao):
        atual = Contratacao.objects.only("atualizada_em").get(pk=contratacao_id)
        raise ValidationError(
            f"{alterada} por outra pessoa em {_quando(atual.atualizada_em)}; "
            "recarregue a página para ver a versão atual (suas alterações não foram gravadas).",
            code=CONFLITO_DE_VERSAO,
        )
    instancia.versao += 1


def gravar_com_numero_unico(instancia, repetidos) -> None:
    """Grava; se outra sessão gravou o mesmo número entre a validação e o INSERT, a restrição única do
    banco recusa e a resposta é o erro no campo "número", não um 500. O savepoint mantém a transação de
    fora utilizável no PostgreSQL para a consulta que confirma a causa."""
    try:
        with transaction.atomic():
            instancia.save()
    except IntegrityError:
        if not repetidos.exists():
            raise
        raise ValidationError(
            {"numero": type(instancia).mensagem_numero_repetido(instancia.numero)}, code="unique"
        ) from None


def conferir_numero_unico(instancia, repetidos) -> None:
    if repetidos.exists():
        raise ValidationError(
            {"numero": type(instancia).mensagem_numero_repetido(instancia.numero)}, code="unique"
        )


def tocar_contratacao(contratacao_id: int) -> None:
    """A hora da última alteração da contratação é a que a mensagem de conflito mostra."""
    Contratacao.objects.filter(pk=contratacao_id).update(atualizada_em=timezone.now())


def repetidos(instancia):
    """Outros itens (ou OS) da mesma contratação com o número de `instancia`."""
    outros = type(instancia).objects.filter(contratacao_id=instancia.contratacao_id, numero=instancia.numero)
    return outros.exclude(pk=instancia.pk)


def conferir_quantas(linhas, maximo: int, mensagem: str) -> None:
    if len(linhas) > maximo:
        raise ValidationError(mensagem.format(maximo=maximo), code="max_num")
