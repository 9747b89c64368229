from django.apps import AppConfig


class ForecastingConfig(AppConfig):
    name = "corridor.forecasting"
    label = "forecasting"
    verbose_name = "Forecasting"
