"""`naion report DESIGN -o OUT.pdf`: success, options, and one `error:` line with exit 2 for bad
input."""

from __future__ import annotations

import io
import re

import pytest

from naion_designer.io.design_file import new_design, write_design_file

NAME = "家庭储能 51.2 V"


@pytest.fixture
def design_path(tmp_path, example_cell_path):
    d = new_design(str(example_cell_path), 16, 1, NAME)
    p = tmp_path / "home.naion"
    write_design_file(d, p)
    return p


def _text(path) -> str:
    import pypdf

    r = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in r.pages))


def test_report_writes_a_pdf(naion, design_path, tmp_path):
    out = tmp_path / "sheet.pdf"
    r = naion("report", design_path, "-o", out, "--customer", "深圳某某储能科技有限公司",
              "--project", "P-7", "--revision", "C", "--author", "Ann", "--company", "ACME",
              "--date", "2026-03-04", "--paper", "letter", "--note", "Quote valid 30 days")
    assert r.code == 0, r.err
    assert r.err == ""
    assert "wrote" in r.out
    text = _text(out)
    for s in (NAME, "深圳某某储能科技有限公司", "P-7", "Rev. C", "Ann", "ACME", "2026-03-04",
              "Quote valid 30 days"):
        assert s in text, s


def test_report_is_deterministic(naion, design_path, tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert naion("report", design_path, "-o", a, "--date", "2026-01-02").code == 0
    assert naion("report", design_path, "-o", b, "--date", "2026-01-02").code == 0
    assert a.read_bytes() == b.read_bytes()


def test_report_units_option(naion, design_path, tmp_path):
    out = tmp_path / "imp.pdf"
    assert naion("report", design_path, "-o", out, "--units", "imperial").code == 0
    text = _text(out)
    assert re.search(r"Envelope length [\d.]+ in", text)
    assert re.search(r"Pack mass [\d.]+ lb", text)


@pytest.mark.parametrize("args, field", [
    (["-o", "{tmp}/missing/x.pdf"], "missing"),
    (["-o", "{tmp}/x.txt"], "-o"),
    (["-o", "{tmp}/x.pdf", "--paper", "A3"], "--paper"),
    (["-o", "{tmp}/x.pdf", "--logo", "{tmp}/nope.png"], "--logo"),
    (["-o", "{tmp}/x.pdf", "--logo", "{design}"], "--logo"),
    (["-o", "{tmp}/x.pdf", "--units", "length=furlong"], "--units"),
    (["-o", "{tmp}/x.pdf", "--units", "colour=blue"], "--units"),
    (["-o", "{tmp}/x.pdf", "--date", "yesterday"], "--date"),
    (["-o", "{tmp}/folder.pdf"], "it is a folder"),
])
def test_bad_input_is_one_error_line(naion, design_path, tmp_path, args, field):
    (tmp_path / "folder.pdf").mkdir()
    args = [a.format(tmp=tmp_path, design=design_path) for a in args]
    r = naion("report", design_path, *args)
    assert r.code == 2
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert field in lines[0]
    assert not (tmp_path / "x.pdf").exists()


def test_missing_or_corrupt_design(naion, tmp_path):
    r = naion("report", tmp_path / "none.naion", "-o", tmp_path / "x.pdf")
    assert r.code == 2 and r.err.startswith("error: ") and "none.naion" in r.err
    bad = tmp_path / "bad.naion"
    bad.write_text("{not json", encoding="utf-8")
    r = naion("report", bad, "-o", tmp_path / "x.pdf")
    assert r.code == 2 and r.err.startswith("error: ") and "bad.naion" in r.err


def test_unwritable_output(naion, design_path, tmp_path):
    import os
    import sys

    if os.geteuid() == 0:
        if not sys.platform.startswith("linux") or not os.path.isdir("/sys/kernel"):
            pytest.skip("root can write anywhere and there is no sysfs")
        target = "/sys/kernel/naion-report-test.pdf"  # sysfs refuses new files, even to root
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        target = str(ro / "x.pdf")
    r = naion("report", design_path, "-o", target)
    assert r.code == 2
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {target}: cannot write the PDF")


def test_help_does_not_import_reportlab(naion_subprocess):
    import subprocess
    import sys

    code = ("import sys; from naion_designer.cli import build_parser; build_parser(); "
            "print(sorted(m for m in ('reportlab', 'numpy', 'pint') if m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=60)
    assert p.stdout.strip() == "[]", p.stdout + p.stderr
    r = naion_subprocess("report", "--help")
    assert r.code == 0 and "--customer" in r.out and "--paper" in r.out


def test_same_bytes_across_processes(tmp_path, design_path):
    """Invariant PDF: no time stamp, random id or hash-order dependence between runs."""
    import os
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}.pdf"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        p = subprocess.run([sys.executable, "-m", "naion_designer", "report", str(design_path),
                            "-o", str(out), "--date", "2026-05-06"], capture_output=True,
                           text=True, timeout=120, env=env)
        assert p.returncode == 0, p.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_cost_only_when_asked(naion, tmp_path):
    from naion_designer.core.electrical import calculate
    from naion_designer.core.results import display

    d = new_design("generic-nfpp-210ah", 16, 1, "priced")
    path = tmp_path / "priced.naion"
    write_design_file(d, path)
    res = calculate(d)
    assert "cell_cost" in res
    num, unit = display("cell_cost", res["cell_cost"])
    plain, costed = tmp_path / "plain.pdf", tmp_path / "cost.pdf"
    assert naion("report", path, "-o", plain).code == 0
    assert naion("report", path, "-o", costed, "--cost").code == 0
    assert f"Cell cost {num} {unit}" in _text(costed)
    assert "Cell cost" not in _text(plain)


def test_report_language(naion, design_path, tmp_path):
    from .conftest import assert_input_error

    out = tmp_path / "zh.pdf"
    r = naion("report", design_path, "-o", out, "--lang", "zh_CN", "--date", "2026-03-04")
    assert r.code == 0, r.err
    text = _text(out)
    assert "标称电压" in text and "第 1 页" in text and "Nominal voltage" not in text
    assert_input_error(naion("report", design_path, "-o", tmp_path / "x.pdf", "--lang", "fr"),
                       "--lang", "zh_CN")
