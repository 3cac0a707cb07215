"""Leituras de acordo (querysets e adaptadores para os módulos puros)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Max, Min, Prefetch, Q

from acordo import monitoramento, prazos
from acordo.models import AcaoCronograma, Acordo, DiaSemExpediente, Ocorrencia, Representante
from catalogo import selectors as catalogo_selectors
from catalogo.models import CategoriaNuvem
from contratos import agregados as contratos_agregados

NUMERO_ACT = "142/2024"
JANELAS = (30, 60, 90)


def acordo_atual() -> Acordo | None:
    return Acordo.objects.filter(numero=NUMERO_ACT).first() or Acordo.objects.order_by("pk").first()


def dias_extras() -> set[date]:
    return set(DiaSemExpediente.objects.values_list("data", flat=True))


def participes_com_representantes(acordo: Acordo):
    vigentes = Representante.objects.filter(ativo=True).order_by("papel")
    return acordo.participes.prefetch_related(
        Prefetch("representantes", queryset=vigentes, to_attr="vigentes")
    )


# Filtros de situação no banco: espelham prazos.situacao(), que é a regra.
def q_situacao(situacao: str, hoje: date, prefixo: str = "") -> Q:
    """`prefixo` permite filtrar pela relação (ex.: "ocorrencias__" a partir da ação)."""
    p = prefixo
    pendente = Q(**{f"{p}estado": Ocorrencia.Estado.PENDENTE})
    concluida = Q(**{f"{p}estado": Ocorrencia.Estado.CONCLUIDA})
    return {
        prazos.Situacao.PENDENTE: pendente & Q(**{f"{p}vencimento__gte": hoje}),
        prazos.Situacao.ATRASADA: pendente & Q(**{f"{p}vencimento__lt": hoje}),
        prazos.Situacao.CONCLUIDA: concluida & Q(**{f"{p}data_conclusao__lte": F(f"{p}vencimento")}),
        prazos.Situacao.CONCLUIDA_COM_ATRASO: concluida
        & Q(**{f"{p}data_conclusao__gt": F(f"{p}vencimento")}),
    }[prazos.Situacao(situacao)]


def _contagens(hoje: date, prefixo: str = "") -> dict:
    return {s.value: Count(f"{prefixo}pk", filter=q_situacao(s, hoje, prefixo)) for s in prazos.Situacao}


def acoes_do_cronograma(acordo: Acordo, hoje: date):
    """Ações com responsáveis, contagens por situação, primeira, última e próxima ocorrência (2 consultas)."""
    return (
        acordo.acoes.prefetch_related("responsaveis")
        .annotate(
            total=Count("ocorrencias"),
            primeira=Min("ocorrencias__vencimento"),
            ultima=Max("ocorrencias__vencimento"),
            proxima=Min(
                "ocorrencias__vencimento",
                filter=Q(ocorrencias__estado=Ocorrencia.Estado.PENDENTE, ocorrencias__vencimento__gte=hoje),
            ),
            **{f"n_{k}": v for k, v in _contagens(hoje, "ocorrencias__").items()},
        )
        .order_by("ordem")
    )


def contagem_por_situacao(ocorrencias, hoje: date) -> dict[str, int]:
    return ocorrencias.aggregate(**_contagens(hoje))


def ocorrencias_do_acordo(acordo: Acordo):
    return (
        Ocorrencia.objects.filter(acao__acordo=acordo)
        .select_related("acao", "concluida_por")
        .prefetch_related("acao__responsaveis")
        .order_by("vencimento", "acao__ordem", "ordinal")
    )


def ocorrencias_filtradas(
    acordo: Acordo,
    *,
    hoje: date,
    responsavel: str = "",
    situacao: str = "",
    de: date | None = None,
    ate: date | None = None,
):
    qs = ocorrencias_do_acordo(acordo)
    if responsavel:
        qs = qs.filter(acao__responsaveis__sigla=responsavel)
    if situacao:
        qs = qs.filter(q_situacao(situacao, hoje))
    if de:
        qs = qs.filter(vencimento__gte=de)
    if ate:
        qs = qs.filter(vencimento__lte=ate)
    return qs


def ocorrencias_com_acordo():
    return Ocorrencia.objects.select_related("acao__acordo", "concluida_por")


def historico_da_ocorrencia(ocorrencia: Ocorrencia):
    return ocorrencia.historico.select_related("history_user").order_by("-history_date", "-history_id")


# Prévia de alteração da assinatura ou da vigência -------------------------------------------------------


@dataclass(frozen=True)
class Alteracao:
    acao: AcaoCronograma
    ordinal: int
    atual: date | None
    nova: date | None
    ocorrencia: Ocorrencia | None

    @property
    def tipo(self) -> str:
        if self.ocorrencia is not None and self.ocorrencia.concluida:
            return "mantida"
        if self.atual is None:
            return "criada"
        if self.nova is None:
            return "removida"
        return "alterada"

    @property
    def descricao_tipo(self) -> str:
        return {
            "mantida": "Concluída: mantida como está",
            "criada": "Nova ocorrência",
            "removida": "Removida (fora da vigência)",
            "alterada": "Vencimento recalculado",
        }[self.tipo]


def alteracoes_previstas(
    acordo: Acordo, *, data_assinatura: date, vigencia_meses: int, extras: set[date] | None = None
) -> list[Alteracao]:
    """O que mudaria nas ocorrências com esta assinatura e vigência (só as diferenças)."""
    extras = dias_extras() if extras is None else extras
    alteracoes = []
    acoes = acordo.acoes.prefetch_related("ocorrencias").order_by("ordem")
    for acao in acoes:
        novas = prazos.vencimentos(
            acao.prazo, assinatura=data_assinatura, vigencia_meses=vigencia_meses, dias_extras=extras
        )
        existentes = {o.ordinal: o for o in acao.ocorrencias.all()}
        for ordinal in sorted(set(existentes) | set(range(1, len(novas) + 1))):
            ocorrencia = existentes.get(ordinal)
            atual = ocorrencia.vencimento if ocorrencia else None
            nova = novas[ordinal - 1] if ordinal <= len(novas) else None
            if atual != nova:
                alteracoes.append(Alteracao(acao, ordinal, atual, nova, ocorrencia))
    return alteracoes


# Painel e linha do tempo ----------------------------------------------------------------------------------


def painel_contexto(*, usuario, hoje: date) -> dict | None:
    acordo = acordo_atual()
    if acordo is None:
        return None
    abertas = Ocorrencia.objects.filter(acao__acordo=acordo, estado=Ocorrencia.Estado.PENDENTE)
    limite = hoje + timedelta(days=JANELAS[-1])
    contagens = abertas.aggregate(
        atrasadas=Count("pk", filter=Q(vencimento__lt=hoje)),
        **{
            f"d{n}": Count("pk", filter=Q(vencimento__gte=hoje, vencimento__lte=hoje + timedelta(days=n)))
            for n in JANELAS
        },
    )
    campos = ("pk", "vencimento", "ordinal", "acao__descricao", "acao__tipo_prazo")
    atrasadas = list(
        abertas.filter(vencimento__lt=hoje).order_by("vencimento", "acao__ordem").values(*campos)[:3]
    )
    # tudo o que vence em 90 dias é pouco (poucas ações); cada janela lista só o que entra nela
    proximas = list(
        abertas.filter(vencimento__gte=hoje, vencimento__lte=limite)
        .order_by("vencimento", "acao__ordem")
        .values(*campos)[:100]
    )
    janelas, anterior = [], hoje - timedelta(days=1)
    for n in JANELAS:
        ate = hoje + timedelta(days=n)
        janelas.append(
            {
                "dias": n,
                "total": contagens[f"d{n}"],
                "de": anterior + timedelta(days=1),
                "ate": ate,
                "itens": [o for o in proximas if anterior < o["vencimento"] <= ate][:3],
            }
        )
        anterior = ate
    return {
        "acordo": acordo,
        "hoje": hoje,
        "atrasadas": {"total": contagens["atrasadas"], "itens": atrasadas},
        "janelas": janelas,
    }


LARGURA = 1000
MARGEM_ESQ = 40
MARGEM_DIR = 20
ALTURA_LINHA = 36
TOPO = 30


def linha_do_tempo(acordo: Acordo, hoje: date) -> dict:
    """Coordenadas do SVG: uma faixa por ação, um marcador por ocorrência, eixo de anos da vigência."""
    inicio, fim = acordo.data_assinatura, acordo.termino
    total = max((fim - inicio).days, 1)
    util = LARGURA - MARGEM_ESQ - MARGEM_DIR

    def x(d: date) -> float:
        dias = min(max((d - inicio).days, 0), total + 31)
        return round(MARGEM_ESQ + util * dias / total, 1)

    acoes = list(acordo.acoes.prefetch_related("ocorrencias").order_by("ordem"))
    faixas = []
    for i, acao in enumerate(acoes):
        y = TOPO + i * ALTURA_LINHA + ALTURA_LINHA / 2
        pontos = [
            {
                "x": x(o.vencimento),
                "y": y,
                "ocorrencia": o,
                "situacao": o.situacao(hoje).value,
                "rotulo": prazos.ROTULOS_SITUACAO[o.situacao(hoje)],
            }
            for o in acao.ocorrencias.all()
        ]
        faixas.append({"acao": acao, "y": y, "y_rotulo": y + 4, "pontos": pontos})
    altura = TOPO + len(acoes) * ALTURA_LINHA + 30
    anos = [
        {"x": x(date(ano, 1, 1)), "ano": ano}
        for ano in range(inicio.year + 1, fim.year + 1)
        if date(ano, 1, 1) <= fim
    ]
    return {
        "largura": LARGURA,
        "altura": altura,
        "eixo_y": altura - 22,
        "rotulo_y": altura - 6,
        "anos": anos,
        "faixas": faixas,
        "hoje_x": x(hoje) if inicio <= hoje <= fim else None,
        "x_inicio": MARGEM_ESQ,
        "x_fim": LARGURA - MARGEM_DIR,
    }


# Monitoramento mensal e balanço semestral (DESIGN.md §4.10) -----------------------------------------------


def _linhas_de_catalogo(fim: date) -> list[monitoramento.LinhaCatalogo]:
    return [
        monitoramento.LinhaCatalogo(
            orgao=linha["orgao"],
            contratacao=linha["contratacao"],
            criada=linha["criada"],
            atualizada=linha["atualizada"],
            categoria=linha["categoria"] or monitoramento.SERVICOS_PROFISSIONAIS,
            codigo=linha["codigo"],
            servico=linha["nome"],
            quantidade=linha["quantidade"],
            preco=linha["preco"],
        )
        for linha in contratos_agregados.linhas_de_catalogo_ate(fim)
    ]


def _versoes_vigentes(fim: date) -> list[monitoramento.VersaoVigente]:
    return [
        monitoramento.VersaoVigente(
            catalogo=v.get_tipo_display(),
            versao=v.versao,
            vigencia_inicio=v.vigencia_inicio,
            referencia=v.referencia_sei,
            ilustrativa=v.valores_ilustrativos,
        )
        for v in sorted(catalogo_selectors.versoes_vigentes(hoje=fim).values(), key=lambda v: v.tipo)
    ]


def _ocorrencias_resumidas(acordo: Acordo | None) -> list[monitoramento.OcorrenciaResumo]:
    if acordo is None:
        return []
    campos = ("pk", "acao__ordem", "acao__descricao", "ordinal", "vencimento", "data_conclusao")
    return [
        monitoramento.OcorrenciaResumo(
            pk=pk, acao=acao, descricao=descricao, ordinal=ordinal, vencimento=venc, data_conclusao=concl
        )
        for pk, acao, descricao, ordinal, venc, concl in Ocorrencia.objects.filter(acao__acordo=acordo)
        .order_by("vencimento", "acao__ordem", "ordinal")
        .values_list(*campos)
    ]


def _entradas(fim: date) -> dict:
    return {
        "categorias": list(CategoriaNuvem.labels),
        "versoes": _versoes_vigentes(fim),
        "ocorrencias": _ocorrencias_resumidas(acordo_atual()),
    }


def relatorio_mensal(mes: date, *, hoje: date) -> monitoramento.RelatorioMensal:
    """O monitoramento do mês, em consultas fixas (linhas de catálogo, versões, ocorrências)."""
    fim = monitoramento.ultimo_dia(mes)
    return monitoramento.relatorio_mensal(_linhas_de_catalogo(fim), mes=mes, hoje=hoje, **_entradas(fim))


def balanco_semestral(ultimo_mes: date, *, hoje: date) -> monitoramento.Balanco:
    fim = monitoramento.ultimo_dia(ultimo_mes)
    return monitoramento.balanco_semestral(
        _linhas_de_catalogo(fim), ultimo_mes=ultimo_mes, hoje=hoje, **_entradas(fim)
    )


def relatorios_da_ocorrencia(ocorrencia: Ocorrencia):
    return ocorrencia.relatorios.defer("conteudo").select_related("gerado_por")


# Ações do Plano de Trabalho cuja conclusão anexa o relatório gerado (referencias.ACOES): 6 e 7.
ACAO_DO_RELATORIO = {"mensal": 6, "semestral": 7}
TIPO_DO_RELATORIO = {ordem: tipo for tipo, ordem in ACAO_DO_RELATORIO.items()}


def tipo_de_relatorio(ocorrencia: Ocorrencia) -> str | None:
    return TIPO_DO_RELATORIO.get(ocorrencia.acao.ordem)


def competencia_padrao(ocorrencia: Ocorrencia) -> date:
    """O último mês completo antes do vencimento: o que a ocorrência monitora (ou fecha, no balanço)."""
    return monitoramento.somar_meses(ocorrencia.vencimento.replace(day=1), -1)


def ocorrencia_do_relatorio(mes: date, *, tipo: str) -> Ocorrencia | None:
    """A ocorrência pendente ou concluída cujo relatório é o de `mes` (vence no mês seguinte)."""
    seguinte = monitoramento.somar_meses(mes, 1)
    return (
        Ocorrencia.objects.filter(
            acao__acordo__numero=NUMERO_ACT,
            acao__ordem=ACAO_DO_RELATORIO[tipo],
            vencimento__gte=seguinte,
            vencimento__lte=monitoramento.ultimo_dia(seguinte),
        )
        .select_related("acao")
        .order_by("vencimento")
        .first()
    )


def ocorrencias_para_lembrete(acordo: Acordo, *, ate: date):
    """Pendentes que vencem até `ate`, com os representantes vigentes (e com e-mail) dos responsáveis."""
    vigentes = Representante.objects.filter(ativo=True).exclude(email="").order_by("papel", "pk")
    return (
        Ocorrencia.objects.filter(acao__acordo=acordo, estado=Ocorrencia.Estado.PENDENTE, vencimento__lte=ate)
        .select_related("acao")
        .prefetch_related(
            "acao__responsaveis",
            Prefetch("acao__responsaveis__representantes", queryset=vigentes, to_attr="com_email"),
        )
        .order_by("vencimento", "acao__ordem", "ordinal")
    )


def representantes_com_historico(acordo: Acordo):
    """Cada partícipe com todas as designações: as vigentes e depois as substituídas, mais novas antes."""
    todas = Representante.objects.order_by("-ativo", "papel", "-data_designacao", "-pk")
    return acordo.participes.prefetch_related(Prefetch("representantes", queryset=todas, to_attr="todas"))
