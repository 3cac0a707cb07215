"""A página de edição da OS com 500 linhas cabe num orçamento de bytes (teste de tamanho, não de tempo)."""

# Orçamento do HTML (antes de compressão) da OS com 500 linhas. Eram 2,75 MB com os perfis repetidos como
# <option> em cada linha; as opções vão uma vez num <template>, a justificativa só na linha que a mostra, sem
# ids nem hx-post por linha (583 KB, ~1,1 KB por linha). Agora cada linha leva só os campos com o seu rótulo
# acessível, a célula br-input no lugar de um invólucro por campo, o ícone do botão pelo CSS, e o script cria
# o lugar vazio do motivo e a dica do K do mapa: ~660 bytes por linha, ~345 KB. A meta da issue 19 é 400 KB;
# este número (360 KB) impede a volta das repetições.
ORCAMENTO_500_LINHAS = 360 * 1024


def test_os_com_500_linhas_cabe_no_orcamento_de_bytes(contratacao_com, client_equipe):
    contratacao = contratacao_com(500, por_os=500)
    html = client_equipe.get(contratacao.ordens.get().get_absolute_url()).content.decode()
    assert html.count('class="campo-perfil"') == 500
    assert len(html.encode()) <= ORCAMENTO_500_LINHAS
    # as opções de perfil (com o K do mapa) vão uma vez na página; cada select leva só a escolhida
    assert html.count('<template id="opcoes-perfil">') == 1
    assert html.count('data-opcoes="opcoes-perfil"') == 1  # na tabela, não em cada select
    assert html.count("data-fator-k=") == contratacao.mapa.valores.count()
