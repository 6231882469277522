"""headers: which bands are a table's header row, and its template — its labels left to right, a
label wrapped in its cell read whole, a two-row header's upper label the parent of the labels under
it; a repeated header may share its band with the row fragment under it."""

from __future__ import annotations

from itertools import islice

from ...core.lists import LayoutError
from ...core.template import LONGEST_LABEL, field_of, is_label_like, read_template
from ...core.text import squash
from ...model import Template
from ...settings import DEFAULT, PdfSettings
from ...spec import ListSpec
from .bands import Band
from .load import Glyph

MOST_COLUMNS = 16  # a header of more columns than this is no header


def label_groups(glyphs: list[Glyph], settings: PdfSettings = DEFAULT.pdf) -> list[list[Glyph]]:
    """Header glyphs grouped into labels by horizontal overlap (a label may wrap in its cell)."""
    groups: list[list[Glyph]] = []
    reach = float("-inf")  # right edge of the current group
    for glyph in sorted(glyphs, key=lambda g: g.x0):
        if groups and glyph.x0 <= reach + settings.label_gap * glyph.size:
            groups[-1].append(glyph)
        else:
            groups.append([glyph])
            reach = glyph.x1
        reach = max(reach, glyph.x1)
    return groups


def spell(group: list[Glyph]) -> str:
    """A header cell's text: its lines top to bottom, each left to right."""
    return "".join(g.text for g in sorted(group, key=lambda g: (round(g.top), g.x0)))


def _leaves(group: list[Glyph], spec: ListSpec, settings: PdfSettings) -> list[tuple[str, list[Glyph]]]:
    """(parent, glyphs) of each label a group holds: a group whose top lines, left out, leave two
    labels or more side by side is a two-row header's upper label over them; one whose top lines and
    the rest each name a field that together they do not is two cells, one over the other (the
    upper one the parent of its neighbours below too, as `_under` finds)."""
    tops = sorted({round(g.top) for g in group})
    for k in range(1, len(tops)):
        rest = [g for g in group if round(g.top) >= tops[k]]
        upper = [g for g in group if round(g.top) < tops[k]]
        parts = label_groups(rest, settings)
        if len(parts) >= 2:
            parent = squash(spell(upper))
            return [(parent + inner, glyphs) for part in parts for inner, glyphs in _leaves(part, spec, settings)]
        above, below = squash(spell(upper)), squash(spell(rest))
        if field_of(above, spec) and field_of(below, spec) and not field_of(above + below, spec):
            return [("", upper), ("", rest)]
    return [("", group)]


Cell = tuple[str, str, list[Glyph]]  # (parent, label, its glyphs) of a header's column


def _under(cells: list[Cell]) -> list[Cell]:
    """A two-row header's upper labels made the parents of the labels under them: a label with two
    labels or more side by side wholly below it, around its middle (it is centred over their cells),
    and nothing between them that is not below it, is their parent and names no column."""
    boxes = [(min(g.x0 for g in gs), max(g.x1 for g in gs), min(g.top for g in gs), max(g.bottom for g in gs))
             for _, _, gs in cells]  # fmt: skip
    parents: dict[int, int] = {}  # a child's index → its parent's
    for p, (x0, x1, _, bottom) in enumerate(boxes):
        middle = (x0 + x1) / 2
        below = [i for i, box in enumerate(boxes) if i != p and box[2] > bottom]
        if len(below) < 2:
            continue
        order = sorted((i for i in range(len(boxes)) if i != p), key=lambda i: boxes[i][0])
        run: list[int] = []
        for i in order:  # the run of labels below it that reaches across its middle
            if i not in below:
                if run and boxes[run[0]][0] <= middle <= boxes[run[-1]][1]:
                    break
                run = []
                continue
            run.append(i)
        if len(run) >= 2 and boxes[run[0]][0] <= middle <= boxes[run[-1]][1]:
            parents.update((i, p) for i in run)
    out = []
    for i, (parent, label, glyphs) in enumerate(cells):
        if i in parents.values():
            continue
        if i in parents:
            upper = cells[parents[i]]
            parent = upper[0] + upper[1] + parent
        out.append((parent, label, glyphs))
    return out


