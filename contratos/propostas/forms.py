"""Formulários das propostas: os dados do licitante e uma oferta por linha de perfil da estimativa."""

from decimal import Decimal

from django import forms

from contratos.propostas import importacao, regras
from contratos.propostas.models import Proposta
from core.formularios import CampoDecimalBR
from core.numeros import formatar_reais


class PropostaForm(forms.ModelForm):
    # com pontuação o CNPJ tem 18 caracteres; o banco guarda os 14 dígitos
    cnpj = forms.CharField(label="CNPJ", max_length=18, help_text="Ex.: 12.345.678/0001-95")

    class Meta:
        model = Proposta
        fields = ["licitante", "cnpj", "data", "situacao"]
        widgets = {"data": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_cnpj(self):
        try:
            cnpj = regras.normalizar_cnpj(self.cleaned_data["cnpj"])
        except ValueError as erro:
            raise forms.ValidationError(str(erro)) from None
        # a contratação não é campo do formulário: o CNPJ repetido nela é conferido aqui, junto ao campo
        repetida = Proposta.objects.filter(contratacao_id=self.instance.contratacao_id, cnpj=cnpj)
        if repetida.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Já há uma proposta deste CNPJ nesta contratação.")
        return cnpj


def _campo(rotulo: str, casas: int, digitos: int) -> CampoDecimalBR:
    return CampoDecimalBR(
        label=rotulo,
        required=False,
        max_digits=digitos,
        decimal_places=casas,
        min_value=Decimal("0.01"),
        error_messages={"min_value": "Informe um valor maior que zero."},
    )


class OfertasForm(forms.Form):
    """Três campos por linha da estimativa: o preço unitário mensal, ou o salário e o Fator-K (um deriva
    o outro)."""

    def __init__(self, *args, linhas, inicial=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.linhas = linhas
        inicial = inicial or {}
        for linha in linhas:
            preco, salario, fator_k = inicial.get(linha.pk, (None, None, None))
            self.fields[f"preco_{linha.pk}"] = _campo("Preço unitário mensal", 2, 14)
            self.fields[f"salario_{linha.pk}"] = _campo("Salário ofertado", 2, 14)
            self.fields[f"k_{linha.pk}"] = _campo("Fator-K", 2, 4)
            self.initial.update(
                {
                    f"preco_{linha.pk}": None if salario is not None else preco,
                    f"salario_{linha.pk}": salario,
                    f"k_{linha.pk}": fator_k,
                }
            )

    def linhas_com_campos(self):
        return [
            (linha, self[f"preco_{linha.pk}"], self[f"salario_{linha.pk}"], self[f"k_{linha.pk}"])
            for linha in self.linhas
        ]

    def clean(self):
        dados = super().clean()
        self.ofertas = {}
        for linha in self.linhas:
            preco, salario, fator_k = (dados.get(f"{c}_{linha.pk}") for c in ("preco", "salario", "k"))
            if any(f"{c}_{linha.pk}" in self.errors for c in ("preco", "salario", "k")):
                continue
            erro = validar_oferta(preco=preco, salario=salario, fator_k=fator_k)
            if erro:
                self.add_error(erro[0] and f"{erro[0]}_{linha.pk}", erro[1])
            else:
                self.ofertas[linha.pk] = (preco, salario, fator_k)
        return dados


def validar_oferta(*, preco, salario, fator_k) -> tuple[str, str] | None:
    """(campo, mensagem) do que falta ou não confere numa oferta; None se está certa."""
    if (salario is None) != (fator_k is None):
        return ("k" if fator_k is None else "salario", "Informe o salário e o Fator-K juntos.")
    if preco is None and salario is None:
        return ("preco", "Informe o preço unitário mensal, ou o salário e o Fator-K.")
    if preco is not None and salario is not None:
        derivado = regras.preco_ofertado(preco=None, salario=salario, fator_k=fator_k)
        if derivado != preco:
            return ("preco", f"O preço não confere com salário × Fator-K ({formatar_reais(derivado)}).")
    return None


class ImportarForm(forms.Form):
    arquivo = forms.FileField(
        label="Anexo A preenchido pelo licitante (.xlsx)",
        help_text="A planilha exportada em “Exportar Anexo A”, com o salário e o Fator-K (ou o custo por "
        "profissional) ofertados em cada linha.",
    )

    def clean_arquivo(self):
        arquivo = self.cleaned_data["arquivo"]
        if arquivo.size > importacao.TAMANHO_MAXIMO:
            raise forms.ValidationError("O arquivo passa de 20 MiB.")
        return arquivo


class LimiaresForm(forms.Form):
    """Os limiares da análise (padrões do §4.8), ajustáveis na página."""

    k_maximo = _campo("Fator-K acima do qual pedir diligência", 2, 4)
    percentual_minimo = _campo("% mínimo da estimativa", 2, 5)

    def clean_percentual_minimo(self):
        percentual = self.cleaned_data["percentual_minimo"]
        if percentual is not None and percentual > 100:
            raise forms.ValidationError("Informe um percentual de até 100.")
        return percentual

    def limiares(self) -> regras.Limiares:
        dados = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return regras.Limiares(
            k_maximo=dados.get("k_maximo") or regras.K_MAXIMO_PADRAO,
            percentual_minimo=dados.get("percentual_minimo") or regras.PERCENTUAL_MINIMO_PADRAO,
        )


class ValoresContratadosForm(forms.Form):
    """O valor mensal atual do contrato em cada item de perfis (vazio: ainda não informado)."""

    def __init__(self, *args, itens, **kwargs):
        super().__init__(*args, **kwargs)
        self.itens = itens
        for item in itens:
            campo = _campo(f"Item {item.numero} – {item.descricao}", 2, 14)
            campo.help_text = "Valor mensal atual do contrato neste item."
            self.fields[f"valor_{item.pk}"] = campo
            atual = getattr(item, "valor_contratado", None)
            self.initial[f"valor_{item.pk}"] = atual.valor_mensal if atual else None

    def valores(self) -> dict[int, Decimal | None]:
        return {item.pk: self.cleaned_data.get(f"valor_{item.pk}") for item in self.itens}
