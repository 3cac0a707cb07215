"""O ciclo de vida comum (core.versoes) nas versões de catálogo: cópia em lote, trava e queixas claras."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalogo import services
from catalogo.models import NivelServico, ServicoNuvem, VersaoCatalogo

# A transação (2), a validação do cabeçalho (20: a versão de origem existe, o rótulo é único e cada uma das 6
# restrições do banco é conferida numa savepoint, 3 cada), o cabeçalho e o seu histórico (2) e, para cada um
# dos 5 relacionamentos copiados (níveis da versão, serviços de nuvem e profissionais, níveis de cada tipo de
# serviço), 1 leitura e, havendo linhas, 2 inserts em lote (cópias e histórico): aqui 2 deles têm linhas.
CONSULTAS_COPIA = 2 + 20 + 2 + 5 + 2 * 2


@pytest.mark.parametrize("n", [3, 60])
def test_nova_versao_copia_em_lote_sem_crescer_com_os_servicos(criar_versao, django_assert_num_queries, n):
    origem = criar_versao(n=n, aprovar=True)
    with django_assert_num_queries(CONSULTAS_COPIA):
        copia = services.versao_copiar(origem=origem, versao="2025.2", vigencia_inicio=date(2025, 6, 1))
    assert copia.servicos_nuvem.count() == n
    assert NivelServico.objects.filter(servico_nuvem__versao=copia).count() == n
    # cada nível copiado fica com o serviço copiado, não com o da origem
    assert not NivelServico.objects.filter(servico_nuvem__versao=copia).exclude(
        servico_nuvem__in=ServicoNuvem.objects.filter(versao=copia)
    )
    historico = ServicoNuvem.history.filter(versao_id=copia.pk)
    assert historico.count() == n and {h.history_change_reason for h in historico} == {"Cópia de versão"}


def test_transicao_fora_do_fluxo_diz_de_onde_para_onde(criar_versao):
    versao = criar_versao()
    with pytest.raises(ValidationError) as erro:
        services.versao_transicionar(versao=versao, para=VersaoCatalogo.Situacao.APROVADO)
    assert erro.value.messages == ["Não é possível passar de “Rascunho” para “Aprovado”."]


def test_formulario_da_aprovada_no_admin_diz_que_esta_travada(client_admin_ref, criar_versao):
    aprovada = criar_versao(aprovar=True)
    html = client_admin_ref.get(reverse("admin:catalogo_versaocatalogo_change", args=[aprovada.pk])).content
    assert "Versão travada." in html.decode()
    assert "está “Aprovado” e não pode ser alterada; crie uma nova versão a partir dela." in html.decode()
    rascunho = criar_versao(versao="2025.9")
    html = client_admin_ref.get(reverse("admin:catalogo_versaocatalogo_change", args=[rascunho.pk])).content
    assert "Versão travada." not in html.decode()
