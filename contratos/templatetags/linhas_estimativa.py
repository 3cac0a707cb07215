"""As linhas da estimativa montadas em Python (o motor de templates custava mais que a conta): a linha da OS
em edição e as do total ao vivo, por que uma linha ficou fora dos totais (regra em estimativa.py), e as
OS, as linhas e o gráfico do detalhe da contratação. Dinheiro sempre por `core.numeros.formatar_reais`."""

from html import escape

from django import template
from django.template.defaultfilters import truncatechars
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from contratos import estimativa
from core.numeros import formatar_numero, formatar_reais
from core.rotas import endereco

register = template.Library()


def _mensagens(form):
    if form.is_bound:
        return list(form.errors.values())
    # Linha nova, ainda não enviada: faltam os campos obrigatórios em branco (ex.: o perfil).
    return [
        [campo.error_messages["required"]]
        for nome, campo in form.fields.items()
        if campo.required and form[nome].value() in (None, "")
    ]


@register.filter
def motivo_fora_do_total(form) -> str:
    return estimativa.motivo_fora_do_total(_mensagens(form))


@register.filter
def aviso_linhas_fora(linhas) -> str:
    """`linhas` são os pares (formulário, linha calculada ou None) da tela."""
    return estimativa.linhas_fora_do_total(sum(1 for _, calculo in linhas if calculo is None))


def _erros(campo) -> str:
    return format_html_join(
        "", '<span class="feedback danger" role="alert">{}</span>', ((e,) for e in campo.errors)
    )


def campo_da_linha(form, nome, mostrar_erros) -> str:
    """Um campo da linha da OS. A célula já é br-input (sem um invólucro por campo: 500 linhas × 3); com
    erro, o campo e as mensagens vão num br-input danger (borda vermelha só nele)."""
    campo = form[nome]
    if not (mostrar_erros and campo.errors):
        return str(campo)
    return format_html('<div class="br-input danger">{}{}</div>', campo, _erros(campo))


@register.simple_tag
def bloco_justificativa(form, mostrar_erros) -> str:
    """A justificativa do Fator-K: na linha só quando aparece; o script cria as outras a partir do modelo
    (o formulário vazio do formset, num <template>)."""
    campo = form["justificativa"]
    erro = mostrar_erros and campo.errors
    return format_html(
        '<div class="br-input bloco-justificativa{}"><label for="{}">Justificativa do Fator-K (memória de '
        "cálculo)</label>{}{}</div>",
        " danger" if erro else "",
        campo.id_for_label,
        campo,
        _erros(campo) if erro else "",
    )


def _custo_e_valor(calculo) -> tuple[str, str]:
    if calculo is None:
        return "—", "—"
    return formatar_reais(calculo.custo_por_profissional), formatar_reais(calculo.valor_mensal)


@register.simple_tag
def linha_da_os(form, calculo, indice, mostrar_erros) -> str:
    """Uma linha da tabela da OS, montada em Python (500 linhas pelo motor de templates: ~60 ms por página).
    Sem invólucros nem classes repetidas (cada byte × 500): a célula é o br-input dos seus campos, o estilo
    das colunas vem do CSS da tabela, e o lugar vazio do motivo e a dica do K do mapa o script cria."""
    indice = int(indice)
    custo, valor = _custo_e_valor(calculo)
    justificativa = form.fator_k_diferente or (mostrar_erros and form["justificativa"].errors)
    return mark_safe(  # noqa: S308 (campos desenhados pelos widgets, o resto escapado ou nosso)
        f'<tr><td class="br-input">{form["id"]}{campo_da_linha(form, "perfil", mostrar_erros)}'
        f"{motivo_linha(form, calculo, indice, com_erros=mostrar_erros)}"
        f"{bloco_justificativa(form, mostrar_erros) if justificativa else ''}</td>"
        f'<td class="br-input">{campo_da_linha(form, "quantidade", mostrar_erros)}</td>'
        f'<td class="br-input">{campo_da_linha(form, "fator_k", mostrar_erros)}</td>'
        f'<td id="custo-linha-{indice}">{custo}</td><td id="valor-linha-{indice}">{valor}</td>'
        '<td><button type="button" class="br-button circle small remover-linha" '
        f'aria-label="Remover a linha {indice + 1}"></button></td></tr>'
    )


