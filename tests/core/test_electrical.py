"""Hand-checked steady-state figures (the `calc` results of the contract)."""

import numpy as np
import pytest

from naion_designer.core.electrical import calculate
from naion_designer.core.pack import CellOverride, Interconnect, Layout, Overhead, PackDesign
from naion_designer.io.cell_file import read_cell_file
from naion_designer.io.library import library

from .nodal_reference import potentials, stamp


def test_210ah_16s1p_is_51v2_10kwh752():
    d = PackDesign(cell=library().get("generic-nfpp-210ah"), series=16, parallel=1)
    r = calculate(d)
    assert r.value("nominal_voltage") == pytest.approx(51.2)
    assert r.value("energy") == pytest.approx(10.752e3 * 3600)
    assert r.value("capacity") == pytest.approx(210 * 3600)


@pytest.mark.parametrize("cell_id", ["tob-18650-c-na", "hina-nacr32140-me12", "hithium-n162ah",
                                     "hakadi-18650-1500", "hnxn-nacr26700-me35"])
@pytest.mark.parametrize("S, P", [(1, 1), (13, 4), (24, 7)])
def test_contract_figures_by_hand(cell_id, S, P):
    c = library().get(cell_id)
    r = calculate(PackDesign(cell=c, series=S, parallel=P))
    assert r.value("nominal_voltage") == pytest.approx(c.nominal_voltage * S)
    assert r.value("max_voltage") == pytest.approx(c.max_voltage * S)
    assert r.value("min_voltage") == pytest.approx(c.min_voltage * S)
    assert r.value("capacity") == pytest.approx(c.capacity * P)
    assert r.value("energy") == pytest.approx(c.nominal_voltage * S * c.capacity * P)
    assert r.value("cell_mass") == pytest.approx(c.mass * S * P)
    assert r.value("mass") == pytest.approx(c.mass * S * P)  # no overheads defined
    assert r.value("cells_resistance") == pytest.approx(c.resistance * S / P)
    assert r.value("resistance") == pytest.approx(c.resistance * S / P)  # no interconnect
    i = c.max_continuous_discharge_current * P
    assert r.value("max_continuous_discharge_current") == pytest.approx(i)
    assert r.value("max_continuous_discharge_power") == pytest.approx(i * c.min_voltage * S)
    assert r.value("max_continuous_charge_current") == pytest.approx(
        c.max_continuous_charge_current * P)
    assert r.value("heat_at_max_continuous_discharge") == pytest.approx(i**2 * c.resistance * S / P)
    assert r.value("specific_energy") == pytest.approx(r.value("energy") / r.value("mass"))
    assert r.value("energy_density") == pytest.approx(r.value("energy") / r.value("volume"))
    # the envelope holds the cells
    assert r.value("volume") > c.volume * S * P


def test_interconnect_by_hand_1s2p():
    """1S2P, terminals on the same side: cell 0 sees R0+Rc, cell 1 also two busbar segments."""
    c = read_cell_file("tests/data/example-na-32140.toml")
    ic = Interconnect(cell_connection=0.2e-3, busbar_segment=0.1e-3, terminal=0.01e-3)
    d = PackDesign(cell=c, series=1, parallel=2, interconnect=ic)
    r0 = c.resistance + 0.2e-3
    r1 = r0 + 2 * 0.1e-3
    expected = r0 * r1 / (r0 + r1) + 2 * 0.01e-3
    res = calculate(d)
    assert res.value("resistance") == pytest.approx(expected, rel=1e-9)
    assert res.value("max_cell_current_share") == pytest.approx(2 * r1 / (r0 + r1))
    # opposite terminals: both paths have one segment, the shares are equal
    d2 = d.evolve(interconnect=Interconnect(0.2e-3, 0.1e-3, 0.01e-3, "opposite"))
    r = r0 + 0.1e-3
    assert calculate(d2).value("resistance") == pytest.approx(r / 2 + 2e-5, rel=1e-9)


