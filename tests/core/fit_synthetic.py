"""Synthetic cycler runs made by the project's own simulator from a known cell, with noise."""

from __future__ import annotations

import hashlib

import numpy as np

from naion_designer.core.cell import Cell, RCPair, Table1D
from naion_designer.core.fit import Run
from naion_designer.core.pack import PackDesign
from naion_designer.core.profiles import constant_current, rest
from naion_designer.core.simulate import simulate

OCV_SOC = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
OCV_V = (2.05, 2.6, 2.8, 2.95, 3.05, 3.12, 3.2, 3.28, 3.38, 3.5, 3.66, 3.9)


def known_cell(r0=0.010, rc=((0.005, 20.0), (0.008, 600.0)), resistance_factor=None) -> Cell:
    return Cell(id="known", maker="test", model="known", form_factor="cylindrical",
                cathode="x", anode="y", source="test", nominal_voltage=3.1,
                capacity=12 * 3600.0, max_voltage=3.95, min_voltage=2.0, resistance=r0,
                max_continuous_discharge_current=36.0, max_continuous_charge_current=12.0,
                mass=0.38, diameter=0.032, height=0.14,
                ocv=Table1D(OCV_SOC, OCV_V),
                rc=tuple(RCPair(r, tau / r) for r, tau in rc),
                temp_resistance_factor=resistance_factor)


def run_from(cell: Cell, profile, name: str, dt: float = 2.0, noise_v: float = 1e-3,
             noise_i: float = 1e-3, seed: int = 0, soc0: float = 1.0,
             ambient: float | None = None, logged_temperature: bool = False) -> Run:
    res = simulate(PackDesign(cell=cell, series=1, parallel=1), profile, dt=dt, soc0=soc0,
                   per_cell=False, ambient=ambient)
    rng = np.random.default_rng(seed)
    t = np.asarray(res.time, float)
    # the cycler logs the current it held over the following interval
    i = np.asarray(res.pack_current, float)
    i = i * (1 + noise_i * rng.standard_normal(len(i)))
    v = np.asarray(res.pack_voltage, float) + noise_v * rng.standard_normal(len(t))
    keep = np.concatenate([np.diff(t) > 1e-9, [True]])
    temp = np.asarray(res.max_cell_temperature, float)[keep] if logged_temperature else None
    return Run(name, hashlib.sha256(name.encode()).hexdigest(), t[keep] - t[0], i[keep],
               v[keep], temp)


def gitt(cell: Cell, pulses: int = 9, rate: float = 1.0, pulse_s: float = 360.0,
         rest_s: float = 1800.0):
    i = rate * cell.capacity_ah
    p = rest(600.0)
    for _ in range(pulses):
        p = p + constant_current(i, pulse_s) + rest(rest_s)
    return p
