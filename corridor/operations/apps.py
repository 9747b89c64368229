from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "corridor.operations"
    label = "operations"
    verbose_name = "Activities and meetings"
