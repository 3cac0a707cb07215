def endereco_de(request) -> str | None:
    """O endereço de quem fez o pedido, o mesmo que o django-axes registra (atrás do proxy, REMOTE_ADDR)."""
    if request is None:
        return None
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR") or None
