"""Write the seed edition's duty list (哈拉奇乡 履职事项清单) as web pages, from the reviewed golden records.

The pages are fixtures for an HTML table reader: they look like what county government sites publish. Every
table cell holds exactly the golden text (``departments`` joined with 、); a prose field's ``\\n`` separated
paragraphs are separated by ``<br>`` or wrapped in one ``<p>`` each, and there is no other line break and no
added whitespace inside a cell (the HTML source is pretty-printed between tags only, never inside a cell's text,
and never right after a ``<br>``). ``&``, ``<`` and ``>`` are escaped.

Run from the project root::

    .venv/bin/python tools/make_web_fixtures.py

Writes into ``tests/fixtures/web/`` (the same bytes on every run), then parses every file back with lxml.html
(expanding ``rowspan`` / ``colspan`` into a grid, ``<br>`` and ``<p>`` into ``\\n``) and compares every cell
with the golden rows; exits 1 on any mismatch.

``county_site.html``
    A county government site's article page (阿合奇县人民政府): site header with a navigation bar, breadcrumbs,
    article title 哈拉奇乡履职事项清单 and info line, the preface 说明 as ``<p>`` paragraphs (headings as
    ``<p><strong>…</strong></p>``), then each list's centred bold title paragraph followed by a
    ``<table border="1" cellspacing="0">``: header row of bold ``<td>`` cells, then the rows; 事项类别 cells span
    (``rowspan``) each run of equal categories, in the cooperative table the 对应上级部门 cells each run of equal
    departments too (the ``<td>`` only in the run's first row); paragraphs inside cells separated by ``<br>``.
    After the tables the sign-off (哈拉奇乡人民政府 / 2025年3月20日, right-aligned), attachment links, a
    相关链接 box and the site footer; a ``<style>`` block and an analytics-looking ``<script>``. Encoded with
    GB18030 but declared ``charset=gb2312``, as real sites do; CRLF line ends. Two golden characters are not in
    GB2312: 毀 (GB18030 ``9A A7``, undecodable as strict GB2312) and — U+2014 (``A1 AA``, which Python's
    ``gb2312`` codec reads as ― U+2015); a reader has to decode a declared gb2312 / gbk page as GB18030 (as
    browsers do). lxml parsing the raw bytes itself gives 毁 and ― instead.
``utf8_colspan.html``
    A plain UTF-8 page, heading 哈拉奇乡履职事项清单, no preface. Each list is ONE table: its first row is the
    list title in a single cell spanning every column (``colspan``), the next row the header of ``<th>`` cells
    (both rows in ``<thead>``, so that browsers draw the title above the header), then ``<tbody>``; no rowspans
    (the category repeated on every row); every paragraph of a prose cell in its own ``<p>``; nested
    ``<span>`` / ``<font>`` tags around parts of the text in many cells (no characters added).
``bad/no_list.html``
    The county site's page with an ordinary news article and a small unrelated table.
``bad/empty_table.html``
    ``county_site.html`` with the same preface and titles, but tables holding only their header row.

Inputs (through ``tools/make_pdf_fixtures.py``): ``tests/golden/{basic,cooperative,withdrawn}.json`` and, for the
preface, ``raw/000_0308d53cfc65b0ad.txt``. Needs lxml (for the check only).
"""

from __future__ import annotations

import sys
from html import escape
from itertools import groupby
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.make_pdf_fixtures import TABLES, load_preface, load_rows  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "web"

PAGE_TITLE = "哈拉奇乡履职事项清单"
SITE = "阿合奇县人民政府"
TOWNSHIP = "哈拉奇乡人民政府"
SIGN_DATE = "2025年3月20日"

# column widths of the county site's tables, percent
WIDTHS = {"basic": (8, 16, 76), "cooperative": (5, 9, 16, 16, 30, 24), "withdrawn": (6, 12, 28, 54)}
# columns whose runs of equal text share one cell (rowspan) on the county site
ROWSPAN = {"basic": (1,), "cooperative": (1, 3), "withdrawn": (1,)}


def esc(text: str) -> str:
    """Text content: & < > escaped (the golden text has no ASCII quotes, but they would stay as they are)."""
    return escape(text, quote=False)


