from django import forms
from django.core.exceptions import ValidationError

from contratos.fiscalizacao.models import EmissaoOS, PeriodoFiscalizacao, ProfissionalAlocado
from core.planilhas import AJUDA_LIMITES, ErroPlanilha, verificar_tamanho

_DATA = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EmissaoForm(forms.ModelForm):
    class Meta:
        model = EmissaoOS
        fields = ["data_emissao"]
        widgets = {"data_emissao": _DATA}


class PeriodoForm(forms.Form):
    competencia = forms.DateField(
        label="Mês fiscalizado",
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": "Informe o mês como aaaa-mm."},
    )

    def __init__(self, *args, emissao, **kwargs):
        super().__init__(*args, **kwargs)
        self.emissao = emissao

    def clean_competencia(self):
        mes = self.cleaned_data["competencia"].replace(day=1)
        if self.emissao.periodos.filter(competencia=mes).exists():
            raise forms.ValidationError(f"O período {mes:%m/%Y} já existe nesta OS.")
        try:
            PeriodoFiscalizacao(emissao=self.emissao, competencia=mes).clean()
        except ValidationError as erro:
            raise forms.ValidationError(erro.message_dict["competencia"]) from erro
        return mes


class AlocadoForm(forms.ModelForm):
    class Meta:
        model = ProfissionalAlocado
        fields = [
            "nome",
            "perfil",
            "senioridade",
            "anos_experiencia",
            "formacao",
            "certificado",
            "inicio",
            "fim",
        ]
        widgets = {"inicio": _DATA, "fim": _DATA}

    def __init__(self, *args, mapa, **kwargs):
        super().__init__(*args, **kwargs)
        # só os perfis da versão do mapa da contratação da OS
        self.fields["perfil"].queryset = mapa.valores.order_by("codigo")
        self.fields["perfil"].label_from_instance = lambda v: f"{v.codigo} – {v.titulo}"


class AvaliacaoForm(forms.ModelForm):
    class Meta:
        model = PeriodoFiscalizacao
        fields = [
            "fiscal",
            "objetivos",
            "nota_objetivos",
            "produtos",
            "nota_produtos",
            "prazos",
            "nota_prazos",
        ]
        widgets = {
            campo: forms.Textarea(attrs={"rows": 2})
            for campo in ("nota_objetivos", "nota_produtos", "nota_prazos")
        }


class PlanilhaEquipeForm(forms.Form):
    arquivo = forms.FileField(label="Planilha da equipe (.csv ou .xlsx)", help_text=AJUDA_LIMITES)

    def clean_arquivo(self):
        arquivo = self.cleaned_data["arquivo"]
        try:
            verificar_tamanho(arquivo.size)  # antes de ler o arquivo para a memória
        except ErroPlanilha as erro:
            raise forms.ValidationError(erro.mensagens()) from erro
        return arquivo
