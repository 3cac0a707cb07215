app_name = "acordo"

urlpatterns: list = []
