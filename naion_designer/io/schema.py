"""One declarative schema for every file kind: each section of a cell, design or target file is
a table of `Field`s (key, kind, unit, required, bounds, default, help) that parses, validates,
writes back and words the error messages.

The policy for keys, the same in every file kind:
- an unknown key inside a known section is an error that names it and suggests the nearest
  known key ("did you mean `ambient_temperature`?");
- unknown top-level keys are kept as extensions, written back unchanged, and listed by
  `extension_notes` (which `calc` prints).

Inputs are bounded before they are parsed: the file size (`MAX_FILE_BYTES`), the nesting depth
(`MAX_DEPTH`), the entries of any list (`MAX_LIST`), the characters of any text (`MAX_TEXT`),
and every number (finite, within each field's bounds; quantity text as `units` bounds it).

Declaring a field is one line, e.g. ``Q("mass", "mass", "kg", lo=0, hi=100)``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.units import InputError, check_number, from_si, parse_count, parse_quantity
from .atomic import MAX_FILE_BYTES

__all__ = ["MAX_FILE_BYTES", "Field", "Section", "Q", "T", "N", "C", "S", "extension_notes",
           "unknown_key", "check_structure"]
MAX_DEPTH = 24
MAX_LIST = 250_000  # a per-cell override list may hold one entry per cell (200,000 cells)
MAX_TABLE = 2_000  # points of an OCV, resistance or temperature table
MAX_TEXT = 10_000
MAX_NAME = 200  # an id, a name, a maker, a unit string


@dataclass(frozen=True)
class Field:
    """One key of a section.

    kind: quantity | text | name | choice | count | number | numbers | bool | pair | texts |
    section | sections | custom.  Bounds `lo`/`hi` are SI (inclusive; `lo_open` excludes lo).
    `attr` is the attribute of the parsed object (default: the key); `flatten` merges a
    sub-section's attributes into its parent's.  `parse`/`write` serve kind "custom"; `build`/
    `unbuild` turn a sub-section's attributes into a value and back.
    """

    key: str
    kind: str
    dim: str = ""
    unit: str = ""
    required: bool = False
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    default: Any = None
    help: str = ""
    attr: str = ""
    choices: tuple[str, ...] = ()
    section: Section | None = None
    flatten: bool = False
    always: bool = False  # written even when equal to its default
    max_len: int = 0
    parse: Callable[[Any, str], Any] | None = None
    write: Callable[[Any], Any] | None = None
    build: Callable[[dict[str, Any], str], Any] | None = None
    unbuild: Callable[[Any], dict[str, Any]] | None = None

    @property
    def name(self) -> str:
        return self.attr or self.key


@dataclass(frozen=True)
class Section:
    """A table of fields.  `keep_unknown`: unknown keys are extensions (top level only)."""

    fields: tuple[Field, ...]
    keep_unknown: bool = False
    by_key: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_key", {f.key: f for f in self.fields})

    def keys(self) -> list[str]:
        return [f.key for f in self.fields]

    def extend(self, *more: Field) -> Section:
        return Section(self.fields + tuple(more), self.keep_unknown)

    # --- reading ----------------------------------------------------------------------------
    def parse(self, data: Any, where: str = "") -> tuple[dict[str, Any], dict[str, Any]]:
        """(attributes parsed from the keys present, unknown keys kept as extensions)."""
        if not isinstance(data, dict):
            raise InputError(where.rstrip(".") or "file", f"expected a table of keys, got "
                                                          f"{_show(data)}")
        extras: dict[str, Any] = {}
        for key in data:
            if key not in self.by_key:
                if self.keep_unknown:
                    extras[key] = data[key]
                else:
                    raise unknown_key(key, self.keys(), where)
        out: dict[str, Any] = {}
        for f in self.fields:
            name = f"{where}{f.key}"
            if f.key not in data:
                if f.required:
                    raise InputError(name, "missing" + (f" (expected {f.help})" if f.help else ""))
                continue
            value = parse_field(f, data[f.key], name)
            if f.flatten:
                out.update(value)
            else:
                out[f.name] = value
        return out, extras

    # --- writing ----------------------------------------------------------------------------
    def write(self, obj: Any) -> dict[str, Any]:
        """The keys of `obj` (an object with the fields' attributes, or a mapping)."""
        get = obj.get if isinstance(obj, Mapping) else (lambda k: getattr(obj, k, None))
        out: dict[str, Any] = {}
        for f in self.fields:
            if f.flatten:
                sub = f.write(obj) if f.write else f.section.write(obj)
                if sub:
                    out[f.key] = sub
                continue
            v = get(f.name)
            if v is None or (not f.always and f.default is not None and _same(v, f.default)):
                continue
            w = write_field(f, v)
            if w is not None:
                out[f.key] = w
        return out


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:  # numpy arrays and the like: never equal to a default
        return False


def unknown_key(key: Any, known: Iterable[str], where: str) -> InputError:
    known = list(known)
    name = f"{where}{key}" if isinstance(key, str) and len(key) <= MAX_NAME else \
        f"{where}{_show(key)}"
    close = difflib.get_close_matches(str(key)[:MAX_NAME], known, n=1, cutoff=0.6)
    if close:
        return InputError(name, f"unknown key; did you mean `{close[0]}`?")
    return InputError(name, f"unknown key (known keys: {', '.join(known)})")


def extension_notes(extra: Mapping[str, Any], known: Iterable[str], what: str) -> list[str]:
    """One note per unknown top-level key kept as an extension (with the nearest known key)."""
    notes = []
    known = list(known)
    for key in extra:
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
        hint = f" (a misspelt `{close[0]}`?)" if close else ""
        notes.append(f"{what} key `{key}` is not one NaIon Designer reads: kept as an "
                     f"extension{hint}")
    return notes


# --- kinds --------------------------------------------------------------------------------------
def parse_field(f: Field, v: Any, name: str) -> Any:
    k = f.kind
    if k == "quantity":
        return check_bounds(f, parse_quantity(v, f.dim, name), name)
    if k in ("text", "name"):
        limit = f.max_len or (MAX_NAME if k == "name" else MAX_TEXT)
        if not isinstance(v, str):
            raise InputError(name, f"expected a text, got {_show(v)}")
        if len(v) > limit:
            raise InputError(name, f"a text of {len(v):,} characters is longer than the "
                                   f"{limit:,} allowed")
        v = v.strip()
        if f.required and not v:
            raise InputError(name, "expected a non-empty text")
        return v
    if k == "choice":
        if not isinstance(v, str) or v not in f.choices:
            raise InputError(name, f"expected one of {', '.join(f.choices)}, got {_show(v)}")
        return v
    if k == "count":
        n = parse_count(v, name, int(f.lo) if f.lo is not None else 1)
        return int(check_bounds(f, n, name))
    if k == "number":
        return check_bounds(f, check_number(v, name), name)
    if k == "numbers":
        items = check_list(v, name, f.max_len or MAX_TABLE, nonempty=True)
        return tuple(check_bounds(f, check_number(x, f"{name}[{i}]"), f"{name}[{i}]")
                     for i, x in enumerate(items))
    if k == "bool":
        if not isinstance(v, bool):
            raise InputError(name, f"expected true or false, got {_show(v)}")
        return v
    if k == "texts":
        items = check_list(v, name, f.max_len or 1000)
        for i, x in enumerate(items):
            if not isinstance(x, str) or len(x) > MAX_NAME:
                raise InputError(f"{name}[{i}]", f"expected a text, got {_show(x)}")
        return tuple(items)
    if k == "pair":  # [low, high] quantities
        if not isinstance(v, list) or len(v) != 2:
            raise InputError(name, f"expected [low, high] such as {f.help or '[a, b]'}, got "
                                   f"{_show(v)}")
        return (check_bounds(f, parse_quantity(v[0], f.dim, f"{name}[0]"), f"{name}[0]"),
                check_bounds(f, parse_quantity(v[1], f.dim, f"{name}[1]"), f"{name}[1]"))
    if k == "section":
        attrs, _ = f.section.parse(v, f"{name}.")
        return f.build(attrs, name) if f.build else attrs
    if k == "sections":
        items = check_list(v, name, f.max_len or MAX_LIST)
        out = []
        for i, item in enumerate(items):
            attrs, _ = f.section.parse(item, f"{name}[{i}].")
            out.append(f.build(attrs, f"{name}[{i}]") if f.build else attrs)
        return tuple(out)
    if k == "custom":
        return f.parse(v, name)
    raise AssertionError(f"unknown field kind {k!r}")


def write_field(f: Field, v: Any) -> Any:
    k = f.kind
    if f.write is not None:
        return f.write(v)
    if k == "quantity":
        return fmt_quantity(v, f.dim, f.unit)
    if k == "pair":
        return [fmt_quantity(x, f.dim, f.unit) for x in v]
    if k in ("numbers", "texts"):
        return list(v)
    if k == "number":
        return int(v) if isinstance(v, float) and v.is_integer() and f.unit == "int" else v
    if k == "section":
        return f.section.write(f.unbuild(v) if f.unbuild else v)
    if k == "sections":
        return [f.section.write(f.unbuild(x) if f.unbuild else x) for x in v]
    return v


def fmt_quantity(v: float, dim: str, unit: str) -> str:
    return f"{from_si(v, dim, unit):.6g} {unit}"


def check_bounds(f: Field, v: float, name: str) -> float:
    below = f.lo is not None and (v <= f.lo if f.lo_open else v < f.lo)
    above = f.hi is not None and v > f.hi
    if below and f.lo == 0 and f.hi is None or below and f.lo == 0 and v < 0:
        raise InputError(name, f"must {'be positive' if f.lo_open else 'not be negative'}, "
                               f"got {_in_unit(f, v)}")
    if below or above:
        raise InputError(name, f"{_in_unit(f, v)} is outside the plausible range "
                               f"{_range(f)}")
    return v


def _in_unit(f: Field, v: float) -> str:
    if f.kind in ("quantity", "pair") and f.unit:
        return f"{from_si(v, f.dim, f.unit):.6g} {f.unit}"
    return f"{v:g}"


def _range(f: Field) -> str:
    unit = f.unit if f.kind in ("quantity", "pair") and f.unit not in ("", "int") else ""
    conv = (lambda x: from_si(x, f.dim, unit)) if unit else (lambda x: x)
    if f.lo is not None and f.hi is not None:
        lo = f"above {conv(f.lo):g}" if f.lo_open else f"{conv(f.lo):g}"
        return f"{lo} to {conv(f.hi):g} {unit}".rstrip()
    if f.lo is not None:
        return (f"above {conv(f.lo):g} {unit}" if f.lo_open else
                f"{conv(f.lo):g} {unit} or more").rstrip()
    return f"up to {conv(f.hi):g} {unit}".rstrip()


def check_list(v: Any, name: str, limit: int, nonempty: bool = False) -> list:
    if not isinstance(v, list):
        raise InputError(name, f"expected a list, got {_show(v)}")
    if len(v) > limit:
        raise InputError(name, f"a list of {len(v):,} entries is longer than the {limit:,} "
                               "allowed")
    if nonempty and not v:
        raise InputError(name, "expected a non-empty list")
    return v


def check_structure(data: Any, what: str) -> None:
    """Nesting depth and total size of parsed file data (iteratively: no recursion limit)."""
    stack = [(data, 1)]
    seen = 0
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(what, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, dict):
            children: Iterable = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        for child in children:
            seen += 1
            if seen > 4 * MAX_LIST:
                raise InputError(what, f"holds more than {4 * MAX_LIST:,} values")
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))


