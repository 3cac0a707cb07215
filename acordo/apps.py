from django.apps import AppConfig


class AcordoConfig(AppConfig):
    name = "acordo"
    verbose_name = "ACT 142/2024"
