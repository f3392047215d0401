"""What the simulator can resolve, and which input is to blame when it cannot.

The nodal matrix is solved in double precision: a branch whose conductance is more than 10¹²
times smaller than its neighbours' vanishes below the rounding of the others (the Cholesky
factor loses positive definiteness), and a resistance table that spans more than that range, or
holds a non-finite value, gives the chord-Newton loop nothing it can contract on.  These are
bad inputs, not internal errors: each check below raises `InputError` naming the design or
cell field (or the profile) that drives the circuit there.
"""

from __future__ import annotations

import numpy as np

from ..units import InputError

RANGE = 1e12  # the largest conductance ratio the nodal solve resolves


def _fmt(x: float) -> str:
    return f"{x:.3g}"


def check_cell_tables(design) -> None:
    """The cell's R0 tables are finite and within RANGE of its `resistance`."""
    cell = design.cell
    r_ref = float(np.min(design.cell_array("resistance")))
    r_max = float(np.max(design.cell_array("resistance")))
    if not (np.isfinite(r_max) and r_ref > 0):
        raise InputError("resistance", f"expected a finite positive resistance, got "
                                       f"{_fmt(r_max if r_ref > 0 else r_ref)} ohm")
    tables = []
    if cell.r0_rate is not None:
        tables.append(("r0_rate.resistance", cell.r0_rate.arrays()[2]))
    if cell.r0_soc is not None:
        tables.append(("r0_soc.resistance", cell.r0_soc.arrays()[1]))
    for field, r in tables:
        bad = ~np.isfinite(r)
        if bad.any():
            raise InputError(field, f"holds a value the simulation cannot use "
                                    f"({_fmt(float(r[bad].flat[0]))} ohm): every resistance "
                                    "must be finite")
        ratio = r / cell.resistance
        if ratio.max() > RANGE ** 0.5 or ratio.min() < RANGE ** -0.5:
            k = int(np.argmax(np.abs(np.log(ratio))))
            raise InputError(field, f"{_fmt(float(r.flat[k]))} ohm is "
                                    f"{_fmt(float(ratio.flat[k]))} times the cell's resistance "
                                    f"{_fmt(cell.resistance)} ohm: a table spanning more than "
                                    f"10⁶ either way cannot be simulated (the pack circuit "
                                    "would not resolve it)")


def check_branches(design, net, branch_resistance: np.ndarray) -> None:
    """The branch resistances (R0 chord + RC + cell_connection, flat) and the busbar segments
    of `net` form a matrix that double precision resolves."""
    rb = np.asarray(branch_resistance, float)
    if not np.all(np.isfinite(rb)) or np.any(rb <= 0):
        raise InputError(_cell_field(design), "the cells' resistances give a non-finite or "
                                              "non-positive branch resistance in the pack "
                                              "circuit")
    g_lo, g_hi = 1.0 / rb.max(), 1.0 / rb.min()
    if g_hi / g_lo > RANGE:
        raise InputError(_cell_field(design),
                         f"the cells' branch resistances span {_fmt(rb.min())} to "
                         f"{_fmt(rb.max())} ohm, more than 10¹² apart: the pack circuit cannot "
                         "be solved")
    if net.seg_r.size:
        r_seg = float(net.seg_r.min())
        if 1.0 / r_seg / g_lo > RANGE:
            field = "interconnect.busbar" if design.interconnect.busbar is not None and \
                not design.interconnect.busbar_segment_given else "interconnect.busbar_segment"
            if rb.max() > 1.0:
                field = _cell_field(design)
            raise InputError(field, f"a busbar segment of {_fmt(r_seg)} ohm beside a cell "
                                    f"branch of {_fmt(rb.max())} ohm: more than 10¹² apart, "
                                    "the pack circuit cannot be solved")


def _cell_field(design) -> str:
    cell = design.cell
    if any("resistance" in dict(o.values) or "impedance_factor" in dict(o.values)
           for o in design.cell_overrides):
        return "cell_overrides.resistance"
    if cell.r0_rate is not None:
        return "r0_rate.resistance"
    if cell.r0_soc is not None:
        return "r0_soc.resistance"
    return "resistance"


def no_solution(design, st, dem, k: int) -> InputError:
    """The error for a step whose chord-Newton loop found no solution after every retry (at
    cell k, flat): the cells' model admits none at the demand (a resistance table whose drop
    jumps or falls away, a demand beyond what the cells can give)."""
    s, p = divmod(k % (design.series * design.parallel), design.parallel)
    what = {"current": "current", "power": "power", "cccv": "CC-CV charge"}.get(dem.mode,
                                                                                dem.mode)
    where = (f"cell s{s} p{p} at SOC {float(st.soc[k]):.3g}, {float(st.current[k]):.4g} A, "
             f"{float(st.T[k]) - 273.15:.1f} °C")
    field = "profile"
    cell = design.cell
    if cell.r0_rate is not None or cell.r0_soc is not None:
        field = _cell_field(design)
    return InputError(field, f"the pack circuit has no solution at the demanded {what} "
                             f"{dem.value:.4g} ({where}): the cell's resistance model gives no "
                             "voltage that meets it; check the resistance tables and the "
                             "profile")
