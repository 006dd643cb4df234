"""Score the parser on rendered issues against their gold (``<issue>.json`` beside each file).

Articles are matched by content, one to one: a parsed article takes the gold article whose
body it covers best (at least half of the gold body's character pairs), biggest overlaps
first. So two articles merged into one count as one found and one lost, and a body cut in
two counts as found once and one spurious item.

- found: gold articles matched; complete: matched and starting and ending where the gold
  body does; titles: the headline right; headline group right: kicker + headline +
  subheadline together right (on the right body);
- correspondents, people, photographers: F1 over (item, name) pairs, lost items counting
  their names as missed and spurious items their names as wrong;
- photos found: gold photos whose caption a parsed photo covers;
- spurious: parsed articles matching no gold article, per 40 gold articles;
- misread names: names printed with a look-alike surname (划 for 刘) that the parser found
  and flagged as misread, reading them right. A person is counted by the name the parser
  says they most likely have (``PersonMention.likely_name``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from articles.ocr import parse_issue
from articles.ocr.text import bigrams, match_key
from articles.ocr.types import ParsedIssue

MATCH_SHARE = 0.5
EDGE_CHARS = 10


@dataclass(slots=True)
class Tally:
    issues: int = 0
    dates_right: int = 0
    articles: int = 0
    found: int = 0
    complete: int = 0
    titles: int = 0
    groups: int = 0
    spurious: int = 0
    photos: int = 0
    photos_found: int = 0
    misread: int = 0  # gold names printed with a look-alike surname
    misread_found: int = 0  # ... found and flagged
    names: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0, 0, 0] for k in ("writers", "people", "photographers")}
    )  # true positives, false positives, false negatives

    def add(self, other: Tally) -> None:
        for name in ("issues", "dates_right", "articles", "found", "complete", "titles",
                     "groups", "spurious", "photos", "photos_found", "misread", "misread_found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key, counts in other.names.items():
            for k in range(3):
                self.names[key][k] += counts[k]

    def f1(self, key: str) -> float:
        return f1_score(*self.names[key])

    def figures(self) -> dict[str, float]:
        def share(n: int, d: int) -> float:
            return n / d if d else 1.0

        return {
            "found": share(self.found, self.articles),
            "complete": share(self.complete, self.articles),
            "titles": share(self.titles, self.articles),
            "headline_group": share(self.groups, self.articles),
            "correspondents_f1": self.f1("writers"),
            "photos_found": share(self.photos_found, self.photos),
            "photographers_f1": self.f1("photographers"),
            "people_f1": self.f1("people"),
            "spurious_per_40": 40 * self.spurious / self.articles if self.articles else 0.0,
            "misread_names": share(self.misread_found, self.misread),
            "dates": share(self.dates_right, self.issues),
        }


def f1_score(tp: int, fp: int, fn: int) -> float:
    """F1 over names found right, made up and missed; 1.0 where there was nothing to find."""
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def _key(*parts: str | None) -> str:
    return match_key("".join(p for p in parts if p))


def _same_edge(a: str, b: str) -> bool:
    """Two runs of text agree but for a character or two (an OCR look-alike swap)."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 2


def _complete(gold_body: str, parsed_body: str) -> bool:
    g, p = _key(gold_body), _key(parsed_body)
    n = min(EDGE_CHARS, len(g))
    return len(p) >= n and _same_edge(g[:n], p[:n]) and _same_edge(g[-n:], p[-n:])


def _match(gold: list[str], parsed: list[str]) -> dict[int, int]:
    """gold index -> parsed index, one to one, biggest overlaps first."""
    gold_grams = [bigrams(g) for g in gold]
    parsed_grams = [bigrams(p) for p in parsed]
    pairs = []
    for i, g in enumerate(gold_grams):
        if not g:
            continue
        for j, p in enumerate(parsed_grams):
            shared = len(g & p)
            if shared >= MATCH_SHARE * len(g):
                pairs.append((shared, -i, -j))
    pairs.sort(reverse=True)
    taken_g: dict[int, int] = {}
    taken_p: set[int] = set()
    for _, i, j in pairs:
        if -i in taken_g or -j in taken_p:
            continue
        taken_g[-i] = -j
        taken_p.add(-j)
    return taken_g


def _names(
    counts: list[int], predicted: Iterable[str], gold: Iterable[str],
    misses: list[str] | None = None, what: str = "",
) -> None:
    p, g = set(predicted), set(gold)
    counts[0] += len(p & g)
    counts[1] += len(p - g)
    counts[2] += len(g - p)
    if misses is not None and p != g:
        # Missed names first, then names the parser made up: the two halves of the F1.
        misses.append(f"{what} missed {' '.join(sorted(g - p)) or '-'} wrong {' '.join(sorted(p - g)) or '-'}")


