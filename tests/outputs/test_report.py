"""report.md and the check command's gate."""

from pipeline.cli import main
from tests.helpers import SEED


def test_report_is_written_and_check_gates(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SEED), "--out", str(out)]) == 0
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| 配合履职事项 | 121 | 121 | 18 | 18 | 32 |" in report
    assert "### categories (warn)" in report and "人民武装" in report
    capsys.readouterr()
    assert main(["check", str(SEED)]) == 0
    assert capsys.readouterr().out.startswith("# qingdan report: 000_0308d53cfc65b0ad.txt")
    assert main(["check", "--strict", str(SEED)]) == 1
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
