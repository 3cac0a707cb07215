"""Um só ciclo de vida para os dados de referência versionados (mapa salarial, versões de catálogo).

Rascunho → publicada → substituída. O banco guarda a situação e o início da vigência; vigente, "a partir de"
e substituída derivam das datas (core.vigencia). Regras comuns (DESIGN.md §4.1): publicar exige um início
posterior ao de todas as publicadas da mesma série; o conteúdo só muda no lugar numa situação editável e fora
de uso; mudar uma versão travada é criar uma nova versão, cópia do cabeçalho e de todas as linhas.

O modelo declara só nomes (campos, situações, relacionamentos) em `VersaoDeReferencia`; os serviços de cada
app (`mapa_publicar`, `versao_transicionar`...) são finos sobre as funções daqui.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from simple_history.utils import bulk_create_with_history

from core import vigencia
from core.atributos import atributos


def campo_origem(related_name: str, **opcoes) -> models.ForeignKey:
    """A versão de que esta foi copiada (`nova_versao` a preenche); apagar a origem não apaga a cópia."""
    return models.ForeignKey(
        "self",
        verbose_name="copiada de",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **opcoes,
    )


class VersaoDeReferencia:
    """Mixin do modelo de uma versão (sem campos: não muda o esquema). O modelo tem `situacao` e declara:"""

    # o campo do início da vigência ("data_vigencia", "vigencia_inicio")
    CAMPO_VIGENCIA: ClassVar[str]
    # versões que disputam a vigência entre si têm estes campos iguais (vazio: uma série só)
    CAMPOS_SERIE: ClassVar[tuple[str, ...]] = ()
    # fluxo: situação → situações a que pode passar
    TRANSICOES: ClassVar[dict[str, tuple[str, ...]]]
    RASCUNHO: ClassVar[str]
    # situações em que o conteúdo muda no lugar
    EDITAVEIS: ClassVar[tuple[str, ...]]
    # situações que contam para a vigência (entrar numa delas é publicar)
    PUBLICADAS: ClassVar[tuple[str, ...]]
    # o que a nova versão leva da origem: campos do cabeçalho e linhas (related_name → relações de cada linha)
    CAMPOS_COPIADOS: ClassVar[tuple[str, ...]] = ()
    LINHAS: ClassVar[dict[str, tuple[str, ...]]] = {}

    @property
    def inicio_vigencia(self) -> date | None:
        return getattr(self, self.CAMPO_VIGENCIA)

    def serie(self) -> dict:
        return {campo: getattr(self, campo) for campo in self.CAMPOS_SERIE}

    def motivo_em_uso(self) -> str:
        """Por que a versão, mesmo editável pela situação, está em uso e não muda; vazio se não está."""
        return ""

    def rotulo_travada(self) -> str:
        return self.get_situacao_display().lower()

    def erro_ao_publicar(self) -> str:
        """O que falta no conteúdo para publicar (por exemplo, nenhuma linha); vazio se nada."""
        return ""

    def motivo_bloqueio(self) -> str:
        """Por que a versão não pode ser editada no lugar; vazio se pode."""
        if self.pk and (motivo := self.motivo_em_uso()):
            return motivo
        if self.situacao not in self.EDITAVEIS:
            return (
                f"Esta versão está {self.rotulo_travada()} e não pode ser alterada; "
                "crie uma nova versão a partir dela."
            )
        return ""

    @property
    def bloqueado(self) -> bool:
        return bool(self.motivo_bloqueio())

    @property
    def editavel(self) -> bool:
        return not self.bloqueado


class VersaoNaoEditavel(ValidationError):
    pass


def exigir_editavel(versao: VersaoDeReferencia) -> None:
    """Versão publicada (ou em uso) não muda no lugar: crie uma nova versão a partir dela."""
    if motivo := versao.motivo_bloqueio():
        raise VersaoNaoEditavel(motivo)


def editaveis(modelo: type[VersaoDeReferencia], **filtros) -> models.QuerySet:
    return modelo._default_manager.filter(situacao__in=modelo.EDITAVEIS, **filtros)


def estados(modelo: type[VersaoDeReferencia], *, hoje: date) -> dict[int, vigencia.EstadoVersao]:
    """Estado derivado (vigente, "a partir de", substituída) de cada publicada, por pk; uma consulta."""
    publicadas = modelo._default_manager.filter(situacao__in=modelo.PUBLICADAS).values_list(
        "pk", modelo.CAMPO_VIGENCIA, *modelo.CAMPOS_SERIE
    )
    return _estados_das_series(publicadas, hoje=hoje)


def estados_de(publicadas: Iterable[VersaoDeReferencia], *, hoje: date) -> dict[int, vigencia.EstadoVersao]:
    """Como `estados`, sobre as publicadas já lidas (quem precisa das linhas inteiras não lê duas vezes)."""
    return _estados_das_series(
        ((v.pk, v.inicio_vigencia, *v.serie().values()) for v in publicadas), hoje=hoje
    )


def _estados_das_series(publicadas, *, hoje: date) -> dict[int, vigencia.EstadoVersao]:
    series: dict[tuple, list[tuple[int, date]]] = defaultdict(list)
    for pk, inicio, *serie in publicadas:
        series[tuple(serie)].append((pk, inicio))
    resultado = {}
    for pares in series.values():
        resultado.update(vigencia.estados(pares, hoje=hoje))
    return resultado


def rotulo_situacao(versao: VersaoDeReferencia, estados_por_pk: dict) -> str:
    """O estado derivado, se publicada; senão a situação guardada (rascunho, em análise, revogada)."""
    estado = estados_por_pk.get(versao.pk)
    return estado.rotulo if estado else versao.get_situacao_display()


def _erro_de_transicao(versao, para: str) -> str:
    destino = dict(versao._meta.get_field("situacao").flatchoices).get(para, para)
    if versao.situacao == para:
        return f"A versão já está “{destino}”."
    return f"Não é possível passar de “{versao.get_situacao_display()}” para “{destino}”."


@transaction.atomic
def transicionar(versao: VersaoDeReferencia, *, para: str, inicio: date | None = None, **campos):
    """Muda a situação pelo fluxo do modelo (`TRANSICOES`); `campos` não nulos são gravados junto.

    Publicar não mexe na versão em vigor: a nova passa a valer no seu início (derivado das datas). O início
    é conferido contra as outras publicadas da série, travadas até o fim da transação (duas publicações
    simultâneas não escolhem o mesmo dia); os erros saem juntos, por campo.
    """
    modelo = type(versao)
    versao = modelo._default_manager.select_for_update().get(pk=versao.pk)
    if para not in modelo.TRANSICOES.get(versao.situacao, ()):
        raise ValidationError(_erro_de_transicao(versao, para))
    for campo, valor in {modelo.CAMPO_VIGENCIA: inicio, **campos}.items():
        if valor is not None:
            setattr(versao, campo, valor)
    versao.situacao = para
    erros: dict = {}
    if para in modelo.PUBLICADAS:
        if falta := versao.erro_ao_publicar():
            raise ValidationError(falta)
        if versao.inicio_vigencia is not None:
            inicios = (
                modelo._default_manager.select_for_update()
                .filter(situacao__in=modelo.PUBLICADAS, **versao.serie())
                .exclude(pk=versao.pk)
                .values_list(modelo.CAMPO_VIGENCIA, flat=True)
            )
            if erro := vigencia.erro_de_inicio(versao.inicio_vigencia, list(inicios)):
                erros[modelo.CAMPO_VIGENCIA] = [erro]
    try:
        # com o início já recusado acima, a restrição de início único não repete a mesma queixa
        versao.full_clean(exclude=list(erros))
    except ValidationError as erro_modelo:
        erros = erro_modelo.update_error_dict(erros)
    if erros:
        raise ValidationError(erros)
    versao._change_reason = f"Situação: {versao.get_situacao_display()}"
    versao.save()
    return versao


@transaction.atomic
def nova_versao(origem: VersaoDeReferencia, *, usuario=None, **cabecalho):
    """“Nova versão a partir desta”: um rascunho com o cabeçalho de `CAMPOS_COPIADOS` (mais `cabecalho`) e
    cópias de todas as linhas (`LINHAS`), inclusive as das linhas (níveis de serviço de cada serviço)."""
    modelo = type(origem)
    nova = modelo(
        **atributos(origem, *modelo.CAMPOS_COPIADOS),
        **cabecalho,
        situacao=modelo.RASCUNHO,
        origem=origem,
    )
    nova._change_reason = f"Copiada de {origem}"[:100]
    if usuario is not None:
        nova._history_user = usuario
    nova.full_clean()
    nova.save()
    for relacao, subrelacoes in modelo.LINHAS.items():
        _copiar_linhas(origem, {origem.pk: nova}, modelo, relacao, subrelacoes, usuario=usuario)
    return nova


def _copiar_linhas(
    raiz, novos: dict, dono, relacao: str, subrelacoes: tuple[str, ...], *, caminho="", usuario
):
    """Copia as linhas de `relacao` de cada dono (pk original → novo dono): todos os campos, menos a chave e
    o dono. Um nível por vez, filtrado pela versão de origem (`raiz`): uma leitura e uma gravação em lote por
    relacionamento, não por linha, e os níveis de serviço de 20 mil serviços copiam em poucas consultas.
    """
    rel = dono._meta.get_field(relacao)
    modelo, campo_dono = rel.related_model, rel.field
    caminho = f"{campo_dono.name}__{caminho}" if caminho else campo_dono.name
    campos = [f.attname for f in modelo._meta.concrete_fields if not f.primary_key and f != campo_dono]
    originais = list(modelo._default_manager.filter(**{caminho: raiz}).order_by("pk"))
    copias = [
        modelo(
            **atributos(linha, *campos),
            **{campo_dono.name: novos[getattr(linha, campo_dono.attname)]},
        )
        for linha in originais
    ]
    # dado de referência tem histórico (DESIGN.md §2): a cópia entra nele com o autor
    bulk_create_with_history(copias, modelo, default_user=usuario, default_change_reason="Cópia de versão")
    novas = {linha.pk: copia for linha, copia in zip(originais, copias, strict=True)}
    for sub in subrelacoes:
        _copiar_linhas(raiz, novas, modelo, sub, (), caminho=caminho, usuario=usuario)
