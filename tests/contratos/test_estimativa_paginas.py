"""Páginas da estimativa: exemplo trabalhado, regras do Fator-K, htmx, reprecificar, duplicar, Anexo A."""

from decimal import Decimal as D
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse

from contratos.models import Contratacao, LinhaPerfil, MapaSalarial, OrdemServico
from tests import consultas
from tests.consultas import visitar
from tests.contratos.conftest import adicionar_os, dados_contratacao

INJECOES = ("=1+1", "+1+1", "-1+1", "@SUM(1,1)")


def dados_os(item, linhas, *, numero="OS nº 002/2026", produtos="Relatório mensal\nInventário", **extra):
    """POST do formulário da OS; `linhas` = dicionários com perfil, quantidade, fator_k, justificativa, id."""
    dados = {
        "item": item.pk,
        "numero": numero,
        "identificacao": "Atendimento",
        "objetivo": "Atender usuários",
        "prazo_atendimento": "30 dias corridos",
        "produtos": produtos,
        "linhas-TOTAL_FORMS": str(len(linhas)),
        "linhas-INITIAL_FORMS": "0",
        "linhas-MIN_NUM_FORMS": "0",
        "linhas-MAX_NUM_FORMS": "2000",
    }
    for i, linha in enumerate(linhas):
        for campo, valor in linha.items():
            dados[f"linhas-{i}-{campo}"] = valor
    dados.update(extra)
    return dados


def perfil(contratacao, codigo):
    return contratacao.mapa.valores.get(codigo=codigo)


def test_exemplo_trabalhado_mostra_mensal_e_anual_na_pagina(exemplo, client_equipe):
    r = client_equipe.get(exemplo.get_absolute_url())
    texto = r.content.decode()
    assert 'data-testid="total-mensal">R$ 56.152,38<' in texto
    assert 'data-testid="total-anual">R$ 673.828,56<' in texto
    assert 'data-testid="total-periodo">R$ 673.828,56<' in texto  # 12 meses
    assert "R$ 10.760,10" in texto and "R$ 21.520,20" in texto and "R$ 34.632,18" in texto
    # gráfico: uma barra por perfil, a maior (GERINF) com a largura toda
    assert texto.count('<rect class="barra"') == 2
    assert 'width="400"' in texto


def test_periodo_usa_os_meses_de_vigencia(exemplo, client_equipe):
    exemplo.meses = 30
    exemplo.save()
    texto = client_equipe.get(exemplo.get_absolute_url()).content.decode()
    assert 'data-testid="total-periodo">R$ 1.684.571,40<' in texto  # 30 × 56.152,38


def test_meio_centavo_arredonda_para_cima_pela_pagina(exemplo, client_equipe):
    """TECSUP-03: 3.216,87 × 2,50 = 8.042,175 → 8.042,18 (ROUND meio para cima; float daria 8.042,17)."""
    item = exemplo.itens.get()
    tecsup = perfil(exemplo, "TECSUP-03")
    dados = dados_os(
        item,
        [{"perfil": tecsup.pk, "quantidade": "1", "fator_k": "2,50", "justificativa": "Acordo local"}],
    )
    r = client_equipe.post(reverse("contratos:os_criar", args=[exemplo.pk]), dados)
    assert r.status_code == 302, r.content.decode()[:3000]
    linha = LinhaPerfil.objects.get(perfil=tecsup)
    assert (linha.fator_k, linha.fator_k_referencia) == (D("2.50"), D("2.28"))
    texto = client_equipe.get(exemplo.get_absolute_url()).content.decode()
    assert "R$ 8.042,18" in texto
    assert 'data-testid="total-mensal">R$ 64.194,56<' in texto  # 56.152,38 + 8.042,18


