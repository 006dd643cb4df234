"""The Chinese full-text search index (see articles/search.py).

SQLite: an FTS5 table kept in sync by triggers. PostgreSQL: a GIN expression index that the
database maintains itself. Both are written in the database, so every write path — the
admin, QuerySet.update(), bulk_update(), the importer's bulk_create() — keeps search current.
"""

from django.db import migrations


def install(apps, schema_editor):
    from articles import search

    search.install(schema_editor)


def uninstall(apps, schema_editor):
    from articles import search

    search.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
    ]
