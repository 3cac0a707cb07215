app_name = "catalogo"

urlpatterns: list = []
