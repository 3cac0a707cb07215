"""Os formulários das linhas: o formset entrega as linhas não gravadas, na ordem da tela (None: linha
incompleta, que fica fora dos totais), e remonta os dados quando se inclui ou tira uma linha."""

import copy

from django import forms
from django.conf import settings
from django.forms.formsets import TOTAL_FORM_COUNT

from contratos import calculo
from contratos.edicao.so_validar import so_validar
from contratos.estimativa import validar_fator_k
from contratos.models import (
    MENSAGEM_ITEM_SEM_SERVICO,
    MENSAGEM_LINHAS_POR_ITEM,
    MENSAGEM_LINHAS_POR_OS,
    MENSAGEM_OS_SEM_PERFIL,
    MENSAGEM_QUANTIDADE_CATALOGO_MAXIMA,
    OBSERVACAO_MAXIMA,
    TEXTO_LONGO_MAXIMO,
    VALIDADORES_QUANTIDADE,
    LinhaNuvem,
    LinhaPerfil,
    LinhaProfissional,
)
from contratos.widgets import (
    EntradaDireta,
    OcultoDireto,
    QuantidadeDireta,
    SelectPerfil,
    SelectServico,
    TextoLongoDireto,
    opcoes_de_perfis,
    opcoes_de_servicos,
)
from core.formularios import CampoDecimalBR


def inteiro(valor) -> int | None:
    """Número vindo de GET/POST: "abc", "²" ou vazio viram None (a página responde 404 ou ignora, não 500)."""
    try:
        return int(valor) if str(valor).isdecimal() else None
    except (TypeError, ValueError):
        return None


def inteiros(valor) -> set[int] | None:
    """Números separados por vírgula ("0,7"), ignorando o que não é número; None quando o campo não veio."""
    if valor is None:
        return None
    return {n for parte in str(valor).split(",") if (n := inteiro(parte)) is not None}


def _rotular(form, *, com_id=()) -> None:
    """Cada campo diz a que linha pertence (leitor de tela): "Quantidade da linha 2". Só os campos
    `com_id` levam id (os que têm <label for>; os outros se rotulam por aria-label)."""
    numero = (form.prefix or "").rsplit("-", 1)[-1]
    rotulo = f" da linha {int(numero) + 1}" if numero.isdigit() else ""
    for nome, campo in form.fields.items():
        if nome != "id":
            campo.widget.attrs["aria-label"] = f"{campo.label}{rotulo}"
        if nome in com_id:
            campo.widget.attrs["id"] = f"id_{form.add_prefix(nome)}"


class _CamposCopiados(dict):
    """Os campos da classe copiados para cada formulário como `Field.__deepcopy__` os copia, mas sem o
    caminho genérico de `copy.copy` (`__reduce_ex__`): 500 linhas × 5 campos, ~1/5 da página da OS."""

    def __deepcopy__(self, memo):
        return {nome: _copiar_campo(campo, memo) for nome, campo in self.items()}


def _copiar_campo(campo, memo):
    if type(campo).__deepcopy__ is not forms.Field.__deepcopy__:  # cópia própria (ChoiceField, ...)
        return copy.deepcopy(campo, memo)
    copia = object.__new__(type(campo))
    copia.__dict__ = campo.__dict__.copy()
    memo[id(campo)] = copia
    copia.widget = copy.deepcopy(campo.widget, memo)
    copia.error_messages = campo.error_messages.copy()
    copia.validators = campo.validators[:]
    return copia


def copia_rapida(classe: type[forms.Form]) -> type[forms.Form]:
    """`classe` com os campos copiados por `_CamposCopiados` a cada formulário."""
    classe.base_fields = _CamposCopiados(classe.base_fields)
    return classe


class _IdNosCamposComErro:
    """As linhas não levam id (500 linhas × 4 ids), mas o campo com erro leva: o resumo de erros do topo
    (core/templatetags/formularios.py) liga a ele e o foco vai até ele."""

    def full_clean(self):
        super().full_clean()
        for nome in self.errors:
            if nome in self.fields:
                self.fields[nome].widget.attrs.setdefault("id", f"id_{self.add_prefix(nome)}")


