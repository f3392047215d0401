"""What breaks a cell limit, which failed target check marks which calc figure, and inputs that
make the figures absurd (no Qt: the CLI, the GUI and the PDF share these)."""

from dataclasses import replace

import pytest

from naion_designer.core.checks import check_design
from naion_designer.core.electrical import calculate
from naion_designer.core.limits import check_violations, violations, warnings
from naion_designer.core.pack import Analysis, Interconnect, Overhead, PackDesign
from naion_designer.core.targets import Target
from naion_designer.io.cell_file import read_cell_file


@pytest.fixture
def cell(example_cell_path):
    return read_cell_file(example_cell_path)


def test_a_load_above_the_cells_limit_is_flagged(cell):
    ok = PackDesign(cell=cell, series=4, parallel=2)
    assert "load_current" not in violations(ok, calculate(ok))
    # 4C of 24 Ah = 96 A, above 2 × 36 A
    hot = replace(ok, analysis=Analysis(load_c_rate=4.0))
    why = violations(hot, calculate(hot))
    assert "72 A for 2P" in why["load_current"]


def test_a_voltage_under_load_below_the_cut_off_is_flagged(cell):
    weak = replace(cell, resistance=0.2)  # 200 mΩ: 24 A × 4 × 0.2 / 2 V of sag
    d = PackDesign(cell=weak, series=4, parallel=2)
    r = calculate(d)
    assert r.value("voltage_under_load") < r.value("min_voltage")
    assert "below the pack's minimum voltage" in violations(d, r)["voltage_under_load"]


def test_failed_checks_mark_their_calc_figure(cell):
    d = PackDesign(cell=cell, series=16, parallel=2)
    r = calculate(d)
    t = Target(id="t", name="T", voltage_min=30.0, voltage_max=70.0, usable_energy=100e3 * 3600,
               max_mass=1.0, continuous_power=1e6)
    marked = check_violations(check_design(d, t, r))
    assert "pack mass" in marked["mass"]  # the check reads calc's mass
    # the power at the end of the window is a target figure, not a calc row to mark
    assert "window_continuous_power" not in marked
    assert "max_continuous_discharge_power" not in marked


def test_an_absurd_terminal_resistance_is_named(cell):
    """1.5e11 mΩ at a terminal (a unit slip) gave −3.1e10 V under load: warned, field named."""
    d = PackDesign(cell=cell, series=16, parallel=1,
                   interconnect=Interconnect(terminal=1.5e11 * 1e-3))
    r = calculate(d)
    found = warnings(d, r)
    assert [f for f, _ in found] == ["interconnect.terminal", "resistance"]
    assert "check the value and its unit" in found[0][1]
    sane = PackDesign(cell=cell, series=16, parallel=1, interconnect=Interconnect(terminal=1e-4))
    assert warnings(sane, calculate(sane)) == []


def test_an_absurd_overhead_is_named(cell):
    d = PackDesign(cell=cell, series=4, parallel=1,
                   overheads=(Overhead("BMS", mass=0.2), Overhead("enclosure", mass=300.0)))
    found = warnings(d, calculate(d))
    assert [f for f, _ in found] == ["overheads[1]"] and "'enclosure'" in found[0][1]
