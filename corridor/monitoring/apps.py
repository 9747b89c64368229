from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "corridor.monitoring"
    label = "monitoring"
    verbose_name = "Flows and monitoring"
