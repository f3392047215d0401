"""Shared report building blocks: tables that leave no lone rows at a page break."""

from __future__ import annotations

from naion_designer.report.common import P, grid_table, styles


def test_a_page_break_leaves_at_least_three_rows_together():
    from reportlab.platypus import PageBreak

    st = styles()
    rows = [[P("Parameter", st["th"]), P("Value", st["th"])]]
    rows += [[P(f"row {i}", st["cell"]), P(str(i), st["cell"])] for i in range(30)]
    t = grid_table(rows, [200, 100])
    _, full = t.wrap(300, 10_000)
    row_h = t._rowHeights[1]
    parts = t.split(300, full - row_h * 1.5)  # room for all but one row
    assert len(parts) == 3 and isinstance(parts[1], PageBreak)
    assert len(parts[2]._cellvalues) - 1 >= 3  # header repeated, then ≥ 3 data rows
    assert len(parts[0]._cellvalues) + len(parts[2]._cellvalues) - 1 == len(rows)
    # a break that leaves enough rows is left alone
    parts = t.split(300, full / 2)
    assert len(parts) == 2
