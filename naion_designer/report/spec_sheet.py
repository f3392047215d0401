"""The PDF spec sheet of one design: what an integrator hands to a customer.

Every figure comes from the model (`core.electrical.calculate`, `core.curves`,
`core.targets`) and is typeset through `core.results.display`, so the sheet shows the same
numbers as `naion calc`.  A dagger (†) marks every figure that is, or derives from, an estimated
cell figure.  Output is deterministic: the same design and options give the same bytes.

    from naion_designer.report.spec_sheet import ReportOptions, write_spec_sheet
    write_spec_sheet(design, "pack.pdf", ReportOptions(customer="...", revision="B"))
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .. import __version__
from .common import (
    ACCENT,
    DAGGER,
    FAIL,
    MUTED,
    NAVY,
    PASS,
    RULE,
    PageInfo,
    ReportOptions,
    build_pdf,
    fig,
    frame_width,
    grid_table,
    heading,
    is_estimated,
    report_date,
    styles,
    validate_options,
    write_pdf,
)
from .common import P as Para
from .fonts import markup

__all__ = ["ReportOptions", "write_spec_sheet", "spec_sheet_bytes", "SpecSheetData",
           "collect", "min_typ_max"]

C_RATES = (0.2, 0.5, 1.0, 2.0)
ELECTRICAL = ("nominal_voltage", "max_voltage", "min_voltage", "capacity", "energy",
              "usable_energy", "cells_resistance", "interconnect_resistance", "resistance",
              "max_continuous_discharge_current", "max_continuous_discharge_power",
              "max_discharge_c_rate", "max_continuous_charge_current",
              "max_continuous_charge_power", "max_charge_c_rate", "peak_discharge_current",
              "peak_discharge_power", "load_current", "voltage_under_load", "runtime_power",
              "runtime", "max_cell_current_share", "busbar_segment_resistance")
MECHANICAL = ("cell_count", "cell_mass", "overhead_mass", "busbar_mass", "mass", "length",
              "width", "height", "volume", "specific_energy", "energy_density", "group_rows",
              "group_columns", "groups_per_row", "empty_slots", "fits_envelope", "fit_shortfall",
              "fit_shortfall_length", "fit_shortfall_width", "fit_shortfall_height")
THERMAL = ("heat_at_max_continuous_discharge", "interconnect_loss_at_max_continuous_discharge",
           "adiabatic_temperature_rise_rate")
COST = ("cell_cost", "cost_per_energy")
SPREAD_ROWS = ("capacity", "energy", "usable_energy", "resistance", "voltage_under_load",
               "heat_at_max_continuous_discharge", "specific_energy", "energy_density")
# for these a low value is the worst case; for the others a high value is
LOW_IS_WORST = {"capacity", "energy", "usable_energy", "voltage_under_load", "runtime",
                "specific_energy", "energy_density"}


def _shape(design) -> tuple[int, int]:
    from ..core.layout import compute_layout

    return compute_layout(design).group_shape


# --- model data --------------------------------------------------------------------------------
@dataclass
class SpecSheetData:
    design: object
    results: object
    spread: dict | None  # name -> (min, typ, max, eol) Quantities (eol may be None)
    curves: list | None  # [(c_rate, capacity_Ah, pack_V)]
    curves_error: str
    power: dict | None
    power_error: str
    target: object | None
    checks: list | None
    target_error: str


def _scaled_design(design, cap_factor: float, r_factor: float):
    """The design with every cell's capacity and R0 scaled (overrides included)."""
    from ..core.pack import CellOverride

    cell = replace(design.cell, capacity=design.cell.capacity * cap_factor,
                   resistance=design.cell.resistance * r_factor,
                   r0_soc=None if design.cell.r0_soc is None else type(design.cell.r0_soc)(
                       design.cell.r0_soc.x, tuple(v * r_factor for v in design.cell.r0_soc.y)))
    overrides = []
    for o in design.cell_overrides:
        vals = []
        for k, v in o.values:
            if k == "capacity":
                v = v * cap_factor
            elif k == "resistance":
                v = v * r_factor
            vals.append((k, v))
        overrides.append(CellOverride(o.series, o.parallel, tuple(vals)))
    return replace(design, cell=cell, cell_overrides=tuple(overrides))


def min_typ_max(design, results=None) -> dict | None:
    """Figures at the ±2σ cell spread and at end of life: name -> (min, typ, max, eol).

    min/max come from the model run with every cell at capacity −2σ/+2σ and resistance
    +2σ/−2σ (a conservative bound: the weakest group limits the pack); eol from the cell file's
    end-of-life capacity fraction and resistance factor.  None when the cell gives neither."""
    from ..core.electrical import calculate

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


def _curves(design):
    if design.cell.ocv is None:
        msg = "the cell file has no OCV table, so the cell has no time-domain model"
        return None, msg, None, msg
    try:
        from ..core.curves import discharge_curves, power_capability
    except ImportError:
        msg = "the simulation module (core.curves) is not installed"
        return None, msg, None, msg
    from ..core.units import InputError

    curves = power = None
    cerr = perr = ""
    try:
        curves = discharge_curves(design, c_rates=C_RATES)
    except InputError as exc:
        cerr = str(exc)
    try:
        power = power_capability(design)
    except InputError as exc:
        perr = str(exc)
    return curves, cerr, power, perr


