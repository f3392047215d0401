"""Design files (`.naion`, JSON, `"format": "naion-design"`) to and from `PackDesign`.

Versioned from day one: older versions are migrated forward through `MIGRATIONS`, newer ones are
refused with a message that says so, corrupt ones with a message that names the problem.  Writes
are atomic.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..core.cell import Cell
from ..core.layout.arrange import legacy_groups_per_row
from ..core.layout.blocks import line_shape
from ..core.pack import (
    OVERRIDABLE,
    Analysis,
    Busbar,
    CellOverride,
    Interconnect,
    Layout,
    Overhead,
    PackDesign,
    Thermal,
)
from ..core.units import (
    InputError,
    check_format_version,
    parse_count,
    parse_fraction,
    parse_quantity,
)
from .atomic import atomic_write_text, read_text_file
from .cell_file import cell_from_dict, cell_to_dict, read_cell_file
from .library import library

FORMAT = "naion-design"
VERSION = 2
SUFFIX = ".naion"


def _v1_to_v2(data: dict[str, Any], base_dir: Path | None) -> dict[str, Any]:
    """Version 1 had no group blocks: every parallel group was a line of P cells (a column of
    round cells along y, prismatic cells face to face along x) and the groups per row were
    chosen for a near-square module.  Write that arrangement out so old files keep their
    geometry (the new automatic choice would give them blocks)."""
    data["version"] = 2
    lay = data.get("layout", {})
    P, S = data.get("parallel"), data.get("series")
    if not isinstance(lay, dict) or "group_shape" in lay or not isinstance(P, int) \
            or not isinstance(S, int) or P < 1 or S < 1:
        return data
    try:
        cell, _ = _cell(data.get("cell"), base_dir)
        gap = parse_quantity(lay.get("gap", "2 mm"), "length", "layout.gap")
        modules = lay.get("modules", 1)
        modules = modules if isinstance(modules, int) and modules >= 1 else 1
    except InputError:
        return data  # the reader reports it with the field named
    lay = dict(lay, group_shape=list(line_shape(cell.form_factor, P)))
    if not lay.get("groups_per_row"):
        lay["groups_per_row"] = legacy_groups_per_row(cell.form_factor, cell.diameter,
                                                      cell.length, cell.width, S, P, gap,
                                                      modules, lay.get("packing") == "hexagonal")
    data["layout"] = lay
    return data


# version n -> function turning a version-n dict into a version-(n+1) dict (cell files that
# the design names are read relative to base_dir)
MIGRATIONS: dict[int, Callable[[dict[str, Any], Path | None], dict[str, Any]]] = {1: _v1_to_v2}


def read_design_file(path: str | Path) -> PackDesign:
    path = Path(path)
    text = read_text_file(path, "design file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"corrupt design file: not valid JSON (line {exc.lineno}, "
                                    f"column {exc.colno}: {exc.msg})") from None
    try:
        return design_from_dict(data, base_dir=path.parent)
    except InputError as exc:
        raise InputError(f"{path.name}: {exc.field}", exc.detail) from None


def migrate(data: dict[str, Any], base_dir: Path | None = None) -> dict[str, Any]:
    ver = check_format_version(data, FORMAT, VERSION, "design file")
    while ver < VERSION:
        data = MIGRATIONS[ver](dict(data), base_dir)
        ver = data["version"]
    return data


def design_from_dict(data: Any, base_dir: Path | None = None) -> PackDesign:
    if not isinstance(data, dict):
        raise InputError("design", "corrupt design file: expected a JSON object")
    data = migrate(data, base_dir)
    for key in ("cell", "series", "parallel"):
        if key not in data:
            raise InputError(key, "missing")
    cell, cell_ref = _cell(data["cell"], base_dir)
    name = data.get("name", "Untitled design")
    if not isinstance(name, str):
        raise InputError("name", f"expected a text, got {name!r}")
    topology = data.get("topology", "series-groups")
    design = PackDesign(
        cell=cell,
        series=parse_count(data["series"], "series"),
        parallel=parse_count(data["parallel"], "parallel"),
        name=name,
        topology=topology,
        interconnect=_interconnect(data.get("interconnect", {})),
        cell_overrides=_overrides(data.get("cell_overrides", [])),
        overheads=_overheads(data.get("overheads", [])),
        layout=_layout(data.get("layout", {})),
        thermal=_thermal(data.get("thermal", {})),
        analysis=_analysis(data.get("analysis", {})),
        target=_text(data, "target"),
        cell_ref=cell_ref,
        metadata=_metadata(data.get("metadata", {})),
        extra={k: v for k, v in data.items() if k not in _KNOWN},
    )
    design.validate()
    return design


_KNOWN = {"format", "version", "name", "cell", "series", "parallel", "topology", "interconnect",
          "cell_overrides", "overheads", "layout", "thermal", "analysis", "target", "metadata"}


def _text(data: dict, key: str) -> str:
    v = data.get(key, "")
    if not isinstance(v, str):
        raise InputError(key, f"expected a text, got {v!r}")
    return v


def _table(v: Any, name: str) -> dict:
    if not isinstance(v, dict):
        raise InputError(name, f"expected an object, got {v!r}")
    return v


def _cell(ref: Any, base_dir: Path | None) -> tuple[Cell, str]:
    if isinstance(ref, str):
        if ref.endswith(".toml") or "/" in ref or "\\" in ref:
            p = Path(ref)
            if not p.is_absolute() and base_dir is not None:
                p = base_dir / p
            return replace(read_cell_file(p), origin=str(p)), ref
        return library().get(ref), ref
    if isinstance(ref, dict):
        try:
            return cell_from_dict(ref, check_format=False), ""
        except InputError as exc:
            raise InputError(f"cell.{exc.field}", exc.detail) from None
    raise InputError("cell", f"expected a library id, a cell file path or a cell object, got "
                             f"{ref!r}")


def _interconnect(v: Any) -> Interconnect:
    v = _table(v, "interconnect")
    kw: dict[str, Any] = {}
    for key in ("cell_connection", "busbar_segment", "terminal"):
        if key in v:
            kw[key] = parse_quantity(v[key], "resistance", f"interconnect.{key}")
            if kw[key] < 0:
                raise InputError(f"interconnect.{key}", "must not be negative")
    if "terminal_side" in v:
        kw["terminal_side"] = v["terminal_side"]
    kw["busbar_segment_given"] = "busbar_segment" in v
    if "busbar" in v:
        b = _table(v["busbar"], "interconnect.busbar")
        bkw: dict[str, Any] = {}
        if "material" in b:
            if not isinstance(b["material"], str):
                raise InputError("interconnect.busbar.material",
                                 f"expected a text, got {b['material']!r}")
            bkw["material"] = b["material"]
        for key in ("thickness", "width"):
            if key in b:
                bkw[key] = parse_quantity(b[key], "length", f"interconnect.busbar.{key}")
        kw["busbar"] = Busbar(**bkw)
    return Interconnect(**kw)


def _overrides(v: Any) -> tuple[CellOverride, ...]:
    if not isinstance(v, list):
        raise InputError("cell_overrides", "expected a list of objects")
    out = []
    for i, o in enumerate(v):
        where = f"cell_overrides[{i}]"
        o = _table(o, where)
        if "series" not in o or "parallel" not in o:
            raise InputError(where, "needs 'series' and 'parallel' positions")
        s = parse_count(o["series"], f"{where}.series", minimum=0)
        p = parse_count(o["parallel"], f"{where}.parallel", minimum=0)
        vals = []
        for k, val in o.items():
            if k in ("series", "parallel"):
                continue
            if k not in OVERRIDABLE:
                raise InputError(f"{where}.{k}", f"cannot be overridden (allowed: "
                                                 f"{', '.join(OVERRIDABLE)})")
            vals.append((k, parse_quantity(val, OVERRIDABLE[k], f"{where}.{k}")))
        out.append(CellOverride(s, p, tuple(vals)))
    return tuple(out)


def _overheads(v: Any) -> tuple[Overhead, ...]:
    if not isinstance(v, list):
        raise InputError("overheads", "expected a list of objects such as "
                                      "{\"name\": \"BMS\", \"mass\": \"0.8 kg\"}")
    out = []
    for i, o in enumerate(v):
        where = f"overheads[{i}]"
        o = _table(o, where)
        name = o.get("name", f"overhead {i + 1}")
        if not isinstance(name, str):
            raise InputError(f"{where}.name", "expected a text")
        kw: dict[str, Any] = {"name": name}
        if "mass" in o:
            kw["mass"] = parse_quantity(o["mass"], "mass", f"{where}.mass")
        if "mass_fraction" in o:
            kw["mass_fraction"] = parse_fraction(o["mass_fraction"], f"{where}.mass_fraction", 0, 10)
        if "volume" in o:
            kw["volume"] = parse_quantity(o["volume"], "volume", f"{where}.volume")
        if "volume_fraction" in o:
            kw["volume_fraction"] = parse_fraction(o["volume_fraction"],
                                                   f"{where}.volume_fraction", 0, 10)
        out.append(Overhead(**kw))
    return tuple(out)


def _layout(v: Any) -> Layout:
    v = _table(v, "layout")
    kw: dict[str, Any] = {}
    if "packing" in v:
        kw["packing"] = v["packing"]
    for key in ("gap", "module_gap", "margin", "top_clearance", "group_gap"):
        if key in v:
            kw[key] = parse_quantity(v[key], "length", f"layout.{key}")
    if "groups_per_row" in v:
        kw["groups_per_row"] = parse_count(v["groups_per_row"], "layout.groups_per_row", 0)
    if "modules" in v:
        kw["modules"] = parse_count(v["modules"], "layout.modules", 1)
    if "rotation" in v:
        kw["rotation"] = parse_count(v["rotation"], "layout.rotation", 0)
    if "group_order" in v:
        go = v["group_order"]
        if not isinstance(go, list):
            raise InputError("layout.group_order", "expected a list of series positions")
        kw["group_order"] = tuple(parse_count(x, "layout.group_order", 0) for x in go)
    if "group_shape" in v:
        gs = v["group_shape"]
        if not isinstance(gs, list) or len(gs) != 2:
            raise InputError("layout.group_shape", f"expected [rows, columns], got {gs!r}")
        kw["group_shape"] = (parse_count(gs[0], "layout.group_shape[0]"),
                             parse_count(gs[1], "layout.group_shape[1]"))
    if "envelope" in v:
        env = _table(v["envelope"], "layout.envelope")
        for key in ("length", "width", "height"):
            if key not in env:
                raise InputError(f"layout.envelope.{key}", "missing")
        kw["envelope"] = tuple(parse_quantity(env[key], "length", f"layout.envelope.{key}")
                               for key in ("length", "width", "height"))
    return Layout(**kw)


def _thermal(v: Any) -> Thermal:
    v = _table(v, "thermal")
    kw: dict[str, Any] = {}
    if "ambient_temperature" in v:
        kw["ambient_temperature"] = parse_quantity(v["ambient_temperature"], "temperature",
                                                   "thermal.ambient_temperature")
    if "heat_transfer_coefficient" in v:
        kw["heat_transfer_coefficient"] = parse_quantity(
            v["heat_transfer_coefficient"], "heat_transfer_coefficient",
            "thermal.heat_transfer_coefficient")
    if "neighbour_conductance" in v:
        kw["neighbour_conductance"] = parse_quantity(v["neighbour_conductance"],
                                                     "thermal_conductance",
                                                     "thermal.neighbour_conductance")
    if "coolant_temperature" in v:
        kw["coolant_temperature"] = parse_quantity(v["coolant_temperature"], "temperature",
                                                   "thermal.coolant_temperature")
    if "cooling_conductance" in v:
        kw["cooling_conductance"] = parse_quantity(v["cooling_conductance"],
                                                   "thermal_conductance",
                                                   "thermal.cooling_conductance")
    return Thermal(**kw)


def _analysis(v: Any) -> Analysis:
    v = _table(v, "analysis")
    kw: dict[str, Any] = {}
    if "soc_window" in v:
        w = v["soc_window"]
        if not isinstance(w, list) or len(w) != 2:
            raise InputError("analysis.soc_window", f"expected [low, high], got {w!r}")
        kw["soc_window"] = (parse_fraction(w[0], "analysis.soc_window[0]"),
                            parse_fraction(w[1], "analysis.soc_window[1]"))
    if "load_c_rate" in v:
        kw["load_c_rate"] = parse_fraction(v["load_c_rate"], "analysis.load_c_rate", 0, 100)
    if "runtime_power" in v:
        kw["runtime_power"] = parse_quantity(v["runtime_power"], "power", "analysis.runtime_power")
        if kw["runtime_power"] <= 0:
            raise InputError("analysis.runtime_power", "must be positive")
    return Analysis(**kw)


def _metadata(v: Any) -> tuple[tuple[str, str], ...]:
    v = _table(v, "metadata")
    for k, val in v.items():
        if not isinstance(val, str):
            raise InputError(f"metadata.{k}", f"expected a text, got {val!r}")
    return tuple(sorted(v.items()))


def _r(ohm: float) -> str:
    return f"{ohm * 1e3:.6g} mohm"


def _mm(m: float) -> str:
    return f"{m * 1e3:.6g} mm"


def design_to_dict(design: PackDesign) -> dict[str, Any]:
    ic, lay, th, an = design.interconnect, design.layout, design.thermal, design.analysis
    if design.cell_ref:
        cell: Any = design.cell_ref
    else:
        cell = {k: v for k, v in cell_to_dict(design.cell).items() if k not in ("format",
                                                                                 "version")}
    d: dict[str, Any] = {
        "format": FORMAT, "version": VERSION, "name": design.name, "cell": cell,
        "series": design.series, "parallel": design.parallel, "topology": design.topology,
        "interconnect": {"cell_connection": _r(ic.cell_connection),
                         "busbar_segment": _r(ic.busbar_segment), "terminal": _r(ic.terminal),
                         "terminal_side": ic.terminal_side},
        "cell_overrides": [
            {"series": o.series, "parallel": o.parallel,
             **{k: _fmt_override(k, v) for k, v in o.values}} for o in design.cell_overrides],
        "overheads": [_overhead_dict(o) for o in design.overheads],
        "layout": {"packing": lay.packing, "gap": _mm(lay.gap),
                   "groups_per_row": lay.groups_per_row, "rotation": lay.rotation,
                   "modules": lay.modules, "module_gap": _mm(lay.module_gap),
                   "margin": _mm(lay.margin), "top_clearance": _mm(lay.top_clearance)},
        "thermal": {"ambient_temperature": f"{th.ambient_temperature - 273.15:.6g} degC",
                    "heat_transfer_coefficient": f"{th.heat_transfer_coefficient:.6g} W/(m**2*K)"},
        "analysis": {"soc_window": list(an.soc_window), "load_c_rate": an.load_c_rate},
    }
    if lay.group_order:
        d["layout"]["group_order"] = list(lay.group_order)
    if lay.group_shape is not None:
        d["layout"]["group_shape"] = list(lay.group_shape)
    if lay.group_gap:
        d["layout"]["group_gap"] = _mm(lay.group_gap)
    if lay.envelope is not None:
        d["layout"]["envelope"] = dict(zip(("length", "width", "height"),
                                           (_mm(v) for v in lay.envelope), strict=True))
    if ic.busbar is not None:
        d["interconnect"]["busbar"] = {"material": ic.busbar.material,
                                       "thickness": _mm(ic.busbar.thickness),
                                       "width": _mm(ic.busbar.width)}
        if not ic.busbar_segment_given:
            del d["interconnect"]["busbar_segment"]
    if th.neighbour_conductance is not None:
        d["thermal"]["neighbour_conductance"] = f"{th.neighbour_conductance:.6g} W/K"
    if th.coolant_temperature is not None:
        d["thermal"]["coolant_temperature"] = f"{th.coolant_temperature - 273.15:.6g} degC"
        d["thermal"]["cooling_conductance"] = f"{th.cooling_conductance:.6g} W/K"
    if an.runtime_power is not None:
        d["analysis"]["runtime_power"] = f"{an.runtime_power:.6g} W"
    if design.target:
        d["target"] = design.target
    if design.metadata:
        d["metadata"] = dict(design.metadata)
    d.update(design.extra)
    return d


_OVERRIDE_UNITS = {"resistance": (1e3, "mohm"), "capacity": (1 / 3600, "Ah"),
                   "mass": (1.0, "kg"), "max_continuous_discharge_current": (1.0, "A"),
                   "max_continuous_charge_current": (1.0, "A"),
                   "specific_heat": (1.0, "J/(kg*K)")}


def _fmt_override(key: str, v: float) -> str:
    scale, unit = _OVERRIDE_UNITS[key]
    return f"{v * scale:.6g} {unit}"


def _overhead_dict(o: Overhead) -> dict[str, Any]:
    d: dict[str, Any] = {"name": o.name}
    if o.mass:
        d["mass"] = f"{o.mass:.6g} kg"
    if o.mass_fraction:
        d["mass_fraction"] = o.mass_fraction
    if o.volume:
        d["volume"] = f"{o.volume * 1e3:.6g} L"
    if o.volume_fraction:
        d["volume_fraction"] = o.volume_fraction
    return d


def design_to_json(design: PackDesign) -> str:
    return json.dumps(design_to_dict(design), indent=2, ensure_ascii=False) + "\n"


def write_design_file(design: PackDesign, path: str | Path) -> None:
    atomic_write_text(Path(path), design_to_json(design), "design file")


def new_design(cell_ref: str, series: int, parallel: int, name: str | None = None) -> PackDesign:
    from .library import resolve_cell

    cell = resolve_cell(cell_ref)
    if cell.origin != "library":
        cell_ref = ""  # a cell file given by path is embedded: the design stays self-contained
    if name is None:
        name = f"{series}S{parallel}P {cell.model}"
    d = PackDesign(cell=cell, series=series, parallel=parallel, name=name, cell_ref=cell_ref)
    d.validate()
    return d


__all__ = ["read_design_file", "write_design_file", "design_from_dict", "design_to_dict",
           "design_to_json", "new_design", "read_cell_file", "MIGRATIONS", "VERSION", "FORMAT"]
