"""O valor mensal guardado na OS, no item e na contratação é sempre o da função pura, depois de cada escrita.

O Painel e os totais ao vivo leem o guardado (contratos/totais.py); aqui ele é comparado com
`calcular_estimativa` (pelo `resumir_contratacao`, a conta do Anexo A) depois de cada tipo de escrita.
"""

from datetime import date
from decimal import Decimal as D
from importlib import import_module

from django.apps import apps

from contratos import selectors, services
from contratos.models import Contratacao, Item, LinhaNuvem, LinhaPerfil, OrdemServico
from tests.contratos.conftest import CAMPOS_OS, adicionar_os
from tests.contratos.test_nuvem import MENSAL, criar_catalogo, item_nuvem


def conferir(contratacao) -> D:
    """Cada total guardado igual ao da função pura; devolve o mensal da contratação."""
    contratacao = Contratacao.objects.get(pk=contratacao.pk)
    resumo = selectors.resumir_contratacao(contratacao)
    assert contratacao.valor_mensal == resumo.estimativa.mensal
    for item_resumo in resumo.itens:
        assert Item.objects.get(pk=item_resumo.item.pk).valor_mensal == item_resumo.mensal
        for ordem_resumo in item_resumo.ordens:
            assert OrdemServico.objects.get(pk=ordem_resumo.ordem.pk).valor_mensal == ordem_resumo.mensal
    return contratacao.valor_mensal


def _linha(contratacao, codigo, quantidade):
    perfil = contratacao.mapa.valores.get(codigo=codigo)
    return LinhaPerfil(perfil=perfil, quantidade=quantidade, fator_k=perfil.fator_k)


def test_criar_a_os_pelo_servico(nova_contratacao, usuario_equipe):
    contratacao = nova_contratacao()
    item = services.item_salvar(item=Item(contratacao=contratacao, numero=1, descricao="Suporte"))
    assert conferir(contratacao) == D("0.00")
    services.ordem_servico_salvar(
        ordem=OrdemServico(item=item, contratacao=contratacao, numero="OS nº 001/2026", **CAMPOS_OS),
        linhas=[_linha(contratacao, "ASUPCOMP-02", 2), _linha(contratacao, "GERINF", 1)],
        usuario=usuario_equipe,
    )
    assert conferir(contratacao) == D("56152.38")  # o exemplo trabalhado (DESIGN.md §4.3)


def test_editar_e_excluir_linha_da_os(exemplo, usuario_equipe):
    ordem = exemplo.ordens.get()
    linhas = list(ordem.linhas.order_by("pk"))
    linhas[0].quantidade = 5
    services.ordem_servico_salvar(ordem=ordem, linhas=linhas, usuario=usuario_equipe)
    assert conferir(exemplo) == 5 * D("10760.10") + D("34632.18")
    ordem.refresh_from_db()
    services.ordem_servico_salvar(ordem=ordem, linhas=linhas[1:], usuario=usuario_equipe)  # tira a 1ª
    assert conferir(exemplo) == D("34632.18")


def test_os_que_muda_de_item_sai_do_total_do_item_antigo(exemplo, usuario_equipe):
    novo = services.item_salvar(item=Item(contratacao=exemplo, numero=2, descricao="Outro"))
    ordem = exemplo.ordens.get()
    ordem.item = novo
    services.ordem_servico_salvar(ordem=ordem, linhas=list(ordem.linhas.all()), usuario=usuario_equipe)
    assert conferir(exemplo) == D("56152.38")
    assert Item.objects.get(numero=1, contratacao=exemplo).valor_mensal == D("0.00")


def test_excluir_os_e_item(exemplo):
    adicionar_os(exemplo, [("GERINF", 1, None, "")], item_numero=2, numero="OS nº 002/2026")
    assert conferir(exemplo) == D("56152.38") + D("34632.18")
    services.ordem_servico_excluir(ordem=exemplo.ordens.get(numero="OS nº 001/2026"))
    assert conferir(exemplo) == D("34632.18")
    services.item_excluir(item=exemplo.itens.get(numero=2))
    assert conferir(exemplo) == D("0.00")


def test_linhas_do_item_de_catalogo(exemplo, usuario_equipe):
    item = item_nuvem(exemplo, criar_catalogo())
    assert conferir(exemplo) == MENSAL
    linhas = list(LinhaNuvem.objects.filter(item=item).order_by("pk"))
    linhas[0].quantidade = D("1")
    services.item_nuvem_salvar_linhas(item=item, linhas=linhas[:2], usuario=usuario_equipe)
    conferir(exemplo)
    services.item_nuvem_salvar_linhas(item=Item.objects.get(pk=item.pk), linhas=linhas[1:2])
    conferir(exemplo)


def test_duplicar(exemplo, usuario_equipe):
    item_nuvem(exemplo, criar_catalogo())
    copia = services.contratacao_duplicar(contratacao=exemplo, usuario=usuario_equipe)
    assert conferir(copia) == conferir(exemplo) == MENSAL


def test_reprecificar(exemplo, mapa_novo, usuario_equipe):
    services.contratacao_reprecificar(
        contratacao=exemplo, mapa_novo=mapa_novo, usuario=usuario_equipe, hoje=date(2026, 10, 1)
    )
    # ASUPCOMP-02 a 5.200,00 × 2,12 = 11.024,00 (× 2); GERINF com o K adotado antes, 1,94 (não mudou)
    assert conferir(exemplo) == selectors.resumir_contratacao(exemplo).estimativa.mensal != D("56152.38")


def test_salvar_a_contratacao_lida_antes_nao_devolve_um_total_velho(exemplo, usuario_equipe):
    lida = Contratacao.objects.get(pk=exemplo.pk)  # formulário aberto antes de a OS mudar
    services.ordem_servico_excluir(ordem=exemplo.ordens.get())
    lida.objeto = "Objeto alterado"
    services.contratacao_salvar(contratacao=lida, usuario=usuario_equipe)
    assert conferir(exemplo) == D("0.00")


def test_migracao_preenche_as_estimativas_ja_gravadas(exemplo):
    """A importação de dados anteriores ao campo (o preenchimento da migração 0015) usa a função pura."""
    item_nuvem(exemplo, criar_catalogo())
    for modelo in (Contratacao, Item, OrdemServico):
        modelo.objects.update(valor_mensal=D("0.00"))
    import_module("contratos.migrations.0016_valor_mensal_guardado").preencher(apps, None)
    assert conferir(exemplo) == MENSAL
