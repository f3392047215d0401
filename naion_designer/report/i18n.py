"""The language of a report: English, Chinese (zh_CN) or both (bilingual, 中文 / English).

Report texts are written in English in the code and translated through
`resources/translations/report_zh_CN.toml`, then through the core catalog
(`io.messages_catalog.translate`) for what the core produced (labels, bases, check reasons).  Terms
follow `glossary_zh_CN.toml`; units stay SI symbols.

    tr = Text("bilingual")
    tr("Nominal voltage")        -> "标称电压 / Nominal voltage"   (labels, table cells)
    tr.para("All figures are …")  -> paragraph markup: Chinese, then the English in grey
"""

from __future__ import annotations

import re
from functools import cache

from ..core.messages import Catalog
from ..core.units import InputError
from ..io.messages_catalog import catalog, read_catalog, translate
from .fonts import markup

LANGS = ("en", "zh_CN", "bilingual")
_TAGS = re.compile(r"<[^>]*>|\{\w+\}")
_WORDS = re.compile(r"\b[a-z]{3,}\b")  # lowercase English words: ids and units are not


@cache
def report_catalog() -> Catalog:
    """The report's Chinese catalog; the core's translates what it does not know, in the holes
    of its templates too ("Lifetime not computed: {why}." with a core message as the why)."""
    return Catalog(read_catalog("zh_CN", "report"), fallback=catalog("zh_CN"))


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise InputError("lang", f"expected en, zh_CN or bilingual, got '{lang}'")
    return lang


class Text:
    """Translator of one report's texts."""

    def __init__(self, lang: str = "en"):
        self.lang = check_lang(lang)
        self.chinese = lang != "en"
        self.missing: set[str] = set()  # texts asked for that neither catalog translates

    def zh(self, en: str) -> str:
        """The Chinese text (the English one where neither catalog knows it)."""
        found = report_catalog().lookup(en)
        if found is None:
            found = translate(en, "zh_CN")
        if found == en and _WORDS.search(_TAGS.sub(" ", en)):
            self.missing.add(en)
        return found

    def __call__(self, en: str, sep: str = " / ") -> str:
        """A short text: a label, a table cell, a heading."""
        if self.lang == "en" or not en:
            return en
        zh = self.zh(en)
        if self.lang == "zh_CN" or zh == en:
            return zh
        return f"{zh}{sep}{en}"

    def para(self, en_markup: str, raw: bool = True, muted: str = "#5b6673") -> str:
        """Paragraph markup of a sentence or more; bilingual: the English on a new line in
        grey.  `en_markup` is markup already (raw) or plain text (escaped here)."""
        text = en_markup if raw else markup(en_markup)
        if self.lang == "en":
            return text
        zh = self.zh(en_markup)
        zh = zh if raw else markup(zh)
        if self.lang == "zh_CN" or zh == text:
            return zh
        return f'{zh}<br/><font color="{muted}">{text}</font>'

    @property
    def pdf_lang(self) -> str:
        return "zh-CN" if self.chinese else "en"


# what a language choice shows (export dialog, preferences), in the order offered
LANGUAGE_NAMES = {"en": "English", "zh_CN": "中文（简体）", "bilingual": "中文 / English"}