def test_network_matches_a_dense_reference_solution():
    """The structured solver against a textbook nodal analysis written out here."""
    c = read_cell_file("tests/data/example-na-32140.toml")
    rng = np.random.default_rng(3)
    S, P = 5, 4
    overrides = tuple(CellOverride(s, p, (("resistance", float(rng.uniform(1e-3, 3e-3))),))
                      for s in range(S) for p in range(P))
    for topology in ("series-groups", "parallel-strings"):
        for side in ("same", "opposite"):
            ic = Interconnect(0.3e-3, 0.15e-3, 0.05e-3, side)
            d = PackDesign(cell=c, series=S, parallel=P, topology=topology, interconnect=ic,
                           cell_overrides=overrides, layout=Layout(group_shape=(P, 1)))
            rc = d.cell_array("resistance") + ic.cell_connection
            node = lambda b, p: b * P + p  # noqa: E731
            n = (S + 1) * P
            G = np.zeros((n, n))
            for s in range(S):
                for p in range(P):
                    stamp(G, node(s, p), node(s + 1, p), 1 / rc[s, p])
            for b in range(S + 1):
                if topology == "series-groups" or b in (0, S):
                    for p in range(P - 1):
                        stamp(G, node(b, p), node(b, p + 1), 1 / ic.busbar_segment)
            pos = node(S, 0 if side == "same" else P - 1)
            expected = potentials(G, pos)[pos] + 2 * ic.terminal
            assert calculate(d).value("resistance") == pytest.approx(expected, rel=1e-9)


def test_overheads_make_pack_figures():
    c = library().get("hina-nacr32140-me12")
    base = PackDesign(cell=c, series=20, parallel=5)
    d = base.evolve(overheads=(Overhead("BMS", mass=0.8), Overhead("enclosure", mass_fraction=0.15,
                                                                    volume_fraction=0.1)))
    r0, r = calculate(base), calculate(d)
    assert r.value("mass") == pytest.approx(r0.value("cell_mass") * 1.15 + 0.8)
    assert r.value("volume") == pytest.approx(r0.value("volume") * 1.1)
    assert r.value("specific_energy") < r0.value("specific_energy")


def test_weakest_group_limits_capacity_and_current():
    c = library().get("tob-18650-c-na")
    d = PackDesign(cell=c, series=3, parallel=2, cell_overrides=(
        CellOverride(1, 0, (("capacity", 1.0 * 3600), ("max_continuous_discharge_current", 2.0))),))
    r = calculate(d)
    assert r.value("capacity") == pytest.approx((1.0 + c.capacity_ah) * 3600)
    assert r.value("max_continuous_discharge_current") == pytest.approx(
        2.0 + c.max_continuous_discharge_current)


def test_cost_is_currency_aware():
    c = library().get("generic-nfpp-210ah")
    r = calculate(PackDesign(cell=c, series=16, parallel=1))
    assert c.price is not None
    assert r["cell_cost"].unit == c.currency
    per_kwh = r.value("cell_cost") / (r.value("energy") / 3.6e6)
    assert r.value("cost_per_energy") == pytest.approx(per_kwh)


def test_usable_energy_window_and_runtime():
    c = library().get("hakadi-18650-1500")
    full = calculate(PackDesign(cell=c, series=14, parallel=3))
    from naion_designer.core.pack import Analysis
    part = calculate(PackDesign(cell=c, series=14, parallel=3,
                                analysis=Analysis(soc_window=(0.1, 0.9), runtime_power=500.0)))
    assert part.value("usable_energy") < full.value("usable_energy")
    # open-circuit energy of the measured OCV: integral of the table over SOC × Q × S
    s, v = c.ocv.arrays()
    expected = np.trapezoid(v, s) * c.capacity * 3 * 14
    assert full.value("usable_energy") == pytest.approx(expected, rel=1e-9)
    assert part.value("runtime") == pytest.approx(part.value("usable_energy") / 500.0)


def _adiabatic(design):
    from dataclasses import replace

    return replace(design, thermal=replace(design.thermal, heat_transfer_coefficient=0.0,
                                           neighbour_conductance=0.0))


def test_sustained_heat_by_hand(example_cell_path):
    """I² × (R0 + RC) per cell, plus the interconnect, plus −I·T·dOCV/dT per cell."""
    from dataclasses import replace

    c = replace(read_cell_file(example_cell_path), entropic_coefficient=-0.2e-3)
    d = PackDesign(cell=c, series=4, parallel=2, interconnect=Interconnect(terminal=1e-3))
    r = calculate(d)
    i = 2 * 36.0
    r_settled = 4 * (2e-3 + 1e-3) / 2 + 2 * 1e-3
    t_amb = d.thermal.ambient_temperature
    reversible = -4 * i * t_amb * c.entropic_coefficient  # S cells carry the pack current
    assert r.value("sustained_heat_at_max_continuous_discharge") == pytest.approx(
        i**2 * r_settled + reversible)
    # the contract's figure stays I² × the pack DC resistance
    assert r.value("heat_at_max_continuous_discharge") == pytest.approx(
        i**2 * (4 * 2e-3 / 2 + 2e-3))
    # the cells alone heat adiabatically: no terminal loss in their heat
    cells_heat = i**2 * 4 * 3e-3 / 2 + reversible
    assert r.value("adiabatic_temperature_rise_rate") == pytest.approx(
        cells_heat / (8 * c.mass * c.specific_heat))


