from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "corridor.jobs"
    label = "jobs"
    verbose_name = "Jobs"

    def ready(self) -> None:
        from django_q.signals import post_spawn

        from corridor.jobs.workers import on_worker_spawn

        post_spawn.connect(on_worker_spawn, dispatch_uid="corridor.jobs.workers.on_worker_spawn")
