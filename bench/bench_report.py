"""How long the PDF reports take: spec sheets of small and large packs (model runs and PDF
layout separately), a comparison of three designs, and `naion report` end to end."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import best_of


def _best(fn, repeat: int = 3) -> float:
    return best_of(fn, repeat)


def main() -> None:
    import io

    import pypdf

    from naion_designer.io.design_file import new_design, write_design_file
    from naion_designer.report.common import ReportOptions
    from naion_designer.report.comparison import comparison_bytes
    from naion_designer.report.spec_sheet import collect, spec_sheet_bytes

    opts = ReportOptions(customer="深圳某某储能科技有限公司", revision="A", date="2026-01-01")
    packs = (("generic-nfpp-210ah", 16, 1), ("hina-nacr32140-me12", 16, 16),
             ("tob-18650-c-na", 16, 120), ("tob-18650-c-na", 200, 20))
    designs = []
    print(f"{'design':<34}{'model (ms)':>11}{'pdf (ms)':>10}{'total (ms)':>12}{'pages':>7}"
          f"{'kB':>6}")
    spec_sheet_bytes(new_design(packs[0][0], 4, 1), opts)  # imports and fonts
    for cell, s, p in packs:
        d = new_design(cell, s, p, f"{s}S{p}P {cell}")
        designs.append(d)
        t_model = _best(lambda d=d: collect(d))
        data = collect(d)
        t_pdf = _best(lambda d=d, data=data: spec_sheet_bytes(d, opts, data=data))
        t_all = _best(lambda d=d: spec_sheet_bytes(d.evolve(name=d.name + " "), opts))
        pdf = spec_sheet_bytes(d, opts)
        pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        print(f"{d.name:<34}{t_model * 1e3:>11.0f}{t_pdf * 1e3:>10.0f}{t_all * 1e3:>12.0f}"
              f"{pages:>7}{len(pdf) // 1024:>6}")
    t = _best(lambda: comparison_bytes(designs[:3], opts))
    print(f"comparison of 3 designs: {t * 1e3:.0f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.naion"
        write_design_file(designs[0], path)
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "naion_designer", "report", str(path), "-o",
                            str(Path(tmp) / "d.pdf")], check=True, capture_output=True)
            times.append(time.perf_counter() - t0)
    print(f"naion report (16S1P, process start to PDF written): "
          f"{statistics.median(times) * 1e3:.0f} ms median of 3")


if __name__ == "__main__":
    main()
