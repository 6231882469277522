"""Files of cells in the shapes the fixtures do not take: small web pages, workbooks and Word tables
made here — titles in a table's first row, a list split over tables, text between tables, a header
that changes, spans past a table's end, a page's encodings, hidden sheets, Word's numbering formats,
and files too large to read."""

import zipfile

import pytest
from lxml import etree
from openpyxl import Workbook

from pipeline.extract import extract
from pipeline.model import InputError
from pipeline.readers.forms import sniff
from pipeline.readers.numbering import FORMATS, Numbering
from pipeline.readers.web import decode_page
from pipeline.settings import FileSettings, Settings

BASIC = [["序号", "事项类别", "事项名称"], ["1", "党的建设", "做好档案管理工作"], ["2", "党的建设", "组织开展学习。"]]
COOPERATIVE = [
    ["序号", "事项类别", "事项名称", "配合部门", "上级部门职责", "乡配合职责"],
    ["1", "党的建设", "党内统计工作", "县委组织部", "县委组织部：\n1.开展统计。", "1.参加培训；\n2.报送数据。"],
]
WITHDRAWN = [["序号", "事项类别", "事项名称", "承接部门"], ["1", "民生服务", "医疗救助", "县医疗保障局"]]
LISTS = (("基本履职事项清单", BASIC), ("配合履职事项清单", COOPERATIVE), ("上级部门收回事项清单", WITHDRAWN))


def _row(cells, tag="td") -> str:
    return "<tr>" + "".join(f"<{tag}>{c.replace(chr(10), '<br>')}</{tag}>" for c in cells) + "</tr>"


def page(body: str, charset: str = "utf-8") -> str:
    return f'<html><head><meta charset="{charset}"><title>t</title></head><body>{body}</body></html>'


def tables(title_in_table: bool = False) -> str:
    out = []
    for title, rows in LISTS:
        head = f'<tr><td colspan="{len(rows[0])}">{title}</td></tr>' if title_in_table else ""
        out.append(("" if title_in_table else f"<h2>{title}</h2>") + "<table>" + head + "".join(map(_row, rows)))
        out[-1] += "</table>"
    return "".join(out)


def records_of(tmp_path, text: str, name: str = "page.html", encoding: str = "utf-8") -> dict:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return extract(path).edition.records


def test_a_web_page_reads_br_as_paragraphs_and_titles_in_the_first_row(tmp_path):
    for title_in_table in (False, True):
        records = records_of(tmp_path, page(tables(title_in_table)))
        coop = records["cooperative"][0]
        assert coop["upstream_duties"] == "县委组织部：\n1.开展统计。"
        assert coop["township_duties"] == "1.参加培训；\n2.报送数据。"
        assert [r["name"] for r in records["basic"]] == ["做好档案管理工作", "组织开展学习。"]


def test_site_furniture_around_the_document_is_not_the_documents(tmp_path):
    nav = "<div><a>首页</a> <a>政务公开</a></div><p>当前位置：首页 &gt; 正文</p><h1>某乡履职事项清单</h1>"
    after = "<p>某乡人民政府</p><p>2025年3月20日</p><p>相关链接</p><p>阿合奇镇基本履职事项清单</p>"
    after += "<table><tr><td>x</td><td>y</td></tr></table>"  # the site's, after the document
    path = tmp_path / "site.html"
    path.write_text(page(nav + "<p>说明</p><p>一、基本情况</p>" + tables() + after), encoding="utf-8")
    extraction = extract(path)
    sections = extraction.document.sections
    assert [line.text for line in sections.preface.lines] == ["说明", "一、基本情况"]
    assert "首页政务公开" in [line.text for line in sections.preface.removed]
    assert [line.text for line in sections.sign_off] == ["某乡人民政府", "2025年3月20日"]
    assert [c.name for c in extraction.edition.checks if c.status == "fail"] == []


def test_a_layout_table_holding_the_lists_is_read_through(tmp_path):
    body = f"<table><tr><td>导航</td><td>{tables()}</td></tr></table>"
    assert len(records_of(tmp_path, page(body))["basic"]) == 2


