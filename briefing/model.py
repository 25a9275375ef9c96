"""The two models of the pipeline: what was read, and what will be laid out.

``Document`` (one per input) is what a reader produces: the text split into
blocks with stable paragraph numbers, plus metadata.  It is internal and uses
plain dataclasses.

``Brief`` (one per render) is the single intermediate model between analysis
and the writers.  It is a pydantic model because it is the file format a human
edits (``briefing draft``): it serialises to JSON and YAML with a
``schema_version`` and validates strictly on load (unknown fields are errors).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

SCHEMA_VERSION: Final = 1

BlockKind = Literal["heading", "paragraph", "list_item", "quote", "table", "note"]
ActorKind = Literal["country", "organisation", "person", "group", "place"]
FigureKind = Literal["amount", "percentage", "duration", "count", "quantity"]


# --------------------------------------------------------------------------
# Document: what a reader produced
# --------------------------------------------------------------------------


@dataclass
class Sentence:
    """A sentence, with character offsets into its block's text."""

    text: str
    start: int
    end: int


@dataclass
class Block:
    """One block of body text.

    ``number`` is the paragraph number shown to readers as ``¶n``: every
    non-heading block gets one, counted from 1 in document order, so the
    numbers are stable for a given input.  Headings have ``level`` (1 is the
    top level) and no number.
    """

    kind: BlockKind
    text: str
    level: int = 0
    number: int | None = None
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Document:
    """A source document as read: text blocks and what is known about it."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    subtitle: str | None = None
    label: str | None = None  # genre label such as "ANALYSIS"
    site: str | None = None  # source site or outlet, e.g. "apa.az"
    author: str | None = None
    date: str | None = None  # ISO 8601, possibly partial ("2025", "2025-08")
    language: str | None = None  # ISO 639-1 code when known
    path: str = "-"  # what the user named; "-" for stdin
    sha256: str = ""
    encoding: str = "utf-8"
    metadata: dict[str, str] = field(default_factory=dict)  # found in chrome
    chrome: list[str] = field(default_factory=list)  # lines set aside
    warnings: list[str] = field(default_factory=list)

    @property
    def headings(self) -> list[Block]:
        """The heading blocks, in order."""
        return [b for b in self.blocks if b.kind == "heading"]

    @property
    def paragraphs(self) -> list[Block]:
        """The numbered text blocks (everything but headings), in order."""
        return [b for b in self.blocks if b.kind != "heading"]

    @property
    def word_count(self) -> int:
        """Words in all blocks, headings included."""
        return sum(len(b.text.split()) for b in self.blocks)


# --------------------------------------------------------------------------
# Brief: what the writers lay out
# --------------------------------------------------------------------------


_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _date_to_text(value: Any) -> Any:
    # An unquoted 2025-08-09 in YAML arrives as a date: that is what was meant.
    return value.isoformat() if isinstance(value, dt.date) else value


def _check_date(value: str) -> str:
    match = _ISO_DATE.match(value)
    if not match:
        raise ValueError(f"'{value}' is not a date like 2025, 2025-08 or 2025-08-09")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year or 1, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        raise ValueError(f"'{value}' is not a real date") from None
    return value


IsoDate = Annotated[str, BeforeValidator(_date_to_text), AfterValidator(_check_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def passage_anchor(source: int, paragraph: int) -> str:
    """The link target of paragraph ``paragraph`` of source ``source`` quoted in the sources: ``src-2-p12``."""
    return f"src-{source}-p{paragraph}"


class Reference(_Model):
    """A pointer back to a source paragraph: ``[¶12]`` or ``[2 ¶12]``."""

    source: int = Field(ge=1, description="1-based index into Brief.sources")
    paragraph: int = Field(ge=1, description="paragraph number in that source")

    def label(self, several: bool) -> str:
        """How a brief shows it: ``[¶12]``, or ``[2 ¶12]`` when the brief has ``several`` sources."""
        return f"[{self.source} ¶{self.paragraph}]" if several else f"[¶{self.paragraph}]"

    @property
    def anchor(self) -> str:
        """The link target of its quoted passage (:func:`passage_anchor`)."""
        return passage_anchor(self.source, self.paragraph)


class Point(_Model):
    """One statement of the brief, quoted or condensed from the sources."""

    text: str = Field(min_length=1)
    refs: list[Reference] = Field(default_factory=list)
    original: str | None = Field(default=None, description="the source sentence, when ``text`` is an edit of it")
    edit: str | None = Field(default=None, description="what the edit did, for the analyst to check")
    as_of: IsoDate | None = Field(default=None, description="a watch item looks ahead from this date, not the brief's")


class Theme(_Model):
    """A section of the brief."""

    id: str = Field(min_length=1, description="stable slug, used for links")
    label: str = Field(min_length=1)
    kind: Literal["context", "section"] = "section"
    lead: Point | None = Field(default=None, description="the theme's one-sentence lead")
    points: list[Point] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list, description="canonical names")
    words: int = Field(default=0, ge=0, description="source words under this theme")

    @field_validator("lead", mode="before")
    @classmethod
    def _lead_text(cls, value: Any) -> Any:
        """A lead written by hand as plain text is a point without references."""
        return {"text": value} if isinstance(value, str) else value


class Actor(_Model):
    """A country, organisation, person or group named in the sources."""

    name: str = Field(min_length=1, description="canonical name")
    kind: ActorKind
    aliases: list[str] = Field(default_factory=list)
    mentions: dict[str, int] = Field(
        default_factory=dict, description="mention count per theme id"
    )

    @property
    def total(self) -> int:
        """Mentions across all themes."""
        return sum(self.mentions.values())


class Event(_Model):
    """A dated event for the timeline."""

    date: IsoDate = Field(description="ISO 8601, may be partial")
    label: str = Field(min_length=1, description="the date as it is displayed")
    text: str = Field(min_length=1, description="what happened (the source sentence)")
    refs: list[Reference] = Field(default_factory=list)
    approximate: bool = False


class KeyFigure(_Model):
    """A number the sources state, with its context."""

    value: str = Field(min_length=1, description="as written, e.g. '99-year'")
    kind: FigureKind
    label: str = Field(default="", description="what the figure counts, a few words of its sentence")
    context: str = Field(min_length=1)
    refs: list[Reference] = Field(default_factory=list)


class Excerpt(_Model):
    """A source paragraph that the brief refers to: quoted whole when short, else by its cited sentences."""

    paragraph: int = Field(ge=1)
    text: str


class Source(_Model):
    """One input document and its metadata."""

    title: str
    subtitle: str | None = None
    label: str | None = None
    site: str | None = None
    author: str | None = None
    date: IsoDate | None = None
    language: str | None = None
    path: str = "-"
    sha256: str = ""
    words: int = 0
    paragraphs: int = 0
    metadata: dict[str, str] = Field(default_factory=dict)
    excerpts: list[Excerpt] = Field(default_factory=list)


class ChartSpec(_Model):
    """The data of one chart; the chart module draws it."""

    id: str
    kind: str = Field(pattern=r"^[a-z][a-z0-9-]*$", description="a key of briefing.charts.KINDS")
    title: str
    caption: str
    source_note: str = ""
    labels: list[str] = Field(default_factory=list)
    series: list[str] = Field(default_factory=list, description="heatmap columns")
    values: list[list[float]] = Field(
        default_factory=list, description="one row per label"
    )
    unit: str = ""


class Provenance(_Model):
    """How the brief was made: enough to reproduce it."""

    tool: str = "briefing"
    version: str = ""
    inputs: list[str] = Field(default_factory=list, description="sha256 of each input")
    options: dict[str, str] = Field(default_factory=dict)


class Brief(_Model):
    """The structured brief: everything a writer needs, nothing else."""

    schema_version: Literal[1] = SCHEMA_VERSION
    title: str = Field(min_length=1)
    subtitle: str | None = None
    label: str | None = None
    date: IsoDate | None = None
    language: str | None = None
    takeaways: list[Point] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    timeline: list[Event] = Field(default_factory=list)
    figures: list[KeyFigure] = Field(default_factory=list)
    outlook: list[Point] = Field(default_factory=list)
    charts: list[ChartSpec] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    notes: list[str] = Field(
        default_factory=list, description="what the reader should know about how the brief was made"
    )
    provenance: Provenance = Field(default_factory=Provenance)

    def references(self) -> Iterator[tuple[tuple[str | int, ...], Reference]]:
        """Every reference in the brief, with its path (``("themes", 0, "points", 1, "refs", 0)``)."""
        for section in ("takeaways", "outlook", "timeline", "figures"):
            for i, item in enumerate(getattr(self, section)):
                for j, ref in enumerate(item.refs):
                    yield (section, i, "refs", j), ref
        for t, theme in enumerate(self.themes):
            if theme.lead is not None:
                for j, ref in enumerate(theme.lead.refs):
                    yield ("themes", t, "lead", "refs", j), ref
            for i, point in enumerate(theme.points):
                for j, ref in enumerate(point.refs):
                    yield ("themes", t, "points", i, "refs", j), ref