def motivo_linha(form, calculo, indice, oob=False, com_erros=False) -> str:
    """O motivo de uma linha da OS que fica fora do total, pelo id; `oob`: na resposta htmx (sempre, vazio
    quando ela entra no total, para apagar o motivo anterior).
    `com_erros`: a página reenviada com erros já os mostra junto a cada campo (o lugar fica vazio)."""
    motivo = "" if calculo or com_erros else motivo_fora_do_total(form)
    if not motivo and not oob:
        return ""  # o lugar vazio o script cria (static/js/contratos.js): 500 linhas × um div a menos no HTML
    aviso = (
        format_html(
            '<span class="feedback warning"><i class="fas fa-exclamation-triangle" aria-hidden="true"></i>'
            "{}</span>",
            motivo,
        )
        if motivo
        else ""
    )
    troca = ' hx-swap-oob="true"' if oob else ""
    return mark_safe(  # noqa: S308 (aviso montado por format_html; o resto é nosso)
        f'<div id="motivo-linha-{int(indice)}" class="motivo-linha" data-testid="motivo-linha"{troca}>'
        f"{aviso}</div>"
    )


@register.simple_tag
def linhas_ao_vivo(linhas, alteradas=None) -> str:
    """Custo, valor e motivo das linhas da OS na resposta do total ao vivo (htmx, fora da área trocada): só
    os das `alteradas` (índices), ou de todas (None). Uma linha só muda quando os seus campos mudam.

    Montado em Python: 500 linhas × 3 trechos pelo motor de templates custavam mais que a conta."""
    partes = []
    for indice, (form, calculo) in enumerate(linhas):
        if alteradas is not None and indice not in alteradas:
            continue
        custo, valor = _custo_e_valor(calculo)
        partes.append(
            f'<span id="custo-linha-{indice}" hx-swap-oob="innerHTML">{custo}</span>\n'
            f'<span id="valor-linha-{indice}" hx-swap-oob="innerHTML">{valor}</span>\n'
            f"{motivo_linha(form, calculo, indice, oob=True)}\n"
        )
    return mark_safe("".join(partes))  # noqa: S308 (valores formatados e escapados acima)


def linhas_de_perfil(linhas) -> str:
    """As linhas de perfil de uma OS no detalhe da contratação (só leitura), montadas em Python: pelo motor
    de templates (seis filtros e ~12 consultas de variável por linha) 100 linhas custavam ~8 ms. Os textos
    passam por `escape` (o da biblioteca padrão: o do Django confere preguiça a cada chamada); os números
    saem do formatador do projeto, só dígitos, pontos, vírgula e "R$"."""
    partes = []
    for lc in linhas:
        linha = lc.linha
        justificado = (
            f' <span class="br-tag justificado" title="{escape(linha.justificativa)}">justificado</span>'
            if linha.fator_k_alterado
            else ""
        )
        partes.append(
            f'<tr><th scope="row"><code>{escape(linha.codigo)}</code><br><span class="texto-perfil">'
            f"{escape(linha.titulo)}</span></th>"
            f'<td class="numero">{formatar_numero(linha.quantidade, 0)}</td>'
            f'<td class="numero">{formatar_reais(linha.remuneracao)}</td>'
            f'<td class="numero">{formatar_numero(linha.fator_k)}{justificado}</td>'
            f'<td class="numero">{formatar_reais(lc.custo_por_profissional)}</td>'
            f'<td class="numero">{formatar_reais(lc.valor_mensal)}</td></tr>'
        )
    return mark_safe("".join(partes))  # noqa: S308 (textos escapados acima; números formatados por nós)