def attr(text: str) -> str:
    return escape(text, quote=True)


# ------------------------------------------------------------------------------------- the county site

STYLE = """\
body { margin: 0; font-family: "Microsoft YaHei", "SimSun", sans-serif; font-size: 14px; color: #333; }
a { color: #333; text-decoration: none; }
a:hover { color: #c00; }
.top { background: #b5111b; color: #fff; height: 90px; }
.top .logo { width: 1200px; margin: 0 auto; font-size: 32px; line-height: 90px; font-weight: bold; }
.nav { background: #d7262e; height: 44px; }
.nav ul { width: 1200px; margin: 0 auto; padding: 0; list-style: none; }
.nav li { float: left; width: 150px; text-align: center; line-height: 44px; }
.nav li a { color: #fff; font-size: 16px; }
.crumb { width: 1200px; margin: 12px auto; color: #666; }
.article { width: 1200px; margin: 0 auto; background: #fff; border: 1px solid #e5e5e5; padding: 30px 40px; }
.article h1 { text-align: center; font-size: 24px; color: #b5111b; }
.article .info { text-align: center; color: #999; border-bottom: 1px dashed #ccc; padding-bottom: 12px; }
.article .info span { margin: 0 10px; }
.TRS_Editor p { font-size: 16px; line-height: 2; margin: 0.5em 0; }
.TRS_Editor table { border-collapse: collapse; width: 100%; margin: 10px 0 20px; }
.TRS_Editor td { border: 1px solid #000; padding: 4px 6px; font-size: 14px; line-height: 1.6; }
.fujian { margin-top: 20px; }
.fujian li { list-style: none; line-height: 28px; }
.tools { text-align: right; color: #666; margin-top: 16px; }
.xglj { width: 1200px; margin: 20px auto; border: 1px solid #e5e5e5; }
.xglj h3 { margin: 0; padding: 0 16px; background: #f5f5f5; line-height: 40px; font-size: 16px; }
.xglj li { line-height: 30px; }
.footer { background: #f0f0f0; border-top: 3px solid #b5111b; text-align: center; color: #666; padding: 20px 0; }
.footer p { margin: 6px 0; }"""

SCRIPT = """\
var _hmt = _hmt || [];
(function () {
  var hm = document.createElement("script");
  hm.src = "https://tongji.example.cn/hm.js?3f0a9c1d2b4e5f60718293a4b5c6d7e8";
  var s = document.getElementsByTagName("script")[0];
  s.parentNode.insertBefore(hm, s);
})();
function showHits(id, n) {
  var el = document.getElementById(id);
  if (el && n >= 0 && n < 1e9) { el.innerHTML = String(n); }
}
var shareConfig = { title: document.title, site: "阿合奇县人民政府", channel: "政策文件" };
window.onload = function () { showHits("hits", 1287); };"""

NAV = (("/", "首页"), ("/zwgk/", "政务公开"), ("/zwgk/zcwj/", "政策文件"), ("/hdjl/", "互动交流"))
ATTACHMENTS = (
    ("/zwgk/zcwj/202503/P020250321385162749301.pdf", "哈拉奇乡履职事项清单.pdf"),
    ("/zwgk/zcwj/202503/P020250321385162749302.docx", "哈拉奇乡履职事项清单.docx"),
)
RELATED = (
    ("/zwgk/zcwj/202503/t20250321_2218.html", "阿合奇镇履职事项清单"),
    ("/zwgk/zcwj/202503/t20250321_2219.html", "库兰萨日克乡履职事项清单"),
    ("/zwgk/zcwj/202503/t20250319_2201.html", "阿合奇县关于全面推进乡镇履职事项清单工作的通知"),
    ("/zwgk/zcwj/202502/t20250226_2107.html", "阿合奇县2025年政府信息公开工作要点"),
)
FOOTER = (
    "版权所有：阿合奇县人民政府　主办：阿合奇县人民政府办公室",
    "网站标识码：6530300001　新ICP备05001234号-1　新公网安备65303002000123号",
    "技术支持：克州数字政务服务中心　联系电话：0908-5721234",
)


Links = tuple[tuple[str, str], ...]  # (href, text)