def _escolha(rotulo: str, widget, o_que: str) -> forms.IntegerField:
    """O perfil ou o serviço da linha, pelo pk (o formulário confere que é da versão fixada)."""
    return forms.IntegerField(
        label=rotulo,
        widget=widget,
        error_messages={
            "required": f"Escolha o {o_que}.",
            "invalid": f"Escolha um {o_que} da versão fixada.",
        },
    )


class ComTeto:
    """Formset com teto: um TOTAL_FORMS acima do máximo não monta formulário nenhum e responde só o erro
    "too_many_forms" (em pt-BR, na subclasse). Sem isto, um POST de 60 bytes com TOTAL_FORMS=1000000
    montava e devolvia milhares de linhas vazias (segundos de CPU, megabytes de resposta)."""

    def total_form_count(self):
        if self.is_bound and self._acima_do_teto():
            return 0
        return super().total_form_count()

    def _acima_do_teto(self) -> bool:
        gestao = self.management_form
        return gestao.is_valid() and (gestao.cleaned_data.get(TOTAL_FORM_COUNT) or 0) > self.absolute_max


def _formset(formulario, base, maximo: int):
    return forms.formset_factory(
        formulario, formset=base, extra=0, max_num=maximo, absolute_max=maximo, validate_max=True
    )


class _Linhas(ComTeto):
    """O que os dois formsets de linhas têm em comum: entregar as linhas e remontar os dados."""

    prefixo = ""
    campos: tuple[str, ...] = ()
    nova: dict = {}  # os dados de uma linha incluída em branco
    aviso_maximo = ""
    vazio = ""  # a regra do conjunto: ao menos uma linha (o serviço aplica a mesma, com esta mensagem)

    def clean(self):
        if not any(self.errors) and not [f for f in self.forms if f.cleaned_data]:
            raise forms.ValidationError(self.vazio)

    def get_form_kwargs(self, index):
        # label_suffix dado: sem ele o Form.__init__ traduz ":" (gettext) em cada uma das 500 linhas, que não
        # usam o <label> do Django
        return {"label_suffix": "", **super().get_form_kwargs(index)}

    @classmethod
    def iniciais(cls, gravadas) -> list[dict]:
        """Os dados iniciais a partir das linhas gravadas (chaves estrangeiras pelo id); sem nenhuma, uma
        linha em branco para começar."""
        if not gravadas:
            return [dict(cls.nova)]
        return [
            {
                c: linha.pk if c == "id" else getattr(linha, f"{c}_id", None) or getattr(linha, c)
                for c in cls.campos
            }
            for linha in gravadas
        ]

    def linhas(self, *, existentes: dict) -> list:
        """As linhas não gravadas, na ordem da tela; `existentes` (pk → linha gravada) são reaproveitadas."""
        return [f.linha(existentes=existentes) for f in self.forms]

    @classmethod
    def remontar(cls, post, *, acao: str, indice: str):
        """Os dados com uma linha a mais (acao=adicionar, em branco) ou a menos (acao=remover, a do
        `indice`), renumerando os prefixos; e o aviso quando já não cabe outra linha."""
        prefixo, maximo = cls.prefixo, cls.teto()
        dados = post.copy()
        aviso = ""
        total = min(inteiro(post.get(f"{prefixo}-TOTAL_FORMS", 0)) or 0, maximo)
        linhas = [{c: post.get(f"{prefixo}-{i}-{c}", "") for c in cls.campos} for i in range(total)]
        if acao == "adicionar" and len(linhas) >= maximo:
            aviso = cls.aviso_maximo.format(maximo=maximo)
        elif acao == "adicionar":
            linhas.append(dict(cls.nova))
        elif acao == "remover" and (posicao := inteiro(indice)) is not None and posicao < len(linhas):
            del linhas[posicao]
        for i in range(total):
            for c in cls.campos:
                dados.pop(f"{prefixo}-{i}-{c}", None)
        for i, linha in enumerate(linhas):
            for c in cls.campos:
                dados[f"{prefixo}-{i}-{c}"] = linha.get(c, "")
        dados[f"{prefixo}-TOTAL_FORMS"] = str(len(linhas))
        dados[f"{prefixo}-INITIAL_FORMS"] = "0"
        return dados, aviso


