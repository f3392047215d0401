"""Section "Cell and pack construction": the cell's data with its citation, and the design."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from ...core.results import pretty_unit
from ..common import DAGGER, grid_table
from ..common import P as Para
from .blocks import Context, setting, side_by_side, temp

_URL = re.compile(r"https?://\S+")
_DATES = (re.compile(r"(?<!\d)(20\d{2})[/-](\d{2})[/-](\d{2})(?!\d)"),
          re.compile(r"(?<![\d])(20\d{2})(\d{2})(\d{2})(?!\d)"))


def _layout_text(design, tr, units) -> str:
    from ...core.layout import compute_layout

    lay = compute_layout(design)
    args = dict(packing=tr(design.layout.packing), gap=setting("length", design.layout.gap, units),
                n=lay.modules, shape="×".join(str(v) for v in lay.group_shape))
    if lay.modules > 1:
        columns = max(lay.modules_per_row, 1)
        rows = -(-lay.modules // columns)
        return tr("{packing} packing, {gap} gap, {n} modules in {rows} × {columns}, groups of "
                  "{shape} cells").format(rows=rows, columns=columns, **args)
    return tr("{packing} packing, {gap} gap, {n} module(s), groups of {shape} cells").format(**args)


def _interconnect_text(design, tr, units) -> str:
    ic = design.interconnect

    def mohm(v):
        return setting("resistance", v, units)

    if ic.busbar is not None and not ic.busbar_segment_given:
        return tr("cell connection {a}, {material} busbars {t} × {w} mm (segments from the "
                  "layout), terminal {c} each; terminals on the {side} side").format(
            a=mohm(ic.cell_connection), material=tr(ic.busbar.material),
            t=f"{ic.busbar.thickness * 1e3:g}", w=f"{ic.busbar.width * 1e3:g}",
            c=mohm(ic.terminal), side=tr(ic.terminal_side))
    return tr("cell connection {a}, busbar segment {b}, terminal {c} each; "
              "terminals on the {side} side").format(
        a=mohm(ic.cell_connection), b=mohm(ic.busbar_segment), c=mohm(ic.terminal),
        side=tr(ic.terminal_side))


def source_urls(source: str) -> list[str]:
    return [u.rstrip(".,;)") for u in _URL.findall(source or "")]


def _date_in(url: str) -> str:
    for rx in _DATES:
        m = rx.search(url)
        if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
            return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return ""


def _site(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def citation(cell, tr=str) -> str:
    """The cell's source as a reader cites it (maker, kind of document, date, site), URLs left
    for the notes: "CATL, manufacturer's announcement (catl.com, undated); trade press report
    (powerprogress.com, undated)".  A source without URLs is printed as it is."""
    urls = source_urls(cell.source)
    if not urls:
        return cell.source or "—"
    maker_key = re.sub(r"[^a-z0-9]", "", (cell.maker or "").lower())
    parts = []
    for u in urls:
        site = _site(u)
        host_key = re.sub(r"[^a-z0-9]", "", site.split(".")[0] if site else "")
        own = bool(maker_key) and bool(host_key) and (maker_key in host_key or
                                                      host_key in maker_key)
        if own:
            kind = "manufacturer's publication"
        elif "doi.org" in site or "pubs." in site or "bibliothek" in site:
            kind = "scientific publication"
        elif "github" in site:
            kind = "public data repository"
        else:
            kind = "trade press report"
        date = _date_in(u) or "undated"
        parts.append((own, kind, site, date))
    text = "; ".join(f"{tr(k)} ({s}, {tr(d)})" for _own, k, s, d in parts)
    return f"{cell.maker}, {text}" if cell.maker else text