@pytest.mark.parametrize("cell_ref, S, P", [("example", 4, 2), ("generic-nfpp-210ah", 2, 1)])
def test_adiabatic_rise_matches_the_simulation(cell_ref, S, P, example_cell_path):
    """calc's adiabatic rise = simulate's dT/dt without cooling once the RC pairs settled (calc
    takes the resistance at the ambient temperature, so the cell's resistance-temperature table
    is left out here: the simulated cell warms by several kelvins while its RC pairs settle)."""
    from dataclasses import replace

    from naion_designer.core.profiles import parse_builtin
    from naion_designer.core.simulate import simulate

    cell = read_cell_file(example_cell_path) if cell_ref == "example" else \
        library().get(cell_ref)
    cell = replace(cell, temp_resistance_factor=None)
    d = _adiabatic(PackDesign(cell=cell, series=S, parallel=P))
    r = calculate(d)
    i = r.value("max_continuous_discharge_current")
    tau = max((p.tau for p in cell.rc), default=1.0)
    t_settle = 6 * tau
    t_end = t_settle + min(120.0, 0.05 * r.value("capacity") / i)
    soc0 = 0.5 + 0.5 * i * t_end / r.value("capacity")  # centred on mid SOC
    res = simulate(d, parse_builtin(f"cc:{i}A"), dt=1.0, soc0=min(soc0, 1.0), per_cell=False,
                   max_duration=t_end)
    t = res.time
    k0, k1 = np.searchsorted(t, t_settle), len(t) - 1
    rate = (res.max_cell_temperature[k1] - res.max_cell_temperature[k0]) / (t[k1] - t[k0])
    assert rate == pytest.approx(r.value("adiabatic_temperature_rise_rate"), rel=0.03)


def test_voltage_under_load_includes_the_settled_polarisation(example_cell_path):
    from naion_designer.core.profiles import parse_builtin
    from naion_designer.core.simulate import simulate

    d = PackDesign(cell=read_cell_file(example_cell_path), series=4, parallel=2)
    r = calculate(d)
    i = r.value("load_current")
    t_settle = 60.0  # 6 τ of the 10 s RC pair
    soc0 = 0.5 + i * t_settle / r.value("capacity")  # at 50 % SOC when settled
    res = simulate(d, parse_builtin(f"cc:{i}A"), dt=1.0, soc0=soc0, per_cell=False,
                   max_duration=t_settle)
    assert res.pack_voltage[-1] == pytest.approx(r.value("voltage_under_load"), rel=2e-3)
    ocv50 = 4 * 3.2
    assert r.value("voltage_under_load") == pytest.approx(ocv50 - i * 4 * 3e-3 / 2)


def _weak_cell(d, s, p, factor, **more):
    values = (("impedance_factor", factor),) + tuple(more.items())
    return d.evolve(cell_overrides=(CellOverride(s, p, values),))


def test_impedance_factor_by_hand_1s2p(example_cell_path):
    """1S2P, cell (0, 1) with impedance_factor 2: R0 2 and 4 mΩ, R0 + RC 3 and 6 mΩ."""
    from naion_designer.core.electrical import cell_resistances, dc_solution

    c = read_cell_file(example_cell_path)
    d = _weak_cell(PackDesign(cell=c, series=1, parallel=2), 0, 1, 2.0)
    r = calculate(d)
    _, share = dc_solution(d, cell_resistances(d)[0])
    assert share[0, 0] / share[0, 1] == pytest.approx(2.0, rel=1e-9)
    assert r.value("max_cell_current_share") == pytest.approx(4 / 3, rel=1e-9)
    assert r.value("resistance") == pytest.approx(2e-3 * 4e-3 / 6e-3, rel=1e-9)
    assert r.value("cells_resistance") == pytest.approx(2e-3 * 4e-3 / 6e-3, rel=1e-9)
    i = 2 * 36.0
    settled = 3e-3 * 6e-3 / 9e-3
    assert r.value("heat_at_max_continuous_discharge") == pytest.approx(i**2 * 4e-3 / 3)
    assert r.value("sustained_heat_at_max_continuous_discharge") == pytest.approx(
        i**2 * settled, rel=1e-9)
    assert r.value("voltage_under_load") == pytest.approx(
        3.2 - r.value("load_current") * settled, rel=1e-12)
    assert r.value("adiabatic_temperature_rise_rate") == pytest.approx(
        i**2 * settled / (2 * c.mass * c.specific_heat), rel=1e-9)
    # with a resistance override the factor scales the overridden R0 (RC: the cell's, scaled)
    d2 = _weak_cell(d, 0, 1, 2.0, resistance=3e-3)
    r2 = calculate(d2)
    assert r2.value("resistance") == pytest.approx(2e-3 * 6e-3 / 8e-3, rel=1e-9)
    assert r2.value("max_cell_current_share") == pytest.approx(2 * 6 / 8, rel=1e-9)
    assert r2.value("sustained_heat_at_max_continuous_discharge") == pytest.approx(
        i**2 * 3e-3 * 8e-3 / 11e-3, rel=1e-9)


