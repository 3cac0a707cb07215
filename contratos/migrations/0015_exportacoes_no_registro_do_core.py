"""O registro das exportações passa a ser o de core (comum a todas as áreas): copia os registros de
contratos.Exportacao, com a contratação como origem genérica, e então remove a tabela antiga."""

from django.db import migrations


def copiar(apps, schema_editor):
    Antiga = apps.get_model("contratos", "Exportacao")
    Nova = apps.get_model("core", "Exportacao")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not Antiga.objects.exists():
        return
    tipo_origem, _ = ContentType.objects.get_or_create(app_label="contratos", model="contratacao")
    Nova.objects.bulk_create(
        Nova(
            tipo=e.tipo,
            codigo=e.codigo,
            sha256=e.sha256,
            gerado_em=e.gerado_em,
            gerado_por_id=e.gerado_por_id,
            versao_app=e.versao_app,
            descricao=f"Processo {e.contratacao.numero_processo} ({e.contratacao.orgao.sigla})",
            mapa=e.mapa,
            valor_mensal=e.valor_mensal,
            impressao=e.impressao,
            tipo_origem=tipo_origem,
            id_origem=e.contratacao_id,
        )
        for e in Antiga.objects.select_related("contratacao__orgao").order_by("pk")
    )


def devolver(apps, schema_editor):
    """Volta só o que a tabela antiga sabe guardar (arquivos de uma contratação) e o tira de core, para
    que migrar de novo não o copie duas vezes."""
    Antiga = apps.get_model("contratos", "Exportacao")
    Nova = apps.get_model("core", "Exportacao")
    das_contratacoes = Nova.objects.filter(
        tipo_origem__app_label="contratos", tipo_origem__model="contratacao", tipo__in=["anexo_a", "kit_tr"]
    )
    Antiga.objects.bulk_create(
        Antiga(
            contratacao_id=e.id_origem,
            tipo=e.tipo,
            codigo=e.codigo,
            sha256=e.sha256,
            gerado_em=e.gerado_em,
            gerado_por_id=e.gerado_por_id,
            versao_app=e.versao_app,
            mapa=e.mapa,
            valor_mensal=e.valor_mensal,
            impressao=e.impressao,
        )
        for e in das_contratacoes
    )
    das_contratacoes.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contratos", "0014_propostas_e_prorrogacao"),
        ("core", "0001_registro_de_arquivos_gerados"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copiar, devolver),
        migrations.DeleteModel(name="Exportacao"),
    ]
