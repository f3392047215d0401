"""Mutations of NaIon Designer's input files for the fuzzer: structured ones on the parsed data
(wrong types, huge and tiny numbers, NaN/inf, unit strings repeated or cut, deleted, misspelt
and added keys) and raw ones on the text (truncation, random bytes, duplicated lines)."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import tomli_w
from hypothesis import strategies as st

HUGE = 10**400
NASTY_TEXT = [
    "3000 W" * 400, "3000 W3000 W3000 W3000 W3000 W3000 W3000 W", "(", ")", "((1 V", "1 V)",
    "x" * 80, "x" * 61, "1e400 V", "nan V", "inf mohm", "-inf A", "1.5e11 mohm", "10**400 mm",
    "2**2**2**2 m", "(10*m)**99", "-1 mohm", "0 Ah", "", " ", "🔋", "1 V V", "25", "25 degC",
    "1e30 mohm", "1e-30 mohm", "1e30 F", "-273.16 degC", "1e9 degC", "1 m**-1", "1 mohm**2",
    "0.45 CNY/Wh", "60 CNY", "1 CNY/(W*h)**3", "1,5 V", "1.5.5 V", "\x00", "\n", "'", '"',
    "[1]", "{", "1 V; rm -rf /", "NaN", "Infinity", "0x10 V", "1_000 V", "１ V", "1 ∞",
]
NASTY_NUMBERS = [HUGE, -HUGE, 2**63, -(2**63), 2**1024, 0, -1, 1, 10**15, 1e308, -1e308,
                 5e-324, math.nan, math.inf, -math.inf, 0.5, -0.0, 1e-30, 1e30, 200_001]


def nasty_value() -> st.SearchStrategy:
    return st.one_of(
        st.sampled_from(NASTY_TEXT),
        st.sampled_from(NASTY_NUMBERS),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.text(max_size=70),
        st.booleans(),
        st.lists(st.sampled_from([1, "1 V", math.nan, HUGE, [], {}]), max_size=4),
        st.dictionaries(st.sampled_from(["a", "unit", "soc", "resistance", "min"]),
                        st.sampled_from([1, "1 V", [1, 2]]), max_size=2),
        st.just(None),
    )


def transform(value: Any, how: int) -> Any:
    """Derive a nasty value from the current one (scale a quantity, cut or repeat its text)."""
    if isinstance(value, str):
        m = re.match(r"\s*([-+\d.eE]+)\s*(.*)", value)
        ops = [
            lambda: value * 50,
            lambda: value[: len(value) // 2],
            lambda: value + " " + value,
            lambda: value.replace(" ", ""),
            lambda: (f"{float(m.group(1)) * 1e12:g} {m.group(2)}" if m else value + "e999"),
            lambda: (f"-{m.group(1)} {m.group(2)}" if m else "-" + value),
            lambda: (f"{m.group(1)}" if m else value),  # the unit dropped
            lambda: (f"{m.group(1)} V" if m else value),  # the wrong unit
            lambda: (f"{m.group(1)} {m.group(2)}**2" if m else value),
            lambda: "(" + value,
        ]
        try:
            return ops[how % len(ops)]()
        except ValueError:
            return value * 3
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        ops = [lambda: value * 10**400 if isinstance(value, int) else value * 1e300,
               lambda: -value, lambda: value * 1000, lambda: math.nan, lambda: math.inf,
               lambda: str(value), lambda: value + 0.5, lambda: 0]
        try:
            return ops[how % len(ops)]()
        except OverflowError:  # an integer mutated before past a float's range
            return -value
    if isinstance(value, list):
        ops = [lambda: value * 400, lambda: value[: len(value) // 2], lambda: list(reversed(value)),
               lambda: value + [HUGE], lambda: [value], lambda: {}]
        return ops[how % len(ops)]()
    if isinstance(value, dict):
        return [value] if how % 2 else {}
    return value


def paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every (container path, key) in the data."""
    out = []
    if isinstance(data, dict):
        for k, v in data.items():
            out.append(prefix + (k,))
            out.extend(paths(v, prefix + (k,)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.append(prefix + (i,))
            out.extend(paths(v, prefix + (i,)))
    return out


def _parent(data: Any, path: tuple) -> Any:
    for k in path[:-1]:
        data = data[k]
    return data


def misspell(key: str, how: int) -> str:
    if len(key) < 3:
        return key + "x"
    i = 1 + how % (len(key) - 2)
    ops = [key[:i] + key[i + 1:], key[:i] + key[i + 1] + key[i] + key[i + 2:],
           key[:i] + key[i] + key[i:], key.upper(), key + "s"]
    return ops[how % len(ops)]


@st.composite
def mutated(draw, seed: dict) -> dict:
    """The seed data with 1–4 structured mutations."""
    data = json.loads(json.dumps(seed))
    for _ in range(draw(st.integers(1, 4))):
        ps = paths(data)
        if not ps:
            break
        path = ps[draw(st.integers(0, len(ps) - 1))]
        parent = _parent(data, path)
        key = path[-1]
        op = draw(st.sampled_from(["replace", "transform", "transform", "delete", "misspell",
                                   "add", "duplicate"]))
        how = draw(st.integers(0, 40))
        if op == "replace":
            parent[key] = draw(nasty_value())
        elif op == "transform":
            parent[key] = transform(parent[key], how)
        elif op == "delete":
            del parent[key]
        elif op == "misspell" and isinstance(parent, dict) and isinstance(key, str):
            parent[misspell(key, how)] = parent.pop(key)
        elif op == "add":
            target = parent[key] if isinstance(parent[key], dict) else parent
            if isinstance(target, dict):
                target[draw(st.sampled_from(["x_vendor", "colour", "unit", "resistance",
                                             "ambient_temprature", "soc", "min"]))] = \
                    draw(nasty_value())
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(key, parent[key])
    return data


def _toml_safe(v: Any) -> Any:
    """TOML has no null; a None becomes an empty text (its own kind of bad value)."""
    if v is None:
        return ""
    if isinstance(v, dict):
        return {str(k): _toml_safe(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_toml_safe(x) for x in v]
    return v


def to_toml(data: dict) -> bytes:
    try:
        return tomli_w.dumps(_toml_safe(data)).encode()
    except (TypeError, ValueError):  # mixed-type arrays and the like: write it as JSON text
        return json.dumps(data).encode()


def to_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")


@st.composite
def raw_mutated(draw, text: bytes) -> bytes:
    """Raw damage to a file's bytes."""
    op = draw(st.sampled_from(["truncate", "insert", "random", "duplicate_line", "nest",
                               "none", "none", "none"]))
    if op == "truncate" and text:
        return text[: draw(st.integers(0, len(text) - 1))]
    if op == "insert":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.binary(min_size=1, max_size=20)) + text[at:]
    if op == "random":
        return draw(st.binary(max_size=200))
    if op == "duplicate_line":
        lines = text.split(b"\n")
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        return b"\n".join(lines[: i + 1] + lines[i:])
    if op == "nest":
        depth = draw(st.sampled_from([30, 2000]))
        return b"[" * depth + b"]" * depth
    return text


@st.composite
def profile_text(draw) -> bytes:
    """A profile CSV: a valid seed with cells replaced, rows added or the header changed."""
    rows = [["time_s", "current_A"], ["0", "10"], ["600", "20"], ["1200", "-5"], ["1800", "0"]]
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(rows) - 1))
        j = draw(st.integers(0, 1))
        op = draw(st.sampled_from(["cell", "cell", "header", "drop", "extra", "long"]))
        if op == "cell":
            row = rows[i]
            if j >= len(row):
                row.extend([""] * (j + 1 - len(row)))
            row[j] = str(draw(st.one_of(st.sampled_from(
                ["nan", "inf", "-inf", "1e400", "1e308", "-1e308", "", "x", "10" * 200,
                 "1e30", "-1e30", "0", "-0", "1 A", "1e-320"]),
                st.floats(allow_nan=True).map(repr), st.integers(-(10**30), 10**30).map(str))))
        elif op == "header":
            rows[0] = [draw(st.sampled_from(["time_s", "power_W", "current_A", "t", "", "x"]))
                       for _ in range(draw(st.integers(0, 3)))]
        elif op == "drop" and len(rows) > 1:
            del rows[i]
        elif op == "extra":
            rows[i].append("7")
        elif op == "long":
            rows = rows[:1] + [[str(k), "1"] for k in range(draw(st.sampled_from([2, 5000])))]
    return ("\n".join(",".join(r) for r in rows) + "\n").encode()