class _LinhaPerfil(forms.Form):
    """Uma linha da OS: campos e regras. O Fator-K em branco assume o do mapa; "2,50" é aceito (campo
    localizado)."""

    id = forms.IntegerField(required=False, widget=OcultoDireto)
    perfil = _escolha("Perfil", SelectPerfil(attrs={"class": "campo-perfil"}), "perfil")
    quantidade = forms.IntegerField(
        label="Quantidade",
        validators=VALIDADORES_QUANTIDADE,  # os do modelo: a regra e a mensagem escritas uma vez
        # texto com teclado numérico, não type="number", como recomenda o GOV.UK Design System (a roda do
        # mouse mudava o valor sem querer; leitores de tela e ditado lidam mal com ele); e o campo numérico
        # do Chromium, com os botões de giro, custava ~15% da montagem da página de 500 linhas (CPU)
        widget=EntradaDireta(attrs={"inputmode": "numeric"}),
        error_messages={"required": "Informe a quantidade.", "invalid": "Use um número inteiro."},
    )
    fator_k = CampoDecimalBR(
        label="Fator-K",
        required=False,
        max_digits=4,
        decimal_places=2,
        widget=EntradaDireta(attrs={"inputmode": "decimal"}),  # o teclado numérico do celular
        error_messages={"invalid": "Informe o Fator-K como número, por exemplo 2,12."},
    )
    justificativa = forms.CharField(
        label="Justificativa do Fator-K",
        required=False,
        max_length=TEXTO_LONGO_MAXIMO,
        widget=TextoLongoDireto(attrs={"rows": 2}),
        error_messages={
            "max_length": "Use no máximo %(limit_value)d caracteres na justificativa "
            "(ela tem %(show_value)d).",
        },
    )

    def __init__(self, *args, perfis, opcoes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.perfis = perfis

    def clean_perfil(self):
        perfil = self.cleaned_data["perfil"]
        if perfil not in self.perfis:
            raise forms.ValidationError("Escolha um perfil da versão fixada.")
        return perfil

    @property
    def perfil_escolhido(self):
        valor = self["perfil"].value()
        try:
            return self.perfis.get(int(valor))
        except (TypeError, ValueError):
            return None

    @property
    def fator_k_diferente(self) -> bool:
        """Para mostrar a justificativa já aberta quando o K digitado difere do mapa."""
        perfil = self.perfil_escolhido
        if perfil is None:
            return bool(self["justificativa"].value())
        try:
            k = self.fields["fator_k"].clean(self["fator_k"].value())
        except forms.ValidationError:
            return True
        return bool(self["justificativa"].value()) or (k is not None and k != perfil.fator_k)

    def clean(self):
        dados = super().clean()
        perfil = self.perfis.get(dados.get("perfil"))
        if perfil is None:
            return dados
        if dados.get("fator_k") is None and "fator_k" not in self.errors:
            dados["fator_k"] = perfil.fator_k
        if "fator_k" in self.errors:
            return dados
        for campo, mensagens in validar_fator_k(
            dados["fator_k"], fator_k_mapa=perfil.fator_k, justificativa=dados.get("justificativa", "")
        ).items():
            for mensagem in mensagens:
                self.add_error(campo, mensagem)
        return dados

    def nova_linha(self):
        return LinhaPerfil()

    def linha(self, *, existentes) -> LinhaPerfil | None:
        """Linha não gravada com os dados válidos, ou None (incompleta: fica fora dos totais)."""
        if not self.is_valid() or self.cleaned_data.get("perfil") is None:
            return None
        dados = self.cleaned_data
        perfil = self.perfis[dados["perfil"]]
        linha = existentes.get(dados.get("id")) or self.nova_linha()
        linha.perfil = perfil
        linha.quantidade = dados["quantidade"]
        linha.fator_k = dados["fator_k"]
        linha.fator_k_referencia = perfil.fator_k
        linha.justificativa = dados.get("justificativa", "").strip()
        return linha


@copia_rapida
class LinhaPerfilForm(_IdNosCamposComErro, _LinhaPerfil):
    """A linha da OS desenhada na página: cada campo com o rótulo da sua linha."""

    def __init__(self, *args, perfis, opcoes=None, **kwargs):
        super().__init__(*args, perfis=perfis, **kwargs)
        self.fields["perfil"].widget.opcoes = opcoes if opcoes is not None else opcoes_de_perfis(perfis)
        _rotular(self, com_id=("justificativa",))


CAMPOS_FORA_DAS_LINHAS = 20  # csrf, dados da OS e controle do formset


def linhas_por_os_maximo() -> int:
    """Quantas linhas cabem num envio: cada linha tem 5 campos e o Django limita os campos de um POST
    (DATA_UPLOAD_MAX_NUMBER_FIELDS); acima disso o envio seria recusado antes de chegar à página."""
    limite = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if limite is None:
        return calculo.LINHAS_POR_OS_MAXIMO
    por_envio = (limite - CAMPOS_FORA_DAS_LINHAS) // len(LinhaPerfilForm.base_fields)
    return max(1, min(calculo.LINHAS_POR_OS_MAXIMO, por_envio))


class BaseLinhasFormSet(_Linhas, forms.BaseFormSet):
    prefixo = "linhas"
    campos = ("id", "perfil", "quantidade", "fator_k", "justificativa")
    nova = {"quantidade": "1"}
    aviso_maximo = MENSAGEM_LINHAS_POR_OS
    vazio = MENSAGEM_OS_SEM_PERFIL
    default_error_messages = {"too_many_forms": MENSAGEM_LINHAS_POR_OS.replace("{maximo}", "%(num)d")}

    @staticmethod
    def teto() -> int:
        return linhas_por_os_maximo()

    def __init__(self, *args, perfis, **kwargs):
        kwargs.setdefault("form_kwargs", {}).update(perfis=perfis, opcoes=opcoes_de_perfis(perfis))
        kwargs.setdefault("prefix", self.prefixo)
        kwargs.setdefault("auto_id", False)  # 500 linhas × 4 ids que nenhum <label> usa
        super().__init__(*args, **kwargs)
        self.maximo = self.max_num = self.absolute_max = self.teto()
        self.opcoes = self.form_kwargs["opcoes"]

    def modelo_das_opcoes(self) -> str:
        """O <template> com as opções de perfil, uma vez na página (cada select leva só a escolhida)."""
        select = SelectPerfil()
        select.opcoes = self.opcoes
        return select.modelo_html()


LinhasFormSet = _formset(LinhaPerfilForm, BaseLinhasFormSet, calculo.LINHAS_POR_OS_MAXIMO)
# O total ao vivo: as mesmas linhas e regras, só validadas (nada é desenhado).
LinhasAoVivoFormSet = _formset(so_validar(_LinhaPerfil), BaseLinhasFormSet, calculo.LINHAS_POR_OS_MAXIMO)


class _LinhaNuvem(forms.Form):
    """Uma linha do item de catálogo: serviço da versão fixada e quantidade mensal (aceita 1,5)."""

    id = forms.IntegerField(required=False, widget=OcultoDireto)
    servico = _escolha("Serviço", SelectServico(attrs={"class": "campo-servico"}), "serviço")
    quantidade = CampoDecimalBR(
        label="Quantidade mensal",
        max_digits=14,
        decimal_places=4,
        max_value=calculo.QUANTIDADE_CATALOGO_MAXIMA,
        widget=QuantidadeDireta(attrs={"inputmode": "decimal", "class": "campo-quantidade-nuvem"}),
        error_messages={
            "required": "Informe a quantidade mensal.",
            "invalid": "Informe a quantidade como número, por exemplo 1,5.",
            "max_decimal_places": "Use no máximo 4 casas decimais.",
            "max_digits": "Quantidade grande demais.",
            "max_whole_digits": "Quantidade grande demais.",
            "max_value": MENSAGEM_QUANTIDADE_CATALOGO_MAXIMA,
        },
    )
    observacao = forms.CharField(
        label="Observação", required=False, max_length=OBSERVACAO_MAXIMA, widget=EntradaDireta
    )

    def __init__(self, *args, servicos, modelo=LinhaNuvem, opcoes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.servicos = servicos
        self.modelo = modelo

    def clean_servico(self):
        servico = self.cleaned_data["servico"]
        if servico not in self.servicos:
            raise forms.ValidationError("Escolha um serviço da versão do catálogo fixada no item.")
        return servico

    def clean_quantidade(self):
        quantidade = self.cleaned_data["quantidade"]
        if quantidade is not None and quantidade <= 0:
            raise forms.ValidationError("Informe uma quantidade maior que zero.")
        casas = self.modelo._meta.get_field("quantidade").decimal_places
        if quantidade is not None and -quantidade.normalize().as_tuple().exponent > casas:
            raise forms.ValidationError(f"Use no máximo {casas} casas decimais.")
        return quantidade

    def linha(self, *, existentes) -> LinhaNuvem | LinhaProfissional | None:
        """Linha não gravada com os dados válidos, ou None (incompleta: fica fora dos totais)."""
        if not self.is_valid() or self.cleaned_data.get("servico") is None:
            return None
        dados = self.cleaned_data
        linha = existentes.get(dados.get("id")) or self.nova_linha()
        linha.servico = self.servicos[dados["servico"]]
        linha.quantidade = dados["quantidade"]
        linha.observacao = dados.get("observacao", "").strip()
        return linha

    def nova_linha(self):
        return self.modelo()


@copia_rapida
class LinhaNuvemForm(_IdNosCamposComErro, _LinhaNuvem):
    """A linha do item de catálogo desenhada na página: cada campo com o rótulo da sua linha."""

    def __init__(self, *args, servicos, opcoes=None, **kwargs):
        super().__init__(*args, servicos=servicos, **kwargs)
        self.fields["servico"].widget.opcoes = opcoes if opcoes is not None else opcoes_de_servicos(servicos)
        _rotular(self)


class BaseLinhasNuvemFormSet(_Linhas, forms.BaseFormSet):
    prefixo = "nuvem"
    campos = ("id", "servico", "quantidade", "observacao")
    aviso_maximo = MENSAGEM_LINHAS_POR_ITEM
    vazio = MENSAGEM_ITEM_SEM_SERVICO
    default_error_messages = {"too_many_forms": MENSAGEM_LINHAS_POR_ITEM.replace("{maximo}", "%(num)d")}

    @staticmethod
    def teto() -> int:
        return min(linhas_por_os_maximo(), calculo.LINHAS_POR_ITEM_MAXIMO)

    def __init__(self, *args, servicos, modelo=LinhaNuvem, **kwargs):
        kwargs.setdefault("form_kwargs", {}).update(
            servicos=servicos, modelo=modelo, opcoes=opcoes_de_servicos(servicos)
        )
        kwargs.setdefault("prefix", self.prefixo)
        super().__init__(*args, **kwargs)
        self.maximo = self.max_num = self.absolute_max = self.teto()


LinhasNuvemFormSet = _formset(LinhaNuvemForm, BaseLinhasNuvemFormSet, calculo.LINHAS_POR_ITEM_MAXIMO)
LinhasNuvemAoVivoFormSet = _formset(
    so_validar(_LinhaNuvem), BaseLinhasNuvemFormSet, calculo.LINHAS_POR_ITEM_MAXIMO
)
