"""Render the Markdown sources in ``eval/collection/src`` to PDF with reportlab.

Each source starts with a front matter block (``key: value`` lines between two ``---``
lines) that chooses one of two layouts:

``un``
    A United Nations document: A4, masthead on the first page, the document symbol as a
    running header on every later page, a footer such as ``V.20-01234  3/18``, 10pt body,
    numbered paragraphs and footnotes in 8pt at the bottom of the page that cites them.
``annual``
    An institute's annual report: a title page, unnumbered headings in larger bold type
    and a running footer such as ``Australian Institute of Criminology Annual Report
    2018–19 | 7``.

The Markdown understood is a small subset: ``#`` headings, paragraphs, numbered
paragraphs (``12. text``), ``- `` bullets, ``(a) `` sub-paragraphs, pipe tables, fenced
code blocks (set in a monospaced font with their spaces kept), ``**bold**``, ``*italic*``
and footnotes (``[^3]`` in the text, ``[^3]: text`` at the end). Three comment lines steer
the layout: ``<!-- pagebreak -->`` (also allowed inside a paragraph, which then continues
on the next page), ``<!-- two-column -->`` ... ``<!-- /two-column -->`` and
``<!-- toc -->`` (a table of contents whose page numbers are the real ones).

Footnote placement, page totals and the table of contents depend on the layout, so each
document is laid out repeatedly until two passes agree.

Usage: ``python -m eval.collection.render OUTDIR``
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Preformatted,
    Spacer,
    Table,
    TableStyle,
)

SRC_DIR = Path(__file__).resolve().parent / "src"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 2.2 * cm
MARGIN_TOP = 2.4 * cm
MARGIN_BOTTOM = 2.4 * cm
COLUMN_GAP = 0.8 * cm
MAX_PASSES = 8

# Words that may be broken at the line end, with their break points (looked up in lower
# case). The renderer puts a soft hyphen at each "-"; reportlab breaks there only when
# the word ends a line.
HYPHENATION: dict[str, str] = {
    "international": "inter-national",
    "rehabilitation": "rehabili-tation",
    "organisations": "organi-sations",
    "organizations": "organi-zations",
    "organisation": "organi-sation",
    "organization": "organi-zation",
    "implementation": "imple-mentation",
    "criminology": "crimin-ology",
    "government": "govern-ment",
    "governments": "govern-ments",
    "practitioners": "practi-tioners",
    "participants": "partici-pants",
    "representatives": "repre-sentatives",
    "development": "devel-opment",
    "administration": "adminis-tration",
    "administrations": "adminis-trations",
    "administered": "adminis-tered",
    "information": "infor-mation",
    "investigation": "investi-gation",
    "investigations": "investi-gations",
    "programme": "pro-gramme",
    "programmes": "pro-grammes",
    "partnerships": "partner-ships",
    "partnership": "partner-ship",
    "publications": "publi-cations",
    "publication": "publi-cation",
    "published": "pub-lished",
    "cooperation": "co-operation",
    "correctional": "correc-tional",
    "corrections": "correc-tions",
    "prevention": "preven-tion",
    "recommendations": "recommen-dations",
    "recommended": "recom-mended",
    "responsibilities": "responsi-bilities",
    "independent": "inde-pendent",
    "commonwealth": "common-wealth",
    "expenditure": "expen-diture",
    "methodology": "method-ology",
    "questionnaire": "question-naire",
    "trafficking": "traffick-ing",
    "exploitation": "exploi-tation",
    "jurisdictions": "juris-dictions",
    "understanding": "under-standing",
    "communities": "commu-nities",
    "community": "commu-nity",
    "researchers": "research-ers",
    "strengthening": "strength-ening",
    "institutional": "insti-tutional",
    "professional": "profes-sional",
    "professionalism": "profession-alism",
    "legislation": "legis-lation",
    "conference": "confer-ence",
    "evaluation": "evalu-ation",
    "statistics": "statis-tics",
    "statistical": "statis-tical",
    "victimisation": "victim-isation",
    "accountability": "account-ability",
    "commission": "com-mission",
    "intelligence": "intel-ligence",
    "appropriation": "appro-priation",
    "consultation": "consul-tation",
    "experiences": "experi-ences",
    "disseminating": "dissemi-nating",
    "significance": "signifi-cance",
    "transactions": "trans-actions",
    "suspicious": "sus-picious",
    "monitoring": "moni-toring",
    "department": "depart-ment",
    "queensland": "queens-land",
    "institute": "insti-tute",
    "detainees": "detain-ees",
    "agreements": "agree-ments",
    "parliament": "parlia-ment",
    "reoffending": "reof-fending",
    "secretary": "secre-tary",
    "technical": "tech-nical",
    "assistance": "assis-tance",
    "convention": "conven-tion",
    "supervision": "super-vision",
    "committee": "com-mittee",
    "restorative": "restora-tive",
    "prosecutors": "prosecu-tors",
    "detention": "deten-tion",
    "immigration": "immi-gration",
    "delegation": "dele-gation",
    "university": "uni-versity",
    "violence": "vio-lence",
    "indigenous": "indig-enous",
    "collaboration": "collabo-ration",
    "memorandum": "memo-randum",
    "laboratory": "labora-tory",
    "authorities": "author-ities",
    "environment": "environ-ment",
    "proceedings": "proceed-ings",
    "contributions": "contri-butions",
    "coordination": "coordi-nation",
    "coordinator": "coordi-nator",
    "executive": "execu-tive",
    "imprisonment": "imprison-ment",
    "reintegration": "reinte-gration",
    "methamphetamine": "methamphet-amine",
    "percentage": "percent-age",
    "respondents": "respon-dents",
    "interviewed": "inter-viewed",
    "registrations": "regis-trations",
    "governance": "gover-nance",
    "corruption": "cor-ruption",
    "prisoners": "pris-oners",
    "offenders": "offend-ers",
    "criminal": "crim-inal",
    "justice": "jus-tice",
    "research": "re-search",
}

SOFT_HYPHEN = "\u00ad"


# --------------------------------------------------------------------------------------
# Reading a source
# --------------------------------------------------------------------------------------


@dataclass
class Source:
    """One Markdown source: its front matter and its body."""

    path: Path
    meta: dict[str, str]
    body: str

    @property
    def layout(self) -> str:
        return self.meta["layout"]

    @property
    def published(self) -> dt.date:
        return dt.date.fromisoformat(self.meta["published"])


def read_source(path: Path) -> Source:
    """Read a source file and split its front matter from its body."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ValueError(f"{path}: the file must start with a '---' front matter block")
    meta: dict[str, str] = {}
    end = lines.index("---", 1)
    for line in lines[1:end]:
        if not line.strip():
            continue
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    for key in ("layout", "title", "published"):
        if key not in meta:
            raise ValueError(f"{path}: front matter lacks '{key}'")
    if meta["layout"] not in ("un", "annual"):
        raise ValueError(f"{path}: unknown layout {meta['layout']!r}")
    body = "\n".join(lines[end + 1 :])
    check_encodable(path, body)
    return Source(path=path, meta=meta, body=body)


