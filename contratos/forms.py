"""Formulários de contratos: importação do mapa no admin (versão e guardas de arquivo) e filtros."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.forms.formsets import TOTAL_FORM_COUNT
from django.utils.html import escape
from django.utils.safestring import mark_safe
from import_export.forms import ConfirmImportForm

from contratos import calculo
from contratos.estimativa import formatar_numero, validar_fator_k
from contratos.models import (
    MENSAGEM_QUANTIDADE_CATALOGO_MAXIMA,
    MENSAGEM_QUANTIDADE_MAXIMA,
    OBSERVACAO_MAXIMA,
    TEXTO_LONGO_MAXIMO,
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
from core.importacao import ImportacaoSeguraForm
from core.planilhas import AJUDA_LIMITES


def _rascunhos():
    return MapaSalarial.objects.filter(situacao=MapaSalarial.Situacao.RASCUNHO)


class ImportarMapaForm(ImportacaoSeguraForm):
    """Primeiro passo: versão de destino (só rascunhos) e arquivo, que passa pelas guardas de planilha."""

    mapa = forms.ModelChoiceField(
        queryset=MapaSalarial.objects.none(),
        label="Versão que recebe as linhas",
        help_text="Só rascunhos aparecem: uma versão publicada muda por “Nova versão a partir desta”.",
    )
    field_order = ["resource", "mapa", "import_file", "format"]

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["mapa"].queryset = _rascunhos()
        self.fields["import_file"].help_text = (
            "Colunas: codigo, perfil, senioridade, remuneracao, fator_k. Números como 5.075,52 ou 5075.52. "
            + AJUDA_LIMITES
        )

    def clean(self):
        mapa = self.cleaned_data.get("mapa")
        if mapa is not None and mapa.bloqueado:
            self.add_error("mapa", mapa.motivo_bloqueio())
        return super().clean()


class ConfirmarImportacaoMapaForm(ConfirmImportForm):
    """Segundo passo: confirma a prévia para a mesma versão."""

    mapa = forms.ModelChoiceField(queryset=MapaSalarial.objects.none(), widget=forms.HiddenInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mapa"].queryset = _rascunhos()


class FiltroMapaForm(forms.Form):
    """Filtros da página “Mapa salarial” (GET)."""

    versao = forms.ModelChoiceField(
        queryset=MapaSalarial.objects.none(), required=False, label="Versão", empty_label=None
    )
    senioridade = forms.ChoiceField(
        required=False,
        label="Senioridade",
        choices=[("", "Todas"), *calculo.SENIORIDADES, ("sem", "Sem senioridade")],
    )
    familia = forms.ChoiceField(required=False, label="Família de perfil", choices=[("", "Todas")])
    busca = forms.CharField(required=False, label="Buscar", max_length=100)

    def __init__(self, *args, versoes, familias, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versao"].queryset = versoes
        self.fields["familia"].choices = [("", "Todas"), *((f, f) for f in familias)]
        self.fields["busca"].widget.attrs["placeholder"] = "código ou perfil"


class CompararMapasForm(forms.Form):
    """Escolha das duas versões a comparar (GET)."""

    anterior = forms.ModelChoiceField(queryset=MapaSalarial.objects.none(), label="Versão anterior")
    atual = forms.ModelChoiceField(queryset=MapaSalarial.objects.none(), label="Versão nova")

    def __init__(self, *args, versoes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anterior"].queryset = versoes
        self.fields["atual"].queryset = versoes

    def clean(self):
        dados = super().clean()
        if dados.get("anterior") and dados.get("anterior") == dados.get("atual"):
            self.add_error("atual", "Escolha duas versões diferentes.")
        return dados


# --- Estimativa da contratação ---


def _exigir_versao(form):
    """Na edição, a versão lida vem no campo oculto (trava otimista); na criação vale o padrão do modelo."""
    form.fields["versao"].required = False


def _conferir_versao(form, dados):
    # Erro de campo oculto não aparece ao lado de nada: vai para o topo do formulário.
    if form.instance.pk and dados.get("versao") is None and "versao" not in form.errors:
        form.add_error(None, "O formulário veio sem a versão de edição; recarregue a página.")
    return dados


class ContratacaoForm(forms.ModelForm):
    """Dados da contratação; a versão do mapa só se escolhe ao criar (depois, por “Reprecificar”)."""

    class Meta:
        model = Contratacao
        fields = ["orgao", "objeto", "numero_processo", "uasg", "mapa", "meses", "situacao", "versao"]
        widgets = {"objeto": forms.Textarea(attrs={"rows": 3}), "versao": forms.HiddenInput}
        help_texts = {
            "numero_processo": "Ex.: 19974.002200/2024-01",
            "uasg": "Opcional: 6 dígitos. Em branco, vale a UASG do órgão.",
            "meses": "Padrão: 12 meses.",
        }

    def __init__(self, *args, orgaos, mapas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["orgao"].queryset = orgaos
        self.fields["mapa"].queryset = mapas
        self.fields["mapa"].empty_label = None
        _exigir_versao(self)
        if self.instance.pk:
            # A troca de versão é a ação "Reprecificar", que mostra a diferença antes.
            del self.fields["mapa"]
            del self.fields["orgao"]
        else:
            del self.fields["situacao"]
            if len(orgaos) == 1:
                self.fields["orgao"].initial = orgaos[0].pk
                self.fields["orgao"].empty_label = None

    def clean(self):
        return _conferir_versao(self, super().clean())


class MembroEquipeForm(forms.ModelForm):
    class Meta:
        model = MembroEquipe
        fields = ["nome", "papel"]


class _ComTeto:
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


class BaseEquipeFormSet(_ComTeto, forms.BaseInlineFormSet):
    default_error_messages = {
        "too_many_forms": "A equipe de planejamento tem no máximo %(num)d integrantes.",
    }


EquipeFormSet = forms.inlineformset_factory(
    Contratacao,
    MembroEquipe,
    form=MembroEquipeForm,
    formset=BaseEquipeFormSet,
    extra=1,
    can_delete=True,
    max_num=calculo.EQUIPE_MAXIMA,
    absolute_max=calculo.EQUIPE_MAXIMA,
    validate_max=True,
)


class SelectCatalogo(forms.Select):
    """Cada versão leva o seu tipo (data-tipo): a página mostra só as do tipo de item escolhido."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        opcao = super().create_option(name, value, label, selected, index, subindex, attrs)
        if getattr(value, "instance", None) is not None:
            opcao["attrs"]["data-tipo"] = value.instance.tipo
        return opcao


