"""Carimbar, registrar e conferir os arquivos gerados (DESIGN.md §5): o único caminho de toda exportação.

A view de exportação autoriza e lê os dados da sua área; daqui em diante é igual para todas: `exportar`
monta o carimbo, pede os bytes ao escritor puro (que recebe o carimbo), registra quem gerou, quando e o
SHA-256, e responde o anexo. `conferir` é o "Verificar arquivo": um arquivo cujo objeto de origem o usuário
não pode ver (outro órgão, outra área) é "desconhecido", como um que nunca existiu.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version

from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils import timezone

from core import registro
from core.carimbo import Carimbo, novo_codigo, sha256
from core.formatos import FORMATO_POR_EXTENSAO, arquivo_da_tabela
from core.models import Exportacao

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def versao_app() -> str:
    try:
        return version("planejatic")
    except PackageNotFoundError:  # rodando do código sem instalar
        return "desenvolvimento"


def carimbo_novo(*, origem: str, agora: datetime, mapa: str = "") -> Carimbo:
    return Carimbo(versao_app=versao_app(), origem=origem, gerado_em=agora, codigo=novo_codigo(), mapa=mapa)


@transaction.atomic
def registrar(
    *,
    origem,
    tipo: str,
    conteudo: bytes,
    carimbo: Carimbo,
    usuario,
    valor_mensal: Decimal | None = None,
    impressao: str = "",
) -> Exportacao:
    return Exportacao.objects.create(
        origem=origem,
        tipo=tipo,
        codigo=carimbo.codigo,
        sha256=sha256(conteudo),
        gerado_em=carimbo.gerado_em,
        gerado_por=usuario,
        versao_app=carimbo.versao_app,
        descricao=carimbo.origem[:400],
        mapa=carimbo.mapa[:400],
        valor_mensal=valor_mensal,
        impressao=impressao,
    )


def exportar(
    request,
    *,
    tipo: str,
    origem,
    descricao: str,
    nome: str,
    gerar: Callable[[Carimbo], bytes],
    mime: str = XLSX,
    mapa: str = "",
    agora: datetime | None = None,
    valor_mensal: Decimal | None = None,
    impressao: str = "",
) -> HttpResponse:
    """Gera com carimbo (`gerar(carimbo) -> bytes`), registra e responde o anexo `nome`.

    `descricao` é o "de quê" do carimbo (o processo, o mês do ACT, a versão do mapa); `impressao`, os
    números de agora para "mudou desde então?" (vazio: não se aplica)."""
    carimbo = carimbo_novo(origem=descricao, agora=agora or timezone.localtime(), mapa=mapa)
    conteudo = gerar(carimbo)
    registrar(
        origem=origem,
        tipo=tipo,
        conteudo=conteudo,
        carimbo=carimbo,
        usuario=request.user,
        valor_mensal=valor_mensal,
        impressao=impressao,
    )
    return _anexo(conteudo, mime=mime, nome=nome)


def _anexo(conteudo: bytes, *, mime: str, nome: str) -> HttpResponse:
    resposta = HttpResponse(conteudo, content_type=mime)
    resposta["Content-Disposition"] = f'attachment; filename="{nome}"'
    return resposta


def _mime_da_tabela(formato: str) -> str:
    """O tipo do formato (404 se não for um dos conhecidos); o CSV sai em UTF-8 e o diz."""
    if formato not in FORMATO_POR_EXTENSAO:
        raise Http404("Formato desconhecido.")
    mime = FORMATO_POR_EXTENSAO[formato]().get_content_type()
    return f"{mime}; charset=utf-8" if formato == "csv" else mime


def exportar_tabela(
    request, tabela, formato: str, *, tipo: str, origem, descricao: str, nome: str, bom=False
) -> HttpResponse:
    """Uma tabela de referência (catálogo, mapa) baixada nas colunas da importação, como `exportar`: os
    mesmos formatos do admin (texto nunca vira fórmula); o CSV leva só o registro, sem carimbo, e o BOM
    (`bom`) faz o Excel abrir os acentos."""
    return exportar(
        request,
        tipo=tipo,
        origem=origem,
        descricao=descricao,
        nome=f"{nome}.{formato}",
        mime=_mime_da_tabela(formato),
        gerar=lambda carimbo: arquivo_da_tabela(tabela, formato, carimbo=carimbo, bom=bom),
    )


def baixar_modelo(tabela, formato: str, *, nome: str, bom=False) -> HttpResponse:
    """O modelo em branco de uma importação: só o cabeçalho, os formatos e as larguras; sem carimbo nem
    registro (não há números nele a conferir)."""
    mime = _mime_da_tabela(formato)  # antes de gerar: formato desconhecido é 404
    return _anexo(
        arquivo_da_tabela(tabela, formato, carimbo=None, bom=bom), mime=mime, nome=f"{nome}.{formato}"
    )


@dataclass(frozen=True)
class Conferencia:
    exportacao: Exportacao | None
    # os números da origem mudaram desde a geração? None: não se aplica (relatório congelado, referência)
    estimativa_mudou: bool | None = None


def conferir(*, usuario, digest: str) -> Conferencia:
    """A exportação mais recente com este SHA-256 cuja origem o usuário pode ver; senão, "desconhecido"."""
    for exportacao in Exportacao.objects.filter(sha256=digest).select_related("tipo_origem", "gerado_por"):
        regra = registro.origem(f"{exportacao.tipo_origem.app_label}.{exportacao.tipo_origem.model}")
        objeto = exportacao.origem  # None se a origem foi excluída: não há o que conferir
        if regra is None or objeto is None or not regra.pode_ver(usuario, objeto):
            continue
        mudou = None
        if regra.impressao is not None and exportacao.impressao:
            mudou = regra.impressao(objeto) != exportacao.impressao
        return Conferencia(exportacao, estimativa_mudou=mudou)
    return Conferencia(None)
