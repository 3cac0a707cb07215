"""Escritas de contratos: cada caso de uso numa função `<entidade>_<acao>(*, ...)` em transação."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from contratos import calculo, comparacao, selectors, totais, travas
from contratos.models import (
    MENSAGEM_EQUIPE_MAXIMA,
    MENSAGEM_ITEM_SEM_SERVICO,
    MENSAGEM_LINHAS_POR_ITEM,
    MENSAGEM_LINHAS_POR_OS,
    MENSAGEM_OS_SEM_PERFIL,
    OBJETO_MAXIMO,
    Contratacao,
    Item,
    LinhaNuvem,
    LinhaPerfil,
    LinhaProfissional,
    MapaSalarial,
    MembroEquipe,
    OrdemServico,
    separar_produtos,
)
from contratos.resources import ValorPerfilResource
from core import versoes
from core.atributos import atributos
from core.importacao import erros_da_importacao
from core.planilhas import ErroPlanilha, ler_tabela


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
    erros = erros_da_importacao(resultado)
    return ResultadoImportacao(
        novos=resultado.totals["new"],
        alterados=resultado.totals["update"],
        inalterados=resultado.totals["skip"],
        erros=erros,
        gravado=confirmar and not erros and bool(resultado.totals["new"] or resultado.totals["update"]),
    )


def mapa_publicar(*, mapa: MapaSalarial, data_vigencia: date | None = None) -> MapaSalarial:
    """Rascunho → publicada: a versão fica travada (só muda por nova versão).

    Passa a ser a vigente no dia `data_vigencia` (hoje ou no futuro, derivado das datas); a anterior fica
    substituída a partir desse dia, sem rotina agendada.
    """
    return versoes.transicionar(mapa, para=MapaSalarial.Situacao.VIGENTE, inicio=data_vigencia)


def mapa_revogar(*, mapa: MapaSalarial) -> MapaSalarial:
    """Publicada → revogada (a versão continua consultável e travada)."""
    return versoes.transicionar(mapa, para=MapaSalarial.Situacao.REVOGADO)


def mapa_nova_versao(*, origem: MapaSalarial, usuario=None) -> MapaSalarial:
    """Copia a versão e todas as suas linhas num novo rascunho (o caminho para mudar uma versão travada)."""
    return versoes.nova_versao(
        origem,
        usuario=usuario,
        nome_ato=f"Nova versão a partir de {origem.nome_ato}"[:200],
        observacoes=f"Copiada de {origem} para edição.",
    )


# --- Estimativa da contratação (DESIGN.md §4.4) ---


def _autor(instancia, usuario):
    if usuario is not None:
        instancia._history_user = usuario
    return instancia


@transaction.atomic
def contratacao_salvar(
    *, contratacao: Contratacao, equipe: list[tuple[str, str]] | None = None, usuario=None
) -> Contratacao:
    """Cria ou altera a contratação; `equipe` (nome, papel) substitui a equipe de planejamento.

    Na alteração, `contratacao.versao` é a versão lida no formulário; se outra pessoa salvou depois,
    nada é gravado e o erro diz quando foi a alteração (a dela fica).
    """
    if equipe is not None:
        travas.conferir_quantas(equipe, calculo.EQUIPE_MAXIMA, MENSAGEM_EQUIPE_MAXIMA)
    if contratacao.pk:
        travas.travar_versao(
            contratacao, contratacao_id=contratacao.pk, alterada="Esta contratação foi alterada"
        )
        fixada = (
            Contratacao.objects.select_for_update().values_list("mapa_id", flat=True).get(pk=contratacao.pk)
        )
        if fixada != contratacao.mapa_id:
            # Trocar de versão muda preços: só pela ação explícita "Reprecificar", que mostra a diferença.
            raise ValidationError({"mapa": "Para trocar a versão do mapa salarial, use “Reprecificar”."})
    contratacao.full_clean()
    _autor(contratacao, usuario).save()
    if equipe is not None:
        contratacao.equipe.all().delete()
        membros = [
            MembroEquipe(contratacao=contratacao, nome=nome.strip(), papel=papel) for nome, papel in equipe
        ]
        for membro in membros:
            membro.full_clean()
        MembroEquipe.objects.bulk_create(membros)
    return contratacao


@transaction.atomic
def contratacao_excluir(*, contratacao: Contratacao) -> None:
    contratacao.delete()


@transaction.atomic
def item_salvar(*, item: Item) -> Item:
    """Cria ou altera o item. O tipo e a versão do catálogo só mudam enquanto o item não tem linhas:
    trocar depois mudaria preços sem mostrar a diferença. Na alteração, `item.versao` é a versão lida no
    formulário (trava otimista, como na contratação)."""
    if item.tipo == Item.Tipo.PERFIS:
        item.catalogo = None
    erros = {}
    catalogo_anterior = None
    if item.pk:
        gravado = Item.objects.select_for_update().get(pk=item.pk)
        catalogo_anterior = gravado.catalogo_id
        tem_linhas = (
            gravado.ordens.exists() or gravado.linhas_nuvem.exists() or gravado.linhas_profissionais.exists()
        )
        if tem_linhas and gravado.tipo != item.tipo:
            erros["tipo"] = "O item já tem OS ou linhas de serviço: o tipo não pode mudar."
        elif tem_linhas and gravado.catalogo_id != item.catalogo_id:
            erros["catalogo"] = "O item já tem linhas de serviço: a versão do catálogo não pode mudar."
    # Só uma versão aprovada é fixada; depois de substituída, o item continua com a sua.
    novo_catalogo = item.catalogo_id and item.catalogo_id != catalogo_anterior and "catalogo" not in erros
    if novo_catalogo and not selectors.catalogos_aprovados([item.tipo]).filter(pk=item.catalogo_id).exists():
        erros["catalogo"] = (
            f"Escolha uma versão aprovada (vigente) do catálogo de {item.get_tipo_display().lower()}."
        )
    if erros:
        raise ValidationError(erros)
    repetidos = travas.repetidos(item)
    travas.conferir_numero_unico(item, repetidos)
    item.full_clean()
    if item.pk:
        travas.travar_versao(item, contratacao_id=item.contratacao_id, alterada="Este item foi alterado")
    travas.gravar_com_numero_unico(item, repetidos)
    travas.tocar_contratacao(item.contratacao_id)
    return item


@transaction.atomic
def item_nuvem_salvar_linhas(
    *, item: Item, linhas: list[LinhaNuvem | LinhaProfissional], usuario=None
) -> Item:
    """Grava exatamente as `linhas` de serviço do item de catálogo (nuvem ou serviços profissionais; as que
    faltarem são removidas); tudo ou nada. Regras, de novo aqui: item de catálogo, linha do tipo do item,
    serviço da versão do catálogo fixada, quantidade > 0.

    As linhas pertencem ao item: a trava otimista é a versão do item (`item.versao`, lida na página)."""
    if not item.e_catalogo:
        raise ValidationError(
            "Só um item de serviços de nuvem ou profissionais tem linhas de serviço; este é de perfis (OS)."
        )
    modelo = item.linhas_de_catalogo.model
    travas.conferir_quantas(linhas, calculo.LINHAS_POR_ITEM_MAXIMO, MENSAGEM_LINHAS_POR_ITEM)
    if any(not isinstance(linha, modelo) for linha in linhas):
        raise ValidationError("As linhas não são do tipo do item; recarregue a página.")
    for linha in linhas:
        linha.observacao = (linha.observacao or "").strip()
    erros = _erros_das_linhas(
        linhas,
        pai="item",
        vazio=MENSAGEM_ITEM_SEM_SERVICO,
        da_versao=lambda linha: linha.servico.versao_id == item.catalogo_id,
        fora_da_versao="escolha um serviço da versão do catálogo fixada no item.",
    )
    if erros:
        raise ValidationError(erros)
    travas.travar_versao(item, contratacao_id=item.contratacao_id, alterada="Este item foi alterado")
    _substituir_linhas(
        item.linhas_de_catalogo, linhas, pai="item", dono=item, usuario=usuario, onde="este item"
    )
    totais.gravar(contratacao_id=item.contratacao_id, itens=[item.pk])
    travas.tocar_contratacao(item.contratacao_id)
    return item


def _erros_das_linhas(linhas, *, pai: str, vazio: str, da_versao, fora_da_versao: str) -> list[str]:
    """As regras de cada linha (as do modelo, por `full_clean`) com o número da linha na mensagem, e a do
    conjunto: ao menos uma linha."""
    erros = [] if linhas else [vazio]
    for numero, linha in enumerate(linhas, start=1):
        if not da_versao(linha):
            erros.append(f"Linha {numero}: {fora_da_versao}")
            continue
        try:
            linha.full_clean(exclude=[pai])
        except ValidationError as erro:
            erros.extend(f"Linha {numero}: {m}" for m in erro.messages)
    return erros


def _substituir_linhas(relacionadas, linhas, *, pai: str, dono, usuario, onde: str) -> None:
    """Deixa sob `dono` exatamente as `linhas` dadas: as que faltarem são removidas, as dadas são gravadas."""
    manter = {linha.pk for linha in linhas if linha.pk}
    if manter - set(relacionadas.values_list("pk", flat=True)):
        raise ValidationError(f"Uma das linhas não pertence a {onde}; recarregue a página.")
    relacionadas.exclude(pk__in=manter).delete()
    for linha in linhas:
        setattr(linha, pai, dono)
        _autor(linha, usuario).save()


@transaction.atomic
def item_excluir(*, item: Item) -> None:
    item.delete()
    totais.gravar(contratacao_id=item.contratacao_id)


@transaction.atomic
def ordem_servico_salvar(*, ordem: OrdemServico, linhas: list[LinhaPerfil], usuario=None) -> OrdemServico:
    """Grava a OS e exatamente as `linhas` do formset (as que faltarem são removidas); tudo ou nada.

    As regras são as do modelo (`full_clean`: quantidade, Fator-K e justificativa, produtos) e as do
    conjunto (ao menos um perfil, perfis da versão fixada), aplicadas aqui mesmo que o formulário já as
    tenha mostrado: o serviço não confia em quem o chama.
    """
    if ordem.item.tipo != Item.Tipo.PERFIS:
        raise ValidationError({"item": "Um item de serviços de nuvem não tem OS: escolha um item de perfis."})
    ordem.contratacao_id = ordem.item.contratacao_id
    ordem.produtos = "\n".join(separar_produtos(ordem.produtos))
    contratacao = ordem.item.contratacao
    travas.conferir_quantas(linhas, calculo.LINHAS_POR_OS_MAXIMO, MENSAGEM_LINHAS_POR_OS)
    for linha in linhas:  # o K do mapa vem da versão, nunca de quem chama
        linha.fator_k_referencia = linha.perfil.fator_k
        linha.justificativa = (linha.justificativa or "").strip()
    erros = _erros_das_linhas(
        linhas,
        pai="ordem",
        vazio=MENSAGEM_OS_SEM_PERFIL,
        da_versao=lambda linha: linha.perfil.mapa_id == contratacao.mapa_id,
        fora_da_versao="escolha um perfil da versão do mapa fixada na contratação.",
    )
    try:
        ordem.full_clean()
    except ValidationError as erro:
        if erros:
            raise ValidationError([*erro.messages, *erros]) from erro
        raise
    if erros:
        raise ValidationError(erros)
    repetidas = travas.repetidos(ordem)
    if ordem.pk:
        travas.travar_versao(ordem, contratacao_id=contratacao.pk, alterada="Esta OS foi alterada")
    travas.gravar_com_numero_unico(ordem, repetidas)
    _substituir_linhas(ordem.linhas, linhas, pai="ordem", dono=ordem, usuario=usuario, onde="esta OS")
    totais.gravar(contratacao_id=contratacao.pk, ordens=[ordem.pk])  # e os itens, se a OS mudou de item
    travas.tocar_contratacao(contratacao.pk)
    return ordem


@transaction.atomic
def ordem_servico_excluir(*, ordem: OrdemServico) -> None:
    ordem.delete()
    totais.gravar(contratacao_id=ordem.contratacao_id)


@transaction.atomic
def contratacao_reprecificar(
    *, contratacao: Contratacao, mapa_novo: MapaSalarial, usuario=None, hoje: date | None = None
) -> Contratacao:
    """Aponta cada linha para o mesmo código na versão nova; códigos ausentes bloqueiam a troca."""
    contratacao = Contratacao.objects.select_for_update().get(pk=contratacao.pk)
    if mapa_novo.pk != selectors.mapa_vigente_id(hoje=hoje or timezone.localdate()):
        raise ValidationError("Escolha a versão vigente do mapa salarial.")
    if mapa_novo.pk == contratacao.mapa_id:
        raise ValidationError("A contratação já está precificada com esta versão.")
    previsao = comparacao.reprecificacao_prever(contratacao, mapa_novo)
    if previsao.ausentes:
        raise ValidationError(
            "A versão escolhida não tem os perfis "
            + ", ".join(previsao.ausentes)
            + ": troque esses perfis nas OS antes de reprecificar."
        )
    novos = {v.codigo: v for v in mapa_novo.valores.all()}
    linhas = LinhaPerfil.objects.filter(ordem__contratacao=contratacao).select_related("perfil")
    for linha in linhas:
        novo = novos[linha.perfil.codigo]
        linha.fator_k = comparacao.fator_k_na_versao(linha, novo)
        linha.perfil = novo
        linha.fator_k_referencia = novo.fator_k
        linha.full_clean()
        _autor(linha, usuario).save()
    contratacao.mapa = mapa_novo
    # Quem estava com o formulário aberto antes da troca de versão precisa recarregar.
    contratacao.versao += 1
    contratacao.full_clean()
    _autor(contratacao, usuario).save()
    totais.gravar(contratacao_id=contratacao.pk, todos=True)
    return contratacao


PREFIXO_COPIA = "Cópia de "


def objeto_da_copia(objeto: str) -> str:
    """O objeto da cópia, marcado para não se confundir com o original na lista e nos documentos.

    Cabe no limite do campo (o banco recusaria o excesso): corta o fim do objeto e marca o corte com "…"."""
    marcado = PREFIXO_COPIA + objeto
    if len(marcado) <= OBJETO_MAXIMO:
        return marcado
    return marcado[: OBJETO_MAXIMO - 1].rstrip() + "…"


@transaction.atomic
def contratacao_duplicar(*, contratacao: Contratacao, usuario=None) -> Contratacao:
    """Cópia completa (equipe, itens, OS e linhas) como novo rascunho, com o objeto marcado "Cópia de …".

    O nº do processo continua o do original: é obrigatório e validado (SEI/NUP), e uma variante da estimativa
    costuma nascer no mesmo processo; a equipe o troca ao editar, se a cópia for para outro processo."""
    nova = Contratacao(
        **atributos(contratacao, "orgao", "numero_processo", "uasg", "mapa", "meses"),
        objeto=objeto_da_copia(contratacao.objeto),
        situacao=Contratacao.Situacao.RASCUNHO,
    )
    _autor(nova, usuario).save()
    MembroEquipe.objects.bulk_create(
        MembroEquipe(contratacao=nova, **atributos(m, "nome", "papel")) for m in contratacao.equipe.all()
    )
    itens = {}
    for item in contratacao.itens.order_by("numero"):
        itens[item.pk] = Item.objects.create(
            contratacao=nova, **atributos(item, "numero", "descricao", "tipo", "catalogo_id")
        )
    ordens = {}
    for ordem in contratacao.ordens.all():
        ordens[ordem.pk] = OrdemServico.objects.create(
            item=itens[ordem.item_id],
            contratacao=nova,
            **atributos(ordem, "numero", "identificacao", "objetivo", "prazo_atendimento", "produtos"),
        )
    copias = [
        LinhaPerfil(
            ordem=ordens[linha.ordem_id],
            **atributos(linha, "perfil_id", "quantidade", "fator_k", "fator_k_referencia", "justificativa"),
        )
        for linha in LinhaPerfil.objects.filter(ordem__contratacao=contratacao).order_by("pk")
    ]
    bulk_create_with_history(copias, LinhaPerfil, default_user=usuario, default_change_reason="Duplicação")
    for modelo in (LinhaNuvem, LinhaProfissional):  # linhas dos itens de catálogo: mesmos campos
        linhas = [
            modelo(item=itens[linha.item_id], **atributos(linha, "servico_id", "quantidade", "observacao"))
            for linha in modelo.objects.filter(item__contratacao=contratacao).order_by("pk")
        ]
        bulk_create_with_history(linhas, modelo, default_user=usuario, default_change_reason="Duplicação")
    totais.gravar(contratacao_id=nova.pk, todos=True)
    return nova
