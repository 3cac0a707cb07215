"""Widgets das linhas da OS e dos itens de catálogo, montados em Python (500 linhas × 5 campos pelo motor
de templates levam segundos), e a lista de catálogos com o tipo de cada versão."""

from decimal import Decimal

from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe

from contratos.estimativa import formatar_numero


class SelectCatalogo(forms.Select):
    """Cada versão leva o seu tipo (data-tipo): a página mostra só as do tipo de item escolhido."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        opcao = super().create_option(name, value, label, selected, index, subindex, attrs)
        if getattr(value, "instance", None) is not None:
            opcao["attrs"]["data-tipo"] = value.instance.tipo
        return opcao


def opcoes_de_perfis(perfis) -> list[tuple[str, str, str]]:
    """(pk, rótulo escapado, K do mapa) de cada perfil, montados uma vez para todas as linhas."""
    return [(str(v.pk), escape(f"{v.codigo} – {v.titulo}"), f"{v.fator_k:.2f}") for v in perfis.values()]


class _RenderizacaoDireta:
    """Widget das linhas montado em Python: 500 linhas × 5 campos pelo motor de templates levam segundos."""

    def __deepcopy__(self, memo):
        # Cada formulário copia os seus campos: sem normalizar as escolhas do Select (as opções vêm prontas
        # em `opcoes`), a cópia de 500 linhas cai pela metade; o __dict__ copiado direto, sem o caminho
        # genérico de copy.copy (__reduce_ex__), que pesava outro tanto.
        copia = object.__new__(type(self))
        copia.__dict__ = {**self.__dict__, "attrs": self.attrs.copy()}
        memo[id(self)] = copia
        return copia

    def render(self, name, value, attrs=None, renderer=None):
        atributos = "".join(
            f" {chave}" if valor is True else f' {chave}="{escape(valor)}"'
            for chave, valor in self.build_attrs(self.attrs, attrs).items()
            if valor is not None and valor is not False
        )
        return mark_safe(self.html(escape(name), value, atributos))  # noqa: S308 (tudo escapado em html())

    @staticmethod
    def texto(value) -> str:
        if value is None:
            return ""
        if isinstance(value, Decimal):  # Fator-K no formato brasileiro: 2,12
            return escape(f"{value:.2f}".replace(".", ","))
        return escape(str(value))


class EntradaDireta(_RenderizacaoDireta, forms.TextInput):
    def html(self, name, value, atributos):
        valor = self.texto(value)
        campo_valor = f' value="{valor}"' if valor else ""
        tipo = "" if self.input_type == "text" else f' type="{self.input_type}"'  # text: o padrão do HTML
        return f'<input{tipo} name="{name}"{campo_valor}{atributos}>'


class OcultoDireto(EntradaDireta):
    input_type = "hidden"


class TextoLongoDireto(_RenderizacaoDireta, forms.Textarea):
    def html(self, name, value, atributos):
        return f'<textarea name="{name}"{atributos}>\n{self.texto(value)}</textarea>'


def _opcao(pk: str, rotulo: str, k: str, marcado: bool = False) -> str:
    fator_k = f' data-fator-k="{k}"' if k else ""
    return f'<option value="{pk}"{fator_k}{" selected" if marcado else ""}>{rotulo}</option>'


class _SelectDireto(_RenderizacaoDireta, forms.Select):
    """Opções (pk, rótulo escapado, Fator-K do mapa ou "") montadas uma vez para todas as linhas.

    Com `modelo` (o id de um <template> que a página envia uma vez, `modelo_html`), cada select sai só com a
    opção escolhida e o script (static/js/contratos.js) o completa com as do modelo ao montar a tabela (a
    tabela diz qual é o modelo em data-opcoes): 500 linhas × 35 perfis repetidos eram 2,7 MB de HTML."""

    opcoes: list = []
    vazio = ""
    modelo = ""

    def html(self, name, value, atributos):
        valor = "" if value is None else str(value)
        vazia = f'<option value="">{self.vazio}</option>'
        if self.modelo:
            # só a escolhida, pelo código (o rótulo começa por ele, `opcoes_de_perfis`), ou só a vazia; o
            # script troca pelas opções completas do modelo ao montar a tabela
            escolhida = "".join(
                _opcao(pk, rotulo.split(" – ", 1)[0], "", True)
                for pk, rotulo, _ in self.opcoes
                if pk == valor
            )
            return f'<select name="{name}"{atributos}>{escolhida or vazia}</select>'
        partes = [f'<select name="{name}"{atributos}>', vazia]
        partes.extend(_opcao(pk, rotulo, k, pk == valor) for pk, rotulo, k in self.opcoes)
        partes.append("</select>")
        return "".join(partes)

    def modelo_html(self) -> str:
        opcoes = "".join(_opcao(*opcao) for opcao in self.opcoes)
        return mark_safe(  # noqa: S308 (rótulos escapados em opcoes_de_perfis)
            f'<template id="{self.modelo}"><option value="">{self.vazio}</option>{opcoes}</template>'
        )


class SelectPerfil(_SelectDireto):
    """Perfis da versão fixada; cada opção leva o Fator-K do mapa em data-fator-k (o script revela a
    justificativa quando o K digitado difere). As opções vão uma vez na página (`modelo`)."""

    vazio = "Escolha o perfil"
    modelo = "opcoes-perfil"


def _preco_e_unidade(servico) -> str:
    if hasattr(servico, "preco_unitario"):  # nuvem: preço de consumo com 4 casas
        return f"R$ {formatar_numero(servico.preco_unitario, 4)}/{servico.unidade_medida}"
    return f"R$ {formatar_numero(servico.preco, 2)}/{servico.get_unidade_display().lower()}"


def opcoes_de_servicos(servicos) -> list[tuple[str, str, str]]:
    """(pk, rótulo escapado, "") de cada serviço da versão fixada, montados uma vez para todas as linhas."""
    return [
        (str(s.pk), escape(f"{s.codigo} – {s.nome} ({_preco_e_unidade(s)})"), "") for s in servicos.values()
    ]


class SelectServico(_SelectDireto):
    vazio = "Escolha o serviço"


class QuantidadeDireta(EntradaDireta):
    """Quantidade fracionária no formato brasileiro (1,5), sem zeros à direita."""

    def html(self, name, value, atributos):
        if isinstance(value, Decimal):
            texto = format(value.normalize(), "f").replace(".", ",")
            value = texto
        return super().html(name, value, atributos)