def _target(design):
    if not design.target:
        return None, None, ""
    try:
        from ..core.targets import check_design, load_target
    except ImportError:
        return None, None, "the targets module (core.targets) is not installed"
    from ..core.units import InputError

    try:
        target = load_target(design.target)
        return target, check_design(design, target), ""
    except InputError as exc:
        return None, None, f"target '{design.target}': {exc}"


def collect(design) -> SpecSheetData:
    """Run the model for everything the sheet shows."""
    from ..core.electrical import calculate

    results = calculate(design)
    curves, cerr, power, perr = _curves(design)
    target, checks, terr = _target(design)
    return SpecSheetData(design=design, results=results, spread=min_typ_max(design, results),
                         curves=curves, curves_error=cerr, power=power, power_error=perr,
                         target=target, checks=checks, target_error=terr)


# --- building blocks ------------------------------------------------------------------------------
def _mark(design, name: str) -> str:
    return DAGGER if is_estimated(design, name) else ""


def _label(name: str) -> str:
    from ..core.results import RESULT_DEFS

    d = RESULT_DEFS.get(name)
    return d.label if d else name.replace("_", " ")


def _help(name: str) -> str:
    from ..core.results import RESULT_DEFS

    d = RESULT_DEFS.get(name)
    return d.help if d else ""


def _temp(v_k: float, units) -> str:
    from ..core.results import Quantity, display

    num, unit = display("temperature", Quantity(v_k, "temperature"), units or None, digits=3)
    try:
        num = f"{float(num):.0f}" if abs(float(num)) >= 1 else num
    except ValueError:
        pass
    return f"{num.replace('-', '−')} {unit}"


def _q(name_kind: str, v: float, units, digits: int = 4) -> str:
    from ..core.results import Quantity, display

    num, unit = display(name_kind, Quantity(v, name_kind), units or None, digits=digits)
    return f"{num} {unit}".strip()


def _setting(kind: str, v: float, units) -> str:
    """A design input (a gap, a connection resistance) as the user would type it: '2 mm'."""
    from ..core.results import DISPLAY_UNITS, pretty_unit
    from ..core.units import to_unit

    unit = (units or {}).get(kind) or DISPLAY_UNITS[kind][0]
    return f"{to_unit(v, kind, unit):.4g} {pretty_unit(unit)}"


def results_table(data: SpecSheetData, names, st, width, units, show_help=True):
    design, res = data.design, data.results
    hdr = [Para("Parameter", st["th"]), Para("Value", st["thr"]), Para("Unit", st["th"]),
           Para("", st["th"])]
    rows = [hdr + ([Para("Basis", st["th"])] if show_help else [])]
    for name in names:
        if name not in res:
            continue
        num, unit = fig(name, res[name], units)
        row = [Para(_label(name), st["cell"]), Para(num, st["cellr"]), Para(unit, st["cell"]),
               Para(_mark(design, name), st["cellc"])]
        if show_help:
            row.append(Para(_help(name), st["small"]))
        rows.append(row)
    if show_help:
        cw = [width * 0.33, width * 0.14, width * 0.09, width * 0.04, width * 0.40]
    else:
        cw = [width * 0.55, width * 0.22, width * 0.16, width * 0.07]
    return grid_table(rows, cw)


def title_block(data: SpecSheetData, opts: ReportOptions, st, width, date_text: str):
    from reportlab.lib import colors
    from reportlab.platypus import Image, Table, TableStyle

    design = data.design
    left: list = []
    if opts.logo:
        from reportlab.lib.utils import ImageReader

        ir = ImageReader(opts.logo)
        iw, ih = ir.getSize()
        scale = min((width * 0.22 - 8) / iw, 46.0 / ih)
        left.append(Image(opts.logo, width=iw * scale, height=ih * scale, hAlign="LEFT"))
    if opts.company:
        left.append(Para(opts.company, st["company"]))
    if not left:
        left.append(Para("", st["company"]))
    centre = [Para("PRODUCT SPECIFICATION · SODIUM-ION BATTERY PACK", st["kicker"]),
              Para(opts.title or design.name, st["title"]),
              Para(f"{design.series}S{design.parallel}P · {design.cell_count} cells · "
                   f"{design.cell.maker} {design.cell.model}", st["sub"])]
    kv = [("Customer", opts.customer or "—"), ("Project", opts.project or "—"),
          ("Revision", opts.revision or "—"), ("Date", date_text),
          ("Prepared by", opts.author or "—")]
    right = Table([[Para(k, st["tbk"]), Para(v, st["tbv"])] for k, v in kv],
                  colWidths=[46, width * 0.33 - 46])
    right.setStyle(TableStyle([
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.4), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, colors.HexColor(RULE)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    if opts.logo or opts.company:
        lw = width * 0.22
        t = Table([[left, centre, right]], colWidths=[lw, width * 0.67 - lw, width * 0.33])
    else:
        t = Table([[[], centre, right]], colWidths=[0, width * 0.67, width * 0.33])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (1, 0), (1, 0), 8),
        ("LINEAFTER", (1, 0), (1, 0), 0.5, colors.HexColor(RULE)),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.HexColor(NAVY)),
    ]))
    return t


