"""Generation: deal the seeds' material out as new issues, deterministically from a seed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence

from articles.bench.synthetic.harvest import load_material
from articles.bench.synthetic.issue import (
    SyntheticArticle,
    SyntheticIssue,
    SyntheticMention,
    SyntheticPhoto,
)
from articles.bench.synthetic.material import MASTHEAD, Layout, Material
from articles.bench.synthetic.templates import FillState, closest, fill

HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
LUNAR_MONTHS = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
_CHINESE_DIGITS = "〇一二三四五六七八九十"

BYLINE_TITLES = ("通讯员", "通讯员", "通讯员", "通讯员", "记者", "特约记者")
DEFAULT_START = dt.date(2000, 1, 3)


def lunar_date_text(day: dt.date) -> str:
    """The masthead's lunar date, as seed 001 prints it: 2025-08-26 → 乙巳年七月初四."""
    from lunardate import LunarDate  # only the Markdown layout needs it

    lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
    year = HEAVENLY_STEMS[(lunar.year - 4) % 10] + EARTHLY_BRANCHES[(lunar.year - 4) % 12]
    month = ("闰" if lunar.isLeapMonth else "") + LUNAR_MONTHS[lunar.month - 1] + "月"
    d = lunar.day
    if d <= 10:
        day_text = "初" + _CHINESE_DIGITS[d]
    elif d < 20:
        day_text = "十" + _CHINESE_DIGITS[d - 10]
    elif d == 20:
        day_text = "二十"
    elif d < 30:
        day_text = "廿" + _CHINESE_DIGITS[d - 20]
    else:
        day_text = "三十"
    return f"{year}年{month}{day_text}"


