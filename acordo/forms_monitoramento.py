"""Conclusão das ocorrências de monitoramento (ação 6) e de balanço (ação 7) com o relatório gerado."""

import re
from datetime import date

from django import forms

from acordo import monitoramento
from acordo.forms import ConclusaoForm

FORMATO_MES = re.compile(r"^(\d{4})-(\d{2})$")


class CampoMes(forms.TextInput):
    input_type = "month"


class ConclusaoComRelatorioForm(ConclusaoForm):
    anexar_relatorio = forms.BooleanField(
        label="Anexar o relatório gerado pelo PlanejaTIC",
        required=False,
        initial=True,
        help_text="O arquivo XLSX é gerado agora e guardado com o seu SHA-256, ao lado do número SEI.",
    )
    competencia = forms.CharField(
        label="Mês do relatório",
        required=False,
        widget=CampoMes(),
        help_text="No balanço, o último mês do semestre (AAAA-MM).",
    )

    def __init__(self, *args, primeiro_mes: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.primeiro_mes = primeiro_mes
        self.fields["competencia"].widget.attrs.update(min=f"{primeiro_mes:%Y-%m}", max=f"{self.hoje:%Y-%m}")

    def clean_competencia(self) -> date | None:
        texto = self.cleaned_data["competencia"].strip()
        if not texto:
            return None
        casado = FORMATO_MES.match(texto)
        if not casado or not 1 <= int(casado[2]) <= 12:
            raise forms.ValidationError("Informe o mês no formato AAAA-MM (ex.: 2025-01).")
        mes = monitoramento.primeiro_dia(int(casado[1]), int(casado[2]))
        if mes > self.hoje.replace(day=1):
            raise forms.ValidationError("O mês do relatório não pode estar no futuro.")
        if mes < self.primeiro_mes:
            raise forms.ValidationError(
                f"O ACT foi assinado em {self.assinatura:%m/%Y}: escolha um mês a partir dele."
            )
        return mes

    def clean(self):
        dados = super().clean()
        sem_mes = not dados.get("competencia") and not self.has_error("competencia")
        if dados.get("anexar_relatorio") and sem_mes:
            self.add_error("competencia", "Informe o mês do relatório a anexar.")
        return dados

    def dados_da_conclusao(self) -> dict:
        """Só os campos da conclusão (o serviço recebe o relatório à parte)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("anexar_relatorio", "competencia")}