def summary_box(data: SpecSheetData, st, width, units):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    design, res = data.design, data.results

    def cell(name: str, label: str | None = None):
        num, unit = fig(name, res[name], units)
        mark = _mark(design, name)
        m = f'<font size="9" color="{ACCENT}">{mark}</font>' if mark else ""
        return [Para(f'{markup(num)}<font size="9.5"> {markup(unit)}</font>{m}', st["big"],
                     raw=True),
                Para(label or _label(name), st["biglabel"])]

    L, W, H = (fig(n, res[n], units) for n in ("length", "width", "height"))
    dims_mark = _mark(design, "length")
    dm = f'<font size="9" color="{ACCENT}">{dims_mark}</font>' if dims_mark else ""
    from .fonts import text_width

    dims_text = f"{L[0]} × {W[0]} × {H[0]}"
    size = 15.0
    while size > 8 and text_width(dims_text, size, True) + text_width(
            f" {L[1]}†", 9.5) > width / 4 - 18:
        size -= 0.5
    dims = [Para(f'{dims_text}<font size="9.5"> {markup(L[1])}</font>{dm}',
                 _big_style(st, size), raw=True),
            Para("Envelope L × W × H", st["biglabel"])]
    row1 = [cell("nominal_voltage"), cell("capacity"), cell("energy"),
            cell("max_continuous_discharge_power", "Max. continuous discharge power")]
    row2 = [[Para(f"{design.series}S{design.parallel}P", st["big"]),
             Para(f"Configuration · {design.cell_count} cells", st["biglabel"])],
            cell("mass"), dims, cell("specific_energy")]
    t = Table([row1, row2], colWidths=[width / 4] * 4)
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f1f5f9")),
        ("LINEABOVE", (0, 0), (-1, 0), 2, colors.HexColor(ACCENT)),
        ("LINEBELOW", (0, 0), (-1, 0), 0.4, colors.HexColor(RULE)),
        ("LINEAFTER", (0, 0), (-2, -1), 0.4, colors.HexColor(RULE)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return t


def _big_style(st, size: float):
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"big{size}", parent=st["big"], fontSize=size, leading=18)


def cell_table(data: SpecSheetData, st, width, units):
    design = data.design
    c = design.cell
    est = set(c.estimated)

    def m(*keys):
        return DAGGER if est & set(keys) else ""

    from ..core.results import pretty_unit

    if c.form_factor == "cylindrical":
        dims = f"Ø {c.diameter * 1e3:.4g} × {c.height * 1e3:.4g} mm"
    else:
        dims = f"{c.length * 1e3:.4g} × {c.width * 1e3:.4g} × {c.height * 1e3:.4g} mm"
    rows = [
        ("Cell", f"{c.maker} {c.model} (id {c.id})", ""),
        ("Format", c.form_factor + ", " + dims, m("form_factor", "diameter", "length", "width",
                                                  "height")),
        ("Chemistry", f"{c.cathode} / {c.anode}", m("cathode", "anode", "chemistry")),
        ("Nominal voltage", f"{c.nominal_voltage:.4g} V", m("nominal_voltage")),
        ("Voltage window", f"{c.min_voltage:.4g} – {c.max_voltage:.4g} V",
         m("min_voltage", "max_voltage")),
        ("Capacity", f"{c.capacity_ah:.4g} {pretty_unit('A*h')}", m("capacity")),
        ("Resistance (R0)", f"{c.resistance * 1e3:.4g} {pretty_unit('mohm')}",
         m("resistance")),
        ("Max. current (cont.)", f"{c.max_continuous_discharge_current:.4g} A discharge, "
         f"{c.max_continuous_charge_current:.4g} A charge",
         m("max_continuous_discharge_current", "max_continuous_charge_current")),
        ("Mass", f"{c.mass * 1e3:.4g} g", m("mass")),
        ("Temperatures", f"charge {_temp(c.charge_temperature[0], units)} … "
         f"{_temp(c.charge_temperature[1], units)}, discharge "
         f"{_temp(c.discharge_temperature[0], units)} … "
         f"{_temp(c.discharge_temperature[1], units)}",
         m("charge_temperature", "discharge_temperature")),
    ]
    if c.cycle_life:
        rows.append(("Cycle life", f"{c.cycle_life:,.0f} cycles", m("cycle_life")))
    rows.append(("Source", (c.source or "—") + (f" (data confidence: {c.confidence})"
                                                 if c.confidence else ""), ""))
    trs = [[Para(k, st["cellb"]), Para(v, st["cell"]), Para(mk, st["cellc"])]
           for k, v, mk in rows]
    return grid_table(trs, [width * 0.31, width * 0.63, width * 0.06], header_rows=0)


