"""The Celery application: `celery -A newsroom worker` runs the background jobs (articles.jobs).

Configured from the Django settings whose names start with CELERY_ (newsroom/settings.py);
the only task is ``articles.jobs.tasks.run``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

app = Celery("newsroom", include=["articles.jobs.tasks"])
app.config_from_object("django.conf:settings", namespace="CELERY")
