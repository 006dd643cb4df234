"""The desk's write services, one module per step of an editor's work.

``versions`` (saving with the optimistic lock, merging concurrent saves, revert),
``find_replace``, ``restructure`` (split, merge, move a headline group, detach a photo),
``bulk`` (status and tag actions), ``fixes`` (one-click OCR-hint fixes), ``people`` (merging
people, linking mentions), ``deletion`` (the chief's deletes, which keep the history), and
``diffs`` for showing any of it. Every write bumps ``Article.version`` and stores a revision
through ``articles.revisions``; errors meant for the editor are ``common.EditingError``.
"""