@pytest.mark.parametrize("side", ["same", "opposite"])
def test_impedance_factor_through_the_busbar_sheet_1s2p(side, example_cell_path):
    """The busbar network (the grid solver with unequal cells): cell 0 next to the positive tap
    sees R0 + Rc, cell 1 also the two segments (same side) or one each (opposite side)."""
    c = read_cell_file(example_cell_path)
    ic = Interconnect(cell_connection=0.2e-3, busbar_segment=0.1e-3, terminal=0.01e-3,
                      terminal_side=side)
    d = _weak_cell(PackDesign(cell=c, series=1, parallel=2, interconnect=ic), 0, 1, 2.0)
    segs = (0.0, 2 * 0.1e-3) if side == "same" else (0.1e-3, 0.1e-3)
    ra = 2e-3 + 0.2e-3 + segs[0]
    rb = 4e-3 + 0.2e-3 + segs[1]
    r = calculate(d)
    assert r.value("resistance") == pytest.approx(ra * rb / (ra + rb) + 2e-5, rel=1e-9)
    assert r.value("max_cell_current_share") == pytest.approx(
        2 * max(ra, rb) / (ra + rb), rel=1e-9)


def test_impedance_factor_matches_the_simulation(example_cell_path):
    """calc's voltage under load with a weak cell = the simulated pack voltage once settled."""
    from naion_designer.core.profiles import parse_builtin
    from naion_designer.core.simulate import simulate

    base = PackDesign(cell=read_cell_file(example_cell_path), series=4, parallel=2)
    d = _weak_cell(base, 2, 1, 2.5)
    r = calculate(d)
    assert r.value("voltage_under_load") < calculate(base).value("voltage_under_load")
    i = r.value("load_current")
    t_settle = 60.0
    soc0 = 0.5 + i * t_settle / r.value("capacity")
    res = simulate(d, parse_builtin(f"cc:{i}A"), dt=1.0, soc0=soc0, per_cell=False,
                   max_duration=t_settle)
    assert res.pack_voltage[-1] == pytest.approx(r.value("voltage_under_load"), rel=2e-3)


@pytest.mark.parametrize(("modules", "per_row"), [(1, 0), (4, 2), (4, 3), (5, 2), (3, 9), (4, 0)])
def test_calc_reports_the_module_grid(modules, per_row):
    """modules × (module rows, modules per row) as the layout places them: a row holds
    `modules_per_row` modules (all of them when 0 lets the app choose one row or a grid, or when
    it asks for more than there are)."""
    from naion_designer.core.layout import compute_layout

    cell = library().get("tob-18650-c-na")
    d = PackDesign(cell=cell, series=16, parallel=4,
                   layout=Layout(group_shape=(2, 2), groups_per_row=4, modules=modules,
                                 modules_per_row=per_row))
    r = calculate(d)
    lay = compute_layout(d)
    assert r.value("modules") == modules
    per = r.value("modules_per_row")
    rows = r.value("module_rows")
    assert per == lay.modules_per_row
    if per_row:
        assert per == min(per_row, modules)
    assert rows == -(-modules // per)
    # modules in one row overlap along y and are apart along x, and the other way round for
    # one column: count the bands their extents make
    boxes = [(lay.x[lay.module_of_series == m], lay.y[lay.module_of_series == m])
             for m in range(modules)]
    assert _bands([(x.min(), x.max()) for x, _ in boxes]) == per
    assert _bands([(y.min(), y.max()) for _, y in boxes]) == rows


def _bands(extents):
    """Groups of overlapping intervals."""
    bands, end = 0, -np.inf
    for lo, hi in sorted(extents):
        if lo > end:
            bands += 1
        end = max(end, hi)
    return bands
