"""The report package as the next engineer finds it: small modules, direct imports, and a
section list that a new section joins with one entry."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

from naion_designer.report import spec_sheet
from naion_designer.report.spec_sheet import SECTIONS, ReportOptions, spec_sheet_bytes

from .conftest import pdf_text

REPORT = Path(spec_sheet.__file__).resolve().parents[1]


def test_no_report_module_over_500_lines():
    sizes = {p.relative_to(REPORT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in REPORT.rglob("*.py")}
    assert max(sizes.values()) <= 500, {k: v for k, v in sizes.items() if v > 500}


def test_no_guarded_imports():
    for path in REPORT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                names = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
                assert "ImportError" not in names and "ModuleNotFoundError" not in names, path


def test_a_new_section_is_one_entry(design, monkeypatch):
    from naion_designer.report.common import P

    def lifetime(ctx):
        return [ctx.heading("Service life"), P("State of health after 10 years", ctx.st["base"])]

    monkeypatch.setattr(spec_sheet, "SECTIONS", [*SECTIONS[:7], lifetime, *SECTIONS[7:]])
    opts = ReportOptions(date="2026-01-01")
    text = " ".join(pdf_text(spec_sheet_bytes(design, opts)))
    assert "8 Service life" in text and "9 Transport, shipping" in text
    assert "10 Notes and assumptions" in text
    # a section with nothing to show leaves no gap in the numbering
    monkeypatch.setattr(spec_sheet, "SECTIONS", [*SECTIONS[:7], lambda ctx: [], *SECTIONS[7:]])
    text = " ".join(pdf_text(spec_sheet_bytes(design, replace(opts, lang="en"))))
    assert "8 Transport, shipping" in text
