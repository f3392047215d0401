"""Cyclers' own formats through the libraries made for them: a BioLogic EC-Lab .mpr built
byte by byte in the layout EC-Lab writes (magic, "VMP Set" and "VMP data" modules, a version 2
data module with column ids 4 time/s, 8 I/mA, 6 Ewe/V), read through galvani (the `cyclers`
and `dev` extras install it and NewareNDA)."""

from __future__ import annotations

import numpy as np
import pytest

from naion_designer.core.units import InputError
from naion_designer.io.cycler import read_run

MAGIC = b"BIO-LOGIC MODULAR FILE\x1a".ljust(48) + b"\x00\x00\x00\x00"
HDR = np.dtype([("shortname", "S10"), ("longname", "S25"), ("length", "<u4"),
                ("version", "<u4"), ("date", "S8")])


def _module(short: bytes, long: bytes, version: int, data: bytes) -> bytes:
    h = np.zeros(1, HDR)
    h["shortname"], h["longname"], h["length"] = short.ljust(10), long.ljust(25), len(data)
    h["version"], h["date"] = version, b"12/01/26"
    return b"MODULE" + h.tobytes() + data


def write_mpr(path, t, i_ma, v) -> None:
    cols = np.array([4, 8, 6], "<u2")  # time/s (f8), I/mA (f4), Ewe/V (f4)
    rec = np.zeros(len(t), np.dtype([("t", "<f8"), ("i", "<f4"), ("v", "<f4")]))
    rec["t"], rec["i"], rec["v"] = t, i_ma, v
    head = np.array([len(t)], "<u4").tobytes() + bytes([len(cols)]) + cols.tobytes()
    data = head.ljust(405, b"\x00") + rec.tobytes()
    path.write_bytes(MAGIC + _module(b"VMP Set", b"VMP settings", 0, b"\x00" * 64)
                     + _module(b"VMP data", b"VMP data", 2, data))


def test_biologic_mpr_through_galvani(tmp_path):
    t = np.arange(0, 100.0, 10.0)
    i_ma = np.full(len(t), -1500.0)  # BioLogic: a discharge is a negative (reduction) current
    v = np.linspace(4.0, 3.5, len(t))
    p = tmp_path / "pulse.mpr"
    write_mpr(p, t, i_ma, v)
    run = read_run(p)
    assert run.source_format == "biologic-mpr"
    np.testing.assert_allclose(run.time, t)
    np.testing.assert_allclose(run.current, 1.5, rtol=1e-6)  # positive = discharge
    np.testing.assert_allclose(run.voltage, v, rtol=1e-6)
    # --current-sign is for CSV files; a cycler's own format carries its convention
    assert read_run(p, "negative-discharge").current[0] == pytest.approx(1.5)


def test_corrupt_vendor_files_are_one_error(tmp_path):
    p = tmp_path / "broken.mpr"
    p.write_bytes(b"not a biologic file at all" * 4)
    with pytest.raises(InputError, match="broken.mpr: not a readable BioLogic .mpr file"):
        read_run(p)
    n = tmp_path / "broken.ndax"
    n.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(InputError, match="broken.ndax: not a readable Neware file"):
        read_run(n)
