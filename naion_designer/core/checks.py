"""A design checked against an application target: one `Check` per requirement, with its value,
the required value, the margin and a reason in words.

Every figure comes from `electrical.calculate` plus the closed forms of `window` (which the
vectorised search in `sizing` uses too), so sizing and the checks find the same numbers.

Conventions of the checks (documented in the README as well):

- **Voltage window** (the controller's, inverter's or charger's min and max): the pack is only
  used while its voltage lies inside the window.  Per cell that is the SOC range whose OCV lies
  inside [window min / S, window max / S]; the *usable energy* is the OCV energy over that range
  (intersected with the design's SOC window).  The **drop-in check** is the part of the cell's
  whole OCV energy (SOC 0–1) that lies inside the window: a sodium cell swings 1.5–4.1 V, so a
  pack built for an LFP or lead-acid window leaves part of its energy unused.
- **Power is met at the lowest voltage**: the lowest voltage is max(S × cell min voltage, window
  min).  The pack current is the smaller of the cell current limit × P and the current that pulls
  the pack from its OCV at a low state of charge (`power_soc` of the usable SOC range, 30 % by
  default) down to that lowest voltage through the pack resistance.  Power = current × lowest
  voltage.  The peak power uses the cell's peak current when the cell's peak duration covers the
  target's, otherwise the continuous current.
- **Cold**: at the coldest ambient the usable energy is scaled by the cell's capacity-temperature
  factor and the resistance by its resistance-temperature factor (generic sodium-ion tables below
  when a cell gives none).
- **Charge power** is the charge current limit × P × the nominal voltage.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

from .cell import Cell
from .results import pretty_unit
from .targets import C0, CHECK_LABELS, Check, Target
from .units import format_number
from .window import (
    WindowFigures,
    peak_current,
    power_per_parallel,
    temperature_factors,
    window_figures,
)

# The figure each check compares, by check name: a `calc` result name where the check reads that
# result (so the two always agree), else a figure of its own that only a target defines (its
# basis is then given in `Check.basis` and shown beside it).
CHECK_FIGURES = {
    "nominal_voltage": "nominal_voltage",
    "voltage_window": "window_energy_fraction",
    "min_voltage": "min_voltage",
    "max_voltage": "max_voltage",
    "usable_energy": "window_usable_energy",
    "energy_at_end_of_life": "usable_energy_at_end_of_life",
    "continuous_power": "window_continuous_power",
    "peak_power": "window_peak_power",
    "charge_power": "max_continuous_charge_power",
    "discharge_temperature": "cell_discharge_temperature",
    "charge_temperature": "cell_charge_temperature",
    "coldest_energy": "coldest_usable_energy",
    "coldest_power": "coldest_continuous_power",
    "mass": "mass",
    "length": "length",
    "width": "width",
    "height": "height",
    "volume": "volume",
    "cycle_life": "cell_cycle_life",
    "budget": "cell_cost",
    "duty_cycle": "duty_cycle_time",
}

ProfileFor = Callable[[object], object]  # design -> Profile (the target's duty cycle)


def _fmt(v: float, digits: int = 4) -> str:
    return format_number(v, digits)


def _u(unit: str) -> str:
    return " " + pretty_unit(unit) if unit else ""


def _min_check(name: str, value: float, required: float, unit: str, what: str,
               extra: str = "") -> Check:
    margin = (value - required) / required if required else math.inf
    ok = value >= required * (1 - 1e-9)
    rel = "≥" if ok else "<"
    u = _u(unit) if unit else " cycles" if name == "cycle_life" else ""
    reason = f"{what} {_fmt(value)}{u} {rel} {_fmt(required)}{u} required"
    if not ok:
        reason += f" (short by {_fmt(required - value, 3)}{u})"
    if extra:
        reason += f"; {extra}"
    return Check(name, ok, value, required, margin, unit, reason, CHECK_LABELS.get(name, name),
                 figure=CHECK_FIGURES.get(name, name))


def _max_check(name: str, value: float, limit: float, unit: str, what: str,
               extra: str = "") -> Check:
    margin = (limit - value) / limit if limit else -math.inf
    ok = value <= limit * (1 + 1e-9)
    rel = "≤" if ok else ">"
    u = _u(unit)
    reason = f"{what} {_fmt(value)}{u} {rel} {_fmt(limit)}{u} allowed"
    if not ok:
        reason += f" (over by {_fmt(value - limit, 3)}{u})"
    if extra:
        reason += f"; {extra}"
    return Check(name, ok, value, limit, margin, unit, reason, CHECK_LABELS.get(name, name),
                 figure=CHECK_FIGURES.get(name, name))


def window_note(cell: Cell, S: int, target: Target, fig: WindowFigures) -> str:
    inc = f"the {target.incumbent} window" if target.incumbent else "the system window"
    lo, hi = float(fig.s_lo[()]), float(fig.s_hi[()])
    txt = (f"{S}S swings {_fmt(S * cell.min_voltage)}–{_fmt(S * cell.max_voltage)} V against "
           f"{inc} {_fmt(target.voltage_min)}–{_fmt(target.voltage_max)} V, i.e. "
           f"{_fmt(target.voltage_min / S, 3)}–{_fmt(target.voltage_max / S, 3)} V per cell")
    if hi > lo:
        txt += f": SOC {lo * 100:.0f}–{hi * 100:.0f} % is usable"
    else:
        txt += ": no SOC range of the cell lies inside it"
    if cell.ocv is None:
        txt += " (the cell has no OCV table: a line through its limits is assumed)"
    return txt


def check_design(design, target: Target, results=None,
                 duty_cycle: ProfileFor | None = None) -> list[Check]:
    """Every requirement of `target` checked on `design` (a PackDesign).

    `results` may pass an already computed `calculate(design)`.  `duty_cycle`, a function that
    gives the target's duty cycle for a design, also simulates the design through it (slow).
    """
    from .electrical import calculate

    r = results if results is not None else calculate(design)
    cell = design.cell
    S, P = design.series, design.parallel
    capacity = r.value("capacity")
    fig = window_figures(cell, S, target, capacity=capacity / P,
                         soc_window=design.analysis.soc_window)
    checks: list[Check] = []

    # voltage
    nom = r.value("nominal_voltage")
    nlo, nhi = target.nominal_window
    ok = nlo * (1 - 1e-9) <= nom <= nhi * (1 + 1e-9)
    margin = min(nom - nlo, nhi - nom) / ((nhi + nlo) / 2)
    checks.append(Check("nominal_voltage", ok, nom, nhi if nom > nhi else nlo, margin, "V",
                        f"{S}S × {_fmt(cell.nominal_voltage)} V = {_fmt(nom)} V "
                        f"{'inside' if ok else 'outside'} {_fmt(nlo)}–{_fmt(nhi)} V",
                        CHECK_LABELS["nominal_voltage"]))
    frac = float(fig.fraction[()])
    wnote = window_note(cell, S, target, fig)
    what = "drop-in: energy inside the window" if target.incumbent else "energy inside the window"
    c = _min_check("voltage_window", frac * 100, target.min_usable_fraction * 100, "%", what,
                   wnote)
    if frac <= 0:
        c = replace(c, passed=False, margin=-1.0)
    label = CHECK_LABELS["voltage_window"]
    if target.incumbent:
        label = "Drop-in: " + label[0].lower() + label[1:]
    checks.append(replace(c, label=label))
    if target.full_range:
        checks.append(_min_check("min_voltage", r.value("min_voltage"), target.voltage_min, "V",
                                 "pack minimum voltage"))
        checks.append(_max_check("max_voltage", r.value("max_voltage"), target.voltage_max, "V",
                                 "pack maximum voltage"))

    # energy
    usable = S * P * float(fig.energy_per_cell[()])
    soc_basis = (f"OCV energy at SOC {float(fig.s_lo[()]) * 100:.0f}–"
                 f"{float(fig.s_hi[()]) * 100:.0f} % (the design's SOC window inside "
                 f"{_fmt(target.voltage_min)}–{_fmt(target.voltage_max)} V)")
    checks.append(replace(_min_check("usable_energy", usable / 3.6e6,
                                     target.usable_energy / 3.6e6, "kW*h",
                                     "usable energy inside the window", soc_basis),
                          basis=soc_basis))
    if target.energy_at_end_of_life is not None:
        from .ageing import end_of_life_energy_fraction as eol_f

        eol_basis = "usable energy after the target's cycle life (ageing model)"
        checks.append(replace(_min_check("energy_at_end_of_life",
                                         usable * eol_f(cell, target.cycle_life) / 3.6e6,
                                         target.energy_at_end_of_life / 3.6e6, "kW*h",
                                         eol_basis), basis=eol_basis))

    # power at the lowest voltage (pack resistance from the network, cell share = R × P / S)
    r_share = r.value("resistance") * P / S
    v_low = float(fig.v_low[()])
    if target.continuous_power is not None:
        pw, by_current = power_per_parallel(cell, S, fig, cell.max_continuous_discharge_current,
                                            r_cell=r_share)
        basis = (f"at {_fmt(v_low)} V, the end of the usable window, "
                 + ("cell current limit" if by_current else
                    f"voltage sag at {target.power_soc * 100:.0f} % of the usable SOC range"))
        checks.append(replace(_min_check("continuous_power", P * float(pw) / 1e3,
                                         target.continuous_power / 1e3, "kW",
                                         "continuous power", basis), basis=basis))
    if target.peak_power is not None:
        i_pk, note = peak_current(cell, target)
        pw, by_current = power_per_parallel(cell, S, fig, i_pk, r_cell=r_share)
        basis = (f"at {_fmt(v_low)} V, the end of the usable window, with the {note}"
                 + ("" if by_current else ", limited by voltage sag"))
        checks.append(replace(_min_check("peak_power", P * float(pw) / 1e3,
                                         target.peak_power / 1e3, "kW",
                                         f"peak power for {target.peak_duration:g} s", basis),
                              basis=basis))
    if target.charge_power is not None:
        value = r.value("max_continuous_charge_power")
        checks.append(_min_check("charge_power", value / 1e3, target.charge_power / 1e3, "kW",
                                 "charge power",
                                 f"{_fmt(r.value('max_continuous_charge_current'))} A at the "
                                 f"nominal {_fmt(nom)} V"))

    # temperature
    tmin_c, tmax_c = target.temperature_min - C0, target.temperature_max - C0
    dlo, dhi = (t - C0 for t in cell.discharge_temperature)
    ok = dlo <= tmin_c + 1e-9 and dhi >= tmax_c - 1e-9
    margin = min(tmin_c - dlo, dhi - tmax_c)
    checks.append(Check("discharge_temperature", ok, dlo if tmin_c - dlo < dhi - tmax_c else dhi,
                        tmin_c if tmin_c - dlo < dhi - tmax_c else tmax_c, margin / 100.0,
                        "degC", f"cell discharges from {_fmt(dlo, 3)} to {_fmt(dhi, 3)} °C; the "
                        f"application needs {_fmt(tmin_c, 3)} to {_fmt(tmax_c, 3)} °C",
                        CHECK_LABELS["discharge_temperature"]))
    clo, chi = (t - C0 for t in cell.charge_temperature)
    need_lo = target.charge_min_temperature - C0
    need_hi = target.charge_max_temperature - C0
    ok = clo <= need_lo + 1e-9 and chi >= need_hi - 1e-9
    margin = min(need_lo - clo, chi - need_hi)
    checks.append(Check("charge_temperature", ok, clo if need_lo - clo < chi - need_hi else chi,
                        need_lo if need_lo - clo < chi - need_hi else need_hi, margin / 100.0,
                        "degC", f"cell charges from {_fmt(clo, 3)} to {_fmt(chi, 3)} °C; the "
                        f"application charges from {_fmt(need_lo, 3)} to {_fmt(need_hi, 3)} °C",
                        CHECK_LABELS["charge_temperature"]))
    if target.coldest_energy is not None or target.coldest_power is not None:
        cf, rf, own_c, own_r = temperature_factors(cell, target.temperature_min)
        if target.coldest_energy is not None:
            src = "the cell's table" if own_c else "generic sodium-ion factor (cell gives none)"
            basis = f"usable energy inside the window × {cf:.3g} ({src})"
            checks.append(replace(_min_check("coldest_energy", usable * cf / 3.6e6,
                                             target.coldest_energy / 3.6e6, "kW*h",
                                             f"usable energy at {_fmt(tmin_c, 3)} °C", basis),
                                  basis=basis))
        if target.coldest_power is not None:
            src = "the cell's table" if own_r else "generic sodium-ion factor (cell gives none)"
            pw, by_current = power_per_parallel(cell, S, fig,
                                                cell.max_continuous_discharge_current,
                                                resistance_factor=rf, r_cell=r_share)
            basis = (f"resistance × {rf:.3g} ({src}), at {_fmt(v_low)} V, "
                     + ("cell current limit" if by_current else "voltage sag"))
            checks.append(replace(_min_check("coldest_power", P * float(pw) / 1e3,
                                             target.coldest_power / 1e3, "kW",
                                             f"power at {_fmt(tmin_c, 3)} °C", basis),
                                  basis=basis))

    # mechanical
    if target.max_mass is not None:
        checks.append(_max_check("mass", r.value("mass"), target.max_mass, "kg", "pack mass"))
    dims = {"length": r.value("length"), "width": r.value("width"),
            "height": r.value("height")}
    limits = {"length": target.max_length, "width": target.max_width,
              "height": target.max_height}
    for key in ("length", "width", "height"):
        if limits[key] is not None:
            extra = ""
            if key in ("length", "width") and dims[key] > limits[key]:
                other = "width" if key == "length" else "length"
                if (limits[other] is None or dims[key] <= limits[other]) and (
                        limits[key] is None or dims[other] <= limits[key]):
                    extra = "it fits turned by 90° (layout rotation)"
            checks.append(_max_check(key, dims[key] * 1e3, limits[key] * 1e3, "mm",
                                     f"envelope {key}", extra))
    if target.max_volume is not None:
        checks.append(_max_check("volume", r.value("volume") * 1e3, target.max_volume * 1e3,
                                 "L", "pack volume"))

    # life and cost
    if target.cycle_life is not None:
        if cell.cycle_life is None:
            checks.append(Check("cycle_life", True, math.nan, target.cycle_life, math.nan, "",
                                f"the cell gives no cycle life: {target.cycle_life:g} cycles "
                                "not verified", CHECK_LABELS["cycle_life"], verified=False))
        else:
            est = " (estimated)" if cell.is_estimated("cycle_life") else ""
            checks.append(_min_check("cycle_life", cell.cycle_life, target.cycle_life, "",
                                     f"cell cycle life{est}"))
    if target.budget:
        per_cell = cell.price_per_cell()
        if per_cell is None:
            amount, cur = target.budget[0]
            checks.append(Check("budget", True, math.nan, amount, math.nan, cur,
                                "the cell gives no price: budget not verified",
                                CHECK_LABELS["budget"], verified=False))
        else:
            limit = target.budget_in(cell.currency)
            cost = per_cell * design.cell_count
            if limit is None:
                have = ", ".join(f"{a:g} {c}" for a, c in target.budget)
                checks.append(Check("budget", True, cost, math.nan, math.nan, cell.currency,
                                    f"cell cost {cost:,.0f} {cell.currency}: the budget is "
                                    f"given in {have} only, so it is not verified (no exchange "
                                    "rates are assumed)", CHECK_LABELS["budget"],
                                    verified=False))
            else:
                est = " (estimated price)" if cell.is_estimated("price") else ""
                checks.append(_max_check("budget", cost, limit, cell.currency,
                                         f"cell cost{est}",
                                         f"{design.cell_count} cells × {per_cell:.4g} "
                                         f"{cell.currency}"))
    if duty_cycle is not None and target.duty_cycle:
        checks.append(check_duty_cycle(design, target, duty_cycle(design)))
    return [c if c.figure else replace(c, figure=CHECK_FIGURES.get(c.name, c.name))
            for c in checks]


def start_soc(profile, design) -> float:
    """Where a cycle starts: full for a discharge-only cycle; for one that charges too, the middle
    of the start states that keep it inside 0–1 (counting C-rate × time and W/Wh × time as
    fractions of the pack's charge)."""
    resolved = profile.resolve(design)
    cap_as = design.cell.capacity * design.parallel
    v_nom = design.series * design.cell.nominal_voltage
    c, lo, hi = 0.0, 0.0, 0.0
    for seg in resolved.segments:
        if seg.duration is None:
            break
        amps = seg.value / v_nom if seg.mode == "power" else seg.value
        c += amps * seg.duration / cap_as
        lo, hi = max(lo, c), min(hi, c)
    top = 1.0 + hi  # highest start that never overcharges
    if top >= 1.0:
        return 1.0
    return float(min(1.0, max(0.0, (lo + top) / 2)))


def check_duty_cycle(design, target: Target, profile, dt: float = 60.0) -> Check:
    """Simulate `profile`, the target's duty cycle, from its start SOC at the design's ambient:
    the design passes when the whole cycle runs without a cut-off."""
    from .simulate import simulate

    total = profile.duration
    soc0 = start_soc(profile, design)
    res = simulate(design, profile, dt=dt, soc0=soc0, per_cell=False)
    t_end = float(res.time[-1])
    ref = target.duty_cycle
    if not math.isfinite(total):
        return Check("duty_cycle", True, t_end, math.nan, math.nan, "s",
                     f"duty cycle '{ref}' runs until a cut-off: it ended after {t_end:.0f} s "
                     f"({res.cutoff or 'no cut-off'}); nothing to compare",
                     CHECK_LABELS["duty_cycle"], verified=False,
                     figure=CHECK_FIGURES["duty_cycle"])
    ok = res.cutoff is None and t_end >= total - 1e-6
    reason = (f"duty cycle '{ref}' ({total / 3600:.3g} h from {soc0 * 100:.0f} % SOC) "
              + ("completed without a cut-off" if ok else
                 f"stopped after {t_end:.0f} s of {total:.0f} s: {res.cutoff}"))
    return Check("duty_cycle", ok, t_end, total, (t_end - total) / total if total else 0.0, "s",
                 reason, CHECK_LABELS["duty_cycle"], figure=CHECK_FIGURES["duty_cycle"])


def margin_text(check: Check) -> str:
    """The margin for display: kelvins for temperature ratings, else a signed percentage."""
    m = check.margin
    if m is None or not math.isfinite(m):
        return "–"
    if check.unit == "degC":
        return f"{m * 100:+.0f} K"
    return f"{m * 100:+.0f} %"


def all_passed(checks: list[Check]) -> bool:
    return all(c.passed for c in checks)