def cell_table(ctx: Context, width: float):
    design, st, tr, units = ctx.design, ctx.st, ctx.tr, ctx.units
    c = design.cell
    est = set(c.estimated)

    def m(*keys):
        return DAGGER if est & set(keys) else ""

    if c.form_factor == "cylindrical":
        dims = f"Ø {c.diameter * 1e3:.4g} × {c.height * 1e3:.4g} mm"
    else:
        dims = f"{c.length * 1e3:.4g} × {c.width * 1e3:.4g} × {c.height * 1e3:.4g} mm"
    rows = [
        ("Cell", f"{c.maker} {c.model} (id {c.id})", ""),
        ("Format", f"{tr(c.form_factor)}, {dims}", m("form_factor", "diameter", "length",
                                                     "width", "height")),
        ("Chemistry", f"{c.cathode} / {c.anode}", m("cathode", "anode", "chemistry")),
        ("Nominal voltage", f"{c.nominal_voltage:.4g} V", m("nominal_voltage")),
        ("Voltage window", f"{c.min_voltage:.4g} – {c.max_voltage:.4g} V",
         m("min_voltage", "max_voltage")),
        ("Capacity", f"{c.capacity_ah:.4g} {pretty_unit('A*h')}", m("capacity")),
        ("Resistance (R0)", f"{c.resistance * 1e3:.4g} {pretty_unit('mohm')}",
         m("resistance")),
        ("Max. current (cont.)", f"{c.max_continuous_discharge_current:.4g} A "
         f"{tr('discharge')}, {c.max_continuous_charge_current:.4g} A {tr('charge')}",
         m("max_continuous_discharge_current", "max_continuous_charge_current")),
        ("Mass", setting("mass", c.mass, {"mass": "g", **(units or {})}), m("mass")),
        ("Temperatures", f"{tr('charge')} {temp(c.charge_temperature[0], units)} … "
         f"{temp(c.charge_temperature[1], units)}, {tr('discharge')} "
         f"{temp(c.discharge_temperature[0], units)} … "
         f"{temp(c.discharge_temperature[1], units)}",
         m("charge_temperature", "discharge_temperature")),
    ]
    if c.peak_discharge_current:
        dur = (f" ({c.peak_discharge_duration:.3g} s)" if c.peak_discharge_duration else "")
        rows.insert(8, ("Peak discharge current", f"{c.peak_discharge_current:.4g} A{dur}",
                        m("peak_discharge_current")))
    if c.cycle_life:
        rows.append(("Cycle life", f"{c.cycle_life:,.0f} {tr('cycles')}", m("cycle_life")))
    conf = f" ({tr('data confidence')}: {tr(c.confidence)})" if c.confidence else ""
    rows.append(("Source", citation(c, tr) + conf, ""))
    trs = [[Para(tr(k, sep="\n"), st["cellb"]), Para(v, st["cell"]), Para(mk, st["cellc"])]
           for k, v, mk in rows]
    return grid_table(trs, [width * 0.31, width * 0.63, width * 0.06], header_rows=0)


def design_table(ctx: Context, width: float):
    design, st, tr, units = ctx.design, ctx.st, ctx.tr, ctx.units
    th, an = design.thermal, design.analysis

    topology = {"series-groups": "parallel groups connected in series",
                "parallel-strings": "series strings joined at the pack terminals"}
    rows = [
        ("Configuration", tr("{s} in series × {p} in parallel ({n} cells)").format(
            s=design.series, p=design.parallel, n=design.cell_count)),
        ("Topology", tr(topology.get(design.topology, design.topology))),
        ("Interconnect", _interconnect_text(design, tr, units)),
        ("Layout", _layout_text(design, tr, units)),
        ("Overheads", ", ".join(o.name for o in design.overheads) or tr("none (cells only)")),
        ("Thermal model", tr("ambient {t}, heat transfer {h}").format(
            t=temp(th.ambient_temperature, units),
            h=setting("heat_transfer_coefficient", th.heat_transfer_coefficient, units, 3))),
        ("Analysis", tr("SOC window {lo} – {hi}, load {c}C").format(
            lo=f"{an.soc_window[0]:.0%}", hi=f"{an.soc_window[1]:.0%}", c=f"{an.load_c_rate:g}")),
    ]
    trs = [[Para(tr(k, sep="\n"), st["cellb"]), Para(v, st["cell"])] for k, v in rows]
    return grid_table(trs, [width * 0.28, width * 0.72], header_rows=0)


def section(ctx: Context) -> list:
    from reportlab.platypus import KeepTogether

    half = ctx.half
    return [KeepTogether([
        ctx.heading("Cell and pack construction"),
        side_by_side([Para(ctx.tr("Cell"), ctx.st["h2"]), cell_table(ctx, half)],
                     [Para(ctx.tr("Pack"), ctx.st["h2"]), design_table(ctx, half)],
                     ctx.width)])]


def source_note(cell) -> str:
    """For the notes: the cell's source with its URLs, as the cell file gives it."""
    urls = source_urls(cell.source)
    return ", ".join(urls) if urls else ""