class ItemForm(forms.ModelForm):
    """Número, descrição e tipo; o item de catálogo fixa uma versão aprovada do catálogo do seu tipo."""

    class Meta:
        model = Item
        fields = ["numero", "descricao", "tipo", "catalogo", "versao"]
        widgets = {"catalogo": SelectCatalogo, "versao": forms.HiddenInput}
        help_texts = {
            "tipo": "Perfis profissionais: valor pelas OS planejadas. Serviços de nuvem ou serviços "
            "profissionais: valor pelas linhas de serviço do catálogo SERPRO.",
            "catalogo": "Só para itens de serviços de nuvem ou profissionais: versão aprovada (vigente) do "
            "catálogo do mesmo tipo.",
        }

    def __init__(self, *args, catalogos, **kwargs):
        super().__init__(*args, **kwargs)
        atual = self.instance.catalogo_id
        # A versão já fixada continua na lista mesmo depois de substituída.
        self.fields["catalogo"].queryset = (
            catalogos | catalogos.model.objects.filter(pk=atual) if atual else catalogos
        ).distinct()
        self.fields["catalogo"].empty_label = "—"
        # Sem tipo informado vale o comportamento de antes: item de perfis (OS).
        self.fields["tipo"].required = False
        self.fields["numero"].max_value = calculo.ITEM_NUMERO_MAXIMO
        self.fields["numero"].widget.attrs["max"] = calculo.ITEM_NUMERO_MAXIMO
        _exigir_versao(self)

    def clean_tipo(self):
        return self.cleaned_data.get("tipo") or Item.Tipo.PERFIS

    def clean(self):
        dados = super().clean()
        # Catálogo obrigatório e do tipo do item: regra do modelo (Item.clean), que o ModelForm aplica.
        if dados.get("tipo") == Item.Tipo.PERFIS:
            dados["catalogo"] = None
        return _conferir_versao(self, dados)

    def clean_numero(self):
        numero = self.cleaned_data["numero"]
        repetidos = Item.objects.filter(contratacao=self.instance.contratacao, numero=numero)
        if repetidos.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(Item.mensagem_numero_repetido(numero))
        return numero