def site_page(title: str, info: tuple[str, str], content: list[str], crumb: Links, files: Links, related: Links) -> str:
    """The county site's article page around the article body ``content`` (lines of HTML); CRLF line ends."""
    date, source = info
    nav = [f'      <li><a href="{attr(href)}">{esc(text)}</a></li>' for href, text in NAV]
    crumbs = " &gt; ".join(f'<a href="{attr(href)}">{esc(text)}</a>' for href, text in crumb)
    attachments = [
        f'      <li>附件{i}：<a href="{attr(href)}" target="_blank">{esc(text)}</a></li>'
        for i, (href, text) in enumerate(files, 1)
    ]
    links = [f'      <li><a href="{attr(href)}" target="_blank">{esc(text)}</a></li>' for href, text in related]
    footer = [f"    <p>{esc(line)}</p>" for line in FOOTER]
    lines = [
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        '<html xmlns="http://www.w3.org/1999/xhtml">',
        "<head>",
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
        f'<meta name="SiteName" content="{attr(SITE)}">',
        f'<meta name="ArticleTitle" content="{attr(title)}">',
        f'<meta name="PubDate" content="{attr(date)}">',
        f'<meta name="ContentSource" content="{attr(source)}">',
        f"<title>{esc(title)}_{esc(SITE)}</title>",
        '<style type="text/css">',
        STYLE,
        "</style>",
        '<script type="text/javascript">',
        SCRIPT,
        "</script>",
        "</head>",
        "<body>",
        '<div class="top">',
        f'  <div class="logo">{esc(SITE)}</div>',
        "</div>",
        '<div class="nav">',
        "    <ul>",
        *nav,
        "    </ul>",
        "</div>",
        f'<div class="crumb">当前位置：{crumbs} &gt; 正文</div>',
        '<div class="article">',
        f"  <h1>{esc(title)}</h1>",
        f'  <div class="info"><span>发布时间：{esc(date)}</span> <span>来源：{esc(source)}</span> '
        '<span>浏览次数：<span id="hits"></span></span></div>',
        '  <div class="TRS_Editor" id="zoom">',
        *content,
        "  </div>",
        '  <div class="fujian">',
        "    <ul>",
        *attachments,
        "    </ul>",
        "  </div>",
        '  <div class="tools"><a href="javascript:window.print()">【打印本页】</a>'
        '<a href="javascript:window.close()">【关闭窗口】</a></div>',
        "</div>",
        '<div class="xglj">',
        "  <h3>相关链接</h3>",
        "    <ul>",
        *links,
        "    </ul>",
        "</div>",
        '<div class="footer">',
        *footer,
        "</div>",
        "</body>",
        "</html>",
    ]
    return "\r\n".join(lines) + "\r\n"


def preface_lines(preface: tuple[str, list[tuple[str, str]]]) -> list[str]:
    title, paragraphs = preface
    out = [f'    <p style="text-align:center"><strong>{esc(title)}</strong></p>']
    for kind, text in paragraphs:
        if kind == "heading":
            out.append(f"    <p><strong>{esc(text)}</strong></p>")
        else:
            out.append(f'    <p style="text-indent:2em">{esc(text)}</p>')
    return out


def runs(rows: list[list[str]], col: int) -> dict[int, int]:
    """Row index -> length of the run of equal text in ``col`` that starts there (rows inside a run absent)."""
    out, start = {}, 0
    for _text, group in groupby(row[col] for row in rows):
        n = len(list(group))
        out[start] = n
        start += n
    return out


def county_table(key: str, header: tuple[str, ...], rows: list[list[str]]) -> list[str]:
    widths = WIDTHS[key]
    spans = {col: runs(rows, col) for col in ROWSPAN[key]}
    out = ['    <table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse">']
    out.append("      <tbody>")
    out.append("        <tr>")
    for label, width in zip(header, widths, strict=True):
        out.append(f'          <td width="{width}%" style="text-align:center"><strong>{esc(label)}</strong></td>')
    out.append("        </tr>")
    for r, row in enumerate(rows):
        out.append("        <tr>")
        for c, text in enumerate(row):
            style = ' style="text-align:center"' if c < 2 else ""
            if c in spans:
                if r not in spans[c]:
                    continue  # covered by the rowspan above
                if spans[c][r] > 1:
                    style = f' rowspan="{spans[c][r]}"{style}'
            cell = "<br>".join(esc(part) for part in text.split("\n"))
            out.append(f"          <td{style}>{cell}</td>")
        out.append("        </tr>")
    out.append("      </tbody>")
    out.append("    </table>")
    return out