def _show(value: Any, limit: int = 40) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**20:
        return f"a {len(str(abs(value)))}-digit number"
    if isinstance(value, (dict, list)):
        return "a table" if isinstance(value, dict) else f"a list of {len(value)}"
    r = repr(value)
    return r if len(r) <= limit else r[:limit - 5] + "…" + r[-4:]


# --- one-line field constructors ----------------------------------------------------------------
def Q(key: str, dim: str, unit: str, lo: float | None = None, hi: float | None = None,
      **kw: Any) -> Field:
    """A quantity with its unit (bounds SI)."""
    return Field(key, "quantity", dim=dim, unit=unit, lo=lo, hi=hi, **kw)


def T(key: str, **kw: Any) -> Field:
    return Field(key, "text", **kw)


def N(key: str, lo: float | None = None, hi: float | None = None, **kw: Any) -> Field:
    return Field(key, "number", lo=lo, hi=hi, **kw)


def C(key: str, choices: Iterable[str], **kw: Any) -> Field:
    return Field(key, "choice", choices=tuple(choices), **kw)


def S(key: str, section: Section, **kw: Any) -> Field:
    return Field(key, "section", section=section, **kw)


ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def parse_id(v: Any, name: str) -> str:
    if not isinstance(v, str) or not v.strip():
        raise InputError(name, "missing (expected a non-empty text)" if v is None
                         else f"expected a non-empty text, got {_show(v)}")
    v = v.strip()
    if len(v) > MAX_NAME or not ID_RE.match(v):
        raise InputError(name, f"expected lowercase letters, digits and '-', got {_show(v)}")
    return v


