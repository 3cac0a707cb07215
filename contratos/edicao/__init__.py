"""Editar as linhas de uma OS ou de um item de catálogo: o caso de uso, numa casa só.

O caminho só anda para a frente:
1. a view autoriza e liga o formset (`formularios.py`), que entrega as linhas não gravadas;
2. `simulacao.simular(base, simulacao.puras(linhas))` dá os totais ao vivo sobre `contratos/estimativa.py`
   (a mesma conta do Anexo A); a `base` é a contratação gravada sem as linhas em edição, lida pelo selector;
3. ao salvar, o serviço grava as linhas do formset como vieram (`services.ordem_servico_salvar`).
"""
