"""Scanned pages: render test pages, OCR page images, put the lines in reading order.

Pure Python like ``articles.ocr`` (no Django): it may use the parser, nothing above it.

- ``testpages`` (``compose``, ``render``, ``typeset``, ``fonts``): an OCR text issue drawn as
  newspaper pages with optional scan noise, and the ground truth of what is where.
- ``engines``: RapidOCR (default) and Tesseract behind one interface.
- ``reading``: a page's OCR lines in reading order, written out as the parser's input text.
- ``sources``, ``pipeline``: PNG/JPEG/TIFF/PDF files grouped into issues, read page by page.
- ``scoring``, ``benchmark``: character error rate, reading order, articles and titles.
"""