@pytest.mark.parametrize(
    ("linha", "mensagem"),
    [
        ({"quantidade": "1", "fator_k": "2,50"}, "Justifique o Fator-K 2,50, diferente do Fator-K do mapa"),
        ({"quantidade": "1", "fator_k": "3,01", "justificativa": "x"}, "não pode ser superior a 3,00"),
        ({"quantidade": "1", "fator_k": "0", "justificativa": "x"}, "O Fator-K deve ser maior que zero."),
        ({"quantidade": "1", "fator_k": "dois"}, "Informe o Fator-K como número, por exemplo 2,12."),
        ({"quantidade": "0"}, "Informe ao menos 1 profissional."),
        ({"quantidade": "1,5"}, "Use um número inteiro."),
    ],
)
def test_entrada_ruim_mensagem_junto_ao_campo_e_nada_gravado(exemplo, client_equipe, linha, mensagem):
    item = exemplo.itens.get()
    linha = {"perfil": perfil(exemplo, "TECSUP-03").pk, **linha}
    antes = (OrdemServico.objects.count(), LinhaPerfil.objects.count())
    r = client_equipe.post(reverse("contratos:os_criar", args=[exemplo.pk]), dados_os(item, [linha]))
    assert r.status_code == 200
    assert mensagem in r.content.decode()
    assert 'class="feedback danger" role="alert"' in r.content.decode()
    assert (OrdemServico.objects.count(), LinhaPerfil.objects.count()) == antes


@pytest.mark.parametrize(
    ("extra", "mensagem"),
    [
        ({"produtos": "  \n  "}, "Informe ao menos um produto ou resultado a entregar"),
        ({"numero": "OS nº 001/2026"}, "Já existe a OS nº 001/2026 nesta contratação."),
        ({"numero": "OS 1"}, "Use o formato OS nº 001/2026"),
    ],
)
def test_regras_da_os_no_formulario(exemplo, client_equipe, extra, mensagem):
    item = exemplo.itens.get()
    linhas = [{"perfil": perfil(exemplo, "GERINF").pk, "quantidade": "1"}]
    r = client_equipe.post(reverse("contratos:os_criar", args=[exemplo.pk]), dados_os(item, linhas, **extra))
    assert r.status_code == 200
    assert mensagem in r.content.decode()
    assert OrdemServico.objects.count() == 1


def test_os_sem_perfil_nao_e_gravada(exemplo, client_equipe):
    url = reverse("contratos:os_criar", args=[exemplo.pk])
    r = client_equipe.post(url, dados_os(exemplo.itens.get(), []))
    assert "Inclua ao menos um perfil profissional na OS" in r.content.decode()
    assert OrdemServico.objects.count() == 1


def test_perfil_de_outra_versao_e_recusado(exemplo, mapa_novo, client_equipe):
    estranho = mapa_novo.valores.get(codigo="GERINF")
    linhas = [{"perfil": estranho.pk, "quantidade": "1"}]
    r = client_equipe.post(
        reverse("contratos:os_criar", args=[exemplo.pk]), dados_os(exemplo.itens.get(), linhas)
    )
    assert "Escolha um perfil da versão fixada." in r.content.decode()
    assert OrdemServico.objects.count() == 1


def _dados_da_os_gravada(ordem, quantidades):
    linhas = [
        {"id": linha.pk, "perfil": linha.perfil_id, "quantidade": str(q), "fator_k": str(linha.fator_k)}
        for linha, q in zip(ordem.linhas.order_by("pk"), quantidades, strict=True)
    ]
    return dados_os(ordem.item, linhas, numero=ordem.numero, versao=ordem.versao)


def test_totais_ao_vivo_mudam_com_a_quantidade_sem_gravar(exemplo, client_equipe):
    ordem = exemplo.ordens.get()
    url = reverse("contratos:os_calcular", args=[exemplo.pk]) + f"?os={ordem.pk}"
    r = client_equipe.post(url, _dados_da_os_gravada(ordem, [3, 1]), HTTP_HX_REQUEST="true")
    texto = r.content.decode()
    # 3 × 10.760,10 + 34.632,18 = 66.912,48; anual × 12
    assert 'data-testid="total-os">R$ 66.912,48<' in texto
    assert 'data-testid="total-item">R$ 66.912,48<' in texto
    assert 'data-testid="total-anual">R$ 802.949,76<' in texto
    assert '<span id="valor-linha-0" hx-swap-oob="innerHTML">R$ 32.280,30</span>' in texto
    assert ordem.linhas.get(perfil__codigo="ASUPCOMP-02").quantidade == 2  # nada gravado


