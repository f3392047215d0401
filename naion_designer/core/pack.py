"""PackDesign: an immutable description of a pack (cell, S × P, topology, interconnect, overrides,
overheads, layout, thermal and analysis settings).  An edit makes a new design (`evolve`).

All figures SI floats.  Positions: `s` is the series position (0 at the negative pack terminal),
`p` the position inside the parallel group (0 nearest the pack terminals).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from .cell import Cell
from .units import InputError

if TYPE_CHECKING:
    from .life_request import LifeRequest

TOPOLOGIES = ("series-groups", "parallel-strings")
TERMINAL_SIDES = ("same", "opposite")
PACKINGS = ("square", "hexagonal")
BUSBAR_MATERIALS = ("copper", "aluminium", "nickel", "nickel-plated-steel")

# Cell fields a per-cell override may replace, and the dimension each is parsed with.
OVERRIDABLE = {
    "resistance": "resistance",
    "capacity": "charge",
    "mass": "mass",
    "max_continuous_discharge_current": "current",
    "max_continuous_charge_current": "current",
    "specific_heat": "specific_heat",
    "impedance_factor": "dimensionless",
}


@dataclass(frozen=True)
class Busbar:
    """A busbar strip: its material and cross-section (resistance and mass follow the layout)."""

    material: str = "copper"
    thickness: float = 0.002  # m
    width: float = 0.02  # m


@dataclass(frozen=True)
class Interconnect:
    cell_connection: float = 0.0  # ohm, in series with each cell
    busbar_segment: float = 0.0  # ohm, between neighbouring cells along a busbar
    terminal: float = 0.0  # ohm, each pack terminal
    terminal_side: str = "same"
    busbar: Busbar | None = None  # segments from geometry where busbar_segment is not given
    busbar_segment_given: bool = False  # an explicit busbar_segment overrides the busbar


@dataclass(frozen=True)
class CellOverride:
    series: int
    parallel: int
    values: tuple[tuple[str, float], ...]  # (field, SI value)

    def as_dict(self) -> dict[str, float]:
        return dict(self.values)


@dataclass(frozen=True)
class Overhead:
    """A mass/volume the pack carries besides its cells (busbars, BMS, enclosure, ...)."""

    name: str
    mass: float = 0.0  # kg, fixed
    mass_fraction: float = 0.0  # of the cell mass
    volume: float = 0.0  # m^3, fixed, added to the envelope
    volume_fraction: float = 0.0  # of the cell-layout envelope volume


@dataclass(frozen=True)
class Layout:
    packing: str = "square"
    gap: float = 0.002  # m between neighbouring cells
    groups_per_row: int = 0  # 0 = choose automatically (near-square)
    rotation: int = 0  # degrees, 0 or 90
    modules: int = 1  # number of modules the series groups are split into
    module_gap: float = 0.02  # m between modules, along x and along y
    modules_per_row: int = 0  # modules side by side along x before the next row; 0 = chosen
    margin: float = 0.01  # m from the outer cells to the envelope wall, each side
    top_clearance: float = 0.015  # m above the cells (busbars, BMS wiring)
    group_order: tuple[int, ...] = ()  # slot -> series index; empty = identity
    group_shape: tuple[int, int] | None = None  # (rows, columns) of one group; None = chosen
    group_gap: float = 0.0  # m added between neighbouring group blocks
    envelope: tuple[float, float, float] | None = None  # largest (length, width, height), m
    version1_geometry: bool = False  # cells where version 1 put them (see core.layout.version1)


@dataclass(frozen=True)
class Thermal:
    ambient_temperature: float = 298.15  # K
    heat_transfer_coefficient: float = 10.0  # W/(m^2 K)
    neighbour_conductance: float | None = None  # W/K between touching cells; None = estimate
    coolant_temperature: float | None = None  # K; None = no cooling plate
    cooling_conductance: float = 0.0  # W/K per cell to the plate


@dataclass(frozen=True)
class Analysis:
    soc_window: tuple[float, float] = (0.0, 1.0)  # usable-energy window
    load_c_rate: float = 1.0  # for "voltage under load"
    runtime_power: float | None = None  # W; None = the pack's 0.5C nominal power


@dataclass(frozen=True)
class PackDesign:
    cell: Cell
    series: int
    parallel: int
    name: str = "Untitled design"
    topology: str = "series-groups"
    interconnect: Interconnect = Interconnect()
    cell_overrides: tuple[CellOverride, ...] = ()
    overheads: tuple[Overhead, ...] = ()
    layout: Layout = Layout()
    thermal: Thermal = Thermal()
    analysis: Analysis = Analysis()
    target: str = ""  # target preset id or path, "" = none
    cell_ref: str = ""  # how the file referred to the cell (library id or path); "" = embedded
    metadata: tuple[tuple[str, str], ...] = ()  # customer, project, revision, author, notes...
    lifetime: LifeRequest | None = None  # what a lifetime run and the spec sheet ask of it
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def cell_count(self) -> int:
        return self.series * self.parallel

    def evolve(self, **changes) -> PackDesign:
        new = replace(self, **changes)
        new.validate()
        return new

    def meta(self, key: str, default: str = "") -> str:
        return dict(self.metadata).get(key, default)

    def validate(self) -> None:
        if not isinstance(self.series, int) or self.series < 1:
            raise InputError("series", f"expected a whole number ≥ 1, got {self.series!r}")
        if not isinstance(self.parallel, int) or self.parallel < 1:
            raise InputError("parallel", f"expected a whole number ≥ 1, got {self.parallel!r}")
        if self.cell_count > 200_000:
            raise InputError("series", f"{self.cell_count} cells is more than the 200,000 "
                                       "NaIon Designer supports in one pack")
        if self.topology not in TOPOLOGIES:
            raise InputError("topology", f"expected one of {', '.join(TOPOLOGIES)}, "
                                         f"got '{self.topology}'")
        ic = self.interconnect
        if ic.terminal_side not in TERMINAL_SIDES:
            raise InputError("interconnect.terminal_side",
                             f"expected 'same' or 'opposite', got '{ic.terminal_side}'")
        for name in ("cell_connection", "busbar_segment", "terminal"):
            if getattr(ic, name) < 0:
                raise InputError(f"interconnect.{name}", "must not be negative")
        if ic.busbar is not None:
            if ic.busbar.material not in BUSBAR_MATERIALS:
                raise InputError("interconnect.busbar.material",
                                 f"expected one of {', '.join(BUSBAR_MATERIALS)}, "
                                 f"got '{ic.busbar.material}'")
            for name in ("thickness", "width"):
                if not getattr(ic.busbar, name) > 0:
                    raise InputError(f"interconnect.busbar.{name}", "must be positive")
        for o in self.cell_overrides:
            if not (0 <= o.series < self.series):
                raise InputError("cell_overrides.series",
                                 f"expected 0 to {self.series - 1}, got {o.series}")
            if not (0 <= o.parallel < self.parallel):
                raise InputError("cell_overrides.parallel",
                                 f"expected 0 to {self.parallel - 1}, got {o.parallel}")
            for k, v in o.values:
                if k not in OVERRIDABLE:
                    raise InputError(f"cell_overrides.{k}",
                                     f"cannot be overridden (allowed: {', '.join(OVERRIDABLE)})")
                if not v > 0 and k != "max_continuous_charge_current":
                    raise InputError(f"cell_overrides.{k}", "must be positive")
        lay = self.layout
        if lay.packing not in PACKINGS:
            raise InputError("layout.packing", f"expected 'square' or 'hexagonal', got "
                                               f"'{lay.packing}'")
        if lay.rotation not in (0, 90):
            raise InputError("layout.rotation", f"expected 0 or 90 degrees, got {lay.rotation}")
        for name in ("gap", "margin", "module_gap", "top_clearance", "group_gap"):
            if getattr(lay, name) < 0:
                raise InputError(f"layout.{name}", "must not be negative")
        if lay.group_shape is not None:
            r, c = lay.group_shape
            if r < 1 or c < 1 or r * c != self.parallel:
                raise InputError("layout.group_shape",
                                 f"expected [rows, columns] with rows × columns = P = "
                                 f"{self.parallel}, got [{r}, {c}]")
        if lay.envelope is not None:
            for name, v in zip(("length", "width", "height"), lay.envelope, strict=True):
                if not v > 0:
                    raise InputError(f"layout.envelope.{name}", "must be positive")
        if lay.modules_per_row < 0:
            raise InputError("layout.modules_per_row", "must not be negative")
        if not 1 <= lay.modules <= self.series:
            raise InputError("layout.modules", f"expected 1 to {self.series}, got {lay.modules}")
        if lay.group_order and sorted(lay.group_order) != list(range(self.series)):
            raise InputError("layout.group_order",
                             f"expected a permutation of 0..{self.series - 1}")
        th = self.thermal
        if th.heat_transfer_coefficient < 0:
            raise InputError("thermal.heat_transfer_coefficient", "must not be negative")
        if th.ambient_temperature <= 0:
            raise InputError("thermal.ambient_temperature", "must be above absolute zero")
        a, b = self.analysis.soc_window
        if not 0.0 <= a < b <= 1.0:
            raise InputError("analysis.soc_window", f"expected [low, high] with "
                                                    f"0 ≤ low < high ≤ 1, got [{a}, {b}]")
        for o in self.overheads:
            if min(o.mass, o.mass_fraction, o.volume, o.volume_fraction) < 0:
                raise InputError(f"overheads.{o.name}", "mass and volume must not be negative")

    # --- per-cell values ------------------------------------------------------
    def cell_array(self, attr: str) -> np.ndarray:
        """S × P array of a cell attribute with the overrides applied."""
        arr = np.full((self.series, self.parallel), float(getattr(self.cell, attr)))
        for o in self.cell_overrides:
            d = o.as_dict()
            if attr in d:
                arr[o.series, o.parallel] = d[attr]
        return arr

    def cell_at(self, s: int, p: int) -> Cell:
        vals: dict[str, float] = {}
        for o in self.cell_overrides:
            if o.series == s and o.parallel == p:
                vals.update(o.as_dict())
        return self.cell.with_overrides(**vals) if vals else self.cell

    def overhead_mass(self, cell_mass: float) -> float:
        return sum(o.mass + o.mass_fraction * cell_mass for o in self.overheads)

    def overhead_volume(self, envelope_volume: float) -> float:
        return sum(o.volume + o.volume_fraction * envelope_volume for o in self.overheads)


def adapt_layout(layout: Layout, old_series: int, series: int, parallel: int
                 ) -> tuple[Layout, list[str]]:
    """The layout for a pack of `series` × `parallel` cells, keeping what the user arranged:
    a reordered series path keeps the order of the groups that remain (new groups take the new
    slots at the end of the path), the block shape keeps its rows (or columns) where they still
    divide P, and the module count is lowered to S where it is larger.  Returns the layout and
    sentences saying what was changed."""
    notes: list[str] = []
    changes: dict[str, Any] = {}
    if layout.group_order and series != old_series:
        order = [s for s in layout.group_order if s < series] + list(range(old_series, series))
        if order == list(range(series)):
            order = []
            notes.append("The series path is back in slot order.")
        else:
            notes.append(f"The series path keeps the order of groups 1 to "
                         f"{min(series, old_series)}"
                         + (f"; groups {old_series + 1} to {series} follow in the new slots."
                            if series > old_series else "."))
        changes["group_order"] = tuple(order)
    if layout.group_shape is not None:
        r, c = layout.group_shape
        if r * c != parallel:
            if parallel % r == 0:
                shape: tuple[int, int] | None = (r, parallel // r)
            elif parallel % c == 0:
                shape = (parallel // c, c)
            else:
                shape = None
            changes["group_shape"] = shape
            notes.append(f"Group blocks are now {shape[0]} × {shape[1]} cells." if shape else
                         f"No block of {r} rows or {c} columns holds {parallel} cells: the block "
                         "shape is chosen automatically.")
    if layout.modules > series:
        changes["modules"] = series
        notes.append(f"{layout.modules} modules cannot hold {series} groups: now {series}.")
    return (replace(layout, **changes) if changes else layout), notes


def version1_applies(form_factor: str, S: int, P: int, lay: Layout) -> bool:
    """A layout with `version1_geometry` keeps version 1's rules while it keeps line groups,
    a fixed number of groups per row and its modules in one row (core.layout.version1)."""
    line = (P, 1) if form_factor == "cylindrical" else (1, P)
    M = max(1, min(lay.modules, S))
    in_one_row = lay.modules_per_row <= 0 or lay.modules_per_row >= M
    return lay.version1_geometry and lay.group_shape == line and lay.groups_per_row > 0 \
        and in_one_row


def evolve_adapting(design: PackDesign, **changes) -> tuple[PackDesign, list[str]]:
    """`design.evolve(**changes)`, where a change of S, P or the block shape also keeps the
    layout and the per-cell overrides valid instead of refusing (see `adapt_layout`); the
    sentences say what was adjusted."""
    S = changes.get("series", design.series)
    P = changes.get("parallel", design.parallel)
    notes: list[str] = []
    if isinstance(S, int) and isinstance(P, int) and S >= 1 and P >= 1:
        layout = changes.get("layout", design.layout)
        layout, notes = adapt_layout(layout, design.series, S, P)
        changes["layout"] = layout
        overrides = changes.get("cell_overrides", design.cell_overrides)
        kept = tuple(o for o in overrides if o.series < S and o.parallel < P)
        if len(kept) != len(overrides):
            notes.append(f"{len(overrides) - len(kept)} per-cell override(s) outside "
                         f"{S}S{P}P removed.")
            changes["cell_overrides"] = kept
        form = changes.get("cell", design.cell).form_factor
        if version1_applies(design.cell.form_factor, design.series, design.parallel,
                            design.layout) and not version1_applies(form, S, P, layout):
            changes["layout"] = replace(layout, version1_geometry=False)
            notes.append("The layout leaves version 1's arrangement (staggered columns, "
                         "version-1 module spacing): the cells follow today's rules.")
    return design.evolve(**changes), notes