class OrdemServicoForm(forms.ModelForm):
    class Meta:
        model = OrdemServico
        fields = ["item", "numero", "identificacao", "objetivo", "prazo_atendimento", "produtos", "versao"]
        widgets = {
            "objetivo": forms.Textarea(attrs={"rows": 3}),
            "produtos": forms.Textarea(attrs={"rows": 3}),
            "versao": forms.HiddenInput,
        }
        help_texts = {"numero": "Formato: OS nº 001/2026 (único na contratação)."}

    def __init__(self, *args, contratacao, itens, **kwargs):
        super().__init__(*args, **kwargs)
        self.contratacao = contratacao
        self.fields["item"].queryset = itens
        self.fields["item"].empty_label = None
        _exigir_versao(self)

    def clean(self):
        return _conferir_versao(self, super().clean())

    def clean_numero(self):
        numero = self.cleaned_data["numero"].strip()
        repetidas = OrdemServico.objects.filter(contratacao=self.contratacao, numero=numero)
        if repetidas.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(OrdemServico.mensagem_numero_repetido(numero))
        return numero

    def clean_produtos(self):
        produtos = separar_produtos(self.cleaned_data.get("produtos", ""))
        if not produtos:
            raise forms.ValidationError("Informe ao menos um produto ou resultado a entregar (um por linha).")
        return "\n".join(produtos)


def opcoes_de_perfis(perfis) -> list[tuple[str, str, str]]:
    """(pk, rótulo escapado, K do mapa) de cada perfil, montados uma vez para todas as linhas."""
    return [(str(v.pk), escape(f"{v.codigo} – {v.titulo}"), f"{v.fator_k:.2f}") for v in perfis.values()]


class _RenderizacaoDireta:
    """Widget das linhas montado em Python: 500 linhas × 5 campos pelo motor de templates levam segundos."""

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
        return f'<input type="{self.input_type}" name="{name}"{campo_valor}{atributos}>'


class NumeroDireto(EntradaDireta):
    input_type = "number"


class OcultoDireto(EntradaDireta):
    input_type = "hidden"


class TextoLongoDireto(_RenderizacaoDireta, forms.Textarea):
    def html(self, name, value, atributos):
        return f'<textarea name="{name}"{atributos}>\n{self.texto(value)}</textarea>'


class SelectPerfil(_RenderizacaoDireta, forms.Select):
    """Perfis da versão fixada; cada opção leva o Fator-K do mapa em data-fator-k (o script revela a
    justificativa quando o K digitado difere)."""

    opcoes: list = []

    def html(self, name, value, atributos):
        valor = "" if value is None else str(value)
        partes = [f'<select name="{name}"{atributos}>', '<option value="">Escolha o perfil</option>']
        for pk, rotulo, k in self.opcoes:
            marcado = " selected" if pk == valor else ""
            partes.append(f'<option value="{pk}" data-fator-k="{k}"{marcado}>{rotulo}</option>')
        partes.append("</select>")
        return "".join(partes)