class CorpusGenerator:
    """Deals the seeds' material out as new issues, deterministically from ``seed``.

    Issue *i* depends only on (seed, i), so any slice of a corpus can be generated alone and a
    small corpus is the beginning of a large one. Dates are distinct per (issue, page): issue
    dates advance by one or two days per issue (``pages`` issues share a date, one per page).
    """

    def __init__(
        self,
        *,
        seed: int = 1,
        material: Material | None = None,
        start: dt.date = DEFAULT_START,
        pages: int = 1,
        min_articles: int = 3,
        max_articles: int = 12,
        max_paragraphs: int = 7,
        layouts: Sequence[Layout] = (Layout.WRAPPED, Layout.MARKDOWN, Layout.LONGLINE),
    ) -> None:
        if pages < 1 or min_articles < 1 or max_articles < min_articles or max_paragraphs < 1:
            raise ValueError("pages, article and paragraph counts must be positive")
        self.seed = seed
        self.material = material if material is not None else load_material()
        self.start = start
        self.pages = pages
        self.min_articles = min_articles
        self.max_articles = max_articles
        self.max_paragraphs = max_paragraphs
        self.layouts = tuple(layouts)
        self.people = _people_pool(self.material, seed)
        # Sorted: iterating the frozenset would follow PYTHONHASHSEED, not the corpus seed.
        self._seed_names = tuple(sorted(self.material.seed_names))
        self._headlines_for = [
            (
                closest(lead, self.material.events or self.material.slogans, 3),
                closest(lead, self.material.slogans, 4),
            )
            for lead in self.material.leads
        ]

    def _header(self, index: int) -> tuple[random.Random, dt.date, int, Layout, int]:
        rng = random.Random(f"newsroom-synthetic:{self.seed}:{index}")
        day_index, page = divmod(index, self.pages)
        # Two days per date slot, the second chosen at random: distinct, not evenly spaced.
        date = self.start + dt.timedelta(days=2 * day_index + rng.randint(0, 1))
        layout = self.layouts[rng.randrange(len(self.layouts))]
        count = rng.randint(self.min_articles, self.max_articles)
        return rng, date, page, layout, count

    def article_count(self, index: int) -> int:
        """How many articles issue ``index`` has, without generating it (for planning)."""
        return self._header(index)[4]

    def issue(self, index: int, *, max_articles: int | None = None) -> SyntheticIssue:
        """Issue ``index``; ``max_articles`` trims it (the last issue of an exact-size archive)."""
        rng, date, page, layout, count = self._header(index)
        if max_articles is not None:
            count = max(1, min(count, max_articles))
        articles = [self._article(rng, date) for _ in range(count)]
        photos = [self._photo(rng, date, count) for _ in range(rng.choice((0, 1, 1, 2, 2, 3)))]
        masthead = lunar = None
        if layout is Layout.MARKDOWN:
            masthead, lunar = MASTHEAD, lunar_date_text(date)
        widths = self.material.wrap_widths
        return SyntheticIssue(
            index=index,
            seed=self.seed,
            date=date,
            page=page + 1,
            layout=layout,
            articles=articles,
            photos=photos,
            wrap_width=widths[rng.randrange(len(widths))],
            masthead=masthead,
            lunar_date=lunar,
        )

    def issues(self, count: int, *, first: int = 0) -> Iterator[SyntheticIssue]:
        """Issues ``first`` … ``first + count - 1``, one at a time (nothing is kept)."""
        for index in range(first, first + count):
            yield self.issue(index)

    # -- pieces ---------------------------------------------------------------------------

    def _person(self, rng: random.Random) -> str:
        # Log-uniform over the pool: a few people appear very often, most rarely, as in a paper.
        return self.people[int(len(self.people) ** rng.random()) - 1]

    def _cast(self, rng: random.Random) -> dict[str, str]:
        """Who plays each seed person in one article (half keep their own name: leaders recur)."""
        return {
            name: name if rng.random() < 0.5 else self._person(rng)
            for name in self._seed_names
        }

    def _article(self, rng: random.Random, issue_date: dt.date) -> SyntheticArticle:
        material = self.material
        cast = self._cast(rng)
        people: dict[str, str] = {}
        dateline_day = issue_date - dt.timedelta(days=rng.randint(1, 4))
        state = FillState(cast=cast, people=people, year=issue_date.year, dateline_day=dateline_day)

        lead_index = rng.randrange(len(material.leads))
        lead_template = material.leads[lead_index]
        # Headlines that share words with the lead: a reader (and the parser, which pairs
        # detached headlines with bodies by their words) should see they belong together.
        events, slogans = self._headlines_for[lead_index]
        headline = fill(rng.choice(events), state, record=True)
        kicker = subheadline = section = None
        if slogans and rng.random() < 0.2:
            kicker = fill(rng.choice(slogans), state)
        if slogans and rng.random() < 0.25:
            subheadline = fill(rng.choice(slogans), state)
        feature = rng.random() < 0.1
        if feature or rng.random() < 0.05:
            section = rng.choice(material.sections)

        lead = fill(lead_template, state, record=True)
        templates = [lead_template]
        paragraphs = [lead]
        for _ in range(rng.randint(0, self.max_paragraphs - 1)):
            template = rng.choice(material.paragraphs)
            templates.append(template)
            paragraphs.append(fill(template, state, record=True))

        names = [self._person(rng) for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))]
        names = list(dict.fromkeys(names))
        title = rng.choice(BYLINE_TITLES)
        if feature:
            byline = f"□ {title} {' '.join(names)}"
        else:
            form = rng.random()
            if form < 0.04:
                byline, names = "本报讯", []
            elif form < 0.06 and title == "通讯员":
                byline, title = f"本报讯（通讯{names[0]}）", "通讯"  # the seeds' missing 员
                names = names[:1]
            else:
                byline = f"本报讯（{title}{' '.join(names)}）"

        tags = sorted({tag for t in templates for tag in t.tags})
        rng.shuffle(tags)
        return SyntheticArticle(
            headline=headline,
            paragraphs=paragraphs,
            byline=byline,
            correspondents=names,
            correspondent_title="通讯员" if title == "通讯" else title,
            feature=feature,
            kicker=kicker,
            subheadline=subheadline,
            section=section,
            dateline=state.dateline,
            dateline_date=dateline_day if state.dateline else None,
            people=[SyntheticMention(n, t) for n, t in people.items()],
            tags=sorted(tags[:3]),
        )

    def _photo(self, rng: random.Random, issue_date: dt.date, article_count: int) -> SyntheticPhoto:
        material = self.material
        state = FillState(
            cast=self._cast(rng),
            people={},
            year=issue_date.year,
            dateline_day=issue_date - dt.timedelta(days=rng.randint(1, 4)),
        )
        caption = fill(rng.choice(material.captions), state) if material.captions else "现场。"
        names = list(dict.fromkeys(self._person(rng) for _ in range(rng.choice((1, 1, 1, 2)))))
        return SyntheticPhoto(caption=caption, photographers=names)



def _people_pool(material: Material, seed: int) -> tuple[str, ...]:
    """Thousands of plausible names: the seeds' surnames × the seeds' given names, shuffled."""
    pool = sorted(
        {s + g for s in material.surnames for g in material.given_names if 2 <= len(s + g) <= 3}
        | set(material.seed_names)
    )
    random.Random(f"newsroom-people:{seed}").shuffle(pool)
    return tuple(pool)
