app_name = "contratos"

urlpatterns: list = []