def test_totais_ao_vivo_ignoram_linha_incompleta(exemplo, client_equipe):
    ordem = exemplo.ordens.get()
    dados = _dados_da_os_gravada(ordem, [2, 1])
    dados["linhas-1-quantidade"] = ""
    url = reverse("contratos:os_calcular", args=[exemplo.pk]) + f"?os={ordem.pk}"
    texto = client_equipe.post(url, dados).content.decode()
    assert 'data-testid="total-os">R$ 21.520,20<' in texto
    assert '<span id="valor-linha-1" hx-swap-oob="innerHTML">—</span>' in texto


def test_incluir_e_tirar_linha_na_pagina(exemplo, client_equipe):
    ordem = exemplo.ordens.get()
    base = reverse("contratos:os_linhas", args=[exemplo.pk]) + f"?os={ordem.pk}&"
    dados = _dados_da_os_gravada(ordem, [2, 1])
    texto = client_equipe.post(base + "acao=adicionar", dados).content.decode()
    assert texto.count('class="campo-perfil"') == 3
    assert 'name="linhas-TOTAL_FORMS" value="3"' in texto
    texto = client_equipe.post(base + "acao=remover&indice=0", dados).content.decode()
    assert texto.count('class="campo-perfil"') == 1
    assert 'data-testid="total-os">R$ 34.632,18<' in texto
    assert ordem.linhas.count() == 2  # só grava ao salvar


def test_salvar_os_grava_linhas_e_remove_as_que_sairam(exemplo, client_equipe):
    ordem = exemplo.ordens.get()
    gerinf = ordem.linhas.get(perfil__codigo="GERINF")
    linhas = [{"id": gerinf.pk, "perfil": gerinf.perfil_id, "quantidade": "2", "fator_k": "1,94"}]
    r = client_equipe.post(
        ordem.get_absolute_url(), dados_os(ordem.item, linhas, numero=ordem.numero, versao=ordem.versao)
    )
    assert r.status_code == 302
    assert list(ordem.linhas.values_list("perfil__codigo", "quantidade")) == [("GERINF", 2)]
    gerinf.refresh_from_db()
    assert gerinf.history.first().history_user.username == "equipe"


def test_k_em_branco_assume_o_do_mapa(exemplo, client_equipe):
    linhas = [{"perfil": perfil(exemplo, "GERINF").pk, "quantidade": "1", "fator_k": ""}]
    url = reverse("contratos:os_criar", args=[exemplo.pk])
    client_equipe.post(url, dados_os(exemplo.itens.get(), linhas))
    assert OrdemServico.objects.get(numero="OS nº 002/2026").linhas.get().fator_k == D("1.94")


def test_reprecificar_mostra_diferenca_e_move_as_linhas(exemplo, mapa_novo, client_equipe):
    url = reverse("contratos:contratacao_reprecificar", args=[exemplo.pk])
    texto = client_equipe.get(url, {"mapa": mapa_novo.pk}).content.decode()
    # ASUPCOMP-02: 5.200,00 × 2,12 = 11.024,00 (era 10.760,10); GERINF: 17.851,64 × 2,00 = 35.703,28
    assert "R$ 10.760,10" in texto and "R$ 11.024,00" in texto and "+2,45%" in texto
    assert "R$ 35.703,28" in texto
    r = client_equipe.post(url, {"mapa": mapa_novo.pk})
    assert r.status_code == 302
    exemplo.refresh_from_db()
    assert exemplo.mapa == mapa_novo
    linhas = LinhaPerfil.objects.filter(ordem__contratacao=exemplo).select_related("perfil")
    assert {(x.perfil.mapa_id, x.perfil.codigo, x.fator_k) for x in linhas} == {
        (mapa_novo.pk, "ASUPCOMP-02", D("2.12")),
        (mapa_novo.pk, "GERINF", D("2.00")),
    }
    texto = client_equipe.get(exemplo.get_absolute_url()).content.decode()
    assert 'data-testid="total-mensal">R$ 57.751,28<' in texto  # 2 × 11.024,00 + 35.703,28


