"""People for the importer: names (and OCR aliases) to Person rows, and the credit rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from articles.ingest.bulk import RowInserter
from articles.ocr.types import PersonMention, Role
from people.models import Person, PersonAlias

_PEOPLE = RowInserter(Person, ["name"])


class PersonResolver:
    """Maps names (and OCR aliases) to Person rows, creating missing people in bulk.

    Every known name and alias is loaded once, with the first file (one query each, a few
    thousand short rows): after that a file whose people are all known costs no query at all.
    """

    def __init__(self) -> None:
        self._cache: dict[str, int] | None = None
        self._people: dict[int, Person] = {}  # id -> an unsaved stand-in carrying the name

    def _load(self) -> dict[str, int]:
        cache = dict(PersonAlias.objects.values_list("name", "person_id"))
        people = list(Person.objects.values_list("name", "id"))
        # A person's own name wins over somebody else's alias of the same spelling.
        cache.update(people)
        self._people = {pk: Person(pk=pk, name=name) for name, pk in people}
        return cache

    def person(self, pk: int) -> Person:
        """The person with this id, by their own name (not the alias the text used)."""
        person = self._people.get(pk)
        if person is None:  # created by someone else since the names were loaded
            person = self._people[pk] = Person.objects.only("id", "name").get(pk=pk)
        return person

    def lookup(self, name: str) -> int | None:
        """The id this name (or alias) resolves to, without creating anyone."""
        if self._cache is None:
            self._cache = self._load()
        return self._cache.get(name)

    def resolve(self, names: Iterable[str]) -> dict[str, int]:
        if self._cache is None:
            self._cache = self._load()
        missing = {n for n in names if n} - self._cache.keys()
        if missing:
            # The rows inserted come back with their ids; only names someone else added
            # meanwhile (a conflict, skipped) need reading.
            found = _PEOPLE.insert(
                [(n,) for n in sorted(missing)], returning=("pk", "name"), ignore_conflicts=True
            )
            left = missing - {name for _, name in found}
            if left:
                found.extend(Person.objects.filter(name__in=left).values_list("id", "name"))
            for pk, name in found:
                self._cache[name] = pk
                self._people[pk] = Person(pk=pk, name=name)
        return self._cache

    def keep_misread_spellings(self, misread: Mapping[str, str]) -> int:
        """Keep each name printed with a look-alike surname (划晓明) as an alias of the person
        it most likely is (刘晓明, created if new), so a search finds either spelling and the
        hints flag the printed one. A spelling already some person's name or alias is left as
        it is. Returns how many aliases were added."""
        if not misread:
            return 0
        ids = self.resolve(misread.values())
        fresh = {printed: ids[likely] for printed, likely in misread.items() if printed not in ids}
        if not fresh:
            return 0
        PersonAlias.objects.bulk_create(
            [PersonAlias(name=printed, person_id=pk) for printed, pk in sorted(fresh.items())],
            ignore_conflicts=True,
        )
        # An alias of the same spelling added meanwhile by someone else wins (unique name).
        for name, pk in PersonAlias.objects.filter(name__in=fresh).values_list("name", "person_id"):
            ids[name] = pk
        return len(fresh)

    def forget(self) -> None:
        """Drop cached ids (after a rolled-back transaction they may not exist)."""
        self._cache = None
        self._people = {}


@dataclass(frozen=True, slots=True)
class Credit:
    """One people row of an article, as written (ArticlePerson's columns) and as a revision
    snapshot reads it (``person`` carries the person's own name)."""

    person: Person
    role: str
    title: str
    position: int

    @property
    def person_id(self) -> int:
        return self.person.pk


def credits_for(
    correspondents: list[PersonMention],
    mentioned: list[PersonMention],
    photographers: list[str],
    person_ids: Mapping[str, int],
    person: Callable[[int], Person],
) -> list[Credit]:
    """The article's people rows: one per person and role, in the order the text names them."""
    seen: set[tuple[int, str]] = set()
    rows: list[Credit] = []
    groups: list[tuple[Role, list[PersonMention]]] = [
        (Role.CORRESPONDENT, correspondents),
        (Role.PHOTOGRAPHER, [PersonMention(n, Role.PHOTOGRAPHER) for n in photographers]),
        (Role.MENTIONED, mentioned),
    ]
    for role, mentions in groups:
        for position, mention in enumerate(mentions):
            # A name printed with a look-alike surname is the person it most likely is.
            key = (person_ids[mention.likely_name], role.value)
            if key in seen:
                continue
            seen.add(key)
            rows.append(Credit(person(key[0]), role.value, mention.title[:100], position))
    return rows
