"""The translation gate: every GUI string is in the French .ts, translated, and compiled."""

from __future__ import annotations

import importlib.util
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import ROOT

FOLDER = ROOT / "resources" / "translations"


def load_update():
    spec = importlib.util.spec_from_file_location("translations_update", FOLDER / "update.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


update = load_update()


@pytest.mark.parametrize("ts", update.TRANSLATIONS, ids=lambda p: p.name)
def test_every_gui_string_is_translated(ts: Path) -> None:
    # lupdate runs over readinglist/gui into a copy of the .ts: a tr() string
    # that is not in the file, or one still unfinished, fails here. Fix it
    # with `python resources/translations/update.py`, then translate.
    problems = update.problems(ts)
    assert not problems, "\n".join(problems)


def test_the_check_catches_a_new_string_and_an_unfinished_one(tmp_path: Path) -> None:
    ts = FOLDER / "readinglist_fr.ts"
    tree = ET.parse(ts)
    root = tree.getroot()
    # Drop one message and mark another unfinished: both must be reported.
    first_context = root.find("context")
    assert first_context is not None
    messages = first_context.findall("message")
    dropped = messages[0].findtext("source")
    first_context.remove(messages[0])
    translation = messages[1].find("translation")
    assert translation is not None
    translation.set("type", "unfinished")
    broken = tmp_path / "readinglist_fr.ts"
    tree.write(broken, encoding="utf-8", xml_declaration=True)
    problems = update.problems(broken)
    assert any(p.startswith("missing") and repr(dropped) in p for p in problems)
    assert any(p.startswith("unfinished") for p in problems)


@pytest.mark.parametrize("ts", [update.ENGLISH, *update.TRANSLATIONS], ids=lambda p: p.name)
def test_the_compiled_qm_is_up_to_date(ts: Path) -> None:
    from PySide6.QtCore import QTranslator

    qm = ts.with_suffix(".qm")
    translator = QTranslator()
    assert translator.load(str(qm))
    for message in update.read_ts(ts):
        if not message.finished or message.numerus:
            continue
        got = translator.translate(message.context, message.source, message.comment or None)
        assert got == message.forms[0], f"{qm.name} is older than {ts.name}: run update.py"


def test_the_english_ts_has_every_plural() -> None:
    # English needs a .qm only for "%n paper(s)"-style messages.
    problems = update.problems(update.ENGLISH, "-pluralonly")
    assert not problems, "\n".join(problems)


def test_strings_passed_to_tr_as_variables_are_marked_for_lupdate() -> None:
    # lupdate reads only literals: tr(label) finds "label" in the .ts only if
    # the literal was marked where it is written, with QT_TRANSLATE_NOOP.
    import re

    pattern = re.compile(r"\b(?:tr|translate)\(\s*(?:\"[^\"]*\",\s*)?[A-Za-z_][\w.]*\s*[,)]")
    unmarked = []
    for path in sorted((ROOT / "readinglist" / "gui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        calls = [m.group(0) for m in pattern.finditer(text) if "def " not in m.group(0)]
        calls = [c for c in calls if not c.startswith(("translate(CONTEXT", "tr(self"))]
        if calls and "QT_TRANSLATE_NOOP(" not in text and "QT_TR_NOOP(" not in text:
            unmarked.append(f"{path.name}: {calls}")
    assert not unmarked


def test_counted_strings_use_tr_so_lupdate_sees_their_plurals() -> None:
    # pyside6-lupdate marks plural forms only for self.tr(text, "", n); a
    # QCoreApplication.translate(context, text, "", n) lands in the .ts with
    # one form, so French would say "1 articles".
    import re

    pattern = re.compile(r"translate\(\s*\"[^\"]*\",\s*\"[^\"]*%L?n[^\"]*\"")
    found = [
        f"{path.name}: {m.group(0)}"
        for path in sorted((ROOT / "readinglist" / "gui").rglob("*.py"))
        for m in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found
