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
    BUSBAR_MATERIALS,
    OVERRIDABLE,
    PACKINGS,
    TERMINAL_SIDES,
    TOPOLOGIES,
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
from .cell_file import C0, cell_from_dict, cell_notes, cell_to_dict, read_cell_file
from .library import library_cell
from .lifetime_schema import LIFETIME_FIELD
from .schema import (
    MAX_LIST,
    MAX_NAME,
    MAX_TEXT,
    C,
    Field,
    N,
    Q,
    S,
    Section,
    T,
    check_list,
    check_structure,
    extension_notes,
)

FORMAT = "naion-design"
VERSION = 2
SUFFIX = ".naion"

MAX_CELLS = 200_000


def _v1_to_v2(data: dict[str, Any], base_dir: Path | None) -> dict[str, Any]:
    """Version 1 had no group blocks: every parallel group was a line of P cells (a column of
    round cells along y, prismatic cells face to face along x) and the groups per row were
    chosen for a near-square module.  Write that arrangement out so old files keep their
    geometry (the new automatic choice would give them blocks); hexagonal and multi-module
    files also keep version 1's rules for staggering and modules (`version1_geometry`, see
    `core.layout.version1`)."""
    data["version"] = 2
    lay = data.get("layout", {})
    P, S = data.get("parallel"), data.get("series")
    if not isinstance(lay, dict) or "group_shape" in lay or not isinstance(P, int) \
            or not isinstance(S, int) or P < 1 or S < 1 or S * P > MAX_CELLS:
        return data  # nothing to keep, or counts the reader refuses with the field named
    try:
        cell, _ = _cell(data.get("cell"), base_dir)
        gap = parse_quantity(lay.get("gap", "2 mm"), "length", "layout.gap")
        modules = lay.get("modules", 1)
        modules = modules if isinstance(modules, int) and modules >= 1 else 1
    except InputError:
        return data  # the reader reports it with the field named
    lay = dict(lay, group_shape=list(line_shape(cell.form_factor, P)))
    hexagonal = cell.form_factor == "cylindrical" and lay.get("packing") == "hexagonal"
    if hexagonal or modules > 1:
        # staggered columns, or version 1's module spacing: not expressible by today's rules
        lay["version1_geometry"] = True
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
    except (RecursionError, ValueError) as exc:  # nesting, or an integer of 4,300+ digits
        raise InputError(str(path), f"corrupt design file: {_why(exc)}") from None
    try:
        check_structure(data, "design file")
        return design_from_dict(data, base_dir=path.parent)
    except InputError as exc:
        raise exc.in_file(path) from None


