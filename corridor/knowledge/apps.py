from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "corridor.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge base"
