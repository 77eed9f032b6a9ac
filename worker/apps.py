from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class WorkerConfig(AppConfig):
    name = "worker"
    default = True  # this module also holds the tasks backend's config
    verbose_name = "Achtergrondwerk"
    default_auto_field = "django.db.models.BigAutoField"


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks' database backend, named in Dutch in the admin (the package's own name is English only)."""

    verbose_name = _("Achtergrondtaken")
