from django import forms

from acordo import prazos
from acordo.models import Ocorrencia

# limite do sistema (não da lei): evita materializar milhares de ocorrências por engano de digitação
MAX_MESES = 240

ROTULOS_SITUACAO = prazos.ROTULOS_SITUACAO


class CampoData(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DescreveCampos:
    """Liga cada campo à sua ajuda e aos seus erros (aria-describedby), como o pack dsgov."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nome, campo in self.fields.items():
            campo.widget.attrs["aria-describedby"] = f"id_{nome}_ajuda"


class CronogramaFiltroForm(DescreveCampos, forms.Form):
    responsavel = forms.ChoiceField(label="Responsável", required=False)
    situacao = forms.ChoiceField(
        label="Situação",
        required=False,
        choices=[("", "Todas"), *[(s.value, r) for s, r in ROTULOS_SITUACAO.items()]],
    )
    de = forms.DateField(label="Vencimento de", required=False, widget=CampoData())
    ate = forms.DateField(label="Vencimento até", required=False, widget=CampoData())

    def __init__(self, *args, participes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsavel"].choices = [("", "Todos"), *[(p.sigla, p.sigla) for p in participes]]

    def clean(self):
        dados = super().clean()
        de, ate = dados.get("de"), dados.get("ate")
        if de and ate and de > ate:
            self.add_error("ate", "A data final do período deve ser igual ou posterior à inicial.")
        return dados

    def filtros(self) -> dict:
        """Só os filtros válidos: um campo com erro é ignorado (e o erro aparece ao lado dele)."""
        dados = getattr(self, "cleaned_data", {}) or {}
        return {k: dados.get(k) for k in ("responsavel", "situacao", "de", "ate") if k not in self.errors}


class ConclusaoForm(DescreveCampos, forms.ModelForm):
    link = forms.URLField(
        label="Link da evidência",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Endereço onde a evidência pode ser consultada.",
    )

    class Meta:
        model = Ocorrencia
        fields = ["data_conclusao", "numero_sei", "link", "observacao"]
        widgets = {"data_conclusao": CampoData(), "observacao": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "numero_sei": "Número do documento ou processo no SEI que comprova a ação.",
        }

    def __init__(self, *args, hoje, assinatura, **kwargs):
        super().__init__(*args, **kwargs)
        self.hoje, self.assinatura = hoje, assinatura
        self.fields["data_conclusao"].required = True
        self.fields["data_conclusao"].initial = hoje

    def clean_data_conclusao(self):
        data = self.cleaned_data["data_conclusao"]
        erro = data and prazos.erro_na_data_de_conclusao(data, assinatura=self.assinatura, hoje=self.hoje)
        if erro:
            raise forms.ValidationError(erro)
        return data

    def clean(self):
        dados = super().clean()
        # Link digitado mas inválido já tem a sua mensagem: não acusar também a falta de evidência.
        sem_evidencia = not prazos.tem_evidencia(dados.get("numero_sei", ""), dados.get("link", ""))
        if sem_evidencia and not self.has_error("numero_sei") and not self.has_error("link"):
            self.add_error("numero_sei", prazos.SEM_EVIDENCIA)
        return dados

    def _post_clean(self):
        # a validação do modelo (estado concluído) é feita pelo serviço; aqui só os campos
        pass


class ReaberturaForm(DescreveCampos, forms.Form):
    motivo = forms.CharField(
        label="Motivo da reabertura",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text="Fica registrado no histórico da ocorrência.",
        # o CharField já tira os espaços: motivo só de espaços cai aqui, com a mensagem do domínio
        error_messages={"required": prazos.SEM_MOTIVO_DE_REABERTURA},
    )


class VigenciaForm(DescreveCampos, forms.Form):
    data_assinatura = forms.DateField(label="Data de assinatura", widget=CampoData())
    vigencia_meses = forms.IntegerField(
        label="Vigência (meses)",
        min_value=1,
        max_value=MAX_MESES,
        help_text="O término é a data de assinatura mais estes meses.",
        error_messages={"max_value": f"O sistema aceita vigência de até {MAX_MESES} meses; confira o valor."},
    )
