"""Loading the rows a file refers to: every row's object before the first row is imported, by
the resource's ``loaded`` and ``row_key`` (a ``base.resource.SpreadsheetResource``)."""

from __future__ import annotations

import copy
from typing import Any

import tablib
from django.core.exceptions import ValidationError
from django.db.models import Model
from import_export.instance_loaders import BaseInstanceLoader
from import_export.resources import ModelResource

from articles.sheets.errors import sheet_row


class SheetInstanceLoader(BaseInstanceLoader):
    """Every row's object loaded before the first row is imported (a few queries per
    thousand rows instead of one per row)."""

    def __init__(self, resource: ModelResource, dataset: tablib.Dataset | None = None):
        super().__init__(resource, dataset)
        self.instances = resource.loaded

    def get_instance(self, row: dict) -> Model | None:
        key = self.resource.row_key(row)
        if key is None:
            return None
        instance = self.instances.get(key)
        if instance is None:
            raise ValidationError({self.resource.key_column(): self.resource.missing_message(key)})
        seen = self.resource.rows_by_key
        if key in seen:
            raise ValidationError(
                {self.resource.key_column(): f"与第 {sheet_row(seen[key])} 行是同一条记录：每条记录只能出现一次"}
            )
        seen[key] = self.resource.current_row
        # The library deep-copies every row's object to compare with it afterwards: for
        # 10,000 articles with their issue, people and tags that is a sixth of the import.
        # A shallow copy is as good here: field values are immutable, the related values
        # are tuples, and Django's copy gives the clone its own related-object cache.
        instance.__dict__["__deepcopy__"] = _shallow_copier(instance)
        return instance


def _shallow_copier(instance: Model) -> Any:
    def copier(memo: dict) -> Model:
        clone = copy.copy(instance)
        clone.__dict__.pop("__deepcopy__", None)
        instance.__dict__.pop("__deepcopy__", None)  # once only: later copies are real ones
        return clone

    return copier
