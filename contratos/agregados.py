"""Leituras agregadas de contratos para outras áreas: só o que um total precisa, nunca o texto de um órgão."""

from datetime import date

from django.db.models import F
from django.db.models.functions import TruncDate

from catalogo.models import CategoriaNuvem
from contratos.models import LinhaNuvem, LinhaProfissional


def linhas_de_catalogo_ate(fim: date) -> list[dict]:
    """Linhas de serviço (nuvem e serviços profissionais) das contratações de todos os órgãos criadas até
    `fim`, só com o que um agregado precisa (sem objeto, processo, descrição nem observação). Duas consultas.

    Serve ao monitoramento do ACT (acordo), que só mostra totais por órgão e categoria (DESIGN.md §4.10)."""
    rotulos = dict(CategoriaNuvem.choices)
    comuns = {
        "orgao": F("item__contratacao__orgao__sigla"),
        "contratacao": F("item__contratacao_id"),
        "criada": TruncDate("item__contratacao__criada_em"),
        "atualizada": TruncDate("item__contratacao__atualizada_em"),
        "codigo": F("servico__codigo"),
        "nome": F("servico__nome"),
    }
    linhas = []
    for modelo, extras in (
        (LinhaNuvem, {"preco": F("servico__preco_unitario"), "categoria": F("servico__categoria")}),
        (LinhaProfissional, {"preco": F("servico__preco")}),
    ):
        consulta = modelo.objects.filter(item__contratacao__criada_em__date__lte=fim)
        for linha in consulta.values("quantidade", **comuns, **extras).order_by("pk"):
            categoria = linha.get("categoria")
            linha["categoria"] = rotulos.get(categoria, categoria) if categoria else None
            linhas.append(linha)
    return linhas