def test_rowspan_merges_and_spans_past_the_end_are_cut_at_the_table(tmp_path):
    rows = BASIC[:1] + [["1", '<td rowspan="99">党的建设</td>', "甲。"], ["2", None, "乙。"]]
    body = "".join(
        f"<h2>{title}</h2><table>"
        + ("".join(_row(r) for r in body_rows) if title != "基本履职事项清单" else _merged(rows))
        + "</table>"
        for title, body_rows in LISTS
    )
    basic = records_of(tmp_path, page(body))["basic"]
    assert [r["category"] for r in basic] == ["党的建设", "党的建设"]
    assert basic[1]["source"]["merged"] == [{"cell": "category", "printed_in": 1, "first": 1, "last": 2}]


def _merged(rows) -> str:
    out = _row(rows[0])
    for cells in rows[1:]:
        out += "<tr>" + "".join(c if c and c.startswith("<td") else f"<td>{c}</td>" for c in cells if c) + "</tr>"
    return out


def test_a_page_declared_gb2312_is_read_as_gb18030():
    text = "毀—履职"  # 毀 and — are not in GB2312; county sites print them anyway
    data = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
    decoded, encoding = decode_page(data + text.encode("gb18030"))
    assert encoding == "gb18030" and decoded.endswith(text)
    assert decode_page("<p>履职</p>".encode())[1] == "utf-8"  # undeclared: UTF-8 first


def test_text_between_a_lists_tables_fails_unplaced(tmp_path):
    body = tables().replace("</table><h2>配合", "</table><p>注：本表另有附则。</p><h2>配合", 1)
    path = tmp_path / "note.html"
    path.write_text(page(body), encoding="utf-8")
    checks = {c.name: c for c in extract(path).edition.checks}
    assert checks["unplaced_text"].status == "fail"
    assert "注：本表另有附则。" in checks["unplaced_text"].findings[0].text


def test_a_list_whose_second_table_has_another_header_fails_layout(tmp_path):
    second = "<table>" + _row(["序号", "事项名称", "事项类别"]) + _row(["3", "丙。", "党的建设"]) + "</table>"
    body = tables().replace("</table><h2>配合", "</table>" + second + "<h2>配合", 1)
    path = tmp_path / "two.html"
    path.write_text(page(body), encoding="utf-8")
    layout = next(c for c in extract(path).edition.checks if c.name == "layout")
    assert layout.status == "fail" and "differs from its first table's" in layout.findings[0].text


def test_a_list_titled_twice_is_refused(tmp_path):
    path = tmp_path / "twice.html"
    path.write_text(page("<h2>基本履职事项清单</h2>" + tables()), encoding="utf-8")
    with pytest.raises(InputError, match="second title"):
        extract(path)


def _workbook(tmp_path, hidden: bool = False, sheet_names: tuple[str, ...] = ("基本履职事项", "配合履职事项")):
    book = Workbook()
    book.remove(book.active)
    for (_title, rows), name in zip(LISTS, (*sheet_names, "上级部门收回事项清单"), strict=True):
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([int(v) if v.isdigit() else v for v in row])
    if hidden:
        old = book.create_sheet("旧版")
        for row in BASIC:
            old.append(row)
        old.sheet_state = "hidden"
    path = tmp_path / "lists.xlsx"
    book.save(path)
    return path


def test_sheets_named_by_their_list_and_a_hidden_sheet_left_out(tmp_path):
    extraction = extract(_workbook(tmp_path, hidden=True))
    records = extraction.edition.records
    assert records["basic"][1]["name"] == "组织开展学习。"
    assert records["cooperative"][0]["township_duties"] == "1.参加培训；\n2.报送数据。"  # Alt+Enter
    reading = next(c for c in extraction.edition.checks if c.name == "reading")
    assert [(f.where, f.text) for f in reading.findings] == [("sheet 旧版", "a hidden sheet, not read")]


def test_too_large_files_are_refused_before_they_are_read(tmp_path):
    small = Settings(files=FileSettings(max_cells=10))
    with pytest.raises(InputError, match="too large"):
        extract(_workbook(tmp_path), settings=small)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", " " * (2 * 2**20))
    with pytest.raises(InputError, match="too large to read"):
        sniff(bomb, FileSettings(max_markup=2**20))


def _numbering(levels: str, nums: str):
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return etree.fromstring(
        f"<w:numbering {w}><w:abstractNum w:abstractNumId='0'>{levels}</w:abstractNum>{nums}</w:numbering>"
    )


def _paragraph(num_id: str, level: int = 0):
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return etree.fromstring(
        f"<w:p {w}><w:pPr><w:numPr><w:ilvl w:val='{level}'/><w:numId w:val='{num_id}'/></w:numPr></w:pPr></w:p>"
    )


