"""The translation catalogs shipped with the application (`resources/translations/
<domain>_<lang>.toml`, table `[messages]`), read and handed to `core.messages.Catalog`, and
`translate`, the one door to them for the CLI, the GUI and the PDF reports:

    translate("expected a charge such as '12 Ah', got '12 V'", "zh_CN")
    -> "应为电量，例如 '12 Ah'，实际为 '12 V'"
"""

from __future__ import annotations

import sys
import tomllib
from functools import cache, lru_cache
from pathlib import Path

from ..core.messages import SOURCE, Catalog, check_messages, normalise_language


def _catalog_dirs() -> list[Path]:
    """Where the bundled catalogs are: a frozen bundle, an installed wheel, a checkout."""
    pkg = Path(__file__).resolve().parents[1]
    roots = []
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        roots.append(Path(sys._MEIPASS))
    roots += [pkg / "_data", pkg.parent]
    return [r / "resources" / "translations" for r in roots]


def catalog_path(lang: str, domain: str = "core") -> Path:
    """The catalog file of a language (the first place it exists; the checkout's otherwise)."""
    name = f"{domain}_{lang}.toml"
    dirs = _catalog_dirs()
    for d in dirs:
        if (d / name).is_file():
            return d / name
    return dirs[-1] / name


def parse_catalog(text: str, origin: str = "catalog") -> dict[str, str]:
    """The `[messages]` table of a catalog's TOML text (ValueError naming `origin`)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{origin}: not valid TOML ({exc})") from None
    return check_messages(data.get("messages", {}), origin)


def read_catalog(lang: str, domain: str = "core") -> dict[str, str]:
    """The messages of a language's catalog file ({} when there is none)."""
    path = catalog_path(lang, domain)
    if not path.is_file():
        return {}
    return parse_catalog(path.read_text(encoding="utf-8"), str(path))


@cache
def catalog(lang: str, domain: str = "core") -> Catalog:
    """The catalog of `lang` (empty for the source language or a missing file)."""
    lang = normalise_language(lang)
    if lang == SOURCE:
        return Catalog({})
    return Catalog(read_catalog(lang, domain))


@lru_cache(maxsize=4096)
def translate(text: str, lang: str) -> str:
    """`text` (a core message in English) in `lang`; unchanged when it has no translation."""
    lang = normalise_language(lang)
    if lang == SOURCE or not text:
        return text
    return catalog(lang).translate(text)
