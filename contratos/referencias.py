"""Carga do mapa salarial de referência (Portaria SGD/MGI nº 6.055/2025) pela importação do admin."""

from datetime import date
from pathlib import Path

from django.core.management.base import CommandError

from contratos import exemplo
from contratos.models import MapaSalarial
from contratos.services import mapa_importar, mapa_publicar

ARQUIVO = Path(__file__).parent / "dados" / "mapa-6055-2025.csv"
ATO = "Portaria SGD/MGI nº 6.055/2025"
VERSAO = {
    "numero": "6.055/2025",
    "anexo": "Anexo II da Portaria SGD/MGI nº 1.070/2023",
    "data_publicacao": date(2025, 8, 28),
    "data_vigencia": date(2025, 9, 1),  # Art. 5º
    "observacoes": "DOU de 28/08/2025, Edição 163, Seção 1, Página 70. Carga inicial do PlanejaTIC.",
}


def carregar(*, saida):
    mapa, criado = MapaSalarial.objects.get_or_create(nome_ato=ATO, defaults=VERSAO)
    resultado = mapa_importar(
        mapa=mapa, nome_arquivo=ARQUIVO.name, conteudo=ARQUIVO.read_bytes(), confirmar=True
    )
    if not resultado.ok:
        raise CommandError("Mapa salarial 6.055/2025 não carregado:\n" + "\n".join(resultado.erros))
    if criado:
        mapa_publicar(mapa=mapa)
    saida.write(
        f"Mapa salarial 6.055/2025: {resultado.novos} perfis novos, {resultado.alterados} alterados, "
        f"{resultado.inalterados} inalterados."
    )
    # Exemplo para o primeiro acesso (garantir_acesso já criou o superusuário antes desta carga).
    saida.write(exemplo.carregar(mapa=mapa))
