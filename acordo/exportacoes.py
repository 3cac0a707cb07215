"""O ACT como origem dos relatórios mensal e semestral, para "Verificar arquivo" (core.registro.Origem).

Os relatórios só têm totais de todos os órgãos: quem os vê é quem vê o monitoramento (a equipe e a
consulta de um órgão, não). Sem impressão: o relatório de um mês é o retrato daquela geração.
"""

from acordo.models import Acordo
from acordo.permissoes import MONITORAMENTO
from core.registro import Origem


def _ve_o_monitoramento(usuario, acordo) -> bool:
    return usuario.has_perm(MONITORAMENTO)


ORIGENS = {Acordo: Origem(pode_ver=_ve_o_monitoramento)}
