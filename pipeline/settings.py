"""settings: every tuning number of the pipeline, named, in one frozen dataclass per concern (as
pdfplumber's TableSettings), bundled in `Settings` and passed in — never read from a global.

Only the order of the walk's prices matters much; the other numbers are tolerances of the
document's geometry and the shares at which the document's own habits count as habits.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class WalkCosts:
    """The prices of the text reader's column walk (readers/text/walk.py)."""

    tolerance: float = 1.0  # how far a line may pass its column's width (hanging punctuation)
    gap_in_cell: float = 1.0  # a gap inside one cell's line (converter noise)
    short_then_more: float = 3.0  # a short line continued in the same cell with no reason
    new_paragraph: float = 0.2  # a short line, then a numbered item or heading, same cell
    after_sentence: float = 0.5  # a short line ending a sentence, then more, same cell
    restart_in_cell: float = 1.0  # a "1." inside a cell not right after a heading
    advance: float = 0.5  # moving to the next column
    advance_after_full: float = 1.5  # moving on although the line was full (it wrapped)
    bad_start: float = 5.0  # a cell starting with punctuation that only continues text
    mid_list_start: float = 1.0  # a cell starting at item 2., 3. … of a numbered list
    bad_org_list: float = 6.0  # a department cell that is not a list of organisation names
    unknown_org: float = 2.5  # a department the table's duty headings never name
    dangling_heading: float = 2.0  # a cell ending on a heading, with nothing under it
    misplaced_heading: float = 1.5  # a department heading (某某局：) outside the duty columns
    unfinished: float = 0.7  # a prose cell left mid-sentence (no closing punctuation)
    page_jump: float = 1.0  # a page fragment resuming another column than the last
    unplaced_row: float = 1000.0  # a row no walk explains (for choosing the width mapping)
    longest_org_name: int = 60  # characters: a longer "name" in a department cell is not one
    default_width: float = 40.0  # em, for a column the width histogram shows no peak for


@dataclass(frozen=True)
class CellSettings:
    """How a cell's lines are read, on every reader that measures lines (core/cells.py)."""

    full_slack: float = 1.5  # em: a line this much short of its column's width still filled it
    fit_tolerance: float = 0.05  # em: a first unit this much wider than the room measured still fitted (rounding)


@dataclass(frozen=True)
class TextSettings:
    """Decoding a converter's text (readers/text/decode.py)."""

    printable_share: float = 0.95  # less of the text printable than this: binary, refused


PDF_ENGINES = ("pdfium", "pdfplumber")  # what may read a PDF's glyphs and rules (PdfSettings.engine)


@dataclass(frozen=True)
class PdfSettings:
    """Tolerances of a PDF's geometry, in points or shares of a glyph's size (readers/pdf/)."""

    rule_share: float = 0.3  # a table rule spans at least this share of the page width
    rule_cover: float = 1 / 3  # …and its pieces cover this share of what it spans (holes: merged cells)
    rule_merge: float = 1.0  # points: rules nearer than this are one rule drawn twice
    line_slack: float = 0.1  # points: a glyph's middle may pass its line's box by this much
    ascii_gap: float = 0.25  # of a glyph's size: a wider gap between ASCII glyphs is a space
    label_gap: float = 0.5  # of a glyph's size: a header label's glyphs stand closer than this
    rule_span: float = 1.0  # points: a vertical rule spans a band if it misses its ends by less
    header_lines: int = 4  # a header printed in more lines than this is no header
    pages_per_process: int = 8  # below this, starting a process costs more than it saves
    engine: str = "pdfium"  # what reads glyphs and rules: pdfium (fast) or pdfplumber (the reference)