def label_cells(glyphs: list[Glyph], spec: ListSpec, settings: PdfSettings = DEFAULT.pdf) -> list[Cell] | None:
    """(parent, label, its glyphs) of each column of a header, left to right; None if the glyphs
    cannot be a header (a cell reads as no label: a number, a sentence, text too long)."""
    leaves = [
        (parent, squash(spell(leaf)), leaf)
        for group in label_groups(glyphs, settings)
        for parent, leaf in _leaves(group, spec, settings)
    ]
    if not all(is_label_like(label) for _, label, _ in leaves):
        return None
    cells = _under(leaves)
    if any(len(parent) > LONGEST_LABEL for parent, _, _ in cells):
        return None
    return cells if 2 <= len(cells) <= MOST_COLUMNS else None


def read_header(
    glyphs: list[Glyph], spec: ListSpec, settings: PdfSettings = DEFAULT.pdf
) -> Template | LayoutError | None:
    """The template if the glyphs are a header of `spec`'s table; the refusal if they read as a header
    that does not fit it (no column for the item's name, a field named twice); None if they are no header."""
    most = MOST_COLUMNS * LONGEST_LABEL
    printed = list(islice((g for g in glyphs if g.text.strip()), most + 1))  # every band is asked: stop early
    if len(printed) > most:
        return None  # a body row: more text than any header has
    cells = label_cells(printed, spec, settings)
    if cells is None:
        return None
    try:
        # a label printed over others makes the header two rows (a wrapped label is one row)
        rows = 2 if any(parent for parent, _, _ in cells) else 1
        return read_template(spec, [(parent, label) for parent, label, _ in cells], rows)
    except LayoutError as exc:
        return exc


def header_variant(glyphs: list[Glyph], spec: ListSpec, settings: PdfSettings = DEFAULT.pdf) -> Template | None:
    """The template, if the glyphs are a header of `spec`'s table."""
    found = read_header(glyphs, spec, settings)
    return found if isinstance(found, Template) else None


def _labelish(glyphs: list[Glyph], settings: PdfSettings) -> bool:
    """Whether a band could be part of a header: a few short labels, no number, no sentence."""
    printed = [g for g in glyphs if g.text.strip()]
    if not printed or len(printed) > MOST_COLUMNS * LONGEST_LABEL:
        return False
    groups = label_groups(printed, settings)
    return len(groups) <= MOST_COLUMNS and all(is_label_like(squash(spell(group))) for group in groups)


def join_split_headers(bands: list[Band], spec: ListSpec, settings: PdfSettings = DEFAULT.pdf) -> list[Band]:
    """Bands of a header that rules part (a two-row header: 上级部门 above 部门名称 and 部门职责, a
    rule under it only; the labels beside them centred across that rule) joined back into one band:
    neighbours on a page that both read as labels, where the first is no header alone or the second
    holds labels the first is the parent of."""
    out: list[Band] = []
    for band in bands:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.page == band.page
            and _labelish(previous.glyphs, settings)
            and _labelish(band.glyphs, settings)
        ):
            joined = Band(band.page, previous.top, band.bottom, previous.glyphs + band.glyphs)
            alone = header_variant(previous.glyphs, spec, settings)
            whole = read_header(joined.glyphs, spec, settings)
            parented = isinstance(whole, Template) and any(c.parent for c in whole.columns)
            if whole is not None and (alone is None or (parented and not any(c.parent for c in alone.columns))):
                out[-1] = joined
                continue
        out.append(band)
    return out


def split_header(band: Band, spec: ListSpec, settings: PdfSettings = DEFAULT.pdf) -> tuple[Band | None, Band | None]:
    """(header, body) of a band: a repeated header may share its band with the row fragment
    under it when the producer draws no rule between them. Of the first lines that read as a header,
    the reading naming the most fields with the fewest extra columns (a label set in two lines is
    read whole; a short fragment under the header is not taken for a column)."""
    lines = band.lines(settings)
    best: tuple[tuple[int, int, int], int, list[Glyph]] | None = None
    for k in range(1, min(len(lines), settings.header_lines) + 1):
        glyphs = [g for line in lines[:k] for g in line.glyphs]
        template = header_variant(glyphs, spec, settings)
        if template is not None:
            score = (len(template.columns) - len(template.extras), -len(template.extras), -k)
            if best is None or score > best[0]:
                best = (score, k, glyphs)
    if best is None:
        return None, band
    _, k, glyphs = best
    rest = [g for line in lines[k:] for g in line.glyphs]
    bottom = max(g.bottom for g in glyphs)
    header = Band(band.page, band.top, bottom, glyphs)
    return header, (Band(band.page, bottom, band.bottom, rest) if rest else None)