def design_table(data: SpecSheetData, st, width, units):
    design = data.design
    ic, th, an = design.interconnect, design.thermal, design.analysis

    def mohm(v):
        return _setting("resistance", v, units)

    rows = [
        ("Configuration", f"{design.series} in series × {design.parallel} in parallel "
                          f"({design.cell_count} cells)"),
        ("Topology", {"series-groups": "parallel groups connected in series",
                      "parallel-strings": "series strings joined at the pack terminals"}
         .get(design.topology, design.topology)),
        ("Interconnect", f"cell connection {mohm(ic.cell_connection)}, "
                         + (f"{ic.busbar.material} busbars {ic.busbar.thickness * 1e3:g} × "
                            f"{ic.busbar.width * 1e3:g} mm (segments from the layout)"
                            if ic.busbar is not None and not ic.busbar_segment_given else
                            f"busbar segment {mohm(ic.busbar_segment)}")
                         + f", terminal {mohm(ic.terminal)} each; "
                         f"terminals on the {ic.terminal_side} side"),
        ("Layout", f"{design.layout.packing} packing, {_setting('length', design.layout.gap, units)} "
                   f"gap, {design.layout.modules} module(s), groups of "
                   f"{'×'.join(str(v) for v in _shape(design))} cells"),
        ("Overheads", ", ".join(o.name for o in design.overheads) or "none (cells only)"),
        ("Thermal model", f"ambient {_temp(th.ambient_temperature, units)}, heat transfer "
                          f"{th.heat_transfer_coefficient:.3g} W/(m²·K)"),
        ("Analysis", f"SOC window {an.soc_window[0]:.0%} – {an.soc_window[1]:.0%}, load "
                     f"{an.load_c_rate:g}C"),
    ]
    trs = [[Para(k, st["cellb"]), Para(v, st["cell"])] for k, v in rows]
    return grid_table(trs, [width * 0.28, width * 0.72], header_rows=0)


def spread_table(data: SpecSheetData, st, width, units):
    from reportlab.lib import colors

    design, spread = data.design, data.spread
    c = design.cell
    has_spread = bool(c.capacity_cv or c.resistance_cv)
    has_eol = c.eol_capacity_fraction is not None or c.eol_resistance_factor is not None
    hdr = ["Parameter", "Min", "Typical", "Max", "End of life", "Unit", ""]
    rows = [[Para(h, st["thr"] if 1 <= i <= 4 else st["th"]) for i, h in enumerate(hdr)]]
    extra = []
    for r, (name, (qmin, qtyp, qmax, qeol)) in enumerate(spread.items(), start=1):
        unit = fig(name, qtyp, units)[1]
        mark = _mark(design, name)
        if (has_spread and "spread" in c.estimated) or (has_eol and "end_of_life" in
                                                        c.estimated):
            mark = DAGGER
        gcol = (1 if name in LOW_IS_WORST else 3) if has_spread else -1
        row = [Para(_label(name), st["cell"])]
        for col, q in enumerate((qmin, qtyp, qmax, qeol), start=1):
            text = fig(name, q, units)[0] if q is not None else "—"
            if col == gcol:
                row.append(Para(f"<b>{markup(text)}</b>", st["cellr"], raw=True))
                extra.append(("BACKGROUND", (col, r), (col, r), colors.HexColor("#fdebd3")))
            else:
                row.append(Para(text, st["cellr"]))
        row += [Para(unit, st["cell"]), Para(mark, st["cellc"])]
        rows.append(row)
    cw = [width * 0.30, width * 0.13, width * 0.13, width * 0.13, width * 0.13, width * 0.12,
          width * 0.06]
    t = grid_table(rows, cw, extra_style=extra)
    notes = []
    if has_spread:
        notes.append(
            f"Min and Max: the model run with every cell at the ±2σ bounds of the cell file's "
            f"spread (capacity σ = {100 * (c.capacity_cv or 0):.3g} %, resistance σ = "
            f"{100 * (c.resistance_cv or 0):.3g} % of typical), beginning of life. "
            f"<b>Guaranteed values are the shaded ones</b>: the worst case of the spread "
            f"(lowest capacity, energy and voltage, highest resistance and heat); the others "
            f"are typical and not guaranteed.")
    else:
        notes.append("The cell file gives no cell-to-cell spread, so no guaranteed min/max "
                     "figures can be derived; all figures are typical.")
    if has_eol:
        notes.append(
            f"End of life: capacity × {c.eol_capacity_fraction or 1:.3g}, resistance × "
            f"{c.eol_resistance_factor or 1:.3g} (the cell file's end-of-life definition"
            + (f", after about {c.cycle_life:,.0f} cycles" if c.cycle_life else "")
            + "); typical cells, not guaranteed.")
    return t, notes


def checks_table(data: SpecSheetData, st, width):
    """The target's requirements: required, this design, margin, PASS/FAIL and the reason."""
    from reportlab.lib import colors

    from ..core.results import pretty_unit
    from ..core.units import format_number

    rows = [[Para(h, st["th"] if i in (0, 5) else st["thr"]) for i, h in
             enumerate(["Requirement", "Required", "Design", "Margin", "Result", "Basis"])]]
    extra = []
    for r, ch in enumerate(data.checks, start=1):
        unit = pretty_unit(ch.unit or "")

        def fmt(v, unit=unit):
            try:
                v = float(v)
            except (TypeError, ValueError):
                return "—"
            if not math.isfinite(v):
                return "—"
            return f"{format_number(v, 4)} {unit}".strip()

        try:
            margin = float(ch.margin)
            mtext = f"{100 * margin:+.1f} %" if math.isfinite(margin) else "—"
        except (TypeError, ValueError):
            mtext = "—"
        mtext = mtext.replace("-", "−")
        verified = getattr(ch, "verified", True)
        passed = bool(ch.passed)
        word = ("PASS" if passed else "FAIL") if verified else "n/a"
        colour = PASS if passed and verified else FAIL if not passed else MUTED
        rows.append([Para(getattr(ch, "label", "") or str(ch.name), st["cell"]),
                     Para(fmt(ch.required), st["cellr"]), Para(fmt(ch.value), st["cellr"]),
                     Para(mtext, st["cellr"]),
                     Para(f'<font color="{colour}"><b>{word}</b></font>', st["cellr"], raw=True),
                     Para(str(getattr(ch, "reason", "") or ""), st["small"])])
        if not passed:
            extra.append(("BACKGROUND", (4, r), (4, r), colors.HexColor("#fdecea")))
    cw = [width * 0.20, width * 0.12, width * 0.12, width * 0.09, width * 0.07, width * 0.40]
    return grid_table(rows, cw, extra_style=extra)


