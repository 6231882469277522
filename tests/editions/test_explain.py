"""explain: a row's source lines and their cells; a build folder's row and where it was printed."""

from pipeline.cli import main
from pipeline.editions.explain import explain_row
from tests.helpers import FIXTURES, SEED


def test_explain_covers_every_line_of_every_row(seed_extraction):
    for table, assigned in seed_extraction.tables.items():
        for row in assigned.assigned:
            text = explain_row(seed_extraction, table, row.seq)
            for line in row.block.lines:
                if line.text:
                    shown = next(x for x in text.splitlines() if x.lstrip().startswith(f"{line.number} "))
                    assert " ? " not in shown, shown


def test_explain_shows_the_cells(capsys):
    assert main(["explain", str(SEED), "cooperative", "26"]) == 0
    out = capsys.readouterr().out
    assert "upstream_duties+township_duties" in out  # 负责…工作。 对社会考生…鉴定。 share a line
    assert main(["explain", str(SEED), "cooperative", "999"]) == 2


def test_explain_reads_a_build_folder(tmp_path, capsys):
    out = tmp_path / "seed"
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["explain", str(out), "cooperative", "26"]) == 0
    shown = capsys.readouterr().out
    assert "lines 1134-1139" in shown and "对普通高考报名考生的鉴定" in shown
    assert main(["explain", str(out), "cooperative", "999"]) == 2


def test_explain_png_draws_a_row_over_several_pages(tmp_path):
    from PIL import Image

    pdf = FIXTURES / "print" / "word_merged.pdf"
    png = tmp_path / "row.png"
    # cooperative 14 runs over three pages of this fixture
    assert main(["explain", str(pdf), "cooperative", "14", "--png", str(png)]) == 0
    image = Image.open(png)
    single = tmp_path / "one.png"
    assert main(["explain", str(pdf), "basic", "1", "--png", str(single)]) == 0
    assert image.height > 2 * Image.open(single).height  # pages stacked, not one strip
    colours = {image.getpixel((x, y)) for x in range(0, image.width, 3) for y in range(0, image.height, 3)}
    assert any(c[0] > 100 and c[2] > 150 and c[1] < 120 for c in colours)  # the duty cells' purple boxes
    assert main(["explain", str(SEED), "cooperative", "14", "--png", str(tmp_path / "text.png")]) == 2
    assert not (tmp_path / "text.png").exists()
