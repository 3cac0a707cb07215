from django.db import migrations

GRUPOS = ("Administrador de referências", "Equipe de planejamento", "Acompanhamento do ACT", "Consulta")


def criar_grupos(apps, schema_editor):
    # As permissões de cada grupo são aplicadas por core.grupos.sincronizar_grupos (post_migrate),
    # para que cada área acrescente as suas sem nova migração de dados.
    Group = apps.get_model("auth", "Group")
    for nome in GRUPOS:
        Group.objects.get_or_create(name=nome)


def remover_grupos(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GRUPOS).delete()


class Migration(migrations.Migration):
    dependencies = [("contratos", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(criar_grupos, remover_grupos)]
