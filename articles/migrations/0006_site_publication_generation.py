"""The publication generation the readers' site caches its shared pages under.

A counter table raised by triggers on every table a public page reads (see
articles/site/generation.py): written in the database, so every write path — the admin, a
service, QuerySet.update(), the importer's bulk_create() — invalidates the cached pages of
every process on every web node at once.
"""

from django.db import migrations


def install(apps, schema_editor):
    from articles.site import generation

    generation.install(schema_editor)


def uninstall(apps, schema_editor):
    from articles.site import generation

    generation.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_jobs"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
    ]
