"""Indexes matching the admin changelist's orderings, so a page of 100 out of 100,000
articles is read in index order instead of sorting the whole table.

Written as SQL (both SQLite and PostgreSQL accept it) so the model's Meta stays as it is.
"""

from django.db import migrations

INDEXES = {
    # The default ordering: -date, issue, position.
    "article_admin_order_idx": "(date DESC, issue_id, position)",
    # The status filter with the default ordering.
    "article_admin_status_idx": "(status, date DESC, issue_id, position)",
    # Sorting by OCR hint count (the review queue); the admin adds -id as a tie-breaker.
    "article_admin_hints_idx": "(ocr_hint_count, id)",
}


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_search_index")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX {name} ON articles_article {columns}",
            reverse_sql=f"DROP INDEX {name}",
        )
        for name, columns in INDEXES.items()
    ]