def _target_label(target, fallback: str) -> str:
    for attr in ("name", "label", "title"):
        v = getattr(target, attr, None)
        if isinstance(v, str) and v:
            return v
    return fallback


def duty_cycle_series(target, design):
    """The target's duty cycle as a staircase: (time_s list, value list, axis label, note) with
    values in kW (power segments) or A (current segments); None without a duty cycle."""
    ref = getattr(target, "duty_cycle", "") or ""
    if not ref:
        return None
    try:
        from ..core.profiles import builtin_profiles, read_profile_csv
    except ImportError:
        return None
    from ..core.units import InputError

    try:
        builtins = builtin_profiles()
        profile = builtins[ref].make(design) if ref in builtins else read_profile_csv(ref)
        profile = profile.resolve(design)
    except (InputError, OSError):
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
        v = sg.value / 1e3 if mode == "power" else sg.value
        times.append(t)
        vals.append(v)
        t += sg.duration
    if not times:
        return None
    times.append(t)
    vals.append(vals[-1])
    label = "Power (kW)" if mode == "power" else "Current (A)"
    note = (f"{skipped} segment(s) without a fixed duration or of another kind not drawn"
            if skipped else "")
    return times, vals, label, note


def standards_rows(data: SpecSheetData) -> list[tuple[str, str, str]]:
    app = ""
    if data.target is not None:
        app = " ".join(str(getattr(data.target, a, "") or "") for a in
                       ("application", "category", "id", "name")).lower()
    road_ev = any(w in app for w in ("passenger car", "vehicle", "micro-car", "truck", "bus",
                                     "traction"))
    traction = road_ev or any(w in app for w in ("two-wheeler", "forklift", "moped", "bike"))
    stationary = any(w in app for w in ("storage", "stationary", "grid", "home", "ups",
                                        "telecom", "backup", "portable"))
    rows = [
        ("UN 38.3", "UN Manual of Tests and Criteria, section 38.3 (T.1–T.8): transport tests, "
                    "extended to sodium-ion cells and batteries", "required for transport"),
        ("UL 1973:2022", "Batteries for stationary, vehicle auxiliary power and light electric "
                         "rail applications; covers sodium-ion (cells tested as lithium cells, "
                         "Appendix E)",
         "applies (stationary application)" if stationary else "stationary and auxiliary uses"),
        ("T/CNESA 1006-2021", "《钠离子蓄电池通用规范》 General specification for sodium-ion "
                              "batteries (Chinese group standard, CNESA)",
         "applies (China)" if stationary or not traction else "general specification"),
        ("GB 38031-2025", "Safety requirements for power batteries of electric vehicles "
                          "(effective 1 Jul 2026)",
         "applies (road-vehicle traction pack)" if road_ev else
         "road-vehicle traction packs only"),
        ("IEC 62619", "Safety of secondary lithium cells and batteries for industrial "
                      "applications: written for lithium; no sodium-ion IEC standard exists yet",
         "by agreement only (lithium standard)"),
    ]
    return rows


def transport_block(data: SpecSheetData, st, width, units):
    from reportlab.platypus import Spacer

    design, res = data.design, data.results
    c = design.cell
    wh = _q("energy", res.value("energy"), {"energy": "W*h"}, digits=4)
    est = DAGGER if is_estimated(design, "energy") else ""
    out = []
    rows = [[Para("UN number", st["th"]), Para("Proper shipping name", st["th"]),
             Para("When", st["th"])],
            [Para("UN 3551", st["cellb"]), Para("Sodium ion batteries with organic "
                                                "electrolyte (class 9)", st["cell"]),
             Para("the pack shipped on its own", st["cell"])],
            [Para("UN 3552", st["cellb"]), Para("Sodium ion batteries contained in equipment, "
                                                "or packed with equipment (class 9)", st["cell"]),
             Para("the pack inside or with the product", st["cell"])],
            [Para("UN 3558", st["cellb"]), Para("Vehicle, sodium ion battery powered",
                                                st["cell"]),
             Para("a vehicle powered by the pack", st["cell"])]]
    out.append(grid_table(rows, [width * 0.14, width * 0.56, width * 0.30]))
    out.append(Spacer(1, 4))
    if c.zero_volt_shipping is True:
        zv = ("<b>0 V shipping: permitted by the cell file.</b> Sodium-ion cells of this type "
              "may be discharged to 0 V and shipped discharged (terminals shorted), which "
              "removes most of the stored energy from the consignment. Confirm with the cell "
              "maker's written shipping instructions before relying on it.")
    elif c.zero_volt_shipping is False:
        zv = ("<b>0 V shipping: NOT permitted for this cell.</b> The cell file says the maker "
              "forbids storing or shipping it at 0 V (some sodium-ion datasheets do); ship at "
              "the state of charge the maker specifies.")
    else:
        zv = ("<b>0 V shipping: not stated.</b> The cell file does not say whether this cell "
              "tolerates 0 V. Tolerance depends on the electrolyte and chemistry and some "
              "sodium-ion datasheets forbid it: do not ship at 0 V until the maker confirms it.")
    if "zero_volt_shipping" in c.estimated and c.zero_volt_shipping is not None:
        zv += f" {DAGGER} (estimated, not from the maker)"
    bullets = [
        "Sodium-ion batteries have their own UN numbers (in the IATA DGR since 1 January 2025): "
        "do <b>not</b> use the lithium numbers UN 3480, UN 3481 or UN 3171.",
        f"Watt-hour rating for transport documents: <b>{markup(wh)}</b>{est} (nominal voltage × "
        "capacity, from the model). Packing instructions and limits depend on it.",
        "Cells and pack must pass UN 38.3 (T.1–T.8) and a UN 38.3 test summary must be "
        "available; the pack design here has not been tested.",
        zv,
    ]
    if c.shipping_note:
        bullets.append(f"Cell maker's note: {markup(c.shipping_note)}")
    for b in bullets:
        out.append(Para(b, st["bullet"], raw=True))
        out[-1].bulletText = "•"
    out.append(Spacer(1, 5))
    out.append(Para("Standards for the application", st["h2"]))
    srows = [[Para("Standard", st["th"]), Para("Scope", st["th"]),
              Para("This pack", st["th"])]]
    for name, scope, applies in standards_rows(data):
        srows.append([Para(name, st["cellb"]), Para(scope, st["cell"]),
                      Para(applies, st["cell"])])
    out.append(grid_table(srows, [width * 0.17, width * 0.57, width * 0.26]))
    return out


