"""Plain data for scanned pages: boxes, OCR lines, pages and the ground truth of a render.

No Django here: the ingest step and the benchmarks both read these, and the parser's own
types (``articles.ocr.types``) stay the contract for what an issue *says*; these say where on
the page it was printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in page pixels, x1/y1 exclusive


@dataclass(slots=True)
class OcrLine:
    """One line of text as the OCR engine read it."""

    text: str
    box: Box
    confidence: float  # 0..1
    angle: float = 0.0  # slope of the line's baseline in degrees (0 when the engine gives none)

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "box": list(self.box), "confidence": round(self.confidence, 4)}


@dataclass(slots=True)
class ScanPage:
    """One page image after OCR: its lines in reading order."""

    number: int  # 1-based, in the order the pages were given
    width: int
    height: int
    lines: list[OcrLine] = field(default_factory=list)
    source: str = ""  # the file (and frame) the page came from

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "width": self.width,
            "height": self.height,
            "lines": [line.as_json() for line in self.lines],
        }


@dataclass(slots=True)
class TruthLine:
    """A line the renderer drew: what it says, where, and what it is part of."""

    text: str
    box: Box
    role: str  # masthead, date, section, kicker, headline, subheadline, byline, body, photo_title, caption
    block: int  # blocks are numbered per page in the order they are meant to be read
    article: int | None = None  # index into the source issue's parsed articles
    photo: int | None = None  # index into the source issue's parsed photos
    paragraph_start: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "box": list(self.box),
            "role": self.role,
            "block": self.block,
            "article": self.article,
            "photo": self.photo,
            "paragraph_start": self.paragraph_start,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TruthLine:
        return cls(
            text=data["text"],
            box=tuple(data["box"]),  # type: ignore[arg-type]
            role=data["role"],
            block=data["block"],
            article=data.get("article"),
            photo=data.get("photo"),
            paragraph_start=data.get("paragraph_start", False),
        )


@dataclass(slots=True)
class PageTruth:
    """Everything drawn on one rendered page, lines in reading order."""

    number: int
    width: int
    height: int
    lines: list[TruthLine] = field(default_factory=list)
    photos: list[Box] = field(default_factory=list)  # picture areas (no text inside)
    skew: float = 0.0  # degrees the page was turned by the noise step

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "width": self.width,
            "height": self.height,
            "skew": self.skew,
            "photos": [list(b) for b in self.photos],
            "lines": [line.as_json() for line in self.lines],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PageTruth:
        return cls(
            number=data["number"],
            width=data["width"],
            height=data["height"],
            skew=data.get("skew", 0.0),
            photos=[tuple(b) for b in data.get("photos", [])],  # type: ignore[misc]
            lines=[TruthLine.from_json(line) for line in data["lines"]],
        )

    def text(self) -> str:
        """The page as the reading step would write it if the OCR made no mistake: one line
        per paragraph (a column running on into the next is one paragraph), blank lines
        between paragraphs and blocks, headings on lines of their own with marks by size."""
        out: list[str] = []
        para: list[str] = []

        def flush() -> None:
            if para:
                out.append("".join(para))
                para.clear()
            if out and out[-1] != "":
                out.append("")

        previous: TruthLine | None = None
        for line in self.lines:
            mark = HEADING_MARKS.get(line.role, "")
            same_block = previous is not None and line.block == previous.block
            if mark:
                if previous is not None and (para or not same_block):
                    flush()
                if same_block and previous is not None and previous.role == line.role and out:
                    out[-1] += line.text  # one heading set on two lines
                else:
                    out.append(mark + line.text)
            else:
                runs_on = (
                    previous is not None
                    and line.role == previous.role
                    and line.article == previous.article
                    and line.photo == previous.photo
                    and not HEADING_MARKS.get(previous.role)
                )
                if line.paragraph_start or not runs_on:
                    flush()
                para.append(line.text)
            previous = line
        flush()
        return "\n".join(out).strip("\n") + "\n"


HEADING_MARKS = {"section": "#### ", "masthead": "# ", "headline": "## ", "photo_title": "## ", "kicker": "### ", "subheadline": "### "}
