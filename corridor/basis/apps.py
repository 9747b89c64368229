from django.apps import AppConfig


class BasisConfig(AppConfig):
    name = "corridor.basis"
    label = "basis"
    verbose_name = "Basis, coverage and recommendations tracker"
