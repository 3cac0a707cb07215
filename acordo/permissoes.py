from core.grupos import ACOMPANHAMENTO, ADMINISTRADOR, CONSULTA, EQUIPE

MODELOS = ("acordo", "participe", "representante", "acaocronograma", "ocorrencia", "diasemexpediente")
LEITURA = [f"acordo.view_{m}" for m in MODELOS]

# o cartão do ACT no Painel só aparece (e só é calculado) para quem lê o acordo
PAINEL = "acordo.view_acordo"

GRUPOS = {
    # edita acordo (assinatura, vigência), ações, partícipes, representantes e dias sem expediente
    ADMINISTRADOR: LEITURA
    + ["acordo.change_acordo"]
    + [
        f"acordo.{acao}_{m}"
        for m in ("participe", "representante", "acaocronograma", "diasemexpediente")
        for acao in ("add", "change", "delete")
    ],
    # registra a conclusão e a reabertura das ocorrências
    ACOMPANHAMENTO: [*LEITURA, "acordo.change_ocorrencia"],
    EQUIPE: LEITURA,
    CONSULTA: LEITURA,
}
