"""Import quality on real text: an annotated corpus, a renderer that prints it as OCR-like
issue files, and a scorer that compares the parser's output with the annotations.

Pure Python (no Django); the ``score_import`` management command is a thin wrapper around
:func:`articles.bench.quality.score.score_files`. See docs/import-quality.md.
"""
