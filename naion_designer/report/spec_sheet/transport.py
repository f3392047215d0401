"""Section "Transport, shipping and standards (sodium-ion)"."""

from __future__ import annotations

from ..common import DAGGER, grid_table, is_estimated
from ..common import P as Para
from ..fonts import markup
from .blocks import Context, bullets, quantity


def standards_rows(data) -> list[tuple[str, str, str]]:
    app = ""
    if data.target is not None:
        t = data.target
        app = " ".join((t.application, t.id, t.name)).lower()
    road_ev = any(w in app for w in ("passenger car", "vehicle", "micro-car", "truck", "bus",
                                     "traction"))
    traction = road_ev or any(w in app for w in ("two-wheeler", "forklift", "moped", "bike"))
    stationary = any(w in app for w in ("storage", "stationary", "grid", "home", "ups",
                                        "telecom", "backup", "portable"))
    return [
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


def zero_volt_text(cell) -> str:
    if cell.zero_volt_shipping is True:
        zv = ("<b>0 V shipping: permitted by the cell file.</b> Sodium-ion cells of this type "
              "may be discharged to 0 V and shipped discharged (terminals shorted), which "
              "removes most of the stored energy from the consignment. Confirm with the cell "
              "maker's written shipping instructions before relying on it.")
    elif cell.zero_volt_shipping is False:
        zv = ("<b>0 V shipping: NOT permitted for this cell.</b> The cell file says the maker "
              "forbids storing or shipping it at 0 V (some sodium-ion datasheets do); ship at "
              "the state of charge the maker specifies.")
    else:
        zv = ("<b>0 V shipping: not stated.</b> The cell file does not say whether this cell "
              "tolerates 0 V. Tolerance depends on the electrolyte and chemistry and some "
              "sodium-ion datasheets forbid it: do not ship at 0 V until the maker confirms it.")
    if "zero_volt_shipping" in cell.estimated and cell.zero_volt_shipping is not None:
        zv += f" {DAGGER} (estimated, not from the maker)"
    return zv


def section(ctx: Context) -> list:
    from reportlab.platypus import CondPageBreak, Spacer

    design, res, st, tr, width = ctx.design, ctx.res, ctx.st, ctx.tr, ctx.width
    c = design.cell
    wh = quantity("energy", res.value("energy"), {"energy": "W*h"}, digits=4)
    est = DAGGER if is_estimated(design, "energy") else ""
    out = [CondPageBreak(200), ctx.heading("Transport, shipping and standards (sodium-ion)"),
           Spacer(1, 3)]
    un = [("UN 3551", "Sodium ion batteries with organic electrolyte (class 9)",
           "the pack shipped on its own"),
          ("UN 3552", "Sodium ion batteries contained in equipment, or packed with equipment "
                      "(class 9)", "the pack inside or with the product"),
          ("UN 3558", "Vehicle, sodium ion battery powered", "a vehicle powered by the pack")]
    rows = [[Para(tr(h), st["th"]) for h in ("UN number", "Proper shipping name", "When")]]
    rows += [[Para(n, st["cellb"]), Para(tr(name), st["cell"]), Para(tr(when), st["cell"])]
             for n, name, when in un]
    out += [grid_table(rows, [width * 0.14, width * 0.56, width * 0.30]), Spacer(1, 4)]
    texts = [
        "Sodium-ion batteries have their own UN numbers (in the IATA DGR since 1 January 2025): "
        "do <b>not</b> use the lithium numbers UN 3480, UN 3481 or UN 3171.",
        f"Watt-hour rating for transport documents: <b>{markup(wh)}</b>{est} (nominal voltage × "
        "capacity, from the model). Packing instructions and limits depend on it.",
        "Cells and pack must pass UN 38.3 (T.1–T.8) and a UN 38.3 test summary must be "
        "available; the pack design here has not been tested.",
        zero_volt_text(c),
    ]
    if c.shipping_note:
        texts.append(f"Cell maker's note: {markup(c.shipping_note)}")
    out += bullets(ctx, texts)
    out += [Spacer(1, 5), Para(tr("Standards for the application"), st["h2"])]
    srows = [[Para(tr(h), st["th"]) for h in ("Standard", "Scope", "This pack")]]
    for name, scope, applies in standards_rows(ctx.data):
        srows.append([Para(name, st["cellb"]), Para(tr(scope), st["cell"]),
                      Para(tr(applies), st["cell"])])
    out.append(grid_table(srows, [width * 0.17, width * 0.57, width * 0.26]))
    return out
