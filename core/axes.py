"""Bloqueio de login (django-axes) por usuário e endereço, com um teto por endereço.

Por usuário+endereço: quem erra a senha 5 vezes não tranca a conta de quem a usa de outro lugar (bloquear só
pelo usuário deixava qualquer um trancar o superusuário). Teto por endereço: tentar uma senha em muitos
usuários a partir de um endereço também para (ASVS 6.1/6.3 pedem as duas defesas contra força bruta e
pulverização de senhas). O teto é mais alto que o limite por usuário porque um órgão inteiro pode sair por um
mesmo NAT.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class AxesComTetoPorEndereco(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        falhas = super().get_failures(request, credentials)
        endereco = getattr(request, "axes_ip_address", None)
        if endereco:
            do_endereco = (
                AccessAttempt.objects.filter(ip_address=endereco).aggregate(
                    total=Sum("failures_since_start")
                )["total"]
                or 0
            )
            if do_endereco >= settings.PLANEJATIC_TETO_FALHAS_POR_ENDERECO:
                return max(falhas, get_failure_limit(request, credentials))
        return falhas
