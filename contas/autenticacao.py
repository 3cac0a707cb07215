"""Usuário e senha locais, com as permissões lidas numa consulta só."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection


@cache
def _sql_permissoes() -> str:
    """As do usuário e as dos grupos dele, por subconsultas nas tabelas de ligação.

    Escrita à mão porque é a consulta de toda requisição autenticada: a do ORM (`Q(user=...) |
    Q(group__user=...)`, seis junções externas e DISTINCT) custava 1,25 ms no PostgreSQL e 0,61 ms no SQLite
    contando a montagem; esta, 0,46 e 0,07 ms (bench do detalhe, dezembro de 2026)."""
    q, usuario = connection.ops.quote_name, get_user_model()
    permissao, tipo = q(Permission._meta.db_table), q(ContentType._meta.db_table)
    do_usuario = q(usuario.user_permissions.through._meta.db_table)
    do_grupo, grupos = q(Group.permissions.through._meta.db_table), q(usuario.groups.through._meta.db_table)
    return (  # só nomes de tabela dos modelos, citados; o usuário vai como parâmetro
        f"SELECT t.app_label, p.codename FROM {permissao} p JOIN {tipo} t ON t.id = p.content_type_id "  # noqa: S608
        f"WHERE p.id IN (SELECT permission_id FROM {do_usuario} WHERE user_id = %s) "
        f"OR p.id IN (SELECT gp.permission_id FROM {do_grupo} gp "
        f"JOIN {grupos} ug ON ug.group_id = gp.group_id WHERE ug.user_id = %s)"
    )


class ModelBackendUmaConsulta(ModelBackend):
    """O ModelBackend do Django lê as permissões do usuário e as dos grupos em duas consultas, em toda
    requisição (SemPapelMiddleware e o menu perguntam). Aqui, uma só; o resultado fica no mesmo cache do
    usuário (`_perm_cache`) que o ModelBackend e o GovbrBackend (também um ModelBackend) consultam."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                pares = Permission.objects.values_list("content_type__app_label", "codename")
            else:
                with connection.cursor() as cursor:
                    cursor.execute(_sql_permissoes(), [user_obj.pk, user_obj.pk])
                    pares = cursor.fetchall()
            user_obj._perm_cache = {f"{app}.{codigo}" for app, codigo in pares}
        return user_obj._perm_cache
