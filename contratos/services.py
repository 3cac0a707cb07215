"""Escritas de contratos: cada caso de uso numa função `<entidade>_<acao>(*, ...)` em transação."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from catalogo.planilhas import ErroPlanilha, ler_tabela
from contratos.models import MapaSalarial, ValorPerfil
from contratos.resources import ValorPerfilResource, erros_de_importacao


@dataclass
class ResultadoImportacao:
    """Resumo de uma importação (prévia ou confirmada)."""

    novos: int = 0
    alterados: int = 0
    inalterados: int = 0
    erros: list[str] = field(default_factory=list)
    gravado: bool = False

    @property
    def ok(self) -> bool:
        return not self.erros


def mapa_importar(
    *,
    mapa: MapaSalarial,
    nome_arquivo: str,
    conteudo: bytes,
    content_type: str = "",
    confirmar: bool,
    usuario=None,
) -> ResultadoImportacao:
    """Importa linhas para `mapa`: prévia (confirmar=False) ou gravação; tudo ou nada.

    Usa o mesmo recurso e as mesmas guardas de arquivo do admin.
    """
    try:
        tabela = ler_tabela(nome_arquivo, conteudo, content_type)
    except ErroPlanilha as erro:
        return ResultadoImportacao(erros=erro.mensagens())
    recurso = ValorPerfilResource(mapa=mapa)
    resultado = recurso.import_data(
        tabela,
        dry_run=not confirmar,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        file_name=nome_arquivo,
        user=usuario,
    )
    erros = erros_de_importacao(resultado)
    return ResultadoImportacao(
        novos=resultado.totals["new"],
        alterados=resultado.totals["update"],
        inalterados=resultado.totals["skip"],
        erros=erros,
        gravado=confirmar and not erros and bool(resultado.totals["new"] or resultado.totals["update"]),
    )


@transaction.atomic
def mapa_publicar(*, mapa: MapaSalarial) -> MapaSalarial:
    """Rascunho → vigente: a versão fica travada (só muda por nova versão)."""
    mapa = MapaSalarial.objects.select_for_update().get(pk=mapa.pk)
    if mapa.situacao != MapaSalarial.Situacao.RASCUNHO:
        raise ValidationError("Só um rascunho pode ser publicado.")
    if not mapa.valores.exists():
        raise ValidationError("A versão não tem perfis: importe as linhas antes de publicar.")
    mapa.situacao = MapaSalarial.Situacao.VIGENTE
    mapa.full_clean()
    mapa.save()
    return mapa


@transaction.atomic
def mapa_revogar(*, mapa: MapaSalarial) -> MapaSalarial:
    """Vigente → revogado (a versão continua consultável e travada)."""
    mapa = MapaSalarial.objects.select_for_update().get(pk=mapa.pk)
    if mapa.situacao != MapaSalarial.Situacao.VIGENTE:
        raise ValidationError("Só uma versão vigente pode ser revogada.")
    mapa.situacao = MapaSalarial.Situacao.REVOGADO
    mapa.full_clean()
    mapa.save()
    return mapa


@transaction.atomic
def mapa_nova_versao(*, origem: MapaSalarial, usuario=None) -> MapaSalarial:
    """Copia a versão e todas as suas linhas num novo rascunho (o caminho para mudar uma versão travada)."""
    novo = MapaSalarial(
        nome_ato=f"Nova versão a partir de {origem.nome_ato}"[:200],
        numero="",
        anexo=origem.anexo,
        situacao=MapaSalarial.Situacao.RASCUNHO,
        observacoes=f"Copiada de {origem} para edição.",
        origem=origem,
    )
    if usuario is not None:
        novo._history_user = usuario
    novo.full_clean()
    novo.save()
    copias = [
        ValorPerfil(
            mapa=novo,
            codigo=v.codigo,
            perfil=v.perfil,
            senioridade=v.senioridade,
            remuneracao=v.remuneracao,
            fator_k=v.fator_k,
        )
        for v in origem.valores.order_by("pk")
    ]
    bulk_create_with_history(
        copias, ValorPerfil, default_user=usuario, default_change_reason="Cópia de versão"
    )
    return novo
