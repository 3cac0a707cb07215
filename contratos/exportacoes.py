"""Os objetos de contratos de que se geram arquivos, para "Verificar arquivo" (core.registro.Origem).

Quem não veria o objeto na página (outro órgão, sem a permissão) recebe "desconhecido" na conferência.
"""

from contratos import selectors
from contratos.fiscalizacao.models import RelatorioFiscalizacao
from contratos.kit_tr.dados import impressao
from contratos.models import Contratacao, MapaSalarial
from contratos.views_mapa import PERM_LER_MAPA, versoes_visiveis
from core.permissoes import pode_ver
from core.registro import Origem


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
