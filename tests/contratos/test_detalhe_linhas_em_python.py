"""As linhas de perfil e o gráfico do detalhe da contratação, montados em Python (issue 19: vazão do
detalhe): o mesmo HTML de antes, com os textos escapados e as coordenadas sem ponto de milhar."""

import re

from tests.contratos.conftest import adicionar_os


def test_linha_de_perfil_no_detalhe(nova_contratacao, client_equipe):
    contratacao = nova_contratacao()
    adicionar_os(contratacao, [("ASUPCOMP-02", 1500, "2.50", 'Mercado "<b>aquecido</b>" & raro')])
    html = client_equipe.get(contratacao.get_absolute_url()).content.decode()
    # 5.075,52 × 2,50 = 12.688,80 por profissional; × 1.500 = 19.033.200,00
    assert (
        '<tr><th scope="row"><code>ASUPCOMP-02</code><br><span class="texto-perfil">'
        "Analista de suporte computacional Pleno</span></th>"
        '<td class="numero">1.500</td><td class="numero">R$ 5.075,52</td>'
        '<td class="numero">2,50 <span class="br-tag justificado" '
        'title="Mercado &quot;&lt;b&gt;aquecido&lt;/b&gt;&quot; &amp; raro">justificado</span></td>'
        '<td class="numero">R$ 12.688,80</td><td class="numero">R$ 19.033.200,00</td></tr>'
    ) in html
    assert "<b>aquecido" not in html


def test_grafico_com_mais_de_35_perfis_sem_ponto_de_milhar(nova_contratacao, client_equipe):
    """Com 40 barras o gráfico passa de 1.000 pontos de altura: as coordenadas vão sem separador."""
    contratacao = nova_contratacao()
    mapa = contratacao.mapa
    base = mapa.valores.first()
    for i in range(40 - mapa.valores.count()):
        base.pk = None
        base.codigo = f"EXTRA-{i:02d}"
        base.save()
    codigos = list(mapa.valores.values_list("codigo", flat=True))
    adicionar_os(contratacao, [(codigo, 1, None, "") for codigo in codigos])
    html = client_equipe.get(contratacao.get_absolute_url()).content.decode()
    svg = re.search(r'<svg class="grafico-perfis".*?</svg>', html, re.S).group(0)
    assert 'viewBox="0 0 660 1120"' in svg and 'height="1120"' in svg
    assert svg.count("<rect ") == 40
    assert re.findall(r'(?:y|x|width)="[\d.]*\.\d', svg) == []  # nenhum "1.008"
    assert 'y="1110"' in svg  # a 40ª barra: 39 × 28 + 18


def test_bloco_da_os_escapa_textos_e_mostra_as_acoes_de_quem_pode(
    nova_contratacao, client_equipe, client_consulta
):
    """A OS do detalhe montada em Python (bloco_da_os): título e confirmação escapados, a confirmação com o
    nome cortado em 80 caracteres e o plural certo; quem só consulta vê só a impressão."""
    contratacao = nova_contratacao()
    identificacao = 'Sustentação "<i>crítica</i>" & ' + "x" * 100
    uma = adicionar_os(contratacao, [("GERINF", 1, None, "")], numero="OS nº 001/2026")
    uma.identificacao = identificacao
    uma.save(update_fields=["identificacao"])
    vazia = adicionar_os(contratacao, [], numero="OS nº 002/2026")
    html = client_equipe.get(contratacao.get_absolute_url()).content.decode()
    bloco = re.search(rf'<div class="bloco-os" id="os-{uma.pk}">.*?</form></div></div>', html, re.S).group(0)
    assert "<h4>OS nº 001/2026 – Sustentação &quot;&lt;i&gt;crítica&lt;/i&gt;&quot; &amp; xxx" in bloco
    assert "<i>crítica" not in html
    confirmar = re.search(r'data-confirmar="([^"]*)"', bloco).group(1)
    assert confirmar.startswith("Excluir a OS nº 001/2026 – ") and "&quot;&lt;i&gt;crítica" in confirmar
    assert confirmar.endswith(
        "xxx…, com 1 linha de perfil (valor mensal R$ 34.632,18)? Não há como desfazer."
    )
    assert confirmar.count("x") < 60  # o nome cortado (truncatechars:80)
    assert f'href="/contratos/os/{uma.pk}/">' in bloco and 'name="csrfmiddlewaretoken"' in bloco
    assert f'href="/contratos/os/{uma.pk}/imprimir/"' in bloco
    assert '<tfoot><tr><th scope="row" colspan="5">Valor mensal da OS nº 001/2026</th>' in bloco
    outro = re.search(rf'<div class="bloco-os" id="os-{vazia.pk}">.*?</form></div></div>', html, re.S).group(
        0
    )
    assert (
        "<p>Esta OS ainda não tem perfis.</p>" in outro
        and "com 0 linhas de perfil (valor mensal R$ 0,00)" in outro
    )
    leitura = client_consulta.get(contratacao.get_absolute_url()).content.decode()
    bloco = re.search(rf'<div class="bloco-os" id="os-{uma.pk}">.*?</div></div>', leitura, re.S).group(0)
    assert "Editar OS" not in bloco and "<form" not in bloco and f"/contratos/os/{uma.pk}/imprimir/" in bloco
