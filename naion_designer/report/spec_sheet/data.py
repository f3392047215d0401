"""Everything the spec sheet shows, computed from the model before any typesetting."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...core.checks import check_design
from ...core.curves import discharge_curves, power_capability
from ...core.electrical import calculate
from ...core.pack import CellOverride
from ...core.units import InputError
from ...io.target_file import duty_cycle_profile, load_target

C_RATES = (0.2, 0.5, 1.0, 2.0)
PULSE = 10.0  # s, the pulse of the power capability curve
SPREAD_ROWS = ("capacity", "energy", "usable_energy", "resistance", "voltage_under_load",
               "heat_at_max_continuous_discharge", "specific_energy", "energy_density")


@dataclass
class SpecSheetData:
    design: object
    results: object
    spread: dict | None  # name -> (min, typ, max, eol) Quantities (eol may be None)
    curves: list | None  # [(c_rate, capacity_Ah, pack_V)]
    curves_error: str
    power: dict | None  # core.curves.power_capability at the pulse current limit
    power_error: str
    power_limit: str  # "peak" (the cell's peak current holds for the pulse) or "continuous"
    target: object | None
    checks: list | None
    target_error: str
    duty_cycle: object | None = None  # the target's duty cycle as a resolved core Profile
    duty_cycle_error: str = ""


def _scaled_cell_values(design, scale: dict[str, float]):
    """The design with cell figures scaled (cell and per-cell overrides alike)."""
    cell = design.cell
    vals = {k: getattr(cell, k) * f for k, f in scale.items()}
    if "resistance" in scale and cell.r0_soc is not None:
        f = scale["resistance"]
        vals["r0_soc"] = type(cell.r0_soc)(cell.r0_soc.x, tuple(v * f for v in cell.r0_soc.y))
    overrides = tuple(
        CellOverride(o.series, o.parallel,
                     tuple((k, v * scale.get(k, 1.0)) for k, v in o.values))
        for o in design.cell_overrides)
    return replace(design, cell=replace(cell, **vals), cell_overrides=overrides)


def _scaled_design(design, cap_factor: float, r_factor: float):
    """The design with every cell's capacity and R0 scaled (overrides included)."""
    return _scaled_cell_values(design, {"capacity": cap_factor, "resistance": r_factor})


def min_typ_max(design, results=None) -> dict | None:
    """Figures at the ±2σ cell spread and at end of life: name -> (min, typ, max, eol).

    min/max come from the model run with every cell at capacity −2σ/+2σ and resistance
    +2σ/−2σ (a conservative bound: the weakest group limits the pack); eol from the cell file's
    end-of-life capacity fraction and resistance factor.  None when the cell gives neither."""
    cell = design.cell
    ccv, rcv = cell.capacity_cv or 0.0, cell.resistance_cv or 0.0
    has_spread = bool(ccv or rcv)
    has_eol = cell.eol_capacity_fraction is not None or cell.eol_resistance_factor is not None
    if not (has_spread or has_eol):
        return None
    typ = results if results is not None else calculate(design)
    out: dict = {}
    lo = hi = eol = None
    if has_spread:
        lo = calculate(_scaled_design(design, 1 - 2 * ccv, 1 + 2 * rcv))
        hi = calculate(_scaled_design(design, 1 + 2 * ccv, max(1 - 2 * rcv, 0.05)))
    if has_eol:
        eol = calculate(_scaled_design(design, cell.eol_capacity_fraction or 1.0,
                                       cell.eol_resistance_factor or 1.0))
    for name in SPREAD_ROWS:
        if name not in typ:
            continue
        if lo is not None:
            a, b = lo[name], hi[name]
            qmin, qmax = (a, b) if a.value <= b.value else (b, a)
        else:
            qmin = qmax = None
        out[name] = (qmin, typ[name], qmax, eol[name] if eol is not None else None)
    return out


def pulse_design(design, pulse: float = PULSE):
    """The design whose current limit is the one a `pulse`-second pulse may draw: the cell's
    peak discharge current where it gives one that lasts the pulse (the figure page 1 lists as
    peak discharge power), else the continuous limit.  Returns (design, "peak"|"continuous")."""
    cell = design.cell
    peak, cont = cell.peak_discharge_current, cell.max_continuous_discharge_current
    lasts = cell.peak_discharge_duration is None or cell.peak_discharge_duration >= pulse
    if peak is None or not lasts or peak <= cont:
        return design, "continuous"
    return _scaled_cell_values(design, {"max_continuous_discharge_current": peak / cont}), "peak"


def _curves(design):
    if design.cell.ocv is None:
        msg = "the cell file has no OCV table, so the cell has no time-domain model"
        return None, msg, None, msg, "continuous"
    curves = power = None
    cerr = perr = ""
    try:
        curves = discharge_curves(design, c_rates=C_RATES)
    except InputError as exc:
        cerr = str(exc)
    pdesign, limit = pulse_design(design)
    try:
        power = power_capability(pdesign, pulse=PULSE)
    except InputError as exc:
        perr = str(exc)
    return curves, cerr, power, perr, limit


def _target(design):
    if not design.target:
        return None, None, ""
    try:
        target = load_target(design.target)
        return target, check_design(design, target), ""
    except InputError as exc:
        return None, None, f"target '{design.target}': {exc}"


def _duty_cycle(target, design):
    """The target's duty cycle resolved for the design (a CSV path is read relative to the
    target file, as `check_design` reads it), or (None, why)."""
    if target is None or not target.duty_cycle:
        return None, ""
    try:
        return duty_cycle_profile(target, design).resolve(design), ""
    except (InputError, OSError) as exc:
        return None, f"duty cycle '{target.duty_cycle}': {exc}"


def collect(design) -> SpecSheetData:
    """Run the model for everything the sheet shows."""
    results = calculate(design)
    curves, cerr, power, perr, limit = _curves(design)
    target, checks, terr = _target(design)
    cycle, derr = _duty_cycle(target, design)
    return SpecSheetData(design=design, results=results, spread=min_typ_max(design, results),
                         curves=curves, curves_error=cerr, power=power, power_error=perr,
                         power_limit=limit, target=target, checks=checks, target_error=terr,
                         duty_cycle=cycle, duty_cycle_error=derr)


def duty_cycle_series(target, design, profile=None):
    """The target's duty cycle as a staircase: (time_s list, value list, axis label, note) with
    values in kW (power segments) or A (current segments); None without a duty cycle."""
    if profile is None:
        profile, _ = _duty_cycle(target, design)
    if profile is None:
        return None
    segs = list(profile.segments)
    n_power = sum(1 for sg in segs if sg.mode == "power")
    mode = "power" if n_power * 2 >= len(segs) else "current"
    t, vals, skipped = 0.0, [], 0
    times: list[float] = []
    for sg in segs:
        if sg.duration is None:
            skipped += 1
            continue
        if sg.mode != mode and not (mode == "current" and sg.mode == "cccv"):
            skipped += 1
            t += sg.duration
            continue
        times.append(t)
        vals.append(sg.value / 1e3 if mode == "power" else sg.value)
        t += sg.duration
    if not times:
        return None
    times.append(t)
    vals.append(vals[-1])
    label = "Power (kW)" if mode == "power" else "Current (A)"
    note = (f"{skipped} segment(s) without a fixed duration or of another kind not drawn"
            if skipped else "")
    return times, vals, label, note
