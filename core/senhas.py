"""Senhas triviais que os validadores do Django deixam passar (ex.: aaaaaaaaaaaa, 123456789abc)."""

from django.core.exceptions import ValidationError

_SEQUENCIAS = ("0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm")


def _trecho_em_sequencia(senha: str, tamanho: int) -> bool:
    texto = senha.lower()
    for seq in _SEQUENCIAS:
        for inicio in range(len(seq) - tamanho + 1):
            trecho = seq[inicio : inicio + tamanho]
            if trecho in texto or trecho[::-1] in texto:
                return True
    return False


class SenhaNaoTrivialValidator:
    """Recusa senhas com poucos caracteres distintos ou com longas sequências de teclado/alfabeto."""

    def __init__(self, minimo_distintos: int = 5, maior_sequencia: int = 5):
        self.minimo_distintos = minimo_distintos
        self.maior_sequencia = maior_sequencia

    def validate(self, password, user=None):
        if len(set(password)) < self.minimo_distintos:
            raise ValidationError(
                f"A senha repete caracteres demais: use ao menos {self.minimo_distintos} caracteres "
                "diferentes.",
                code="senha_repetitiva",
            )
        if _trecho_em_sequencia(password, self.maior_sequencia):
            raise ValidationError(
                "A senha contém uma sequência óbvia (como 12345, abcde ou qwert): escolha outra.",
                code="senha_sequencia",
            )

    def get_help_text(self):
        return (
            f"Use ao menos {self.minimo_distintos} caracteres diferentes e evite sequências como 12345 "
            "ou abcde."
        )
