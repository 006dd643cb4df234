# The Celery app is created with Django, so jobs enqueued by the site use its configuration.
from newsroom.celery import app as celery_app

__all__ = ["celery_app"]
