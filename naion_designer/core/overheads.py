"""Default overheads of a new design by application class: what a pack carries besides its cells
(BMS and wiring, busbars, enclosure and structure) as fractions of the cell mass and of the
cell-layout envelope volume.

Real packs reach about 80–85 % of their cells' specific energy (HiNa's Sehol E10X pack: 120 Wh/kg
from 140 Wh/kg cells, i.e. overheads of 140/120 − 1 = 17 % of the cell mass).  The split into
BMS, busbars and enclosure and the volume fractions are engineering assumptions anchored to that
range, not measurements; a design states its own overheads, and these only seed a new one.
"""

from __future__ import annotations

from .pack import Overhead
from .units import InputError

# class -> (description, ((name, mass fraction, volume fraction), ...))
_CLASSES: dict[str, tuple[str, tuple[tuple[str, float, float], ...]]] = {
    "none": ("no overheads: the pack is its cells (mass = cell mass)", ()),
    "generic": ("a pack of unknown use: 20 % of the cell mass, pack at 83 % of cell Wh/kg",
                (("BMS and wiring", 0.03, 0.0), ("busbars", 0.04, 0.0),
                 ("enclosure", 0.13, 0.25))),
    "vehicle": ("traction pack of a car, low-speed or special vehicle: 17 %, 85 % of cell Wh/kg "
                "(as HiNa's Sehol pack, 120 of 140 Wh/kg)",
                (("BMS and wiring", 0.02, 0.0), ("busbars", 0.04, 0.0),
                 ("enclosure and structure", 0.11, 0.20))),
    "two-wheeler": ("e-bike, e-moped or scooter pack: 18 %, 85 % of cell Wh/kg",
                    (("BMS and wiring", 0.03, 0.0), ("busbars", 0.03, 0.0),
                     ("enclosure", 0.12, 0.25))),
    "stationary": ("home, commercial, grid or telecom storage in a cabinet or rack: 25 %, 80 % "
                   "of cell Wh/kg",
                   (("BMS and wiring", 0.03, 0.0), ("busbars", 0.04, 0.0),
                    ("enclosure and rack", 0.18, 0.30))),
    "industrial": ("forklift or machine pack in a steel tray: 25 %, 80 % of cell Wh/kg",
                   (("BMS and wiring", 0.02, 0.0), ("busbars", 0.04, 0.0),
                    ("steel tray", 0.19, 0.30))),
    "portable": ("portable power station or small pack: 20 %, 83 % of cell Wh/kg",
                 (("BMS and wiring", 0.04, 0.0), ("busbars", 0.02, 0.0),
                  ("enclosure", 0.14, 0.30))),
}
APPLICATION_CLASSES = {k: v[0] for k, v in _CLASSES.items()}
DEFAULT_CLASS = "generic"


def default_overheads(application: str = DEFAULT_CLASS) -> tuple[Overhead, ...]:
    """The overheads a new design of an application class starts with."""
    if application not in _CLASSES:
        raise InputError("application", f"expected one of {', '.join(_CLASSES)}, got "
                                        f"'{application}'")
    return tuple(Overhead(f"{name} ({application} default)", mass_fraction=m, volume_fraction=v)
                 for name, m, v in _CLASSES[application][1])


def mass_fraction(application: str) -> float:
    """The total overhead mass of a class as a fraction of the cell mass."""
    return sum(o.mass_fraction for o in default_overheads(application))
