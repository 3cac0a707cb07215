"""Linhas só validadas, para o total ao vivo (issue 19): 500 linhas a cada tecla, sem desenhar campo nenhum.

`so_validar(Formulario)` dá a mesma linha, com os mesmos campos e as mesmas regras (herdadas), sem o que só
serve para desenhar: os campos da classe não são copiados para cada formulário (`forms.Form` faz
`copy.deepcopy(base_fields)`, ~40% da requisição com 500 linhas), nenhum BoundField é montado só para ler um
valor, e a linha que só vai à simulação é um objeto simples, não uma instância do modelo. Nada aqui muda um
campo ou widget (seriam os da classe): rótulos e ids ficam com o formulário da página.
"""

from types import SimpleNamespace

from django import forms


class _CamposDaClasse(dict):
    """Os campos da classe, entregues sem cópia a cada formulário."""

    def __deepcopy__(self, memo):
        return self


class _SoValidar:
    def _clean_fields(self):
        """O `_clean_fields` do Django sem um BoundField por campo: o mesmo valor do widget, o mesmo
        `clean` do campo e os mesmos `clean_<campo>`. Vale para campos sem `disabled` e sem arquivo, como os
        das linhas."""
        for nome, campo in self.fields.items():
            valor = campo.widget.value_from_datadict(self.data, self.files, self.add_prefix(nome))
            try:
                self.cleaned_data[nome] = campo.clean(valor)
                if hasattr(self, f"clean_{nome}"):
                    self.cleaned_data[nome] = getattr(self, f"clean_{nome}")()
            except forms.ValidationError as erro:
                self.add_error(nome, erro)

    def nova_linha(self):
        return SimpleNamespace()  # nunca gravada: só os atributos que a simulação lê


def so_validar(formulario: type[forms.Form]) -> type[forms.Form]:
    """A classe de linha `formulario` só para validar (o total ao vivo)."""
    classe = type(f"{formulario.__name__}SoValidar", (_SoValidar, formulario), {})
    classe.base_fields = _CamposDaClasse(classe.base_fields)
    return classe
