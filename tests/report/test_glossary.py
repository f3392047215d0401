"""The Chinese catalogs use the glossary's terms (GB/T 36276, T/CNESA 1006-2021) consistently."""

from __future__ import annotations

import re
import tomllib

import pytest

from naion_designer.io.messages_catalog import catalog_path, parse_catalog

HOLE = re.compile(r"\{\w+(?::\w+)?\}")


def glossary() -> dict:
    path = catalog_path("zh_CN", "glossary").parent / "glossary_zh_CN.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["terms"]


def pairs(domain: str) -> list[tuple[str, str]]:
    text = catalog_path("zh_CN", domain).read_text(encoding="utf-8")
    return list(parse_catalog(text).items())


def test_glossary_is_well_formed():
    terms = glossary()
    assert len(terms) >= 25
    seen = {}
    for tid, t in terms.items():
        assert set(t) <= {"en", "zh_CN", "forms", "avoid", "except", "source"}, tid
        assert t["en"] and t["zh_CN"], tid
        re.compile(t["en"])
        assert not set(t.get("avoid", ())) & {t["zh_CN"], *t.get("forms", ())}, tid
        assert t["en"] not in seen, f"{tid} repeats the English term of {seen.get(t['en'])}"
        seen[t["en"]] = tid
    assert terms["nominal_voltage"]["zh_CN"] == "标称电压"
    assert terms["rated_capacity"]["zh_CN"] == "额定容量"
    assert "能量密度" in terms["energy_density"]["zh_CN"]


def violations(domain: str) -> list[str]:
    terms = glossary()
    bad = []
    for en, zh in pairs(domain):
        # ids kept verbatim (keys, quoted values, <placeholders>) are not terms
        plain = re.sub(r"'[^']*'|<[^>]*>|\w+\.\w+", " ", HOLE.sub(" ", en))
        for t in terms.values():
            text = plain
            for phrase in t.get("except", ()):
                text = re.sub(re.escape(phrase), " ", text, flags=re.IGNORECASE)
            if not re.search(rf"(?<![\w-])(?:{t['en']})(?![\w-])", text, flags=re.IGNORECASE):
                continue
            accepted = (t["zh_CN"], *t.get("forms", ()))
            kept = re.search(rf"(?<![\w-])(?:{t['en']})(?![\w-])", zh,
                             flags=re.IGNORECASE)  # a key left as it is
            if not kept and not any(a in zh for a in accepted):
                bad.append(f"{en!r} -> {zh!r}: '{t['en']}' should read {t['zh_CN']}")
        for t in terms.values():
            for word in t.get("avoid", ()):
                if word in zh:
                    bad.append(f"{en!r} -> {zh!r}: uses {word}, the glossary says {t['zh_CN']}")
    return bad


@pytest.mark.parametrize("domain", ["core", "report"])
def test_catalog_uses_the_glossary_terms(domain):
    bad = violations(domain)
    assert not bad, f"{len(bad)} translations depart from the glossary:\n" + "\n".join(bad)


def test_the_check_finds_a_departure(tmp_path, monkeypatch):
    import naion_designer.io.messages_catalog as m

    folder = tmp_path / "resources" / "translations"
    folder.mkdir(parents=True)
    real = catalog_path("zh_CN", "glossary").parent
    (folder / "glossary_zh_CN.toml").write_bytes((real / "glossary_zh_CN.toml").read_bytes())
    (folder / "core_zh_CN.toml").write_text(
        '[messages]\n"Nominal voltage" = "额定电压"\n"Cell mass" = "电芯质量"\n', encoding="utf-8")
    monkeypatch.setattr(m, "_catalog_dirs", lambda: [folder])
    bad = violations("core")
    assert len(bad) >= 3  # 标称电压 missing, 额定电压 and 电芯 avoided
