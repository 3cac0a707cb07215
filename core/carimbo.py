"""Carimbo de geração (DESIGN.md §5): o que todo arquivo exportado traz nas propriedades e no rodapé.

Puro (sem Django, sem banco, sem relógio): quem chama passa a data-hora e o código. O código curto é o que
uma pessoa lê no rodapé do PDF juntado ao processo e digita na conferência; o SHA-256 do arquivo inteiro é
o que "Verificar arquivo" compara.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from core.celulas import texto_seguro

# Sem 0/O, 1/I/L: o código é lido no papel e digitado.
_ALFABETO = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TAMANHO_CODIGO = 8


def novo_codigo() -> str:
    """Código curto e aleatório, em dois grupos de 4: ex. "K7QM-2XWD"."""
    letras = "".join(secrets.choice(_ALFABETO) for _ in range(TAMANHO_CODIGO))
    return f"{letras[:4]}-{letras[4:]}"


def sha256(conteudo: bytes) -> str:
    return hashlib.sha256(conteudo).hexdigest()


@dataclass(frozen=True)
class Carimbo:
    versao_app: str
    # de quê é o arquivo: "Processo 19974.000001/2026-01 (MGI)", "ACT 142/2024 – competência 03/2026"...
    origem: str
    gerado_em: datetime
    codigo: str
    mapa: str = ""  # o ato da versão do mapa, quando os números do arquivo dependem de uma (o ACT não)

    @property
    def texto(self) -> str:
        """Uma linha para rodapé e propriedades do arquivo."""
        mapa = f"Mapa: {self.mapa} · " if self.mapa else ""
        return (
            f"PlanejaTIC {self.versao_app} · {self.origem} · {mapa}"
            f"gerado em {self.gerado_em:%d/%m/%Y %H:%M} · código {self.codigo}"
        )

    @property
    def rodape(self) -> str:
        """Versão curta para o rodapé (o do Excel aceita 255 caracteres; "&" é código de campo, vai "&&")."""
        texto = (
            f"PlanejaTIC {self.versao_app} · {self.origem} · {self.gerado_em:%d/%m/%Y %H:%M} · "
            f"código {self.codigo}"
        )
        return texto.replace("&", "&&")[:200]


def carimbar_xlsx(pasta, carimbo: Carimbo | None) -> None:
    """Carimbo numa pasta do openpyxl ainda não salva: código, versão e texto nas propriedades e a linha
    curta no rodapé (à esquerda) de cada aba. Sem carimbo, não mexe em nada."""
    if carimbo is None:
        return
    props = pasta.properties
    props.identifier = carimbo.codigo
    props.version = carimbo.versao_app
    props.description = texto_seguro(carimbo.texto)[:250]
    for aba in pasta.worksheets:
        aba.oddFooter.left.text = carimbo.rodape