def unit_scale(v: Any, dim: str, name: str) -> float:
    """The SI factor of a table's `unit` key ("mohm" -> 0.001)."""
    if not isinstance(v, str) or not v.strip():
        raise InputError(name, f"expected a unit such as '{_EXAMPLE_UNITS.get(dim, 'V')}', got "
                               f"{_show(v)}")
    scale = parse_quantity(f"1 {v}", dim, name)
    if not scale > 0:
        raise InputError(name, f"expected a unit of {dim.replace('_', ' ')}, got {_show(v)}")
    return scale


_EXAMPLE_UNITS = {"voltage": "V", "resistance": "mohm", "temperature": "degC"}


def read_toml_file(path, what: str, build: Callable[[dict], Any]) -> Any:
    """`build(data)` of the TOML file at `path` (a cell or a target file): one error per
    cause (unreadable, not TOML, nested too deeply, a bad structure or field), named with the
    file."""
    import tomllib
    from pathlib import Path

    from .atomic import read_text_file

    path = Path(path)
    text = read_text_file(path, what)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), f"not a valid TOML {what} ({exc})") from None
    except RecursionError:
        raise InputError(str(path), f"not a valid {what}: nested too deeply") from None
    try:
        check_structure(data, what)
        return build(data)
    except InputError as exc:
        raise exc.in_file(path) from None
