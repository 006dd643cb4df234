"""The editors' desk in the Django admin: one module per ModelAdmin, plus what they share.

``article`` (the correction screen) draws its pages from ``article_history`` (history,
compare, revert), ``article_tools`` (hints, find & replace, restructure) and ``article_actions``
(bulk workflow). ``deletion`` makes the chief's deletes keep the history. Importing a
ModelAdmin module registers it (``articles.apps``).
"""
