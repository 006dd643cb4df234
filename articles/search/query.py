"""A reader's query cut into terms, and its form for each database's index."""

from __future__ import annotations

from dataclasses import dataclass

from articles.search.text import MAX_TERMS, runs


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A reader's query, cut into terms; every term must occur (as an exact substring)."""

    text: str
    terms: tuple[str, ...]

    @classmethod
    def parse(cls, text: str | None) -> SearchQuery | None:
        """``None`` when the text holds nothing searchable (only punctuation or spaces)."""
        if not text:
            return None
        terms: list[str] = []
        # Spaces separate terms; inside a term, punctuation does too (it ends a run).
        for word in text.split():
            for run in runs(word):
                if run not in terms:
                    terms.append(run)
        if not terms:
            return None
        return cls(text=text.strip(), terms=tuple(terms[:MAX_TERMS]))

    # --- SQLite FTS5 -------------------------------------------------------------------
    def fts5_match(self, *, title_only: bool = False) -> str:
        parts = []
        for term in self.terms:
            if len(term) == 1:
                parts.append(f'"{term}"*')
            else:
                parts.append('"' + " ".join(term[i : i + 2] for i in range(len(term) - 1)) + '"')
        expression = " AND ".join(parts)
        return f"{{title}} : ({expression})" if title_only else expression

    # --- PostgreSQL tsquery ------------------------------------------------------------
    def tsquery(self, *, title_only: bool = False) -> str:
        prefix = "#" if title_only else ""
        parts = []
        for term in self.terms:
            if len(term) == 1:
                parts.append(f"'{prefix}{term}':*")
            else:
                parts.extend(
                    f"'{prefix}{term[i : i + 2]}'" for i in range(len(term) - 1)
                )
        return " & ".join(dict.fromkeys(parts))

    @property
    def long_terms(self) -> tuple[str, ...]:
        """Terms the bigram AND alone cannot prove contiguous (three or more characters)."""
        return tuple(term for term in self.terms if len(term) >= 3)
