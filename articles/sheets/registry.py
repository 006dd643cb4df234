"""Which resource for which model, by the name the commands and the admin use. The one module
that knows every resource: the services and the admin ask it, the resources never do."""

from __future__ import annotations

from import_export.resources import ModelResource

from articles.sheets.errors import SpreadsheetError
from articles.sheets.resources.articles import ArticleResource
from articles.sheets.resources.issues import IssueResource
from articles.sheets.resources.people import PersonResource
from articles.sheets.resources.photos import PhotoResource
from articles.sheets.resources.tags import TagResource

RESOURCES: dict[str, type[ModelResource]] = {
    "articles": ArticleResource,
    "people": PersonResource,
    "photos": PhotoResource,
    "issues": IssueResource,
    "tags": TagResource,
}

# The models editors can move through a spreadsheet, by the name the commands take.
MODEL_NAMES = tuple(RESOURCES)


def resource_class_for(model: str) -> type[ModelResource]:
    """The resource behind ``csv_export MODEL`` / ``csv_import MODEL``."""
    try:
        return RESOURCES[model]
    except KeyError:
        raise SpreadsheetError(
            f"未知的数据类型“{model}”：只能是 {'、'.join(MODEL_NAMES)} (unknown model)"
        ) from None