@register.simple_tag
def barras_do_grafico(barras) -> str:
    """A descrição e as barras do gráfico de custo por perfil (geometria em contratos/grafico.py), montadas
    em Python pelo mesmo motivo das linhas: ~35 barras × 9 variáveis pelo motor de templates."""
    descricao = "; ".join(f"{escape(b.codigo)}: {formatar_reais(b.valor)}" for b in barras)
    grupos = "".join(
        f'<g><text class="rotulo" x="0" y="{b.y + 18}">{escape(b.codigo)}</text>'
        f'<rect class="barra" x="120" y="{b.y + 4}" width="{b.largura}" height="20"></rect>'
        f'<text class="valor" x="{b.largura + 126}" y="{b.y + 18}">{formatar_reais(b.valor)}</text></g>'
        for b in barras
    )
    return mark_safe(f'<desc id="desc-grafico">{descricao}</desc>{grupos}')  # noqa: S308 (escapado acima)


_CABECALHO_PERFIS = (
    '<thead><tr><th scope="col">Perfil</th><th scope="col" class="numero">Quantidade</th>'
    '<th scope="col" class="numero">Remuneração</th><th scope="col" class="numero">Fator-K</th>'
    '<th scope="col" class="numero">Custo por profissional</th>'
    '<th scope="col" class="numero">Valor mensal</th></tr></thead>'
)


@register.simple_tag(takes_context=True)
def bloco_da_os(context, orr, pode_editar, pode_excluir) -> str:
    """Uma OS no detalhe da contratação: título, tabela de perfis (ou o aviso de OS vazia) e as ações.
    Montada em Python como as linhas: pelo motor de templates, ~35 nós por OS custavam 0,18 ms cada
    (5,6% das instruções da página de 100 linhas em 4 OS, medido no valgrind)."""
    ordem = orr.ordem
    numero, pk, mensal = escape(ordem.numero), ordem.pk, formatar_reais(orr.mensal)
    if orr.linhas:
        tabela = (
            '<div class="br-table tabela-rolavel" tabindex="0" role="region" '
            f'aria-label="Perfis da {numero}"><table class="tabela-compacta">'
            f"<caption>Perfis da {numero}</caption>{_CABECALHO_PERFIS}"
            f"<tbody>{linhas_de_perfil(orr.linhas)}</tbody>"
            f'<tfoot><tr><th scope="row" colspan="5">Valor mensal da {numero}</th>'
            f'<td class="numero"><strong>{mensal}</strong></td></tr></tfoot></table></div>'
        )
    else:
        tabela = "<p>Esta OS ainda não tem perfis.</p>"
    acoes = []
    if pode_editar:
        acoes.append(
            f'<a class="br-button secondary small" href="{endereco("contratos:os_editar", (pk,))}">'
            f'<i class="fas fa-edit" aria-hidden="true"></i> Editar {numero}</a>'
        )
    acoes.append(
        f'<a class="br-button secondary small" href="{endereco("contratos:os_imprimir", (pk,))}">'
        '<i class="fas fa-print" aria-hidden="true"></i> Versão para impressão</a>'
    )
    if pode_excluir:
        n = len(orr.linhas)
        confirmar = (
            f"Excluir a {numero} – {escape(truncatechars(ordem.identificacao, 80))}, com {n} "
            f"linha{'' if n == 1 else 's'} de perfil (valor mensal {mensal})? Não há como desfazer."
        )
        acoes.append(
            f'<form method="post" action="{endereco("contratos:os_excluir", (pk,))}" '
            f'data-confirmar="{confirmar}">'
            f'{CsrfTokenNode().render(context)}<button class="br-button secondary small" type="submit">'
            '<i class="fas fa-trash" aria-hidden="true"></i> Excluir OS</button></form>'
        )
    return mark_safe(  # noqa: S308 (textos escapados acima; números formatados por nós; endereços do Django)
        f'<div class="bloco-os" id="os-{pk}"><h4>{numero} – {escape(ordem.identificacao)}</h4>{tabela}'
        f'<div class="acoes">{"".join(acoes)}</div></div>'
    )
