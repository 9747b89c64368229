from django.apps import AppConfig


class CaseStudyConfig(AppConfig):
    name = "corridor.casestudy"
    label = "casestudy"
    verbose_name = "2015–16 case study"
