"""Editar as linhas de uma OS ou de um item de catálogo: o caso de uso, numa casa só.

O caminho só anda para a frente:
1. a view autoriza e liga o formset (`formularios.py`), que entrega as linhas não gravadas;
2. `simulacao.simular_sobre_guardados(base, simulacao.puras(linhas))` dá os totais ao vivo sobre
   `contratos/estimativa.py` (a mesma conta do Anexo A), recalculando só as linhas em edição; a `base`
   (`bases.py`) é a contratação pelos totais guardados (`contratos/totais.py`), sem elas;
3. ao salvar, o serviço grava as linhas do formset como vieram (`services.ordem_servico_salvar`).
"""
