from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "corridor.reports"
    label = "reports"
    verbose_name = "Reports"
