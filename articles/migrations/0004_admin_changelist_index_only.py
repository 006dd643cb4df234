"""The changelist's ordering indexes also carry the id, so the admin's paginator (which picks a
page's ids first) reads a deep page from the index alone, without visiting 50,000 rows."""

from django.db import migrations

REPLACED = {
    "article_admin_order_idx": ("(date DESC, issue_id, position)", "(date DESC, issue_id, position, id)"),
    "article_admin_status_idx": (
        "(status, date DESC, issue_id, position)",
        "(status, date DESC, issue_id, position, id)",
    ),
}


def _operations():
    for name, (old, new) in REPLACED.items():
        yield migrations.RunSQL(
            sql=[f"DROP INDEX {name}", f"CREATE INDEX {name} ON articles_article {new}"],
            reverse_sql=[f"DROP INDEX {name}", f"CREATE INDEX {name} ON articles_article {old}"],
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_admin_changelist_indexes")]

    operations = list(_operations())
