"""Importing OCR issue files, one transaction per file, safe to re-run.

By step: ``files`` reads a file (regular files only, capped) and parses it with
``articles.ocr``, ``decoding`` turns its bytes into text; ``loader`` decides what to do with a
file seen before (``touched``: has anyone changed that issue?) and ``writer`` writes the rows
(``rows``: the column values, ``people``: names to Person rows, ``bulk``: fast bulk writes);
``service`` runs a whole import, with ``background`` parsing the next files in a second
process; ``report`` is each file's outcome and the ``--dry-run --json`` report.
"""
