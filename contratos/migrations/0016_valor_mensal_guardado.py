from decimal import Decimal

from django.db import migrations, models

from contratos import estimativa


def _linha(linha) -> estimativa.LinhaPerfil:
    # Só remuneração, Fator-K e quantidade entram no valor; os rótulos não importam aqui.
    return estimativa.LinhaPerfil(
        ordem_servico="",
        codigo="",
        perfil="",
        senioridade="",
        quantidade=linha.quantidade,
        remuneracao=linha.perfil.remuneracao,
        fator_k_mapa=linha.fator_k_referencia,
        fator_k=linha.fator_k,
    )


def _servico(linha, preco) -> estimativa.LinhaNuvem:
    return estimativa.LinhaNuvem(
        codigo="", servico="", categoria="", unidade="", quantidade=linha.quantidade, preco_unitario=preco
    )


def preencher(apps, schema_editor):
    """Os totais das estimativas já gravadas, pela função pura (a mesma dos serviços e do Anexo A)."""
    Contratacao = apps.get_model("contratos", "Contratacao")
    Item = apps.get_model("contratos", "Item")
    OrdemServico = apps.get_model("contratos", "OrdemServico")
    LinhaPerfil = apps.get_model("contratos", "LinhaPerfil")
    LinhaNuvem = apps.get_model("contratos", "LinhaNuvem")
    LinhaProfissional = apps.get_model("contratos", "LinhaProfissional")
    for contratacao in Contratacao.objects.order_by("pk"):
        itens = list(Item.objects.filter(contratacao=contratacao))
        por_item = {item.pk: [] for item in itens}
        ordens = list(OrdemServico.objects.filter(contratacao=contratacao))
        linhas = {ordem.pk: [] for ordem in ordens}
        for linha in LinhaPerfil.objects.filter(ordem__contratacao=contratacao).select_related("perfil"):
            linhas[linha.ordem_id].append(_linha(linha))
        for ordem in ordens:
            ordem.valor_mensal = estimativa.subtotal_mensal(linhas[ordem.pk])
            por_item[ordem.item_id].append(ordem.valor_mensal)
        OrdemServico.objects.bulk_update(ordens, ["valor_mensal"])
        servicos = {item.pk: [] for item in itens}
        for modelo, preco in ((LinhaNuvem, "preco_unitario"), (LinhaProfissional, "preco")):
            for linha in modelo.objects.filter(item__contratacao=contratacao).select_related("servico"):
                servicos[linha.item_id].append(_servico(linha, getattr(linha.servico, preco)))
        for item in itens:
            item.valor_mensal = estimativa.somar(por_item[item.pk]) + estimativa.subtotal_mensal(
                linhas_nuvem=servicos[item.pk]
            )
        Item.objects.bulk_update(itens, ["valor_mensal"])
        contratacao.valor_mensal = estimativa.somar(item.valor_mensal for item in itens)
        Contratacao.objects.filter(pk=contratacao.pk).update(valor_mensal=contratacao.valor_mensal)


class Migration(migrations.Migration):
    dependencies = [
        ("contratos", "0015_exportacoes_no_registro_do_core"),
    ]

    operations = [
        *[
            migrations.AddField(
                model_name=modelo,
                name="valor_mensal",
                field=models.DecimalField(
                    decimal_places=2,
                    default=Decimal("0.00"),
                    editable=False,
                    max_digits=14,
                    verbose_name="valor mensal",
                ),
            )
            for modelo in ("contratacao", "item", "ordemservico")
        ],
        migrations.RunPython(preencher, migrations.RunPython.noop),
    ]
