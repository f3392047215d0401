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


def write_nda(path, steps) -> None:
    """A Neware BTS .nda (version 29) in the layout NewareNDA reads: the 'NEWARE' magic, the
    version byte at offset 14, zeros, then contiguous 86-byte records (0x55 0x00, index, cycle, step, status,
    step time in ms, voltage in 0.1 mV, current in the range's unit, capacities, date, range).
    steps: (status, [(step time s, V, mA), ...])."""
    import struct

    head = bytearray(1024)
    head[0:6] = b"NEWARE"
    head[14] = 29
    body = b""
    index = 0
    for k, (status, rows) in enumerate(steps, start=1):
        for ts, v, ma in rows:
            index += 1
            r = bytearray(86)
            r[0:2] = b"\x55\x00"
            struct.pack_into("<IIHB", r, 2, index, 0, k, status)
            struct.pack_into("<Qii", r, 14, int(ts * 1000), int(round(v * 10000)),
                             int(round(ma / 1e-2)))  # range -2000: 0.01 mA per unit
            struct.pack_into("<HBBBBB", r, 70, 2026, 12, 1, 8, 0, 0)
            struct.pack_into("<i", r, 78, -2000)
            body += bytes(r)
    path.write_bytes(bytes(head) + body)


def test_neware_nda_through_newarenda(tmp_path):
    rest = (4, [(float(s), 4.0, 0.0) for s in range(0, 60, 10)])
    dis = (2, [(float(s), 3.9 - 0.001 * s, -1500.0) for s in range(0, 120, 10)])
    p = tmp_path / "cycle.nda"
    write_nda(p, [rest, dis])
    run = read_run(p)
    assert run.source_format == "neware"
    # step times restart with each step; the total time keeps counting
    assert run.time[0] == 0 and np.all(np.diff(run.time) > 0)
    # (the new step's first record has step time 0 and the same wall-clock second: the gap is
    # taken as the usual 10 s sampling interval)
    np.testing.assert_allclose(run.time, np.arange(0.0, 180.0, 10.0))
    np.testing.assert_allclose(run.current[:6], 0.0)
    np.testing.assert_allclose(run.current[6:], 1.5, rtol=1e-6)  # positive = discharge
    np.testing.assert_allclose(run.voltage[6:8], [3.9, 3.89], atol=1e-4)
