from core.grupos import ACOMPANHAMENTO, ADMINISTRADOR, CONSULTA, EQUIPE

MODELOS = ("acordo", "participe", "representante", "acaocronograma", "ocorrencia", "diasemexpediente")
LEITURA = [f"acordo.view_{m}" for m in MODELOS]
# Totais de todos os órgãos (monitoramento e balanço do ACT): não para a equipe ou a consulta de um órgão,
# que só veem o próprio órgão.
MONITORAMENTO = "acordo.ver_monitoramento"

# o cartão do ACT no Painel só aparece (e só é calculado) para quem lê o acordo
PAINEL = "acordo.view_acordo"

GRUPOS = {
    # edita acordo (assinatura, vigência), ações, partícipes, representantes e dias sem expediente
    ADMINISTRADOR: LEITURA
    + ["acordo.change_acordo", MONITORAMENTO]
    + [
        f"acordo.{acao}_{m}"
        for m in ("participe", "representante", "acaocronograma", "diasemexpediente")
        for acao in ("add", "change", "delete")
    ],
    # registra a conclusão e a reabertura das ocorrências
    ACOMPANHAMENTO: [*LEITURA, "acordo.change_ocorrencia", MONITORAMENTO],
    EQUIPE: LEITURA,
    CONSULTA: LEITURA,
}
