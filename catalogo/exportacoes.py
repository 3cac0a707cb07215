"""As versões do catálogo como origem de arquivos, para "Verificar arquivo" (core.registro.Origem)."""

from catalogo import selectors
from catalogo.models import VersaoCatalogo
from catalogo.views import LER, MANTER
from core.registro import Origem


def _versao_visivel(usuario, versao) -> bool:
    """A mesma regra das páginas do catálogo: rascunho e em análise só para quem mantém."""
    if not usuario.has_perm(LER):
        return False
    visiveis = selectors.versoes_visiveis(None, com_rascunhos=usuario.has_perm(MANTER))
    return visiveis.filter(pk=versao.pk).exists()


ORIGENS = {VersaoCatalogo: Origem(pode_ver=_versao_visivel)}
