"""The cell library as one CSV for spreadsheet users: one row per cell, the scalar fields as
numbers in the units named in the header, and every other key of the cell file (tables, RC
pairs, the [fit] table, …) as JSON in the last column, `other`, so that a row comes back as the
same cell.  Edited numbers win over `other`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..core.cell import Cell
from ..core.units import InputError, parse_quantity, to_unit
from .atomic import atomic_write_text, read_text_file
from .cell_file import cell_from_dict, cell_to_dict

TEXT = ("id", "maker", "model", "form_factor", "cathode", "anode", "chemistry", "source")
# key, kind, unit of the column
NUMBERS = (("nominal_voltage", "voltage", "V"), ("capacity", "charge", "Ah"),
           ("max_voltage", "voltage", "V"), ("min_voltage", "voltage", "V"),
           ("resistance", "resistance", "mohm"),
           ("max_continuous_discharge_current", "current", "A"),
           ("max_continuous_charge_current", "current", "A"), ("mass", "mass", "kg"),
           ("diameter", "length", "mm"), ("length", "length", "mm"), ("width", "length", "mm"),
           ("height", "length", "mm"), ("specific_heat", "specific_heat", "J/(kg*K)"))


def _header(key: str, unit: str) -> str:
    return f"{key} [{unit}]"


def write_library_csv(cells: list[Cell], path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([*TEXT, *(_header(k, u) for k, _, u in NUMBERS), "estimated", "other"])
    for cell in cells:
        d = cell_to_dict(cell)
        row = [d.get(k, "") for k in TEXT]
        for key, kind, unit in NUMBERS:
            row.append(f"{to_unit(parse_quantity(d[key], kind, key), kind, unit):.10g}"
                       if key in d else "")
        row.append(";".join(d.get("estimated", [])))
        other = {k: v for k, v in d.items()
                 if k not in TEXT and k not in dict((n[0], 0) for n in NUMBERS)
                 and k not in ("estimated", "format", "version")}
        row.append(json.dumps(other, ensure_ascii=False, separators=(",", ":")))
        w.writerow(row)
    atomic_write_text(Path(path), buf.getvalue(), "library CSV")


def read_library_csv(path: Path) -> list[Cell]:
    path = Path(path)
    text = read_text_file(path, "library CSV")
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        raise InputError(path.name, "no cells (expected a header and one row per cell)")
    missing = [c for c in ("id", "other") if c not in rows[0]]
    if missing:
        raise InputError(path.name, f"missing column {missing[0]}")
    cells, seen = [], set()
    for n, row in enumerate(rows, start=2):
        where = f"{path.name}: row {n}"
        try:
            other = json.loads(row.get("other") or "{}")
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: other", f"not valid JSON ({exc.msg})") from None
        if not isinstance(other, dict):
            raise InputError(f"{where}: other", "expected a JSON object")
        d = {"format": "naion-cell", "version": 1, **other}
        for k in TEXT:
            if row.get(k):
                d[k] = row[k]
        for key, _kind, unit in NUMBERS:
            v = (row.get(_header(key, unit)) or "").strip()
            if v:
                try:
                    float(v)
                except ValueError:
                    raise InputError(f"{where}: {_header(key, unit)}",
                                     f"expected a number, got {v!r}") from None
                d[key] = f"{v} {unit}"
        est = (row.get("estimated") or "").strip()
        if est:
            d["estimated"] = [e for e in est.split(";") if e]
        try:
            cell = cell_from_dict(d)
        except InputError as exc:
            raise InputError(f"{where}: {exc.field}", exc.detail) from None
        if cell.id in seen:
            raise InputError(f"{where}: id", f"'{cell.id}' appears twice")
        seen.add(cell.id)
        cells.append(cell)
    return cells