def county_content(preface, rows, *, empty: bool = False) -> list[str]:
    out = preface_lines(preface)
    for key, title, header in TABLES:
        out.append(f'    <p style="text-align:center"><strong>{esc(title)}</strong></p>')
        out += county_table(key, header, [] if empty else rows[key])
    out.append(f'    <p style="text-align:right">{esc(TOWNSHIP)}<br>{esc(SIGN_DATE)}</p>')
    return out


def county_site(preface, rows, *, empty: bool = False) -> bytes:
    page = site_page(
        PAGE_TITLE, ("2025-03-21", TOWNSHIP), county_content(preface, rows, empty=empty), NAV[:3], ATTACHMENTS, RELATED
    )
    return page.encode("gb18030")


NEWS_TITLE = "哈拉奇乡开展春季义务植树活动"
NEWS_CRUMB = (("/", "首页"), ("/zwgk/", "政务公开"), ("/zwgk/xzdt/", "乡镇动态"))
NEWS_FILES = (("/zwgk/xzdt/202503/P020250319412007355101.xlsx", "哈拉奇乡2025年春季植树统计表.xlsx"),)
NEWS_RELATED = (
    ("/zwgk/xzdt/202503/t20250318_2190.html", "阿合奇镇召开春耕备耕工作推进会"),
    ("/zwgk/xzdt/202503/t20250317_2183.html", "库兰萨日克乡开展“学雷锋”志愿服务活动"),
    ("/zwgk/xzdt/202503/t20250314_2170.html", "阿合奇县部署2025年国土绿化工作"),
)
NEWS = (
    "3月18日，哈拉奇乡组织机关干部、驻村工作队和各村党员群众200余人，在哈拉奇村生态林带开展春季义务植树活动。",
    "活动现场，大家分工协作，挖坑、扶苗、培土、浇水，一株株树苗迎风挺立。乡党委负责同志表示，"
    "将持续做好管护工作，确保栽一棵、活一棵、成林一片。",
    "各村植树情况如下：",
)
NEWS_TABLE = (
    ("村名", "植树数量（株）", "参与人数"),
    ("哈拉奇村", "1200", "68"),
    ("哈拉布隆村", "950", "52"),
    ("米尔凯奇村", "860", "47"),
    ("合计", "3010", "167"),
)


def no_list() -> bytes:
    content = [f'    <p style="text-indent:2em">{esc(text)}</p>' for text in NEWS]
    content.append('    <table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">')
    for row in NEWS_TABLE:
        content.append("      <tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>")
    content.append("    </table>")
    content.append('    <p style="text-indent:2em">下一步，哈拉奇乡将结合人居环境整治，持续推进国土绿化工作。</p>')
    content.append(f'    <p style="text-align:right">{esc(TOWNSHIP)}<br>2025年3月19日</p>')
    return site_page(NEWS_TITLE, ("2025-03-19", TOWNSHIP), content, NEWS_CRUMB, NEWS_FILES, NEWS_RELATED).encode(
        "gb18030"
    )


# -------------------------------------------------------------------------------------- the UTF-8 page


