"""The `django.tasks` API: built into Django from 6.0, the `django-tasks` backport on 5.2.

Code in danchu imports `task` from here, so that moving to Django 6 changes one file.
"""

try:  # Django >= 6.0
    from django.tasks import TaskResultStatus, default_task_backend, task
except ImportError:  # Django 5.2 with the backport
    from django_tasks import TaskResultStatus, default_task_backend, task

__all__ = ["TaskResultStatus", "default_task_backend", "task"]