def check_encodable(path: Path, text: str) -> None:
    """Fail early on characters that the standard PDF fonts (WinAnsi) cannot show."""
    for number, line in enumerate(text.split("\n"), start=1):
        try:
            line.encode("cp1252")
        except UnicodeEncodeError as error:
            bad = line[error.start : error.end]
            raise ValueError(f"{path}:{number}: character {bad!r} is not in WinAnsi") from None


# --------------------------------------------------------------------------------------
# Parsing the Markdown subset into blocks
# --------------------------------------------------------------------------------------


@dataclass
class Block:
    """A piece of the document: kind is one of heading, para, numbered, subpara,
    bullet, code, table, pagebreak, two_column_start, two_column_end, toc."""

    kind: str
    text: str = ""
    level: int = 0
    number: str = ""
    continued: bool = False
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class ParsedDocument:
    blocks: list[Block]
    footnotes: dict[str, str]


NUMBERED_RE = re.compile(r"^(\d+)\.\s+(.*)$")
SUBPARA_RE = re.compile(r"^\(([a-z]{1,4})\)\s+(.*)$")
FOOTNOTE_DEF_RE = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$")
HEADING_RE = re.compile(r"^(#{1,4})\s+(.*)$")


def parse_markdown(body: str) -> ParsedDocument:
    """Turn the Markdown subset into a list of blocks and a footnote table."""
    blocks: list[Block] = []
    footnotes: dict[str, str] = {}
    paragraph: list[str] = []
    continued = False
    lines = body.split("\n")
    index = 0

    def flush_paragraph() -> None:
        nonlocal paragraph, continued
        if paragraph:
            blocks.append(paragraph_block(" ".join(paragraph), continued))
        paragraph = []
        continued = False

    while index < len(lines):
        line = lines[index].rstrip()
        stripped = line.strip()
        index += 1
        if stripped == "<!-- pagebreak -->":
            if paragraph:
                # The page breaks inside a paragraph: the rest continues on the next page.
                flush_paragraph()
                blocks.append(Block("pagebreak"))
                continued = True
            else:
                blocks.append(Block("pagebreak"))
            continue
        if stripped in ("<!-- two-column -->", "<!-- /two-column -->", "<!-- toc -->"):
            flush_paragraph()
            kind = {
                "<!-- two-column -->": "two_column_start",
                "<!-- /two-column -->": "two_column_end",
                "<!-- toc -->": "toc",
            }[stripped]
            blocks.append(Block(kind))
            continue
        if not stripped:
            flush_paragraph()
            continue
        if stripped.startswith("```"):
            flush_paragraph()
            code: list[str] = []
            while index < len(lines) and not lines[index].strip().startswith("```"):
                code.append(lines[index].rstrip())
                index += 1
            index += 1  # the closing fence
            blocks.append(Block("code", text="\n".join(code)))
            continue
        if stripped.startswith("|"):
            flush_paragraph()
            rows = [split_table_row(stripped)]
            while index < len(lines) and lines[index].strip().startswith("|"):
                row_line = lines[index].strip()
                index += 1
                if not re.fullmatch(r"\|[\s:|-]+\|", row_line):
                    rows.append(split_table_row(row_line))
            blocks.append(Block("table", rows=rows))
            continue
        heading = HEADING_RE.match(stripped)
        if heading and not paragraph:
            blocks.append(Block("heading", text=heading.group(2), level=len(heading.group(1))))
            continue
        footnote = FOOTNOTE_DEF_RE.match(stripped)
        if footnote:
            flush_paragraph()
            footnotes[footnote.group(1)] = footnote.group(2)
            continue
        if stripped.startswith("- "):
            flush_paragraph()
            paragraph = [stripped]
            continue
        paragraph.append(stripped)
    flush_paragraph()
    return ParsedDocument(blocks=blocks, footnotes=footnotes)


