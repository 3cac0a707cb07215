"""Formulários de contratos: importação do mapa no admin (versão e guardas de arquivo) e filtros."""

from django import forms
from import_export.forms import ConfirmImportForm, ImportForm

from catalogo.planilhas import TAMANHO_MAXIMO, ErroPlanilha, ler_tabela
from contratos import calculo
from contratos.models import MapaSalarial


def _rascunhos():
    return MapaSalarial.objects.filter(situacao=MapaSalarial.Situacao.RASCUNHO)


class ImportarMapaForm(ImportForm):
    """Primeiro passo: versão de destino (só rascunhos) e arquivo, que passa pelas guardas de planilha."""

    mapa = forms.ModelChoiceField(
        queryset=MapaSalarial.objects.none(),
        label="Versão que recebe as linhas",
        help_text="Só rascunhos aparecem: uma versão publicada muda por “Nova versão a partir desta”.",
    )
    field_order = ["resource", "mapa", "import_file", "format"]

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formatos = formats
        self.fields["mapa"].queryset = _rascunhos()
        self.fields["import_file"].label = "Planilha (.csv ou .xlsx, até 10 MiB)"
        self.fields[
            "import_file"
        ].help_text = (
            "Colunas: codigo, perfil, senioridade, remuneracao, fator_k. Números como 5.075,52 ou 5075.52."
        )
        # O formato vem da extensão do arquivo: um campo a menos para errar.
        self.fields["format"].required = False
        self.fields["format"].widget = forms.HiddenInput()

    def clean(self):
        dados = super().clean()
        arquivo = dados.get("import_file")
        mapa = dados.get("mapa")
        if mapa is not None and mapa.bloqueado:
            self.add_error("mapa", mapa.motivo_bloqueio())
        if arquivo is None:
            return dados
        if arquivo.size > TAMANHO_MAXIMO:
            mib = f"{arquivo.size / 1024 / 1024:.1f}".replace(".", ",")
            self.add_error("import_file", f"O arquivo tem {mib} MiB; o limite é 10 MiB.")
            return dados
        conteudo = arquivo.read()
        arquivo.seek(0)
        try:
            ler_tabela(arquivo.name, conteudo, getattr(arquivo, "content_type", "") or "")
        except ErroPlanilha as erro:
            self.add_error("import_file", erro.mensagens())
            return dados
        extensao = arquivo.name.rsplit(".", 1)[-1].lower()
        for indice, formato in enumerate(self.formatos):
            if formato().get_extension() == extensao:
                dados["format"] = str(indice)
        return dados


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
