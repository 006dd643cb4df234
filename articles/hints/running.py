"""The hint knowledge of one import run, learning as its files come in.

The importer stores each article's hint count in the same transaction as the article, so
the counts are right after any crash and re-run (no later sweep over the archive to
forget). A file is judged against what the archive knows at that point: the people already
in the archive and those named by the run's files so far (itself included), the aliases,
tags and curated terms, and the n-gram counts of the archive's first ``NGRAM_SAMPLE``
articles — filled up with the run's own articles as they come while there are fewer, then
kept as they are (so memory stays flat however many files follow).

What a file adds depends only on its text and on the files before it — never on which of
them were written in an earlier, interrupted run (a file already in the archive is not
counted twice), nor on what was written when: an import that dies and is run again stores
the counts an uninterrupted one stores, and the importer's background parser, holding its
own copy, gets exactly the counts a one-process import gets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from articles.hints.context import HintContext
from articles.hints.detectors import NGRAM_SAMPLE, archive_knowledge
from articles.hints.rules import count_hints
from articles.hints.text import add_ngrams


def first_bodies(limit: int = NGRAM_SAMPLE) -> list[str]:
    """The bodies of the archive's first ``limit`` articles (the import's n-gram sample)."""
    from articles.models import Article

    return list(Article.objects.order_by("pk").values_list("body", flat=True)[:limit])


class ImportHints:
    def __init__(
        self, context: HintContext, *, sample_room: int, archived: Iterable[str] = ()
    ) -> None:
        self.context = context
        if not isinstance(context.ngrams, Counter):
            context.ngrams = Counter(context.ngrams)
        #: how many more articles the n-gram sample takes
        self.sample_room = max(0, sample_room)
        #: content hashes whose articles the sample has had its chance to take
        self._learned: set[str] = set(archived)

    @classmethod
    def from_archive(cls, *, archived: Iterable[str] = ()) -> ImportHints:
        """Start from the database as it is now (a few queries and the sample's bodies).

        ``archived``: content hashes of files already in the archive that the run may
        meet again; their articles are in the archive, so the sample does not take them twice.
        """
        context = archive_knowledge()
        bodies = first_bodies(NGRAM_SAMPLE)
        add_ngrams(context.ngrams, bodies)
        return cls(context, sample_room=NGRAM_SAMPLE - len(bodies), archived=archived)

    def learn(
        self, *, digest: str, names: Iterable[str], bodies: list[str],
        misread: Mapping[str, str] | None = None,
    ) -> None:
        """An issue's people (``misread``: names printed with a look-alike surname → the
        name they most likely are) and article bodies, before its hints are counted."""
        self.context.add_people(names)
        if misread:
            self.context.misread_names.update(misread)
        if digest in self._learned:
            return
        self._learned.add(digest)
        if self.sample_room and bodies:
            taken = bodies[: self.sample_room]
            self.sample_room -= len(taken)
            self.context.add_texts(taken)

    def count(self, fields: Mapping[str, str]) -> int:
        return count_hints(fields, self.context)