def notes_block(data: SpecSheetData, opts: ReportOptions, st):
    design, res = data.design, data.results
    c = design.cell
    est = ", ".join(c.estimated)
    notes = [
        f"{DAGGER} marks a figure that is, or is derived from, an estimated cell figure "
        "(not published by the cell maker)"
        + (f": the cell file lists {markup(est)} as estimated." if est else ".")
        if est else "The cell file marks no figure as estimated.",
        "All figures are model estimates by NaIon Designer from the cell data and the "
        "design's interconnect, not measurements. Verify them on a prototype before release.",
        "Capacity and energy at the cell's rated conditions; the weakest parallel group "
        "limits the pack. Usable energy: open-circuit energy inside the design's SOC window.",
        "Maximum continuous discharge power is taken at the minimum voltage under load "
        "(current limit × minimum voltage); pack resistance includes the interconnect network.",
        f"Thermal figures: ambient {_temp(design.thermal.ambient_temperature, opts.units)}, "
        f"heat transfer coefficient {design.thermal.heat_transfer_coefficient:.3g} W/(m²·K) "
        "over each cell's outer surface; no active cooling unless the design defines it.",
        "Discharge curves and power capability come from the cell's equivalent-circuit model "
        "(OCV table, R0 and RC pairs of the cell file) for one representative cell carrying "
        "1/P of the pack current plus the interconnect resistance, isothermal at the ambient "
        "temperature; a coupled per-cell thermal simulation (naion simulate) refines them.",
    ]
    if "runtime" in res:
        notes.append(f"Runtime at {fig('runtime_power', res['runtime_power'], opts.units)[0]} "
                     f"{fig('runtime_power', res['runtime_power'], opts.units)[1]}: resistive "
                     "losses neglected.")
    if design.meta("notes"):
        notes.append(markup(design.meta("notes")))
    for n in opts.notes:
        notes.append(markup(n))
    out = []
    for n in notes:
        p = Para(n, st["bullet"], raw=True)
        p.bulletText = "•"
        out.append(p)
    return out


