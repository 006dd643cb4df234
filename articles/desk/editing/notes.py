"""Notes on an article: who wrote what, when — for hand-offs between editors."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from articles.desk.editing.common import EditingError
from articles.models import Article, ArticleNote

MAX_NOTE = 2000


def add_note(*, article: Article, user: AbstractBaseUser | None, text: str) -> ArticleNote:
    """Leave a note on the article (plain text, shown escaped)."""
    text = text.replace("\r\n", "\n").replace("\x00", "").strip()
    if not text:
        raise EditingError("留言不能为空")
    if len(text) > MAX_NOTE:
        raise EditingError(f"留言最多 {MAX_NOTE} 字，现在有 {len(text)} 字")
    return ArticleNote.objects.create(
        article=article, user=user if user is not None and user.is_authenticated else None, text=text
    )


def notes_for(article: Article, *, limit: int = 50) -> list[ArticleNote]:
    return list(ArticleNote.objects.filter(article=article).select_related("user").order_by("-created_at", "-id")[:limit])