def paragraph_block(text: str, continued: bool) -> Block:
    """Classify a joined paragraph as numbered, sub-paragraph, bullet or plain."""
    if continued:
        return Block("para", text=text, continued=True)
    if text.startswith("- "):
        return Block("bullet", text=text[2:])
    numbered = NUMBERED_RE.match(text)
    if numbered:
        return Block("numbered", text=numbered.group(2), number=numbered.group(1) + ".")
    subpara = SUBPARA_RE.match(text)
    if subpara:
        return Block("subpara", text=subpara.group(2), number=f"({subpara.group(1)})")
    return Block("para", text=text)


def split_table_row(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


# --------------------------------------------------------------------------------------
# Inline markup
# --------------------------------------------------------------------------------------


def inline(text: str, hyphenate: bool) -> str:
    """Convert inline Markdown to reportlab's paragraph markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    if hyphenate:
        text = add_soft_hyphens(text)
    # Footnote references become a superscript marker plus a callback that tells the
    # document on which page the marker was drawn.
    text = re.sub(
        r"\[\^([^\]]+)\]",
        r'<super>\1</super><onDraw name="footnote" label="\1"/>',
        text,
    )
    return text


def add_soft_hyphens(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        pattern = HYPHENATION.get(word.lower())
        if pattern is None:
            return word
        # Keep the word's own letters (and capitals); add a soft hyphen at each break point.
        breaks = [i - n for n, i in enumerate(m.start() for m in re.finditer("-", pattern))]
        for offset, position in enumerate(breaks):
            word = word[: position + offset] + SOFT_HYPHEN + word[position + offset :]
        return word

    return re.sub(r"[A-Za-z]+", replace, text)


def plain(text: str) -> str:
    """Heading text without Markdown emphasis, for the table of contents."""
    return re.sub(r"\*+", "", text)


# --------------------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------------------


@dataclass
class Styles:
    body: ParagraphStyle
    continued: ParagraphStyle
    numbered: ParagraphStyle
    subpara: ParagraphStyle
    bullet: ParagraphStyle
    headings: dict[int, ParagraphStyle]
    code: ParagraphStyle
    table: ParagraphStyle
    footnote: ParagraphStyle
    toc: ParagraphStyle


def make_styles(layout: str, hyphenate: bool) -> Styles:
    """Paragraph styles of one layout."""
    indent: float
    leading: float
    if layout == "un":
        font, bold, size, leading = "Times-Roman", "Times-Bold", 10, 12
        indent = 1.7 * cm
    else:
        font, bold, size, leading = "Helvetica", "Helvetica-Bold", 10, 13.5
        indent = 0
    body = ParagraphStyle(
        "body",
        fontName=font,
        fontSize=size,
        leading=leading,
        alignment=TA_JUSTIFY,
        leftIndent=indent,
        spaceAfter=6,
        embeddedHyphenation=1 if hyphenate else 0,
        hyphenationMinWordLength=4,
    )
    continued = ParagraphStyle("continued", parent=body)
    numbered = ParagraphStyle("numbered", parent=body, bulletIndent=indent - 0.7 * cm if indent else 0)
    if layout == "un":
        numbered.firstLineIndent = 0
    subpara = ParagraphStyle("subpara", parent=body, firstLineIndent=0.9 * cm)
    bullet = ParagraphStyle(
        "bullet", parent=body, leftIndent=indent + 0.6 * cm, bulletIndent=indent + 0.1 * cm, spaceAfter=3
    )
    if layout == "un":
        headings = {
            1: ParagraphStyle(
                "h1",
                fontName=bold,
                fontSize=12,
                leading=14,
                spaceBefore=10,
                spaceAfter=8,
                leftIndent=indent,
                firstLineIndent=-0.7 * cm,
                keepWithNext=1,
            ),
            2: ParagraphStyle(
                "h2",
                fontName=bold,
                fontSize=10.5,
                leading=13,
                spaceBefore=8,
                spaceAfter=6,
                leftIndent=indent,
                firstLineIndent=-0.7 * cm,
                keepWithNext=1,
            ),
            3: ParagraphStyle(
                "h3",
                fontName="Times-BoldItalic",
                fontSize=10,
                leading=12,
                spaceBefore=6,
                spaceAfter=4,
                leftIndent=indent,
                keepWithNext=1,
            ),
            4: ParagraphStyle(
                "h4",
                fontName="Times-Italic",
                fontSize=10,
                leading=12,
                spaceBefore=4,
                spaceAfter=4,
                leftIndent=indent,
                keepWithNext=1,
            ),
        }
    else:
        accent = colors.HexColor("#1f4e5f")
        headings = {
            1: ParagraphStyle(
                "h1",
                fontName=bold,
                fontSize=20,
                leading=24,
                spaceBefore=6,
                spaceAfter=12,
                textColor=accent,
                keepWithNext=1,
            ),
            2: ParagraphStyle(
                "h2",
                fontName=bold,
                fontSize=14,
                leading=17,
                spaceBefore=10,
                spaceAfter=6,
                textColor=accent,
                keepWithNext=1,
            ),
            3: ParagraphStyle(
                "h3", fontName=bold, fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=4, keepWithNext=1
            ),
            4: ParagraphStyle(
                "h4",
                fontName="Helvetica-BoldOblique",
                fontSize=10,
                leading=13,
                spaceBefore=6,
                spaceAfter=3,
                keepWithNext=1,
            ),
        }
    code = ParagraphStyle(
        "code", fontName="Courier", fontSize=8.5, leading=10.5, leftIndent=indent, spaceBefore=4, spaceAfter=8
    )
    table = ParagraphStyle("table", fontName=font, fontSize=8.5, leading=10.5)
    footnote = ParagraphStyle(
        "footnote", fontName=font, fontSize=8, leading=9.5, leftIndent=indent, firstLineIndent=-0.35 * cm, spaceAfter=1
    )
    toc = ParagraphStyle("toc", fontName=font, fontSize=10, leading=12.5)
    return Styles(body, continued, numbered, subpara, bullet, headings, code, table, footnote, toc)


# --------------------------------------------------------------------------------------
# Layout passes
# --------------------------------------------------------------------------------------


@dataclass
class LayoutPlan:
    """What one pass learnt about the layout; the next pass lays out against it."""

    total_pages: int = 0
    footnotes_by_page: dict[int, list[str]] = field(default_factory=dict)
    heading_pages: list[tuple[int, str, int]] = field(default_factory=list)


class HeadingParagraph(Paragraph):
    """A heading; remembers its level and plain text for the table of contents."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, plain_text: str) -> None:
        super().__init__(text, style)
        self.level = level
        self.plain_text = plain_text


@dataclass
class FixedTimeStamp:
    """Stands in for reportlab's TimeStamp so that the PDF dates are the publication date."""

    t: float
    lt: tuple[int, ...]
    YMDhms: tuple[int, ...]
    dhh: int = 0
    dmm: int = 0
    tzname: str = "UTC"

    @classmethod
    def of(cls, day: dt.date) -> FixedTimeStamp:
        moment = dt.datetime(day.year, day.month, day.day, 9, 0, 0, tzinfo=dt.UTC)
        parts = moment.timetuple()
        return cls(t=moment.timestamp(), lt=tuple(parts), YMDhms=tuple(parts)[:6])


class ReportDocument(BaseDocTemplate):
    """One pass of laying out a source in its layout."""

    def __init__(self, filename: str, source: Source, parsed: ParsedDocument, plan: LayoutPlan) -> None:
        meta = source.meta
        super().__init__(
            filename,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=meta["title"],
            author=meta.get("author", meta.get("organisation", "")),
            subject=meta.get("subject", ""),
            creator=meta.get("creator", "Microsoft Word"),
            producer=meta.get("producer", "pni-assistant eval collection (reportlab)"),
            invariant=1,
        )
        self.source = source
        self.parsed = parsed
        self.plan = plan
        self.hyphenate = meta.get("hyphenate", "yes") == "yes"
        self.styles = make_styles(source.layout, self.hyphenate)
        self.drawn_footnotes: dict[int, list[str]] = {}
        self.heading_pages: list[tuple[int, str, int]] = []
        self.addPageTemplates(self.page_templates())

    # ---- templates -------------------------------------------------------------------

    def page_templates(self) -> list[PageTemplate]:
        return [
            PageTemplate(
                id="first",
                frames=self.frames_for("first", 0.0),
                onPage=self.on_page,
                onPageEnd=self.on_page_end,
                autoNextPageTemplate="later",
            ),
            PageTemplate(
                id="later", frames=self.frames_for("later", 0.0), onPage=self.on_page, onPageEnd=self.on_page_end
            ),
            PageTemplate(id="two", frames=self.frames_for("two", 0.0), onPage=self.on_page, onPageEnd=self.on_page_end),
        ]

    def frames_for(self, template_id: str, footnote_reserve: float) -> list[Frame]:
        """The frames of a page template, raised by the room the page's footnotes need."""
        bottom = MARGIN_BOTTOM + footnote_reserve
        top = PAGE_HEIGHT - MARGIN_TOP
        if template_id == "first" and self.source.layout == "un":
            top -= 5.2 * cm  # room for the masthead
        full_width = PAGE_WIDTH - 2 * MARGIN_X
        if template_id == "two":
            column = (full_width - COLUMN_GAP) / 2
            return [
                Frame(MARGIN_X, bottom, column, top - bottom, id="left"),
                Frame(MARGIN_X + column + COLUMN_GAP, bottom, column, top - bottom, id="right"),
            ]
        return [Frame(MARGIN_X, bottom, full_width, top - bottom, id=template_id)]

    # ---- hooks ----------------------------------------------------------------------

    def beforeDocument(self) -> None:
        self.canv.setNamedCB("footnote", self.footnote_drawn)
        # reportlab stamps the PDF with the current time; use the publication date instead.
        self.canv._doc._timeStamp = FixedTimeStamp.of(self.source.published)

    def footnote_drawn(self, canvas: Canvas, kind: str, label: str) -> None:
        self.drawn_footnotes.setdefault(self.page, []).append(label)

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, HeadingParagraph):
            self.heading_pages.append((flowable.level, flowable.plain_text, self.page))

    def on_page(self, canvas: Canvas, doc: ReportDocument) -> None:
        """Start of a page: leave room for the footnotes planned for it, draw furniture."""
        reserve = self.footnote_height(self.plan.footnotes_by_page.get(self.page, []))
        # reportlab reads the template's frames after this hook, so this page gets these.
        self.pageTemplate.frames = self.frames_for(self.pageTemplate.id, reserve)
        canvas.saveState()
        if self.source.layout == "un":
            self.draw_un_furniture(canvas)
        else:
            self.draw_annual_furniture(canvas)
        canvas.restoreState()

    def on_page_end(self, canvas: Canvas, doc: ReportDocument) -> None:
        labels = self.drawn_footnotes.get(self.page, [])
        if labels:
            self.draw_footnotes(canvas, labels)

    # ---- footnotes ---------------------------------------------------------------------

    def footnote_paragraphs(self, labels: list[str]) -> list[Paragraph]:
        paragraphs = []
        for label in labels:
            text = self.parsed.footnotes.get(label, "")
            paragraphs.append(Paragraph(f"<super>{label}</super>&nbsp;{inline(text, False)}", self.styles.footnote))
        return paragraphs

    def footnote_height(self, labels: list[str]) -> float:
        if not labels:
            return 0.0
        width = PAGE_WIDTH - 2 * MARGIN_X
        height = 0.5 * cm  # the rule and the gap above it
        for paragraph in self.footnote_paragraphs(labels):
            _, h = paragraph.wrap(width, PAGE_HEIGHT)
            height += h + self.styles.footnote.spaceAfter
        return height

    def draw_footnotes(self, canvas: Canvas, labels: list[str]) -> None:
        width = PAGE_WIDTH - 2 * MARGIN_X
        y = MARGIN_BOTTOM + self.footnote_height(labels) - 0.25 * cm
        canvas.saveState()
        canvas.setLineWidth(0.5)
        left = MARGIN_X + (self.styles.footnote.leftIndent or 0)
        canvas.line(left, y, left + 4 * cm, y)
        y -= 0.2 * cm
        for paragraph in self.footnote_paragraphs(labels):
            _, h = paragraph.wrap(width, PAGE_HEIGHT)
            paragraph.drawOn(canvas, MARGIN_X, y - h)
            y -= h + self.styles.footnote.spaceAfter
        canvas.restoreState()

    # ---- page furniture --------------------------------------------------------------

    def page_label(self) -> str:
        total = self.plan.total_pages or self.page
        return f"{self.page}/{total}"

    def draw_un_furniture(self, canvas: Canvas) -> None:
        meta = self.source.meta
        symbol = meta["symbol"]
        job = meta["job_number"]
        left, right = MARGIN_X, PAGE_WIDTH - MARGIN_X
        if self.page == 1:
            top = PAGE_HEIGHT - 1.6 * cm
            canvas.setFont("Helvetica-Bold", 13)
            canvas.drawString(left, top - 0.6 * cm, "United Nations")
            canvas.setFont("Helvetica-Bold", 16)
            canvas.drawRightString(right, top - 0.6 * cm, symbol)
            canvas.setLineWidth(2)
            canvas.line(left, top - 0.9 * cm, right, top - 0.9 * cm)
            canvas.setFont("Helvetica-Bold", 20)
            canvas.drawString(left, top - 2.1 * cm, meta.get("organ", "Economic and Social Council"))
            canvas.setFont("Times-Roman", 10)
            x = right - 4.2 * cm
            lines = ["Distr.: General", meta["date_line"], "", f"Original: {meta.get('original', 'English')}"]
            y = top - 1.7 * cm
            for line in lines:
                canvas.drawString(x, y, line)
                y -= 0.45 * cm
            canvas.setLineWidth(0.75)
            canvas.line(left, top - 3.9 * cm, right, top - 3.9 * cm)
            published = self.source.published
            codes = f"{published:%d%m%y}    {published + dt.timedelta(days=1):%d%m%y}"
            canvas.setFont("Times-Roman", 8)
            canvas.drawString(left, 1.3 * cm, f"{job} (E)    {codes}")
            canvas.setFont("Courier-Bold", 9)
            canvas.drawString(left, 0.9 * cm, "*" + job.replace("V.", "").replace("-", "") + "*")
            return
        canvas.setFont("Times-Bold", 9)
        canvas.setLineWidth(0.5)
        header_y = PAGE_HEIGHT - 1.6 * cm
        footer_y = 1.4 * cm
        if self.page % 2 == 0:
            canvas.drawString(left, header_y, symbol)
            canvas.setFont("Times-Roman", 8.5)
            canvas.drawString(left, footer_y, f"{self.page_label()}        {job}")
        else:
            canvas.drawRightString(right, header_y, symbol)
            canvas.setFont("Times-Roman", 8.5)
            canvas.drawRightString(right, footer_y, f"{job}        {self.page_label()}")
        canvas.line(left, header_y - 0.15 * cm, right, header_y - 0.15 * cm)
        canvas.line(left, footer_y + 0.35 * cm, right, footer_y + 0.35 * cm)

    def draw_annual_furniture(self, canvas: Canvas) -> None:
        meta = self.source.meta
        accent = colors.HexColor(meta.get("colour", "#1f4e5f"))
        if self.page == 1:
            canvas.setFillColor(accent)
            canvas.rect(0, PAGE_HEIGHT - 9 * cm, PAGE_WIDTH, 9 * cm, stroke=0, fill=1)
            canvas.rect(0, 0, PAGE_WIDTH, 1.2 * cm, stroke=0, fill=1)
            return
        canvas.setFillColor(accent)
        canvas.rect(MARGIN_X, PAGE_HEIGHT - 1.5 * cm, 1.5 * cm, 0.15 * cm, stroke=0, fill=1)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.setFont("Helvetica", 8)
        canvas.drawString(MARGIN_X, 1.3 * cm, f"{meta['footer']} | {self.page}")

    # ---- the story -------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        flowables: list[Flowable] = []
        if self.source.layout == "annual":
            flowables.extend(self.title_page())
        at_page_start = self.source.layout == "annual"
        for block in self.parsed.blocks:
            new = self.flowables_for(block, at_page_start)
            if new:
                flowables.extend(new)
                at_page_start = isinstance(new[-1], PageBreak)
        return flowables

    def title_page(self) -> list[Flowable]:
        meta = self.source.meta
        white = colors.white
        big = ParagraphStyle("cover-title", fontName="Helvetica-Bold", fontSize=30, leading=36, textColor=white)
        name = ParagraphStyle("cover-name", fontName="Helvetica", fontSize=14, leading=18, textColor=white)
        label = ParagraphStyle(
            "cover-label",
            fontName="Helvetica-Bold",
            fontSize=22,
            leading=28,
            textColor=colors.HexColor(meta.get("colour", "#1f4e5f")),
        )
        small = ParagraphStyle("cover-small", fontName="Helvetica", fontSize=11, leading=15)
        parts: list[Flowable] = [
            Spacer(1, 0.6 * cm),
            Paragraph(inline(meta["organisation"], False), name),
            Spacer(1, 0.8 * cm),
            Paragraph(inline(meta.get("cover_title", meta["title"]), False), big),
            Spacer(1, 4.2 * cm),
            Paragraph(inline(meta["report_label"], False), label),
            Spacer(1, 0.4 * cm),
        ]
        for key in ("cover_line_1", "cover_line_2", "cover_line_3"):
            if key in meta:
                parts.append(Paragraph(inline(meta[key], False), small))
        parts.extend([NextPageTemplate("later"), PageBreak()])
        return parts

    def flowables_for(self, block: Block, at_page_start: bool) -> list[Flowable]:
        styles = self.styles
        text = inline(block.text, self.hyphenate)
        if block.kind == "heading":
            level = min(block.level, 4)
            return [HeadingParagraph(inline(block.text, False), styles.headings[level], level, plain(block.text))]
        if block.kind == "para":
            return [Paragraph(text, styles.continued if block.continued else styles.body)]
        if block.kind == "numbered":
            return [Paragraph(text, styles.numbered, bulletText=block.number)]
        if block.kind == "subpara":
            return [Paragraph(f"{block.number}&nbsp;&nbsp;{text}", styles.subpara)]
        if block.kind == "bullet":
            return [Paragraph(text, styles.bullet, bulletText="\u2022")]
        if block.kind == "code":
            return [Preformatted(block.text, styles.code)]
        if block.kind == "table":
            return [self.table(block.rows), Spacer(1, 6)]
        if block.kind == "pagebreak":
            return [] if at_page_start else [PageBreak()]
        if block.kind == "two_column_start":
            return [NextPageTemplate("two")] + ([] if at_page_start else [PageBreak()])
        if block.kind == "two_column_end":
            return [NextPageTemplate("later"), PageBreak()]
        if block.kind == "toc":
            return [self.table_of_contents()]
        raise ValueError(f"unknown block kind {block.kind}")

    def table(self, rows: list[list[str]]) -> Table:
        styles = self.styles
        header = ParagraphStyle("th", parent=styles.table, fontName=styles.headings[3].fontName)
        number = ParagraphStyle("td-number", parent=styles.table, alignment=TA_RIGHT)
        data = []
        for row_index, row in enumerate(rows):
            cells = []
            for cell in row:
                if row_index == 0:
                    style = header
                elif re.fullmatch(r"[-\u2013(]?[\d.,\s%$€£]+\)?", cell):
                    style = number
                else:
                    style = styles.table
                cells.append(Paragraph(inline(cell, False), style))
            data.append(cells)
        indent = styles.body.leftIndent
        width = PAGE_WIDTH - 2 * MARGIN_X - indent - 1
        first = width * 0.46 if len(rows[0]) > 2 else width * 0.6
        rest = (width - first) / max(1, len(rows[0]) - 1)
        table = Table(
            data, colWidths=[first] + [rest] * (len(rows[0]) - 1), hAlign="RIGHT" if indent else "LEFT", repeatRows=1
        )
        table.setStyle(
            TableStyle(
                [
                    ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return table

    def table_of_contents(self) -> Table:
        """Contents with the page numbers found by the previous pass."""
        styles = self.styles
        levels = int(self.source.meta.get("toc_levels", "2"))
        headings = [(b.level, plain(b.text)) for b in self.parsed.blocks if b.kind == "heading" and b.level <= levels]
        known = {(level, text): page for level, text, page in self.plan.heading_pages}
        page_style = ParagraphStyle("toc-page", parent=styles.toc, alignment=TA_RIGHT)
        head_style = ParagraphStyle("toc-head", parent=styles.toc, fontName=styles.headings[1].fontName)
        title = self.source.meta.get("toc_title", "Contents")
        data = [[Paragraph(title, head_style), Paragraph("<i>Page</i>", page_style)]]
        for level, text in headings:
            indent = (level - 1) * 0.7 * cm
            style = ParagraphStyle(f"toc{level}", parent=styles.toc, leftIndent=indent)
            page = known.get((level, text), "")
            data.append([Paragraph(inline(text, False), style), Paragraph(str(page), page_style)])
        indent = styles.body.leftIndent
        width = PAGE_WIDTH - 2 * MARGIN_X - indent - 1
        table = Table(data, colWidths=[width - 1.6 * cm, 1.6 * cm], hAlign="RIGHT" if indent else "LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("BOTTOMPADDING", (0, 0), (-1, 0), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return table


# --------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------


def render_source(source: Source, out_path: Path) -> int:
    """Lay out one source until the layout is stable and write it; return the page count."""
    parsed = parse_markdown(source.body)
    plan = LayoutPlan()
    for _ in range(MAX_PASSES):
        document = ReportDocument(str(out_path), source, parsed, plan)
        document.build(document.story())
        found = LayoutPlan(
            total_pages=document.page,
            footnotes_by_page=document.drawn_footnotes,
            heading_pages=document.heading_pages,
        )
        if found == plan:
            return document.page
        plan = found
    raise RuntimeError(f"{source.path}: the layout did not settle in {MAX_PASSES} passes")


def source_paths() -> list[Path]:
    return sorted(SRC_DIR.glob("*.md"))


def render_all(out_dir: Path) -> list[tuple[Path, str, int]]:
    """Render every source in src/ into out_dir; return (pdf, layout, pages) per file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in source_paths():
        source = read_source(path)
        out_path = out_dir / (path.stem + ".pdf")
        pages = render_source(source, out_path)
        written.append((out_path, source.layout, pages))
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: python -m eval.collection.render OUTDIR\n")
        return 2
    for out_path, layout, pages in render_all(Path(argv[0])):
        sys.stdout.write(f"wrote {out_path} ({layout}, {pages} pages)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