@dataclass(frozen=True)
class ScanSettings:
    """Reading a scan (readers/scan/): lengths in inches or shares of the text's line height, so
    that they hold at any resolution."""

    min_dpi: float = 200.0  # a coarser page is enlarged to this: small print needs the pixels
    max_dpi: float = 300.0  # a finer one is rendered at this: more costs time and gains nothing
    max_pixels: float = 60e6  # a page larger than this at the resolution it is read at is refused (A3 at 300 dpi: 17e6)
    max_segments: int = 4000  # stretches of text on a page past which it is refused: no list prints so many
    max_skew: float = 1.5  # degrees: a page measured as turned further is left as it is, with a note
    rule_length: float = 0.4  # inches: ink straight this far is a rule, not a stroke of a character
    segment_gap: float = 1.0  # of the line height: a wider gap on one line parts two texts
    lone: float = 1.5  # of the line height: a narrower segment is read after the text before it
    flat: float = 0.2  # of the line height: ink lower than this is a sliver of a rule or seal, not print
    # a character read less surely than this may be mended (respelt, its mark decided); not above
    # low_confidence, so that what is mended is flagged
    unsure: float = 0.9
    # a character recognised less surely than this flags its cell. Measured on 200-dpi scans of five
    # fixtures (6,530 cells): every wrong character but one was read below 0.9; that one, 毀, which
    # the model's alphabet lacks, read as 毁 at 0.925 to 0.977 by the rendering
    low_confidence: float = 0.98
    snap_edits: float = 0.25  # per character: how far a doubtful name may be from a known one to be snapped to it
    guessed: float = (
        0.5  # the confidence of what was decided, not read: a mark taken for another (marks.py), print through a seal
    )

    def __post_init__(self):
        if self.unsure > self.low_confidence:  # a character mended must stay flagged
            raise ValueError("ScanSettings.unsure may not exceed low_confidence")


@dataclass(frozen=True)
class FileSettings:
    """Bounds on a file of cells (Word, Excel, a web page), so that memory stays bounded on any input."""

    max_markup: int = 64 * 2**20  # bytes: an Office file's XML parts unpacked, a web page, a .doc or .xls
    max_unpacked: int = 2**30  # bytes: all an Office file's parts unpacked, pictures too (a zip bomb is refused)
    max_cells: int = 2_000_000  # cells of one sheet or table, merged ranges counted in every place they cover


@dataclass(frozen=True)
class CheckSettings:
    """Shares at which the document's own habits count (core/validate.py, core/departments.py)."""

    habit: float = 0.9  # share of a column's cells whose way of ending is the column's habit
    habit_min_cells: int = 10  # fewer cells than this show no habit
    ending_habit: float = 0.95  # share of duty cells closed that makes an unclosed last cell cut off
    headed_habit: float = 0.9  # share of rows naming departments that makes one naming none a finding
    wraps_to_fail: int = 2  # unexplained short lines in one row that make the row's split untrustworthy


@dataclass(frozen=True)
class DiffSettings:
    """threshold: the least similarity (0..1] at which two differently named items are the same
    item. 0.5 keeps a slightly reworded name (做好X工作 → 开展X工作) and rejects items that only
    share common words; name_weight: the name's share of the similarity of two cooperative items
    (the rest is their duty texts')."""

    threshold: float = 0.5
    name_weight: float = 0.6


@dataclass(frozen=True)
class PictureSettings:
    """Pages drawn for a person (outputs/pictures.py, report.html, explain --png)."""

    scale: float = 1.25  # pixels per point: 90 dpi, 10.5 pt print still legible (13 pixels a character)
    margin: int = 12  # pixels of the page kept above and below a row
    rows_drawn: int = 60  # rows named in checks drawn in report.html; the rest are listed only
    pages_per_row: int = 4  # pages of one row drawn (a row running over more says so)


@dataclass(frozen=True)
class Settings:
    walk: WalkCosts = field(default_factory=WalkCosts)
    cells: CellSettings = field(default_factory=CellSettings)
    text: TextSettings = field(default_factory=TextSettings)
    pdf: PdfSettings = field(default_factory=PdfSettings)
    files: FileSettings = field(default_factory=FileSettings)
    checks: CheckSettings = field(default_factory=CheckSettings)
    diff: DiffSettings = field(default_factory=DiffSettings)
    pictures: PictureSettings = field(default_factory=PictureSettings)
    scan: ScanSettings = field(default_factory=ScanSettings)


DEFAULT = Settings()
