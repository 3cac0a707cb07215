from contas.govbr import govbr_configurado


def govbr(request):
    """Se a entrada pelo gov.br está configurada (o botão na tela de entrada aparece só então)."""
    return {"GOVBR_HABILITADO": govbr_configurado()}
