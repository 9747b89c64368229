from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "corridor.web"
    label = "web"
    verbose_name = "Web interface"
