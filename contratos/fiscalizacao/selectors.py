"""Leituras da fiscalização: querysets com o caminho até o órgão e o período convertido às regras puras."""

from datetime import date

from django.db.models import Prefetch

from contratos.fiscalizacao import relatorio
from contratos.fiscalizacao.models import EmissaoOS, PeriodoFiscalizacao, ProfissionalAlocado
from contratos.fiscalizacao.regras import PerfilDaOS, verificar
from contratos.models import LinhaPerfil
from core.atributos import atributos

EMISSOES = EmissaoOS.objects.select_related("ordem__contratacao__orgao")
PERIODOS = PeriodoFiscalizacao.objects.select_related(
    "emissao__ordem__contratacao__orgao", "emissao__ordem__contratacao__mapa", "emissao__ordem__item"
)
ALOCADOS = ProfissionalAlocado.objects.select_related(
    "perfil", "periodo__emissao__ordem__contratacao__orgao", "periodo__emissao__ordem__contratacao__mapa"
)


def perfis_da_os(linhas) -> list[PerfilDaOS]:
    """Os perfis mínimos da OS (as linhas com o perfil), um por código; linhas do mesmo código somam a
    quantidade estimada."""
    por_codigo: dict[str, PerfilDaOS] = {}
    for linha in linhas:
        p = linha.perfil
        anterior = por_codigo.get(p.codigo)
        quantidade = linha.quantidade + (anterior.quantidade if anterior else 0)
        por_codigo[p.codigo] = PerfilDaOS(p.codigo, p.titulo, p.senioridade, quantidade)
    return list(por_codigo.values())


def conteudo_do_periodo(periodo: PeriodoFiscalizacao, alocados: list[ProfissionalAlocado]) -> dict:
    """O relatório do período com os dados de agora (o rascunho que a conclusão congela)."""
    ordem = periodo.emissao.ordem
    contratacao = ordem.contratacao
    linhas = ordem.linhas.select_related("perfil").order_by("pk")
    verificacao = verificar(perfis_da_os(linhas), [a.puro() for a in alocados])
    cabecalho = [
        ("Órgão", str(contratacao.orgao)),
        ("Contratação", f"Processo {contratacao.numero_processo} – {contratacao.objeto}"),
        ("Ordem de Serviço", f"{ordem.numero} – {ordem.identificacao}"),
        ("Emitida em", f"{periodo.emissao.data_emissao:%d/%m/%Y}"),
        ("Período", f"{periodo.competencia:%m/%Y}"),
        ("Fiscal técnico", periodo.fiscal or "—"),
    ]
    equipe = [
        relatorio.linha_equipe(
            codigo=a.perfil.codigo,
            anos=a.anos_experiencia,
            **atributos(a, "nome", "senioridade", "formacao", "certificado", "inicio", "fim"),
        )
        for a in alocados
    ]
    avaliacao = [
        ("Objetivos da OS", periodo.get_objetivos_display(), periodo.nota_objetivos),
        ("Produtos entregues", periodo.get_produtos_display(), periodo.nota_produtos),
        ("Prazos", periodo.get_prazos_display(), periodo.nota_prazos),
    ]
    return relatorio.montar(cabecalho=cabecalho, verificacao=verificacao, equipe=equipe, avaliacao=avaliacao)


# O Painel olha no máximo estes períodos do mês e lista no máximo estes relatórios pendentes.
PAINEL_PERIODOS_DO_MES = 100
PAINEL_PENDENTES = 5


def painel(*, usuario, hoje: date) -> dict:
    """OS com constatações no período do mês corrente e períodos com o relatório ainda não concluído."""
    visiveis = PERIODOS.restringir(usuario)
    do_mes = visiveis.filter(competencia=hoje.replace(day=1)).prefetch_related(
        Prefetch("alocados", queryset=ProfissionalAlocado.objects.select_related("perfil")),
        Prefetch("emissao__ordem__linhas", queryset=LinhaPerfil.objects.select_related("perfil")),
    )
    com_constatacoes = []
    for periodo in do_mes.order_by("pk")[:PAINEL_PERIODOS_DO_MES]:
        perfis = perfis_da_os(periodo.emissao.ordem.linhas.all())
        quantas = len(verificar(perfis, [a.puro() for a in periodo.alocados.all()]).constatacoes)
        if quantas:
            com_constatacoes.append((periodo, quantas))
    pendentes = visiveis.filter(relatorios__isnull=True).order_by("competencia", "pk")
    return {
        "com_constatacoes": com_constatacoes,
        "pendentes": list(pendentes[:PAINEL_PENDENTES]),
        "total_pendentes": pendentes.count(),
    }
