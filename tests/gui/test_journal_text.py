"""The journal's change labels, made by the real library, said in French by the app."""

from __future__ import annotations

import pytest

from readinglist.gui import i18n
from readinglist.gui.journal_text import describe
from readinglist.library import Library


@pytest.fixture
def french(language) -> None:
    language.setenv(i18n.ENV, "fr")
    i18n.install_translators("fr")


def labels(library: Library) -> list[str]:
    return [entry.label for entry in reversed(library.history())]


def test_every_change_of_a_session_is_said_in_french(french, seeded: Library) -> None:
    ids = seeded.paper_ids()
    seeded.set_status(ids[:3], "to-read")
    seeded.set_status(ids[:1], "read")
    seeded.set_rating(ids[:2], 4)
    seeded.set_rating(ids[:1], 0)
    seeded.change_tags(ids[:2], add=["optimisation"], remove=["x"])
    seeded.set_note(ids[0], "note")
    seeded.trash(ids[5:7])
    seeded.restore_from_trash(ids[5:7])
    said = [describe(label) for label in labels(seeded)]
    english = ("Set status", "Rate", "Tag ", "Edit note", "Move to Trash", "Restore", "Import ")
    assert not [s for s in said if s.startswith(english)], said
    assert "Importer publications-fr.txt, publications-en.txt (16 nouveaux articles)" in said
    assert "Passer au statut «\u00a0À lire\u00a0» (3 articles)" in said
    assert any(s.startswith("Passer au statut «\u00a0Lu\u00a0»\u00a0: ") for s in said)
    assert "Évaluer à 4 étoiles (2 articles)" in said
    assert (
        "Ajouter des étiquettes\u00a0: optimisation; Retirer des étiquettes\u00a0: x (2 articles)"
        in said
    )


def test_an_unknown_label_is_shown_as_it_is(french) -> None:
    assert describe("Something new: a title") == "Something new: a title"
    assert (
        describe("Revert “Edit note: x”") == "Revenir sur «\u00a0Modifier la note\u00a0: x\u00a0»"
    )
