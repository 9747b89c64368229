from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "corridor.timeline"
    label = "timeline"
    verbose_name = "Timeline"