def decorate(text: str, k: int) -> str:
    """One paragraph's HTML, with one of a few patterns of nested span / font tags around parts of it."""
    n = len(text)
    if n < 2:
        return esc(text)
    cut = max(1, min(n - 1, (n * (k % 3 + 1)) // 4))
    head, tail = esc(text[:cut]), esc(text[cut:])
    pattern = k % 6
    if pattern == 1:
        return f'<span style="font-family:仿宋_GB2312;font-size:12pt">{esc(text)}</span>'
    if pattern == 2:
        return f'<font face="仿宋_GB2312">{head}</font>{tail}'
    if pattern == 3:
        return f'<span lang="EN-US"><font color="#000000">{esc(text)}</font></span>'
    if pattern == 4:
        return f'<span style="font-size:12pt">{head}<font face="宋体">{tail}</font></span>'
    if pattern == 5:
        return f'{head}<span><span style="color:#333">{tail}</span></span>'
    return esc(text)


def utf8_table(key: str, title: str, header: tuple[str, ...], rows: list[list[str]]) -> list[str]:
    out = ['<table class="qd" border="1">', "  <thead>"]
    out.append(f'    <tr><td colspan="{len(header)}" class="qd-title"><b>{esc(title)}</b></td></tr>')
    out.append("    <tr>" + "".join(f"<th>{esc(label)}</th>" for label in header) + "</tr>")
    out += ["  </thead>", "  <tbody>"]
    for r, row in enumerate(rows):
        out.append("    <tr>")
        for c, text in enumerate(row):
            k = r * 7 + c * 3
            if c < 2:  # 序号, 事项类别: bare text, sometimes in a span
                cell = f"<span>{esc(text)}</span>" if k % 4 == 1 else esc(text)
            else:
                cell = "".join(f"<p>{decorate(part, k + i)}</p>" for i, part in enumerate(text.split("\n")))
            out.append(f"      <td>{cell}</td>")
        out.append("    </tr>")
    out += ["  </tbody>", "</table>"]
    return out


def utf8_colspan(rows) -> bytes:
    lines = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(PAGE_TITLE)}</title>",
        "<style>",
        "table.qd { border-collapse: collapse; width: 100%; margin-bottom: 2em; }",
        "table.qd td, table.qd th { border: 1px solid #444; padding: 4px; vertical-align: top; }",
        "table.qd td p { margin: 0; }",
        "td.qd-title { text-align: center; font-size: 18px; padding: 8px; }",
        "</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(PAGE_TITLE)}</h1>",
    ]
    for key, title, header in TABLES:
        lines += utf8_table(key, title, header, rows[key])
    lines += ["</body>", "</html>"]
    return ("\n".join(lines) + "\n").encode("utf-8")


# ------------------------------------------------------------------------------------------ the check


def cell_text(cell) -> str:
    """A cell's text: ``<br>`` -> '\\n', '\\n' between a block ``<p>`` and text around it; whitespace kept."""
    parts: list[str] = []
    after_block = False  # a <p> just ended: text that follows starts a new line

    def put(text: str | None) -> None:
        nonlocal after_block
        if text:
            if after_block:
                parts.append("\n")
            parts.append(text)
            after_block = False

    def walk(el) -> None:
        nonlocal after_block
        if el.tag == "br":
            parts.append("\n")
            after_block = False
            return
        if el.tag == "p":
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n")
            after_block = False
        put(el.text)
        for child in el:
            walk(child)
            put(child.tail)
        if el.tag == "p":
            after_block = True

    put(cell.text)
    for child in cell:
        walk(child)
        put(child.tail)
    return "".join(parts)


def grid(table) -> list[list[str | None]]:
    """The table's rows with rowspan / colspan expanded (each covered slot repeats the cell's text)."""
    out: list[list[str | None]] = []
    pending: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(table.iter("tr")):
        row: list[str | None] = []
        cells = [c for c in tr if c.tag in ("td", "th")]
        col = 0
        for cell in cells:
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            text = cell_text(cell)
            rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            for dc in range(cs):
                row.append(text)
                for dr in range(1, rs):
                    pending[(r + dr, col + dc)] = text
            col += cs
        while (r, col) in pending:
            row.append(pending.pop((r, col)))
            col += 1
        out.append(row)
    assert not pending, "a rowspan runs past the table's end"
    return out


def compare(name: str, body: list[list[str | None]], golden: list[list[str]]) -> int:
    bad = 0
    if len(body) != len(golden):
        print(f"  {name}: {len(body)} rows, golden {len(golden)}")
        bad += abs(len(body) - len(golden))
    for r, (got, want) in enumerate(zip(body, golden, strict=False)):
        if len(got) != len(want):
            print(f"  {name} row {r + 1}: {len(got)} cells, golden {len(want)}")
            bad += 1
            continue
        for c, (g, w) in enumerate(zip(got, want, strict=True)):
            if g != w:
                print(f"  {name} row {r + 1} col {c + 1}: {g!r} != {w!r}")
                bad += 1
    return bad


