from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "corridor.search"
    label = "search"
    verbose_name = "Search index"
