"""Translation of the texts the core produces (input errors, check reasons and labels, cut-off
reasons, result labels and their bases), shared by the CLI, the GUI and the PDF reports.

The core writes its messages in English; the edges translate them with the catalog that
`io.messages_catalog` reads (`resources/translations/core_<lang>.toml`, table `[messages]`):

    translate("expected a charge such as '12 Ah', got '12 V'", "zh_CN")   # io.messages_catalog
    -> "应为电量，例如 '12 Ah'，实际为 '12 V'"

A catalog maps English texts to translations.  A key may be a template with named holes: `{name}` matches any text, `{name:num}`
a number with an optional unit ("12.5", "−3 °C", "1,200 kW·h"), `{name:word}` an id,
`{name:rel}` a relation sign (≥ ≤ < > =), `{name:label}` one phrase (no ";" or ":").  The
translation uses the same names in any order; the text a hole matched is itself translated when
the catalog knows it, so "cell s3 p0" inside a cut-off reason is translated too.  A text of parts
joined by "; " is translated part by part, and so is a list of known texts joined by ", "; a
label written in lower case inside a sentence ("mass") is translated as the label ("Mass");
"field: message" (how `InputError` prints) keeps the field and translates the message.
Whatever the catalog does not know comes back unchanged.

This module is the matching only (`Catalog` over a dict of messages, `check_messages` for a
catalog's holes); it reads no file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGUAGES = ("en", "zh_CN")  # en is the source language
SOURCE = "en"

_HOLE = re.compile(r"\{(\w+)(?::(\w+))?\}")
_NUM = r"[-−+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:e[-+]?\d+)?(?: ?[^\s;]+?)?"
_PATTERNS = {None: r".+?", "num": _NUM, "word": r"[\w.-]+", "rel": r"[≥≤<>=]",
             "label": r"[^;:]+?"}


def normalise_language(lang: str | None) -> str:
    """'zh_CN', 'zh-CN', 'zh_CN.UTF-8', 'zh' -> 'zh_CN'; anything English or unknown -> 'en'."""
    code = (lang or "").split(".")[0].split("@")[0].replace("-", "_")
    if code.lower().startswith("zh"):
        return "zh_CN"
    return SOURCE


@dataclass(frozen=True)
class _Template:
    key: str
    regex: re.Pattern
    translation: str
    literal: int  # characters of fixed text: the most specific template is tried first


def _compile(key: str, translation: str) -> _Template:
    parts, pos, literal = [], 0, 0
    for m in _HOLE.finditer(key):
        fixed = key[pos:m.start()]
        parts.append(re.escape(fixed))
        literal += len(fixed)
        if m.group(2) not in _PATTERNS:
            raise ValueError(f"catalog key {key!r}: unknown hole type '{m.group(2)}'")
        parts.append(f"(?P<{m.group(1)}>{_PATTERNS[m.group(2)]})")
        pos = m.end()
    parts.append(re.escape(key[pos:]))
    literal += len(key) - pos
    return _Template(key, re.compile("".join(parts), re.DOTALL), translation, literal)


class Catalog:
    """English text or template -> translation, for one language.  A `fallback` catalog
    translates what this one does not know, the texts its holes matched included (a report's
    sentence holding a core message)."""

    def __init__(self, messages: dict[str, str], fallback: Catalog | None = None):
        self.fallback = fallback
        self.exact: dict[str, str] = {}
        templates = []
        for key, value in messages.items():
            if _HOLE.search(key):
                templates.append(_compile(key, value))
            else:
                self.exact[key] = value
        self.templates = sorted(templates, key=lambda t: -t.literal)

    def __len__(self) -> int:
        return len(self.exact) + len(self.templates)

    def lookup(self, text: str) -> str | None:
        """The translation of `text`, or None when the catalog does not know it."""
        if text in self.exact:
            return self.exact[text]
        if text[:1].islower() and (text[:1].upper() + text[1:]) in self.exact:
            return self.exact[text[:1].upper() + text[1:]]  # a label used inside a sentence
        stripped = text.strip()
        if stripped != text and stripped:
            inner = self.lookup(stripped)
            if inner is not None:
                lead = text[:len(text) - len(text.lstrip())]
                trail = text[len(text.rstrip()):]
                return lead + inner + trail
            return None
        for t in self.templates:
            m = t.regex.fullmatch(text)
            if m:
                values = {k: self.translate(v) for k, v in m.groupdict().items()}
                return t.translation.format(**values)
        if "; " in text:
            parts = text.split("; ")
            out = [self.lookup(p) for p in parts]
            if any(o is not None for o in out):
                return "；".join(o if o is not None else p for o, p in zip(out, parts, strict=True))
        # a list of known texts ("mass, volume"): every item must be known
        if ", " in text:
            items = [self.lookup(p) for p in text.split(", ")]
            if all(i is not None for i in items):
                return "、".join(items)
        # a label in a sentence is written in lower case ("mass binds"); Chinese has no case
        if text[:1].islower() and text[:1].upper() + text[1:] in self.exact:
            return self.exact[text[:1].upper() + text[1:]]
        # "field: message" as InputError prints it; the field is an id and stays
        for m in re.finditer(": ", text):
            head, tail = text[:m.start()], text[m.end():]
            if not head or "\n" in head:
                continue
            inner = self.lookup(tail)
            if inner is not None:
                # a label of several words ("pack mass: …"); a one-word head is a field id
                known = self.lookup(head) if " " in head.strip() else None
                return f"{known}：{inner}" if known is not None else f"{head}: {inner}"
        return None

    def translate(self, text: str) -> str:
        found = self.lookup(text)
        if found is None and self.fallback is not None:
            found = self.fallback.lookup(text)
        return text if found is None else found


def check_messages(messages: object, origin: str = "catalog") -> dict[str, str]:
    """`messages` (a catalog's `[messages]` table) if it maps texts to texts and every
    translation uses only the holes of its key; ValueError naming `origin` otherwise."""
    if not isinstance(messages, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in messages.items()):
        raise ValueError(f"{origin}: [messages] must map texts to texts")
    for key, value in messages.items():
        names = {m.group(1) for m in _HOLE.finditer(key)}
        used = set(re.findall(r"\{(\w+)\}", value))
        if used - names:
            raise ValueError(f"{origin}: the translation of {key!r} uses unknown holes "
                             f"{sorted(used - names)}")
    return messages
