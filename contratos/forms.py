"""Formulários de contratos: importação do mapa no admin, filtros, contratação, item e dados da OS (as linhas
da OS e dos itens de catálogo ficam em `contratos/edicao/formularios.py`)."""

from django import forms
from import_export.forms import ConfirmImportForm

from contratos import calculo
from contratos.edicao.formularios import ComTeto
from contratos.models import (
    MENSAGEM_EQUIPE_MAXIMA,
    MENSAGEM_SEM_PRODUTO,
    Contratacao,
    Item,
    MapaSalarial,
    MembroEquipe,
    OrdemServico,
)
from contratos.widgets import SelectCatalogo
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
            "Colunas: Código, Perfil, Senioridade, Remuneração (R$), Fator-K (ou codigo, perfil, "
            "senioridade, remuneracao, fator_k). Números como 5.075,52 ou 5075.52. " + AJUDA_LIMITES
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


def _numero_livre(form, numero, contratacao):
    """Número do item ou da OS único na contratação (o serviço confere de novo; o banco garante no INSERT)."""
    modelo = type(form.instance)
    if modelo.objects.filter(contratacao=contratacao, numero=numero).exclude(pk=form.instance.pk).exists():
        raise forms.ValidationError(modelo.mensagem_numero_repetido(numero))
    return numero


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


class BaseEquipeFormSet(ComTeto, forms.BaseInlineFormSet):
    default_error_messages = {
        "too_many_forms": MENSAGEM_EQUIPE_MAXIMA.replace("{maximo}", "%(num)d"),
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
        # Catálogo obrigatório, do tipo do item (e nenhum no item de perfis): regra do modelo (Item.clean),
        # que o ModelForm aplica.
        return _conferir_versao(self, super().clean())

    def clean_numero(self):
        return _numero_livre(self, self.cleaned_data["numero"], self.instance.contratacao)


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
        # Só espaços e linhas em branco chegam vazios: a regra do modelo, com a mensagem dela.
        error_messages = {"produtos": {"required": MENSAGEM_SEM_PRODUTO}}

    def __init__(self, *args, contratacao, itens, **kwargs):
        super().__init__(*args, **kwargs)
        self.contratacao = contratacao
        self.fields["item"].queryset = itens
        self.fields["item"].empty_label = None
        _exigir_versao(self)

    def clean(self):
        return _conferir_versao(self, super().clean())

    def clean_numero(self):
        return _numero_livre(self, self.cleaned_data["numero"].strip(), self.contratacao)


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
