"""`naion calc` of a usual design starts light: no scipy, no pint registry, no Qt, no
pyqtgraph, no importlib.metadata (checked in a fresh interpreter, as a user starts it), whether
its busbars are single nodes, explicit segments or strips from the geometry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("scipy.sparse", "scipy.fft", "scipy.linalg", "pint", "PySide6", "pyqtgraph",
         "importlib.metadata", "reportlab")

CHILD = """
import contextlib, io, json, os, sys
from naion_designer.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exc:  # --help
        code = exc.code
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules),
                  "blas_threads": os.environ.get("OPENBLAS_NUM_THREADS")}))
"""


def _calc(*args: str, tmp_path: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), NAION_USER_DIR=str(tmp_path / "user"))
    env.pop("OPENBLAS_NUM_THREADS", None)
    p = subprocess.run([sys.executable, "-c", CHILD, *args], env=env, capture_output=True,
                       text=True, timeout=120, check=True)
    return json.loads(p.stdout.splitlines()[-1])


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if m == "scipy" or any(m == h or m.startswith(h + ".")
                                                      for h in HEAVY + ("scipy",))]


@pytest.mark.parametrize("args", [
    ("calc", str(ROOT / "examples" / "home-storage-51v.naion")),
    ("calc", str(ROOT / "examples" / "home-storage-51v.naion"), "--json"),
    ("calc", str(ROOT / "examples" / "e-moped-60v.naion")),
    ("calc", str(ROOT / "examples" / "e-moped-60v.naion"), "--json"),
    ("calc", "--cell", "hina-nacr32140-me12", "--series", "20", "--parallel", "4"),
])
def test_calc_of_a_small_design_imports_nothing_heavy(args, tmp_path):
    r = _calc(*args, tmp_path=tmp_path)
    assert r["code"] == 0
    assert "Pack resistance" in r["out"] or "\"resistance\"" in r["out"]
    assert _heavy(r["modules"]) == []
    assert r["blas_threads"] == "1"  # numpy imported after: no OpenBLAS thread pool to start


# one design per form factor of the library, busbars from geometry (a node per cell face and
# strips from the layout), a few hundred cells at most
GEOMETRIC = [
    ("hina-nacr32140-me12", 24, 16, "hexagonal"),  # cylindrical, 384 cells
    ("tob-18650-c-na", 20, 10, "square"),  # cylindrical
    ("hina-nacp50160118-me80", 16, 4, "square"),  # prismatic
    ("farasis-jmev-ev3", 12, 2, "square"),  # pouch
]


@pytest.mark.parametrize(("cell", "series", "parallel", "packing"), GEOMETRIC)
def test_calc_with_busbars_from_geometry_imports_no_scipy(cell, series, parallel, packing,
                                                           tmp_path):
    design = json.loads((ROOT / "examples" / "home-storage-51v.naion").read_text())
    design.update(cell=cell, series=series, parallel=parallel)
    design["interconnect"] = {"cell_connection": "0.5 mohm", "terminal": "0.2 mohm",
                              "terminal_side": "opposite",
                              "busbar": {"material": "copper", "thickness": "0.3 mm",
                                         "width": "8 mm"}}
    design["layout"].update(packing=packing, groups_per_row=0)
    design["layout"].pop("group_shape", None)
    path = tmp_path / f"{cell}.naion"
    path.write_text(json.dumps(design))
    r = _calc("calc", str(path), "--json", tmp_path=tmp_path)
    assert r["code"] == 0
    out = json.loads(r["out"])
    assert out["results"]["busbar_mass"]["value"] > 0
    assert _heavy(r["modules"]) == []


def test_the_heavy_modules_still_come_when_a_text_needs_them(tmp_path):
    """A unit text outside the table goes to pint, in the same fresh process."""
    design = json.loads((ROOT / "examples" / "home-storage-51v.naion").read_text())
    design["layout"]["gap"] = "0.2 cm"  # cm is in the table; inches are not
    design["layout"]["margin"] = "0.6 inch"
    path = tmp_path / "inch.naion"
    path.write_text(json.dumps(design))
    r = _calc("calc", str(path), "--json", tmp_path=tmp_path)
    assert r["code"] == 0
    assert "pint" in r["modules"]


def test_a_long_command_keeps_the_blas_threads(tmp_path):
    """Only the millisecond commands ask numpy for one BLAS thread."""
    r = _calc("simulate", str(ROOT / "examples" / "e-moped-60v.naion"), "--profile", "cc:1C",
              "-o", str(tmp_path / "run.csv"), tmp_path=tmp_path)
    assert r["code"] == 0 and "numpy" in r["modules"]
    assert r["blas_threads"] is None
