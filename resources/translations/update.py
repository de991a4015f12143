"""Regenerate the translations: lupdate the GUI sources into the .ts files, then lrelease.

Run from anywhere with the project's Python (it needs PySide6's tools):

    python resources/translations/update.py           # update the .ts files, compile the .qm
    python resources/translations/update.py --check   # only report what is out of date

``readinglist_fr.ts`` is the French translation: new source strings arrive in
it unfinished, for a translator to fill in (with Qt Linguist,
``pyside6-linguist``, or any editor), and ``--check`` (and the test suite)
fails until they are. ``readinglist_en.ts`` holds only the English plural
forms of ``%n`` messages, which this script fills in itself. Locations are
left out of the .ts files so that moving code does not rewrite them.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = ROOT / "readinglist" / "gui"
ENGLISH = HERE / "readinglist_en.ts"
# Every translation the app ships, checked for completeness (English is filled here).
TRANSLATIONS = [HERE / "readinglist_fr.ts"]
# Plural forms per language (Qt's numerus rules): French and English have two.
NUMERUS_FORMS = {"fr": 2, "en": 2}


def tool(name: str) -> str:
    """A PySide6 tool: beside this Python first, then on PATH."""
    for folder in (Path(sys.executable).parent, Path(sys.argv[0]).resolve().parent):
        candidate = folder / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this Python")
    return found


def source_files() -> list[str]:
    return sorted(str(p) for p in SOURCES.rglob("*.py"))


def lupdate(ts: Path, *options: str) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *source_files(),
            "-locations",
            "none",
            "-no-obsolete",
            "-silent",
            *options,
            "-ts",
            str(ts),
        ],
        check=True,
    )


def lrelease(ts: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts)], check=True)


# -- reading .ts files -------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    finished: bool
    forms: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            numerus = message.get("numerus") == "yes"
            if translation is None:
                forms: tuple[str, ...] = ()
            elif numerus:
                forms = tuple(f.text or "" for f in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            messages.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    message.findtext("comment") or "",
                    numerus,
                    kind not in ("unfinished", "vanished", "obsolete"),
                    forms,
                )
            )
    return messages


def language_of(path: Path) -> str:
    return (ET.parse(path).getroot().get("language") or "en").split("_")[0]


_PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%L?n|%\d")


def problems(path: Path, *options: str) -> list[str]:
    """What keeps ``path`` from shipping: sources it lacks or no longer has, unfinished entries.

    ``options`` go to lupdate (``-pluralonly`` for the English file).
    """
    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / path.name
        shutil.copy(path, fresh)
        lupdate(fresh, *options)
        wanted = {m.key for m in read_ts(fresh)}
    present = read_ts(path)
    have = {m.key for m in present}
    found += [f"missing: {c}: {s!r}" for c, s, _ in sorted(wanted - have)]
    found += [f"no longer in the code: {c}: {s!r}" for c, s, _ in sorted(have - wanted)]
    forms = NUMERUS_FORMS.get(language_of(path), 2)
    for m in present:
        where = f"{m.context}: {m.source!r}"
        if not m.finished:
            found.append(f"unfinished: {where}")
        elif not all(f.strip() for f in m.forms) or (m.numerus and len(m.forms) != forms):
            found.append(f"empty or missing form: {where}")
        elif sorted(set(_PLACEHOLDER.findall(m.source))) != sorted(
            set(_PLACEHOLDER.findall(m.forms[-1]))
        ):
            found.append(f"placeholders differ: {where}")
    return found


# -- English plural forms ----------------------------------------------------------

# Whole-message singulars where a word-by-word rule would read badly.
SINGULAR = {
    "%n papers selected. Status, rating and tags you set here apply to all of them.": (
        "%n paper selected."
    ),
    "%n entries the reader is unsure of are highlighted: check them and correct them or"
    " leave them out.": (
        "%n entry the reader is unsure of is highlighted: check it and correct it or leave it out."
    ),
    "%n are in the Trash: they stay there (the report offers to restore them).": (
        "%n is in the Trash: it stays there (the report offers to restore it)."
    ),
    "%n papers kept the status you had set (the file gives a lower one)": (
        "%n paper kept the status you had set (the file gives a lower one)"
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


def fill_english(ts: Path) -> None:
    tree = ET.parse(ts)
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        for form in (singular(source), plural(source)):
            ET.SubElement(translation, "numerusform").text = form
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def known_translations(ts: Path) -> dict[tuple[str, bool], ET.Element]:
    """The finished translations of ``ts``, by source text (and whether plural)."""
    known: dict[tuple[str, bool], ET.Element] = {}
    for message in ET.parse(ts).iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished"):
            continue
        key = (message.findtext("source") or "", message.get("numerus") == "yes")
        known.setdefault(key, translation)
    return known


def carry_over(ts: Path, known: dict[tuple[str, bool], ET.Element]) -> int:
    """Fill the unfinished entries whose text was translated before, in another context.

    Code moved from one class to another changes its strings' context; lupdate
    then sees new strings, and drops the old ones (``-no-obsolete``). The same
    text keeps its finished translation (run before lupdate has dropped it).
    """
    tree = ET.parse(ts)
    filled = 0
    for message in tree.iter("message"):
        translation = message.find("translation")
        # lupdate may have guessed the text itself, but leaves it unfinished.
        if translation is None or translation.get("type") != "unfinished":
            continue
        old = known.get((message.findtext("source") or "", message.get("numerus") == "yes"))
        if old is None:
            continue
        message.remove(translation)
        copy = ET.fromstring(ET.tostring(old))
        copy.tail = translation.tail
        message.append(copy)
        filled += 1
    if filled:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    args = parser.parse_args(argv)
    if args.check:
        report = {ts.name: problems(ts) for ts in TRANSLATIONS}
        report[ENGLISH.name] = problems(ENGLISH, "-pluralonly")
        for name, found in report.items():
            for line in found:
                print(f"{name}: {line}")
        return 1 if any(report.values()) else 0
    lupdate(ENGLISH, "-pluralonly")
    fill_english(ENGLISH)
    lrelease(ENGLISH)
    for ts in TRANSLATIONS:
        known = known_translations(ts)
        lupdate(ts)
        carry_over(ts, known)
        lrelease(ts)
        left = [p for p in problems(ts) if p.startswith(("unfinished", "empty"))]
        if left:
            print(f"{ts.name}: {len(left)} entries to translate (open it in pyside6-linguist)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
