from django.apps import AppConfig


class ActorsConfig(AppConfig):
    name = "corridor.actors"
    label = "actors"
    verbose_name = "Organisations"