def test_reprecificar_bloqueado_quando_falta_codigo(exemplo, mapa_novo, client_equipe):
    adicionar_os(exemplo, [("TECSUP-03", 1, None, "")], numero="OS nº 002/2026")
    url = reverse("contratos:contratacao_reprecificar", args=[exemplo.pk])
    texto = client_equipe.get(url, {"mapa": mapa_novo.pk}).content.decode()
    assert "A versão escolhida não tem os perfis TECSUP-03" in texto
    assert "Confirmar a reprecificação" not in texto
    r = client_equipe.post(url, {"mapa": mapa_novo.pk})
    assert "A versão escolhida não tem os perfis TECSUP-03" in r.content.decode()
    exemplo.refresh_from_db()
    assert exemplo.mapa.nome_ato == "Portaria SGD/MGI nº 6.055/2025"


def test_versao_fixada_nao_muda_pela_edicao(exemplo, mapa_novo, client_equipe):
    dados = dados_contratacao(
        exemplo, meses="24", equipe=[("Maria", "tecnico")], mapa=mapa_novo.pk, versao=exemplo.versao
    )
    r = client_equipe.post(reverse("contratos:contratacao_editar", args=[exemplo.pk]), dados)
    assert r.status_code == 302
    exemplo.refresh_from_db()
    assert (exemplo.meses, exemplo.mapa.nome_ato) == (24, "Portaria SGD/MGI nº 6.055/2025")
    assert [(m.nome, m.papel) for m in exemplo.equipe.all()] == [("Maria", "tecnico")]


def test_criar_contratacao_so_com_versao_vigente(orgao, mapa, client_equipe):
    rascunho = MapaSalarial.objects.create(nome_ato="Rascunho", situacao=MapaSalarial.Situacao.RASCUNHO)
    dados = {
        "orgao": orgao.pk,
        "objeto": "Suporte",
        "numero_processo": "19974.000009/2026-01",
        "meses": "12",
        "mapa": rascunho.pk,
        "equipe-TOTAL_FORMS": "1",
        "equipe-INITIAL_FORMS": "0",
        "equipe-0-nome": "Ana",
        "equipe-0-papel": "requisitante",
    }
    url = reverse("contratos:contratacao_criar")
    assert "Faça uma escolha válida" in client_equipe.post(url, dados).content.decode()
    assert not Contratacao.objects.exists()
    dados["mapa"] = mapa.pk
    r = client_equipe.post(url, dados)
    contratacao = Contratacao.objects.get()
    assert r["Location"] == contratacao.get_absolute_url()
    assert contratacao.meses == 12 and contratacao.equipe.get().papel == "requisitante"


def test_duplicar_copia_tudo_como_rascunho(exemplo, client_equipe):
    exemplo.situacao = Contratacao.Situacao.CONCLUIDA
    exemplo.save()
    exemplo.equipe.create(nome="Ana", papel="tecnico")
    r = client_equipe.post(reverse("contratos:contratacao_duplicar", args=[exemplo.pk]))
    copia = Contratacao.objects.exclude(pk=exemplo.pk).get()
    assert r["Location"] == copia.get_absolute_url()
    assert copia.situacao == Contratacao.Situacao.RASCUNHO
    assert [m.nome for m in copia.equipe.all()] == ["Ana"]
    assert list(copia.ordens.values_list("numero", flat=True)) == ["OS nº 001/2026"]
    assert LinhaPerfil.objects.filter(ordem__contratacao=copia).count() == 2
    texto = client_equipe.get(copia.get_absolute_url()).content.decode()
    assert 'data-testid="total-mensal">R$ 56.152,38<' in texto


