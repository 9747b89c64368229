from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "corridor.ops"
    label = "ops"
    verbose_name = "Operations of the install"
