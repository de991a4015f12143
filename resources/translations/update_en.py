"""Regenerate the English plural forms: lupdate the GUI sources, fill singulars, lrelease.

Run from the repository root: ``python resources/translations/update_en.py``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TS = HERE / "readinglist_en.ts"
BIN = Path(sys.executable).parent

# Whole-message singulars where a word-by-word rule would read badly.
SINGULAR = {
    "%n papers selected. Status, rating and tags you set here apply to all of them.": (
        "%n paper selected."
    ),
    "%n entries the reader is unsure of are highlighted: check them and correct them or"
    " leave them out.": (
        "%n entry the reader is unsure of is highlighted: check it and correct it or leave it out."
    ),
}
WORDS = {"papers": "paper", "entries": "entry", "listings": "listing", "stars": "star"}


def singular(text: str) -> str:
    if text in SINGULAR:
        return SINGULAR[text]
    text = re.sub(r"\(s\)", "", text)
    return re.sub(r"\b(" + "|".join(WORDS) + r")\b", lambda m: WORDS[m.group(1)], text)


def plural(text: str) -> str:
    return text.replace("(s)", "s")


def main() -> int:
    sources = sorted(str(p) for p in (HERE.parents[1] / "readinglist" / "gui").glob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-pluralonly", "-target-language", "en", "-ts", str(TS)], check=True
    )
    tree = ET.parse(TS)
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        for form in (singular(source), plural(source)):
            ET.SubElement(translation, "numerusform").text = form
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