def check(rows) -> int:
    """Parse every written file back and compare its tables with the golden rows; the number of mismatches."""
    import lxml.html

    bad = 0
    cells = 0

    # county_site.html: bytes decode as GB18030; the title paragraph right before each table; rowspans
    data = (OUT / "county_site.html").read_bytes()
    assert b"charset=gb2312" in data
    doc = lxml.html.document_fromstring(data.decode("gb18030"))
    tables = doc.findall(".//table")
    assert len(tables) == len(TABLES), len(tables)
    for table, (key, title, header) in zip(tables, TABLES, strict=True):
        before = table.getprevious()
        if before is None or before.tag != "p" or before.text_content() != title:
            print(f"  county_site {key}: no title paragraph {title} before the table")
            bad += 1
        g = grid(table)
        if tuple(g[0]) != header:
            print(f"  county_site {key}: header {g[0]}")
            bad += 1
        bad += compare(f"county_site {key}", g[1:], rows[key])
        cells += sum(len(r) for r in g[1:])

    # utf8_colspan.html: the title cell spans every column, then the <th> header, then the body
    doc = lxml.html.document_fromstring((OUT / "utf8_colspan.html").read_bytes().decode("utf-8"))
    tables = doc.findall(".//table")
    assert len(tables) == len(TABLES), len(tables)
    for table, (key, title, header) in zip(tables, TABLES, strict=True):
        first = table.find(".//tr")
        title_cells = [c for c in first if c.tag in ("td", "th")]
        if len(title_cells) != 1 or int(title_cells[0].get("colspan", 1)) != len(header):
            print(f"  utf8_colspan {key}: first row is not one cell over {len(header)} columns")
            bad += 1
        g = grid(table)
        if g[0] != [title] * len(header) or tuple(g[1]) != header:
            print(f"  utf8_colspan {key}: title / header rows {g[:2]}")
            bad += 1
        if table.xpath(".//*[@rowspan]"):
            print(f"  utf8_colspan {key}: has rowspans")
            bad += 1
        bad += compare(f"utf8_colspan {key}", g[2:], rows[key])
        cells += sum(len(r) for r in g[2:])

    # bad/empty_table.html: three titles, three tables, header rows only
    doc = lxml.html.document_fromstring((OUT / "bad" / "empty_table.html").read_bytes().decode("gb18030"))
    tables = doc.findall(".//table")
    shapes = [[tuple(r) for r in grid(t)] for t in tables]
    if shapes != [[header] for _key, _title, header in TABLES]:
        print(f"  empty_table: {shapes}")
        bad += 1

    # bad/no_list.html: one small table, none of the list titles
    text = (OUT / "bad" / "no_list.html").read_bytes().decode("gb18030")
    doc = lxml.html.document_fromstring(text)
    if [[tuple(r) for r in grid(t)] for t in doc.findall(".//table")] != [list(NEWS_TABLE)]:
        print("  no_list: unexpected tables")
        bad += 1
    if any(title in text for _key, title, _header in TABLES):
        print("  no_list: a list title on the page")
        bad += 1

    print(f"check: {cells} body cells compared, {bad} mismatch(es)")
    return bad


def outside_gb2312(rows, preface) -> list[str]:
    """The characters of the content that strict GB2312 cannot encode (GB18030 can)."""
    title, paragraphs = preface
    text = title + "".join(t for _k, t in paragraphs) + "".join(c for r in rows.values() for row in r for c in row)
    out = []
    for ch in sorted(set(text)):
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            out.append(ch)
    return out


def main() -> int:
    preface = load_preface()
    rows = load_rows()
    files = {
        OUT / "county_site.html": county_site(preface, rows),
        OUT / "utf8_colspan.html": utf8_colspan(rows),
        OUT / "bad" / "no_list.html": no_list(),
        OUT / "bad" / "empty_table.html": county_site(preface, rows, empty=True),
    }
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{path.relative_to(ROOT)}  {len(data):,} bytes")
    extra = outside_gb2312(rows, preface)
    print("outside GB2312: " + ", ".join(f"{ch} U+{ord(ch):04X} = {ch.encode('gb18030').hex()}" for ch in extra))
    return 1 if check(rows) else 0


if __name__ == "__main__":
    sys.exit(main())