class LinhaPerfilForm(forms.Form):
    """Uma linha da OS. O Fator-K em branco assume o do mapa; "2,50" é aceito (campo localizado)."""

    id = forms.IntegerField(required=False, widget=OcultoDireto)
    perfil = forms.IntegerField(
        label="Perfil",
        widget=SelectPerfil(attrs={"class": "campo-perfil"}),
        error_messages={"required": "Escolha o perfil.", "invalid": "Escolha um perfil da versão fixada."},
    )
    quantidade = forms.IntegerField(
        label="Quantidade",
        min_value=1,
        max_value=calculo.QUANTIDADE_PROFISSIONAIS_MAXIMA,
        widget=NumeroDireto(attrs={"class": "campo-quantidade"}),
        error_messages={
            "required": "Informe a quantidade.",
            "min_value": "Informe ao menos 1 profissional.",
            "max_value": MENSAGEM_QUANTIDADE_MAXIMA,
            "invalid": "Use um número inteiro.",
        },
    )
    fator_k = forms.DecimalField(
        label="Fator-K",
        required=False,
        localize=True,
        max_digits=4,
        decimal_places=2,
        widget=EntradaDireta(attrs={"inputmode": "decimal", "class": "campo-fator-k"}),
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
        self.fields["perfil"].widget.opcoes = opcoes if opcoes is not None else opcoes_de_perfis(perfis)
        numero = (self.prefix or "").rsplit("-", 1)[-1]
        rotulo = f" da linha {int(numero) + 1}" if numero.isdigit() else ""
        for nome in ("perfil", "quantidade", "fator_k", "justificativa"):
            self.fields[nome].widget.attrs["aria-label"] = f"{self.fields[nome].label}{rotulo}"

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

    def linha(self, *, existentes) -> LinhaPerfil | None:
        """Linha não gravada com os dados válidos, ou None (incompleta: fica fora dos totais)."""
        if not self.is_valid() or self.cleaned_data.get("perfil") is None:
            return None
        dados = self.cleaned_data
        perfil = self.perfis[dados["perfil"]]
        linha = existentes.get(dados.get("id")) or LinhaPerfil()
        linha.perfil = perfil
        linha.quantidade = dados["quantidade"]
        linha.fator_k = dados["fator_k"]
        linha.fator_k_referencia = perfil.fator_k
        linha.justificativa = dados.get("justificativa", "").strip()
        return linha


CAMPOS_FORA_DAS_LINHAS = 20  # csrf, dados da OS e controle do formset


def linhas_por_os_maximo() -> int:
    """Quantas linhas cabem num envio: cada linha tem 5 campos e o Django limita os campos de um POST
    (DATA_UPLOAD_MAX_NUMBER_FIELDS); acima disso o envio seria recusado antes de chegar à página."""
    limite = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if limite is None:
        return calculo.LINHAS_POR_OS_MAXIMO
    por_envio = (limite - CAMPOS_FORA_DAS_LINHAS) // len(LinhaPerfilForm.base_fields)
    return max(1, min(calculo.LINHAS_POR_OS_MAXIMO, por_envio))


class BaseLinhasFormSet(_ComTeto, forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": "Uma OS aceita até %(num)d linhas de perfil; distribua os perfis em outra OS.",
    }

    def __init__(self, *args, perfis, **kwargs):
        kwargs.setdefault("form_kwargs", {}).update(perfis=perfis, opcoes=opcoes_de_perfis(perfis))
        kwargs.setdefault("prefix", "linhas")
        super().__init__(*args, **kwargs)
        self.maximo = self.max_num = self.absolute_max = linhas_por_os_maximo()

    def clean(self):
        if any(self.errors):
            return
        if not [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]:
            raise forms.ValidationError("Inclua ao menos um perfil profissional na OS (item 9.5.1.1).")


LinhasFormSet = forms.formset_factory(
    LinhaPerfilForm,
    formset=BaseLinhasFormSet,
    extra=0,
    max_num=calculo.LINHAS_POR_OS_MAXIMO,
    absolute_max=calculo.LINHAS_POR_OS_MAXIMO,
    validate_max=True,
)


class ReprecificarForm(forms.Form):
    mapa = forms.ModelChoiceField(queryset=MapaSalarial.objects.none(), label="Nova versão do mapa salarial")

    def __init__(self, *args, mapas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mapa"].queryset = mapas


class FiltroContratacoesForm(forms.Form):
    busca = forms.CharField(required=False, label="Buscar", max_length=100)
    situacao = forms.ChoiceField(
        required=False, label="Situação", choices=[("", "Todas"), *Contratacao.Situacao.choices]
    )
    mapa = forms.ModelChoiceField(
        queryset=MapaSalarial.objects.none(), required=False, label="Versão do mapa", empty_label="Todas"
    )

    def __init__(self, *args, mapas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mapa"].queryset = mapas
        self.fields["busca"].widget.attrs["placeholder"] = "objeto, processo ou órgão"


# --- Linhas de serviço de um item de catálogo (nuvem ou serviços profissionais) ---


def _preco_e_unidade(servico) -> str:
    if hasattr(servico, "preco_unitario"):  # nuvem: preço de consumo com 4 casas
        return f"R$ {formatar_numero(servico.preco_unitario, 4)}/{servico.unidade_medida}"
    return f"R$ {formatar_numero(servico.preco, 2)}/{servico.get_unidade_display().lower()}"


def opcoes_de_servicos(servicos) -> list[tuple[str, str, str]]:
    """(pk, rótulo escapado, "") de cada serviço da versão fixada, montados uma vez para todas as linhas."""
    return [
        (str(s.pk), escape(f"{s.codigo} – {s.nome} ({_preco_e_unidade(s)})"), "") for s in servicos.values()
    ]


class SelectServico(_RenderizacaoDireta, forms.Select):
    opcoes: list = []

    def html(self, name, value, atributos):
        valor = "" if value is None else str(value)
        partes = [f'<select name="{name}"{atributos}>', '<option value="">Escolha o serviço</option>']
        for pk, rotulo, _ in self.opcoes:
            marcado = " selected" if pk == valor else ""
            partes.append(f'<option value="{pk}"{marcado}>{rotulo}</option>')
        partes.append("</select>")
        return "".join(partes)


class QuantidadeDireta(EntradaDireta):
    """Quantidade fracionária no formato brasileiro (1,5), sem zeros à direita."""

    def html(self, name, value, atributos):
        if isinstance(value, Decimal):
            texto = format(value.normalize(), "f").replace(".", ",")
            value = texto
        return super().html(name, value, atributos)


class LinhaNuvemForm(forms.Form):
    """Uma linha do item de catálogo: serviço da versão fixada e quantidade mensal (aceita 1,5)."""

    id = forms.IntegerField(required=False, widget=OcultoDireto)
    servico = forms.IntegerField(
        label="Serviço",
        widget=SelectServico(attrs={"class": "campo-servico"}),
        error_messages={"required": "Escolha o serviço.", "invalid": "Escolha um serviço da versão fixada."},
    )
    quantidade = forms.DecimalField(
        label="Quantidade mensal",
        localize=True,
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
        self.fields["servico"].widget.opcoes = opcoes if opcoes is not None else opcoes_de_servicos(servicos)
        numero = (self.prefix or "").rsplit("-", 1)[-1]
        rotulo = f" da linha {int(numero) + 1}" if numero.isdigit() else ""
        for nome in ("servico", "quantidade", "observacao"):
            self.fields[nome].widget.attrs["aria-label"] = f"{self.fields[nome].label}{rotulo}"

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
        linha = existentes.get(dados.get("id")) or self.modelo()
        linha.servico = self.servicos[dados["servico"]]
        linha.quantidade = dados["quantidade"]
        linha.observacao = dados.get("observacao", "").strip()
        return linha


class BaseLinhasNuvemFormSet(_ComTeto, forms.BaseFormSet):
    default_error_messages = {"too_many_forms": "Um item aceita até %(num)d linhas de serviço."}

    def __init__(self, *args, servicos, modelo=LinhaNuvem, **kwargs):
        kwargs.setdefault("form_kwargs", {}).update(
            servicos=servicos, modelo=modelo, opcoes=opcoes_de_servicos(servicos)
        )
        kwargs.setdefault("prefix", "nuvem")
        super().__init__(*args, **kwargs)
        self.maximo = self.max_num = self.absolute_max = min(
            linhas_por_os_maximo(), calculo.LINHAS_POR_ITEM_MAXIMO
        )

    def clean(self):
        if any(self.errors):
            return
        if not [f for f in self.forms if f.cleaned_data]:
            raise forms.ValidationError("Inclua ao menos um serviço no item.")


LinhasNuvemFormSet = forms.formset_factory(
    LinhaNuvemForm,
    formset=BaseLinhasNuvemFormSet,
    extra=0,
    max_num=calculo.LINHAS_POR_ITEM_MAXIMO,
    absolute_max=calculo.LINHAS_POR_ITEM_MAXIMO,
    validate_max=True,
)
