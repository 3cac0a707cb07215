"""Os arquivos de contratos: o carimbo dos de uma contratação e, para "Verificar arquivo", os objetos de
origem (core.registro.Origem). Quem não veria o objeto na página (outro órgão, sem a permissão) recebe
"desconhecido" na conferência.
"""

from contratos import selectors
from contratos.estimativa import Estimativa
from contratos.fiscalizacao.models import RelatorioFiscalizacao
from contratos.kit_tr.dados import descricao, impressao
from contratos.models import Contratacao, MapaSalarial
from contratos.views_mapa import PERM_LER_MAPA, versoes_visiveis
from core import exportacoes
from core.permissoes import pode_ver
from core.registro import Origem


def exportar_da_contratacao(
    request, contratacao, *, estimativa: Estimativa | None = None, origem=None, detalhe: str = "", **arquivo
):
    """Um arquivo de uma contratação por core.exportacoes.exportar: o processo (e o `detalhe`, como a OS) e
    o mapa no carimbo; com a `estimativa`, o valor mensal e a impressão ("a estimativa mudou desde então?").
    `origem`: o objeto que o arquivo mostra, se não for a própria contratação (o relatório de uma OS)."""
    if estimativa is not None:
        arquivo.update(valor_mensal=estimativa.mensal, impressao=impressao(estimativa))
    return exportacoes.exportar(
        request,
        origem=origem or contratacao,
        descricao=descricao(contratacao) + detalhe,
        mapa=str(contratacao.mapa),
        **arquivo,
    )


def _contratacao_visivel(usuario, contratacao) -> bool:
    return pode_ver(usuario, contratacao, permissao="contratos.view_contratacao")


def _estimativa_de_agora(contratacao) -> str:
    return impressao(selectors.resumir_contratacao(contratacao).estimativa)


def _relatorio_visivel(usuario, relatorio) -> bool:
    return pode_ver(usuario, relatorio, permissao="contratos.view_periodofiscalizacao")


def _mapa_visivel(usuario, mapa) -> bool:
    """A mesma regra da página do mapa: rascunho só para quem o mantém."""
    return usuario.has_perm(PERM_LER_MAPA) and versoes_visiveis(usuario).filter(pk=mapa.pk).exists()


ORIGENS = {
    # Anexo A, kit do TR, análise das propostas e vantajosidade: "a estimativa mudou desde então?"
    Contratacao: Origem(pode_ver=_contratacao_visivel, impressao=_estimativa_de_agora),
    # o relatório concluído é congelado (versões): não muda
    RelatorioFiscalizacao: Origem(pode_ver=_relatorio_visivel),
    MapaSalarial: Origem(pode_ver=_mapa_visivel),
}
