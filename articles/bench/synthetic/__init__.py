"""Synthetic OCR issues and archive rows recombined from the seeds' real material.

Benchmarks need thousands of issues (the import benchmark) and hundreds of thousands of
articles (the admin, search and spreadsheet benchmarks) that look like the five seed issues.
This package reads ``seeds/*.txt`` once, cuts them into their structural pieces — headline lines,
bylines, body paragraphs, photo captions with their credits, the names of the people printed in
them and the titles they carry — and deals those pieces out again, deterministically from a
seed, as new issues. Nothing here imports Django. The steps, one module each:

* :mod:`.material` — what the seeds yield: the constants, the layouts, templates (seed text
  with slots for people and dates) and the :class:`Material` they make up.
* :mod:`.harvest` — :func:`load_material` cuts the seed files into that material (pure text
  processing, no parser).
* :mod:`.templates` — filling a template for one article: its cast of people, its dates.
* :mod:`.generator` — :class:`CorpusGenerator` makes :class:`SyntheticIssue` objects: issue *i*
  of seed *S* is always the same issue, whatever N is, so a corpus of 500 is the first 500 of a
  corpus of 2,000.
* :mod:`.issue` — a generated issue, and how it prints in one of the seeds' three OCR layouts
  (narrow wrapped columns with full-width punctuation; Markdown-marked long lines with
  half-width punctuation and spaces where lines were joined; long lines without markers), with
  a masthead and a lunar date, so the importer's real parser has real work to do.
* :mod:`.corpus` — :func:`write_corpus` writes issues as files, one at a time.

Names are recombined (the seeds' surnames × the seeds' given names) so the archive has
thousands of distinct people, and every name printed in a recombined paragraph is swapped
consistently within an article.
"""

from articles.bench.synthetic.corpus import CorpusSummary, write_corpus
from articles.bench.synthetic.generator import CorpusGenerator, lunar_date_text
from articles.bench.synthetic.harvest import load_material
from articles.bench.synthetic.issue import (
    SyntheticArticle,
    SyntheticIssue,
    SyntheticMention,
    SyntheticPhoto,
)
from articles.bench.synthetic.material import (
    LOOKALIKES,
    MASTHEAD,
    SEEDS_DIR,
    Layout,
    Material,
    Template,
)

__all__ = [
    "LOOKALIKES",
    "MASTHEAD",
    "SEEDS_DIR",
    "CorpusGenerator",
    "CorpusSummary",
    "Layout",
    "Material",
    "SyntheticArticle",
    "SyntheticIssue",
    "SyntheticMention",
    "SyntheticPhoto",
    "Template",
    "load_material",
    "lunar_date_text",
    "write_corpus",
]
