"""Import throughput (issues 12 and 14).

* Cheaper search-index functions on PostgreSQL: the index is an expression over
  ``newsroom_search_vector(...)``, which the server computes for every article written (the
  importer's largest server cost). The new definitions give exactly the vectors the old ones
  gave (``tests/ingest/test_search_vectors.py``), so the index built with the old ones stays
  valid: the functions are replaced in place, nothing is re-indexed. Nothing to do on SQLite.
* One issue per content hash: import jobs run in parts on several workers at once, and two
  files with the same text in two parts must not both become an issue.
"""

from django.db import migrations, models


def replace_functions(apps, schema_editor):
    from articles.search.postgres import POSTGRES_FUNCTIONS_SQL

    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in POSTGRES_FUNCTIONS_SQL:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_desk_hint_rejection"),
    ]

    operations = [
        # Backwards there is nothing to undo: the earlier definitions computed the same.
        migrations.RunPython(replace_functions, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="issue",
            constraint=models.UniqueConstraint(
                condition=models.Q(("content_hash", ""), _negated=True),
                fields=("content_hash",),
                name="issue_unique_content",
            ),
        ),
    ]
