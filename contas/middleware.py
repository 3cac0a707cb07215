"""Quem entrou mas ainda não tem papel nenhum (primeira entrada pelo gov.br, por exemplo) vê só a página
"ainda sem acesso", "Minha conta" e o que não exige login: nenhum dado, nem o que todo perfil lê."""

# Rotas que servem a quem ainda não tem papel (além das de contas: e das que dispensam login).
LIVRES = frozenset({"logout", "acessibilidade", "password_change", "password_change_done"})


def sem_papel(usuario) -> bool:
    # get_all_permissions() fica em cache no usuário: o menu (perms) a usa de novo sem outra consulta.
    return usuario.is_authenticated and not usuario.is_superuser and not usuario.get_all_permissions()


class SemPapelMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        rota = request.resolver_match
        if rota is None or not sem_papel(request.user):
            return None
        request.sem_papel = True  # o menu esconde as áreas
        # o admin tem o seu portão (is_staff): quem não é da equipe vai para a entrada dele, como antes
        if {"contas", "admin"} & set(rota.namespaces) or rota.url_name in LIVRES:
            return None
        from contas.views import sem_acesso

        # O painel vira a página "ainda sem acesso"; qualquer outra página responde 403 com ela.
        return sem_acesso(request, status=200 if rota.url_name == "painel" else 403)
