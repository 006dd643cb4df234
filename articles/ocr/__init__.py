"""The OCR parser: pure Python, no Django. ``parse_issue(text)`` -> ``ParsedIssue``."""

from .parser import parse_issue

__all__ = ["parse_issue"]