# --- the document --------------------------------------------------------------------------------
def build_story(data: SpecSheetData, opts: ReportOptions, date_text: str) -> list:
    from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle

    from .charts import Chart, Series, draw_chart, placeholder
    from .drawing import layout_drawing

    st = styles()
    width = frame_width(opts)
    design, res, units = data.design, data.results, opts.units
    story: list = [title_block(data, opts, st, width, date_text), Spacer(1, 8),
                   summary_box(data, st, width, units), Spacer(1, 2)]
    if design.cell.estimated:
        story.append(Para(f"{DAGGER} estimated: derived from cell figures the maker does not "
                          "publish (see the notes).", st["small"]))

    # 1 cell and design
    half = (width - 12) / 2
    story.append(KeepTogether([
        heading("1", "Cell and pack construction", st, width),
        Table([[[Para("Cell", st["h2"]), cell_table(data, st, half, units)],
                [Para("Pack", st["h2"]), design_table(data, st, half, units)]]],
              colWidths=[half + 6, half + 6],
              style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (0, 0), 6),
                                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                                ("LEFTPADDING", (1, 0), (1, 0), 6)]))]))

    # 2 electrical
    story.append(CondPageBreak(120))
    story.append(heading("2", "Electrical characteristics", st, width))
    story.append(results_table(data, ELECTRICAL, st, width, units))

    # 3 mechanical and thermal
    mech = results_table(data, MECHANICAL, st, half, units, show_help=False)
    therm_rows = list(THERMAL)
    therm = results_table(data, therm_rows, st, half, units, show_help=False)
    c = design.cell
    th = design.thermal
    cond = [("Charge temperature (cell limits)",
             f"{_temp(c.charge_temperature[0], units)} … {_temp(c.charge_temperature[1], units)}",
             "charge_temperature"),
            ("Discharge temperature (cell limits)",
             f"{_temp(c.discharge_temperature[0], units)} … "
             f"{_temp(c.discharge_temperature[1], units)}", "discharge_temperature"),
            ("Ambient temperature (model)", _temp(th.ambient_temperature, units), ""),
            ("Heat transfer coefficient", f"{th.heat_transfer_coefficient:.3g} W/(m²·K)", ""),
            ("Cell specific heat", f"{c.specific_heat:.4g} J/(kg·K)", "specific_heat")]
    if th.coolant_temperature is not None:
        cond.append(("Coolant temperature", _temp(th.coolant_temperature, units), ""))
    op_rows = [[Para("Operating conditions", st["th"]), Para("", st["th"]), Para("", st["th"])]]
    for label, value, key in cond:
        op_rows.append([Para(label, st["cell"]), Para(value, st["cellr"]),
                        Para(DAGGER if key and key in c.estimated else "", st["cellc"])])
    op = grid_table(op_rows, [half * 0.55, half * 0.38, half * 0.07])
    story.append(KeepTogether([
        heading("3", "Mechanical and thermal", st, width),
        Table([[[Para("Mechanical", st["h2"]), mech],
                [Para("Thermal", st["h2"]), therm, Spacer(1, 6), op]]],
              colWidths=[half + 6, half + 6],
              style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (0, 0), 6),
                                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                                ("LEFTPADDING", (1, 0), (1, 0), 6)]))]))
    if opts.include_cost and any(n in res for n in COST):
        story.append(Spacer(1, 6))
        story.append(Para("Cost (cells only)", st["h2"]))
        story.append(results_table(data, COST, st, width, units))

    # 4 layout drawing
    dinfo: dict = {}
    drawing = layout_drawing(design, width, 250, units, info=dinfo)
    story.append(KeepTogether([
        heading("4", "Layout", st, width), Spacer(1, 4),
        _centred(drawing, width),
        Para(f"Top view to scale ({dinfo.get('scale', '')} when printed at 100 %). "
             f"Parallel groups are coloured and numbered in series order, 1 at "
             f"the negative pack terminal (−) to {design.series} at the positive terminal (+); "
             "the red line with arrows follows the series current path in discharge. "
             f"Envelope {fig('length', res['length'], units)[0]} × "
             f"{fig('width', res['width'], units)[0]} × {fig('height', res['height'], units)[0]} "
             f"{fig('length', res['length'], units)[1]} (L × W × H) including "
             f"{_setting('length', design.layout.margin, units)} wall margin and "
             f"{_setting('length', design.layout.top_clearance, units)} top clearance.",
             st["small"])]))

    # 5 performance curves
    cw, ch = (width - 14) / 2, 172
    if data.curves:
        series = []
        for i, (rate, cap_ah, volts) in enumerate(data.curves):
            from .charts import PALETTE

            series.append(Series(f"{rate:g}C", list(cap_ah), list(volts),
                                 color=PALETTE[i % len(PALETTE)]))
        vmin = res.value("min_voltage")
        vmax = res.value("max_voltage")
        c1 = draw_chart(Chart("Discharge curves at 25 °C" if abs(
            design.thermal.ambient_temperature - 298.15) < 0.01 else "Discharge curves",
            "Discharged capacity (Ah)", "Pack voltage (V)", series, xmin=0.0,
            xmax=1.02 * max(float(cap_ah[-1]) for _, cap_ah, _ in data.curves),
            ymin=math.floor(vmin * 0.95), ymax=vmax * 1.02, legend_title="C-rate"), cw, ch)
    else:
        c1 = placeholder(f"No discharge curves: {data.curves_error}", cw, ch,
                         "Discharge curves")
    if data.power:
        pw = data.power
        soc = [100 * float(s) for s in pw["soc"]]
        ps = [Series("Power capability", soc, [float(v) / 1e3 for v in pw["power_W"]],
                     color="#0b5394", width=1.8),
              Series("At minimum voltage", soc,
                     [float(v) / 1e3 for v in pw["power_at_min_voltage_W"]], color="#e69138",
                     dash=(3, 2), width=0.9),
              Series("At current limit", soc,
                     [float(v) / 1e3 for v in pw["power_at_current_limit_W"]],
                     color="#38761d", dash=(1.5, 1.5), width=0.9)]
        top = max(float(v) for v in pw["power_W"]) / 1e3
        every = max(max(float(v) for v in pw[k]) for k in ("power_W", "power_at_min_voltage_W",
                                                          "power_at_current_limit_W")) / 1e3
        ymax = min(every, 2.5 * top) if top > 0 else None
        cut = bool(ymax and every > ymax)
        c2 = draw_chart(Chart("Power capability vs SOC (10 s pulse)", "State of charge (%)",
                              "Power (kW)", ps, xmin=0.0, xmax=100.0, ymin=0.0, ymax=ymax),
                        cw, ch)
    else:
        cut = False
        c2 = placeholder(f"No power curve: {data.power_error}", cw, ch,
                         "Power capability vs SOC")
    perf = [heading("5", "Performance", st, width), Spacer(1, 4),
            Table([[c1, c2]], colWidths=[cw + 7, cw + 7],
                  style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))]
    curve_note = ("Model curves from a full charge at the design's ambient temperature, "
                  "discharged at constant current until the first cut-off. Power capability: the "
                  "lower of the power at the minimum-voltage limit and at the continuous current "
                  "limit, 10 s equivalent-circuit response.")
    if cut:
        curve_note += (" Where the minimum-voltage limit lies far above the current limit it "
                       "runs off the top of the plot.")
    if is_estimated(design, "voltage_under_load") or {"ocv", "rc"} & set(c.estimated):
        curve_note += f" {DAGGER} The OCV/resistance data behind the curves are estimated."
    perf.append(Para(curve_note, st["small"]))
    story.append(KeepTogether(perf))
    if data.target is not None:
        dc = duty_cycle_series(data.target, design)
        if dc is not None:
            times, vals, ylabel, note = dc
            hours = times[-1] > 3 * 3600
            xs = [x / 3600 for x in times] if hours else times
            c3 = draw_chart(Chart(f"Duty cycle of the target: {data.target.duty_cycle} "
                                  "(positive = discharge)",
                                  "Time (h)" if hours else "Time (s)", ylabel,
                                  [Series("", xs, vals, color="#674ea7", step=True)],
                                  xmin=0.0, xmax=xs[-1], note=note), width, 150)
            story.append(Spacer(1, 6))
            story.append(c3)

    # 6 typical and worst case
    story.append(CondPageBreak(160))
    story.append(heading("6", "Typical and worst-case figures", st, width))
    if data.spread:
        t, notes = spread_table(data, st, width, units)
        story.append(Spacer(1, 3))
        story.append(t)
        story.append(Spacer(1, 3))
        for n in notes:
            story.append(Para(n, st["small"], raw=True))
    else:
        story.append(Para("The cell file gives neither a cell-to-cell spread nor an end-of-life "
                          "derating, so only typical figures are shown (section 2). None of "
                          "the figures is guaranteed.", st["base"]))

    # 7 target
    story.append(CondPageBreak(120))
    story.append(heading("7", "Application target", st, width))
    story.append(Spacer(1, 3))
    if data.checks is not None:
        n_pass = sum(1 for ch_ in data.checks if ch_.passed)
        verdict = (f'<font color="{PASS}"><b>meets all {len(data.checks)} requirements</b></font>'
                   if n_pass == len(data.checks) else
                   f'<font color="{FAIL}"><b>fails {len(data.checks) - n_pass} of '
                   f'{len(data.checks)} requirements</b></font>')
        story.append(Para(f"Target: <b>{markup(_target_label(data.target, design.target))}</b> "
                          f"({markup(design.target)}): the design {verdict}.", st["base"],
                          raw=True))
        story.append(Spacer(1, 3))
        story.append(checks_table(data, st, width))
    elif data.target_error:
        story.append(Para(f"Target not checked: {data.target_error}.", st["base"]))
    else:
        story.append(Para("No application target is set for this design, so no requirement "
                          "table is shown. Set one in the design (key \"target\") to check it.",
                          st["base"]))

    # 8 transport and standards
    story.append(CondPageBreak(200))
    story.append(heading("8", "Transport, shipping and standards (sodium-ion)", st, width))
    story.append(Spacer(1, 3))
    story.extend(transport_block(data, st, width, units))

    # 9 notes
    story.append(CondPageBreak(100))
    story.append(heading("9", "Notes and assumptions", st, width))
    story.append(Spacer(1, 2))
    story.extend(notes_block(data, opts, st))
    return story


