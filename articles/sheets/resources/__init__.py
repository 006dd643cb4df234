"""One django-import-export resource per model editors move through a spreadsheet (articles,
people, photos, issues, tags), each built on :mod:`articles.sheets.base`."""