def test_os_para_impressao_sem_quantidades(exemplo, client_consulta):
    ordem = exemplo.ordens.get()
    ordem.linhas.filter(perfil__codigo="ASUPCOMP-02").update(quantidade=7)
    texto = client_consulta.get(reverse("contratos:os_imprimir", args=[ordem.pk])).content.decode()
    assert "Ao menos 1 (um) profissional para cada perfil" in texto
    assert "Analista de suporte computacional" in texto and "Pleno" in texto and "3 anos" in texto
    assert "Relatório mensal" in texto and "30 dias corridos" in texto and "Suporte a usuários" in texto
    assert ">7<" not in texto and "Quantidade" not in texto


def test_anexo_a_pela_pagina_nome_e_formulas(exemplo, client_consulta):
    r = client_consulta.get(reverse("contratos:contratacao_anexo_a", args=[exemplo.pk]))
    assert r["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert 'filename="anexo-a_19974.000001-2026-01_' in r["Content-Disposition"]
    ws = openpyxl.load_workbook(BytesIO(r.content))["Anexo A"]
    formulas = [c.value for linha in ws.iter_rows() for c in linha if c.data_type == "f"]
    assert "=ROUND(F9*G9,2)" in formulas and "=E9*H9" in formulas


def test_textos_com_sinal_de_formula_sao_texto_no_xlsx(nova_contratacao, client_equipe):
    contratacao = nova_contratacao(objeto=INJECOES[0])
    linhas = [("GERINF", 1, "2.00", INJECOES[3]), ("TECSUP-03", 1, "2.50", INJECOES[2])]
    ordem = adicionar_os(contratacao, linhas)
    ordem.item.descricao = INJECOES[1]
    ordem.item.save()
    r = client_equipe.get(reverse("contratos:contratacao_anexo_a", args=[contratacao.pk]))
    wb = openpyxl.load_workbook(BytesIO(r.content))
    celulas = [c for ws in wb for linha in ws.iter_rows() for c in linha if isinstance(c.value, str)]
    for texto in INJECOES:
        achadas = [c for c in celulas if texto in c.value]
        assert achadas, texto
        assert all(c.data_type == "s" for c in achadas), texto
    assert not [c for c in celulas if c.data_type == "f" and any(i in c.value for i in INJECOES)]


def test_lista_com_busca_filtros_e_estado_vazio(nova_contratacao, mapa_novo, client_equipe, outro_orgao):
    url = reverse("contratos:contratacao_lista")
    assert "Nenhuma contratação ainda" in client_equipe.get(url).content.decode()
    nova_contratacao(objeto="Atendimento a usuários")
    nova_contratacao(objeto="Rede de dados", numero_processo="19974.000002/2026-02", mapa=mapa_novo)
    nova_contratacao(org=outro_orgao, objeto="Atendimento do outro órgão")
    texto = client_equipe.get(url).content.decode()
    assert "Atendimento a usuários" in texto and "Rede de dados" in texto
    assert "outro órgão" not in texto
    texto = client_equipe.get(url, {"busca": "rede"}).content.decode()
    assert "Rede de dados" in texto and "Atendimento a usuários" not in texto
    texto = client_equipe.get(url, {"mapa": mapa_novo.pk}).content.decode()
    assert "Rede de dados" in texto and "Atendimento a usuários" not in texto
    texto = client_equipe.get(url, {"situacao": "concluida"}).content.decode()
    assert "Nenhuma contratação corresponde ao filtro" in texto


def test_lista_pagina_de_20_em_20(nova_contratacao, client_equipe):
    for n in range(25):
        nova_contratacao(numero_processo=f"19974.{n:06d}/2026-01")
    r = client_equipe.get(reverse("contratos:contratacao_lista"), {"pagina": 2})
    assert "Página 2 de 2 (25 contratações)" in r.content.decode()


PAGINAS_COM_LINHAS = {
    "painel": (consultas.painel(contratacoes=1), lambda c: reverse("painel")),
    "lista": (consultas.CONTRATACAO_LISTA, lambda c: reverse("contratos:contratacao_lista")),
    "detalhe": (consultas.CONTRATACAO_DETALHE, lambda c: c.get_absolute_url()),
    "editar": (consultas.CONTRATACAO_EDITAR, lambda c: reverse("contratos:contratacao_editar", args=[c.pk])),
    "os": (consultas.OS_EDITAR, lambda c: c.ordens.order_by("pk").first().get_absolute_url()),
    "imprimir": (
        consultas.OS_IMPRIMIR,
        lambda c: reverse("contratos:os_imprimir", args=[c.ordens.order_by("pk").first().pk]),
    ),
    "anexo_a": (consultas.ANEXO_A, lambda c: reverse("contratos:contratacao_anexo_a", args=[c.pk])),
}


@pytest.mark.parametrize("pagina", PAGINAS_COM_LINHAS)
def test_consultas_fixas_com_10_ou_500_linhas(pagina, contratacao_com, client_equipe):
    """10 ou 500 linhas: o mesmo número fixo de consultas em cada página que mostra as linhas."""
    n, url = PAGINAS_COM_LINHAS[pagina]
    for linhas in (10, 500):
        # na OS e na impressão, todas as linhas numa só OS (o pior caso da página)
        contratacao = contratacao_com(linhas, por_os=linhas if pagina in ("os", "imprimir") else 25)
        visitar(client_equipe, url(contratacao), n)
        contratacao.delete()  # o Painel resume cada contratação recente: compara com uma só


def test_painel_resume_no_maximo_cinco_contratacoes(nova_contratacao, client_equipe):
    for n in range(7):
        nova_contratacao(numero_processo=f"19974.{n:06d}/2026-01")
    visitar(client_equipe, reverse("painel"), consultas.painel(contratacoes=5))


def test_painel_mostra_a_estimativa_do_orgao(exemplo, client_equipe, client_outro_orgao):
    texto = client_equipe.get(reverse("painel")).content.decode()
    assert "R$ 56.152,38</strong> por mês, R$ 673.828,56 por ano" in texto
    assert reverse("contratos:contratacao_anexo_a", args=[exemplo.pk]) in texto
    texto = client_outro_orgao.get(reverse("painel")).content.decode()
    assert "R$ 56.152,38" not in texto and "Nenhuma contratação dos seus órgãos ainda" in texto


def test_limite_de_linhas_por_os_com_mensagem(exemplo, client_equipe, settings):
    """O Django recusa POST com campos demais: a página avisa antes, em vez de um erro 400."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 30  # (30 - 20) // 5 = 2 linhas por OS
    ordem = exemplo.ordens.get()
    base = reverse("contratos:os_linhas", args=[exemplo.pk]) + f"?os={ordem.pk}&"
    texto = client_equipe.post(base + "acao=adicionar", _dados_da_os_gravada(ordem, [2, 1])).content.decode()
    assert "Uma OS aceita até 2 linhas de perfil; distribua os perfis em outra OS." in texto
    assert texto.count('class="campo-perfil"') == 2


def test_itens_numerados_e_unicos_na_contratacao(exemplo, client_equipe):
    url = reverse("contratos:item_criar", args=[exemplo.pk])
    assert 'value="2"' in client_equipe.get(url).content.decode()  # próximo número sugerido
    r = client_equipe.post(url, {"numero": "1", "descricao": "Repetido"})
    assert "Já existe o Item 1 nesta contratação." in r.content.decode()
    r = client_equipe.post(url, {"numero": "2", "descricao": "Rede"})
    assert r.status_code == 302 and r["Location"].endswith("#item-2")
    texto = client_equipe.get(exemplo.get_absolute_url()).content.decode()
    assert "Item 2 – Rede" in texto and "Nenhuma OS planejada neste item." in texto