def _centred(drawing, width):
    from reportlab.platypus import Table, TableStyle

    t = Table([[drawing]], colWidths=[width])
    t.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def spec_sheet_bytes(design, options: ReportOptions | None = None,
                     data: SpecSheetData | None = None) -> bytes:
    """The spec sheet PDF as bytes."""
    opts = (options or ReportOptions()).resolved(design)
    validate_options(opts)
    data = data or collect(design)
    date = report_date(opts)
    date_text = date.isoformat()
    title = opts.title or design.name
    story = build_story(data, opts, date_text)
    rev = f"Rev. {opts.revision}" if opts.revision else "Rev. —"
    header_right = " · ".join(x for x in (opts.customer, opts.project, rev) if x)
    who = opts.company or ""
    info = PageInfo(
        doc_title=f"{title} — product specification",
        header_right=header_right,
        footer_left=" · ".join(x for x in (who, f"{title}", rev, date_text,
                                           f"NaIon Designer {__version__}") if x),
        footer_note=f"{DAGGER} estimated figure. Model estimates, subject to verification on "
                    "prototypes; not a warranty.",
        date=date)
    subject = (f"Sodium-ion battery pack specification: {design.series}S{design.parallel}P "
               f"{design.cell.maker} {design.cell.model}"
               + (f" for {opts.customer}" if opts.customer else ""))
    return build_pdf(story, opts, info, title=title, subject=subject,
                     author=opts.author or opts.company or "NaIon Designer",
                     keywords=f"sodium-ion, battery pack, spec sheet, {design.cell.id}, {rev}")


def write_spec_sheet(design, path, options: ReportOptions | None = None) -> None:
    """Write the spec sheet of `design` to `path` (atomically)."""
    data = spec_sheet_bytes(design, options)
    write_pdf(data, path)
