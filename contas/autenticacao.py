"""Usuário e senha locais, com as permissões lidas numa consulta só."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class ModelBackendUmaConsulta(ModelBackend):
    """O ModelBackend do Django lê as permissões do usuário e as dos grupos em duas consultas, em toda
    requisição (SemPapelMiddleware e o menu perguntam). Aqui, uma só; o resultado fica no mesmo cache do
    usuário (`_perm_cache`) que o ModelBackend e o GovbrBackend (também um ModelBackend) consultam."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissoes = Permission.objects.all()
            if not user_obj.is_superuser:
                permissoes = permissoes.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app}.{codigo}"
                for app, codigo in permissoes.values_list("content_type__app_label", "codename").distinct()
            }
        return user_obj._perm_cache
