from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "报纸档案"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from articles.search import register_sqlite_functions

        # The search index's triggers call a SQL function every SQLite connection must have.
        connection_created.connect(register_sqlite_functions, dispatch_uid="newsroom_search")

        # The editors' desk lives in articles.desk; its ModelAdmins (for people too, since the
        # people app sits below articles and imports nothing from it) register on import.
        from articles.desk.admin import article, issue, person, photo, records, tag  # noqa: F401
        from articles.jobs import admin as jobs_admin  # noqa: F401
