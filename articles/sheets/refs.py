"""The people and tags a spreadsheet cell names, as the widgets read them and the bulk
article writer stores them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Credit:
    """A person in one role of an article, as a spreadsheet cell names them."""

    name: str
    title: str = ""
    person_id: int | None = None  # None: a new person, created on import

    def __deepcopy__(self, memo: dict) -> Credit:
        return self  # immutable; the library deep-copies every row's object for its diff


@dataclass(frozen=True, slots=True)
class TagRef:
    name: str
    tag_id: int | None = None  # None: a new tag, created on import

    def __deepcopy__(self, memo: dict) -> TagRef:
        return self


def by_name(tag: TagRef) -> str:
    """Tags are listed by name in a cell: the order a re-import compares with."""
    return tag.name