@dataclass(slots=True)
class IssueScore:
    name: str
    tally: Tally
    by_tag: dict[str, Tally]
    misses: list[str]


def score_issue(gold: dict, parsed: ParsedIssue, name: str = "") -> IssueScore:
    tally = Tally(issues=1)
    by_tag: dict[str, Tally] = defaultdict(Tally)
    misses: list[str] = []
    if parsed.date is not None and parsed.date.isoformat() == gold["date"]:
        tally.dates_right = 1
    articles = gold["articles"]
    matched = _match([a["body"] for a in articles], [a.body for a in parsed.articles])
    for i, g in enumerate(articles):
        one = Tally(articles=1)
        p = parsed.articles[matched[i]] if i in matched else None
        if p is None:
            misses.append(f"lost {g['id']} {g['headline'][:20]}")
            _names(one.names["writers"], (), g["writers"])
            _names(one.names["people"], (), g["people"])
        else:
            one.found = 1
            one.complete = int(_complete(g["body"], p.body))
            one.titles = int(_key(g["headline"]) == _key(p.headline))
            one.groups = int(
                _key(g["kicker"], g["headline"], g["subheadline"])
                == _key(p.kicker, p.headline, p.subheadline)
            )
            _names(
                one.names["writers"], (m.likely_name for m in p.correspondents), g["writers"],
                misses, f"writers {g['id']}",
            )
            _names(
                one.names["people"], (m.likely_name for m in p.people), g["people"],
                misses, f"people {g['id']}",
            )
            flagged = {
                m.misread.likely for m in (*p.correspondents, *p.people) if m.misread is not None
            }
            one.misread_found = sum(1 for name in g.get("misread", ()) if name in flagged)
            if not one.complete:
                misses.append(f"incomplete {g['id']} {p.body[:12]}…{p.body[-12:]}")
            if not one.groups:
                misses.append(
                    f"group {g['id']} want {g['kicker']}|{g['headline']}|{g['subheadline']}"
                    f" got {p.kicker}|{p.headline}|{p.subheadline}"
                )
        one.misread = len(g.get("misread", ()))
        tally.add(one)
        for tag in (f"layout={gold['layout']}", f"noise={gold['noise']}",
                    f"byline={g['byline_at'] or 'none'}"):
            by_tag[tag].add(one)
    for j, p in enumerate(parsed.articles):
        if j not in matched.values():
            tally.spurious += 1
            by_tag[f"layout={gold['layout']}"].spurious += 1
            misses.append(f"spurious {p.headline} {p.body[:20]}")
            _names(tally.names["writers"], (m.likely_name for m in p.correspondents), ())
            _names(tally.names["people"], (m.likely_name for m in p.people), ())
    photos = gold["photos"]
    matched_photos = _match([p["caption"] for p in photos], [p.caption for p in parsed.photos])
    tally.photos = len(photos)
    for i, g in enumerate(photos):
        if i in matched_photos:
            tally.photos_found += 1
            got = parsed.photos[matched_photos[i]].photographers
            _names([0, 0, 0], got, g["photographers"], misses, f"photographers {g['id']}")
        else:
            got = []
            misses.append(f"photo lost {g['id']} {g['caption'][:16]}")
        _names(tally.names["photographers"], got, g["photographers"])
    for j, p in enumerate(parsed.photos):
        if j not in matched_photos.values():
            _names(tally.names["photographers"], p.photographers, ())
    return IssueScore(name, tally, dict(by_tag), misses)


@dataclass(slots=True)
class Report:
    total: Tally
    by_tag: dict[str, Tally]
    issues: list[IssueScore]


def score_files(
    gold_dir: Path,
    files: Iterable[Path],
    *,
    parse: Callable[[str], ParsedIssue] = parse_issue,
) -> Report:
    """Parse every file and score it against ``gold_dir/<file stem>.json``."""
    total = Tally()
    by_tag: dict[str, Tally] = defaultdict(Tally)
    scores = []
    for path in files:
        gold_path = gold_dir / f"{path.stem}.json"
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        result = score_issue(gold, parse(path.read_text(encoding="utf-8")), path.name)
        total.add(result.tally)
        for tag, tally in result.by_tag.items():
            by_tag[tag].add(tally)
        scores.append(result)
    return Report(total, dict(by_tag), scores)