def _why(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split(";")[0][:120]


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
    kw, extra = DESIGN.parse(data)
    for key in ("format", "version"):
        kw.pop(key, None)
    cell, cell_ref = _cell(kw.pop("cell"), base_dir)
    ic = kw.get("interconnect")
    if ic is not None:
        given = "busbar_segment" in data["interconnect"]
        kw["interconnect"] = replace(ic, busbar_segment_given=given)
    design = PackDesign(cell=cell, cell_ref=cell_ref, extra=extra, **kw)
    design.validate()
    return design


def design_notes(design: PackDesign) -> list[str]:
    """What `calc` says about extension keys kept from the design file (and its cell's)."""
    return extension_notes(design.extra, DESIGN.keys(), "design file") + cell_notes(design.cell)


def _cell(ref: Any, base_dir: Path | None) -> tuple[Cell, str]:
    if isinstance(ref, str):
        if len(ref) > 4096:
            raise InputError("cell", "expected a library id or a cell file path, got a text of "
                                     f"{len(ref):,} characters")
        if ref.endswith(".toml") or "/" in ref or "\\" in ref:
            p = Path(ref)
            if not p.is_absolute() and base_dir is not None:
                p = base_dir / p
            return replace(read_cell_file(p), origin=str(p)), ref
        return library_cell(ref), ref
    if isinstance(ref, dict):
        try:
            return cell_from_dict(ref, check_format=False), ""
        except InputError as exc:
            raise InputError(f"cell.{exc.field}", exc.detail, key=f"cell.{exc.key}") from None
    raise InputError("cell", f"expected a library id, a cell file path or a cell object, got "
                             f"{type(ref).__name__}")


def _counts(n: int, minimum: int) -> Callable[[Any, str], tuple[int, ...]]:
    def parse(v: Any, name: str) -> tuple[int, ...]:
        items = check_list(v, name, MAX_CELLS)
        if n and len(items) != n:
            raise InputError(name, f"expected [rows, columns], got a list of {len(items)}")
        return tuple(parse_count(x, f"{name}[{i}]" if n else name, minimum)
                     for i, x in enumerate(items))
    return parse


def _soc_window(v: Any, name: str) -> tuple[float, float]:
    if not isinstance(v, list) or len(v) != 2:
        raise InputError(name, "expected [low, high], got " + (
            f"a list of {len(v)}" if isinstance(v, list) else type(v).__name__))
    return (parse_fraction(v[0], f"{name}[0]"), parse_fraction(v[1], f"{name}[1]"))


def _metadata(v: Any, name: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(v, dict):
        raise InputError(name, "expected an object of texts")
    if len(v) > 1000:
        raise InputError(name, f"{len(v):,} entries is more than the 1,000 allowed")
    for k, val in v.items():
        if not isinstance(val, str) or len(val) > MAX_TEXT or len(k) > MAX_NAME:
            raise InputError(f"{name}.{k[:MAX_NAME]}", "expected a text")
    return tuple(sorted(v.items()))


R_LINK = dict(lo=0.0, hi=10.0, always=True)  # ohm: a busbar or terminal above 10 ohm is a typo
LEN = dict(lo=0.0, hi=10.0)  # m

# Bounds and the unit written back, by the dimension a per-cell override is parsed with.
OVERRIDE_BOUNDS: dict[str, tuple[str, float, float]] = {
    "resistance": ("mohm", 1e-6, 10.0), "charge": ("Ah", 0.0, 3.6e7), "mass": ("kg", 0.0, 100.0),
    "current": ("A", 0.0, 1e5), "specific_heat": ("J/(kg*K)", 100.0, 1e4),
    "dimensionless": ("", 0.0, 1e3),
}


def _override_field(key: str, dim: str) -> Field:
    unit, lo, hi = OVERRIDE_BOUNDS[dim]
    if dim == "dimensionless":
        return N(key, lo, hi)
    return Q(key, dim, unit, lo, hi)


BUSBAR = Section((
    C("material", BUSBAR_MATERIALS, always=True),
    Q("thickness", "length", "mm", 0.0, 0.1, lo_open=True, always=True),
    Q("width", "length", "mm", 0.0, 1.0, lo_open=True, always=True),
))
INTERCONNECT = Section((
    Q("cell_connection", "resistance", "mohm", **R_LINK),
    Q("busbar_segment", "resistance", "mohm", **R_LINK),
    Q("terminal", "resistance", "mohm", **R_LINK),
    C("terminal_side", TERMINAL_SIDES, always=True),
    S("busbar", BUSBAR, build=lambda a, where: Busbar(**a)),
))
OVERRIDE = Section((
    Field("series", "count", lo=0, required=True, help="a series position"),
    Field("parallel", "count", lo=0, required=True, help="a parallel position"),
    *(_override_field(k, dim) for k, dim in OVERRIDABLE.items()),
))
OVERHEAD = Section((
    T("name", max_len=MAX_NAME, always=True),
    Q("mass", "mass", "kg", 0.0, 1e5, default=0.0),
    N("mass_fraction", 0.0, 10.0, default=0.0),
    Q("volume", "volume", "L", 0.0, 1e3, default=0.0),
    N("volume_fraction", 0.0, 10.0, default=0.0),
))
ENVELOPE = Section(tuple(Q(k, "length", "mm", 0.0, 100.0, lo_open=True, required=True,
                           help="a length") for k in ("length", "width", "height")))
LAYOUT = Section((
    C("packing", PACKINGS, always=True),
    Q("gap", "length", "mm", **LEN, always=True),
    Field("groups_per_row", "count", lo=0, hi=MAX_CELLS, always=True),
    Field("rotation", "count", lo=0, hi=360, always=True),
    Field("modules", "count", lo=1, hi=MAX_CELLS, always=True),
    Q("module_gap", "length", "mm", **LEN, always=True),
    Field("modules_per_row", "count", lo=0, hi=MAX_CELLS, default=0),
    Field("version1_geometry", "bool", default=False),
    Q("margin", "length", "mm", **LEN, always=True),
    Q("top_clearance", "length", "mm", **LEN, always=True),
    Field("group_order", "custom", default=(), parse=_counts(0, 0), write=list),
    Field("group_shape", "custom", parse=_counts(2, 1), write=list),
    Q("group_gap", "length", "mm", **LEN, default=0.0),
    S("envelope", ENVELOPE, build=lambda a, where: (a["length"], a["width"], a["height"]),
      unbuild=lambda e: dict(zip(("length", "width", "height"), e, strict=True))),
))
THERMAL = Section((
    Q("ambient_temperature", "temperature", "degC", C0 - 100, C0 + 200, always=True),
    Q("heat_transfer_coefficient", "heat_transfer_coefficient", "W/(m**2*K)", 0.0, 1e5,
      always=True),
    Q("neighbour_conductance", "thermal_conductance", "W/K", 0.0, 1e4),
    Q("coolant_temperature", "temperature", "degC", C0 - 100, C0 + 200),
    Q("cooling_conductance", "thermal_conductance", "W/K", 0.0, 1e4, default=0.0),
))
ANALYSIS = Section((
    Field("soc_window", "custom", parse=_soc_window, write=list, always=True),
    N("load_c_rate", 0.0, 100.0, always=True),
    Q("runtime_power", "power", "W", 0.0, 1e10, lo_open=True),
))


def _sections(section: Section, build) -> dict[str, Any]:
    return dict(section=section, build=build, unbuild=lambda o: o)


def _overhead(a: dict[str, Any], where: str) -> Overhead:
    index = int(where.rsplit("[", 1)[1].rstrip("]"))
    return Overhead(**{"name": f"overhead {index + 1}", **a})


DESIGN = Section((
    Field("format", "custom", parse=lambda v, n: v),
    Field("version", "custom", parse=lambda v, n: v),
    T("name", max_len=1000, always=True),
    Field("cell", "custom", required=True, parse=lambda v, n: v,
          help="a library id, a cell file path or a cell object"),
    Field("series", "count", lo=1, hi=MAX_CELLS, required=True, help="a whole number ≥ 1"),
    Field("parallel", "count", lo=1, hi=MAX_CELLS, required=True, help="a whole number ≥ 1"),
    C("topology", TOPOLOGIES, always=True),
    S("interconnect", INTERCONNECT, build=lambda a, where: Interconnect(**a),
      unbuild=lambda o: o, always=True),
    Field("cell_overrides", "sections", always=True, **_sections(
        OVERRIDE, lambda a, where: CellOverride(a.pop("series"), a.pop("parallel"),
                                                tuple(a.items()))),
          max_len=MAX_LIST),
    Field("overheads", "sections", always=True, max_len=1000, **_sections(OVERHEAD, _overhead)),
    S("layout", LAYOUT, build=lambda a, where: Layout(**a), unbuild=lambda o: o, always=True),
    S("thermal", THERMAL, build=lambda a, where: Thermal(**a), unbuild=lambda o: o,
      always=True),
    S("analysis", ANALYSIS, build=lambda a, where: Analysis(**a), unbuild=lambda o: o,
      always=True),
    T("target", max_len=4096, default=""),
    Field("metadata", "custom", default=(), parse=_metadata, write=dict),
    LIFETIME_FIELD,
), keep_unknown=True)


def design_to_dict(design: PackDesign) -> dict[str, Any]:
    d = DESIGN.write(design)
    if design.cell_ref:
        d["cell"] = design.cell_ref
    else:
        d["cell"] = {k: v for k, v in cell_to_dict(design.cell).items()
                     if k not in ("format", "version")}
    d["cell_overrides"] = [{"series": o.series, "parallel": o.parallel,
                            **OVERRIDE.write(o.as_dict())} for o in design.cell_overrides]
    ic = design.interconnect
    if ic.busbar is not None and not ic.busbar_segment_given:
        del d["interconnect"]["busbar_segment"]
    order = ("format", "version", "name", "cell", "series", "parallel")
    out = {"format": FORMAT, "version": VERSION}
    out.update({k: d[k] for k in order[2:]})
    out.update({k: v for k, v in d.items() if k not in order})
    out.update(design.extra)
    return out


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
           "design_to_json", "new_design", "read_cell_file", "design_notes", "MIGRATIONS",
           "VERSION", "FORMAT", "DESIGN"]
