from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "报纸档案"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete

        from articles.search import register_sqlite_functions

        # The search index's triggers call a SQL function every SQLite connection must have.
        connection_created.connect(register_sqlite_functions, dispatch_uid="newsroom_search")

        # A deleted page's files (image, tiles, thumbnail, crops) go once nothing names them,
        # whoever deletes it (re-import, issue delete, cascade).
        from articles.ingest.page_files import page_deleted
        from articles.models import Page

        post_delete.connect(page_deleted, sender=Page, dispatch_uid="newsroom_page_files")

        # The editors' desk lives in articles.desk; its ModelAdmins (for people too, since the
        # people app sits below articles and imports nothing from it) register on import.
        from articles.desk.admin import article, issue, person, photo, records, tag  # noqa: F401
        from articles.jobs import admin as jobs_admin  # noqa: F401