LEVELS = (
    "<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='chineseCounting'/><w:lvlText w:val='%1、'/>"
    "<w:suff w:val='nothing'/></w:lvl>"
    "<w:lvl w:ilvl='1'><w:start w:val='1'/><w:numFmt w:val='decimal'/><w:lvlText w:val='（%2）'/>"
    "<w:suff w:val='nothing'/></w:lvl>"
)


def test_word_numbering_counts_levels_and_lists_as_word_does():
    nums = (
        "<w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>"
        "<w:num w:numId='2'><w:abstractNumId w:val='0'/></w:num>"  # the same list, going on
        "<w:num w:numId='3'><w:abstractNumId w:val='0'/>"
        "<w:lvlOverride w:ilvl='0'><w:startOverride w:val='1'/></w:lvlOverride></w:num>"  # starts again
    )
    numbering = Numbering.of(_numbering(LEVELS, nums), None)
    shown = [numbering.label(_paragraph(n, level)) for n, level in
             (("1", 0), ("1", 1), ("1", 1), ("2", 0), ("2", 1), ("3", 0), ("3", 0))]  # fmt: skip
    assert shown == ["一、", "（1）", "（2）", "二、", "（1）", "一、", "二、"]
    assert numbering.label(_paragraph("0")) == ""  # numId 0: numbering removed
    assert numbering.notes() == (
        ("numbering", "7 paragraphs numbered by Word itself: their numbers computed as Word does"),
    )
    odd = Numbering.of(_numbering(LEVELS.replace("chineseCounting", "thaiLetters"), nums), None)
    assert odd.label(_paragraph("1")) == "1、" and "shown as 1, 2, 3: thaiLetters" in odd.notes()[1][1]


@pytest.mark.parametrize(
    ("fmt", "values", "shown"),
    [
        (
            "chineseCounting",
            (1, 10, 11, 20, 21, 105, 110),
            ("一", "十", "十一", "二十", "二十一", "一百零五", "一百一十"),
        ),
        ("chineseLegalSimplified", (3, 12), ("叁", "拾贰")),
        ("decimalEnclosedCircle", (1, 20, 21), ("①", "⑳", "21")),
        ("upperRoman", (4, 9, 14), ("IV", "IX", "XIV")),
        ("lowerLetter", (1, 26, 27), ("a", "z", "aa")),
        ("ideographTraditional", (1, 10), ("甲", "癸")),
        ("decimalFullWidth", (12,), ("１２",)),
    ],
)
def test_word_number_formats(fmt, values, shown):
    assert tuple(FORMATS[fmt](v) for v in values) == shown


def _word(tmp_path, wrap_in_control: bool = False):
    """The small lists as a Word file: titles as paragraphs, each list a table, the basic list's
    categories merged down (w:vMerge), a cell's lines as paragraphs and one as a manual break."""
    from docx import Document
    from docx.oxml import OxmlElement

    document = Document()
    for title, rows in LISTS:
        document.add_paragraph(title)
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                first, *more = text.split("\n")
                cell = table.cell(r, c)
                cell.text = first
                for line in more:
                    cell.add_paragraph(line)
        if title == "基本履职事项清单":
            table.cell(1, 1).merge(table.cell(2, 1)).text = "党的建设"
        if title == "配合履职事项清单":
            cell = table.cell(1, 5)  # 1.参加培训；/ 2.报送数据。 as one paragraph with a manual break
            cell.text = "1.参加培训；"
            cell.paragraphs[0].runs[0].add_break()
            cell.paragraphs[0].add_run("2.报送数据。")
        if wrap_in_control and title == "配合履职事项清单":
            control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
            table._tbl.addprevious(control)
            control.append(content)
            content.append(table._tbl)
    path = tmp_path / "lists.docx"
    document.save(path)
    return path


def test_word_tables_with_merges_breaks_and_content_controls(tmp_path):
    records = extract(_word(tmp_path, wrap_in_control=True)).edition.records
    basic = records["basic"]
    assert [r["category"] for r in basic] == ["党的建设", "党的建设"]
    assert basic[0]["source"]["merged"] == [{"cell": "category", "printed_in": 1, "first": 1, "last": 2}]
    coop = records["cooperative"][0]  # read inside the content control
    assert coop["upstream_duties"] == "县委组织部：\n1.开展统计。"  # two paragraphs
    assert coop["township_duties"] == "1.参加培训；\n2.报送数据。"  # a manual line break
