"""Spreadsheets (CSV / Excel) in and out of the archive: editors export articles, people,
photos, issues and tags, correct them in Excel or WPS and import them back.

Dependencies point down this list (no module imports one above it):

* ``admin`` — the admin's import/export buttons and formats;
* ``services`` — ``export_spreadsheet`` / ``import_spreadsheet`` (the commands call these);
* ``registry`` — which resource for which model name;
* ``resources/`` — one resource per model (``articles`` with ``article_export``, ``people``,
  ``photos``, ``issues``, ``tags``);
* ``base/`` — what every resource is built from: the name-cell grammar (``names``), cell
  widgets, columns (``fields``), the row loader and the preview diff (``loader``, ``diff``)
  and the resource base class (``resource``);
* ``saving`` — the bulk write of imported articles with people, tags and revisions (an
  editor's new words for a published article as a pending revision, for a chief to approve);
* ``reports`` — an import's counts and row-numbered problems;
* ``files/`` — CSV and XLSX read and written, cell safety (formulas, control characters,
  Excel's cell limit);
* ``refs``, ``errors`` — small shared types.
"""
