"""The `calc` figures the layout brings: the arrangement chosen (group block, groups per row,
module grid), the fit in the envelope and the busbars from geometry."""

from __future__ import annotations

from ..pack import PackDesign
from ..results import Quantity, Results
from .busbars import busbar_geometry, strip_mass, strip_resistance
from .geometry import PackLayout


def layout_results(design: PackDesign, lay: PackLayout) -> Results:
    r = Results()
    rows, cols = lay.group_shape
    module_rows = -(-lay.modules // lay.modules_per_row)
    for name, v in (("group_rows", rows), ("group_columns", cols),
                    ("groups_per_row", lay.groups_per_row), ("empty_slots", lay.empty_slots),
                    ("modules", lay.modules), ("module_rows", module_rows),
                    ("modules_per_row", lay.modules_per_row)):
        r[name] = Quantity(float(v), "dimensionless")
    if lay.fits is not None:
        r["fits_envelope"] = Quantity(float(lay.fits), "bool")
        if not lay.fits:
            r["fit_shortfall"] = Quantity(max(lay.shortfall), "length")
            for name, v in zip(("length", "width", "height"), lay.shortfall, strict=True):
                r[f"fit_shortfall_{name}"] = Quantity(v, "length")
    ic = design.interconnect
    if ic.busbar is not None:
        seg = ic.busbar_segment if ic.busbar_segment_given else \
            float(strip_resistance(ic.busbar, lay.footprint.pitch_x))
        r["busbar_segment_resistance"] = Quantity(seg, "resistance")
        geo = busbar_geometry(lay, design.topology)
        r["busbar_mass"] = Quantity(strip_mass(ic.busbar, geo.total_length(design.topology,
                                                                           design.series)),
                                    "mass")
    return r
