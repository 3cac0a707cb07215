def produto(request):
    """Nome do produto, usado no cabeçalho e nos títulos."""
    return {"PRODUTO": "PlanejaTIC"}
