"""The journal's change labels (English, written by library/) in the app's language.

The library names each change for the CLI and the journal ("Set status to
To read (3 papers): Title"); the app shows them in Edit ▸ Undo, History and
the status bar. ``describe`` reads the label back by its known shapes and
says it with ``tr()``; a label of an unknown shape is shown as it is.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from readinglist.gui.paper_model import status_label

CONTEXT = "JournalText"

_STATUS_KEYS = {
    "New": "new",
    "To read": "to-read",
    "Reading": "reading",
    "Read": "read",
    "Not reading": "not-reading",
}
_FIELD_NAMES = {
    "title": QT_TRANSLATE_NOOP("JournalText", "title"),
    "authors": QT_TRANSLATE_NOOP("JournalText", "authors"),
    "abstract": QT_TRANSLATE_NOOP("JournalText", "abstract"),
}


class JournalText(QObject):
    """Says journal labels; a QObject so that ``tr()`` gives lupdate its plurals."""

    def quoted(self, text: str) -> str:
        return self.tr("“{text}”").format(text=text)

    def head(self, text: str) -> str | None:
        """The label without its paper count and title, said in the app's language."""
        if m := re.fullmatch(r"Set status to (.+)", text):
            key = _STATUS_KEYS.get(m.group(1))
            if key is None:
                return None
            return self.tr("Set status to {status}").format(status=status_label(key))
        if text == "Rate no stars":
            return self.tr("Remove the rating")
        if m := re.fullmatch(r"Rate (\d) stars?", text):
            n = int(m.group(1))
            return self.tr("Rate %n star(s)", "", n)
        if text == "Change tags":
            return self.tr("Change tags")
        if m := re.fullmatch(r"(?:Tag (?P<add>.+?))?(?:; )?(?:Untag (?P<remove>.+))?", text):
            parts = []
            if m.group("add"):
                parts.append(self.tr("Tag {tags}").format(tags=m.group("add")))
            if m.group("remove"):
                parts.append(self.tr("Untag {tags}").format(tags=m.group("remove")))
            if parts:
                return "; ".join(parts)
        fixed = {
            "Edit note": self.tr("Edit note"),
            "Edit paper": self.tr("Edit paper"),
            "Move to Trash": self.tr("Move to Trash"),
            "Restore from Trash": self.tr("Restore from Trash"),
            "Empty the Trash": self.tr("Empty the Trash"),
            "Mark as not duplicates": self.tr("Mark as not duplicates"),
            "Remove attachment": self.tr("Remove attachment"),
            "Import": self.tr("Import"),
        }
        if text in fixed:
            return fixed[text]
        return self._with_values(text)

    def _with_values(self, text: str) -> str | None:
        if m := re.fullmatch(r"Edit (.+) of “(.*)”", text):
            names = [
                QCoreApplication.translate(CONTEXT, _FIELD_NAMES[f]) if f in _FIELD_NAMES else f
                for f in m.group(1).split(" and ")
            ]
            return self.tr("Edit {fields} of {title}").format(
                fields=self.tr(", ").join(names), title=self.quoted(m.group(2))
            )
        if m := re.fullmatch(r"Add “(.*)”", text):
            return self.tr("Add {title}").format(title=self.quoted(m.group(1)))
        if m := re.fullmatch(r"Move “(.*)” to place (\d+) in the queue", text):
            return self.tr("Move {title} to place {place} in the queue").format(
                title=self.quoted(m.group(1)), place=m.group(2)
            )
        if m := re.fullmatch(r"Move to place (\d+) in the queue", text):
            return self.tr("Move to place {place} in the queue").format(place=m.group(1))
        if m := re.fullmatch(r"Import (.*) \((\d+) new papers?\)", text):
            n = int(m.group(2))
            return self.tr("Import {names} (%n new paper(s))", "", n).format(names=m.group(1))
        if m := re.fullmatch(r"Merge (\d+) papers?", text):
            n = int(m.group(1))
            return self.tr("Merge %n paper(s)", "", n)
        if m := re.fullmatch(r"Give citation keys to (\d+) papers?", text):
            n = int(m.group(1))
            return self.tr("Give citation keys to %n paper(s)", "", n)
        if m := re.fullmatch(r"Attach (.+)", text):
            return self.tr("Attach {name}").format(name=m.group(1))
        if m := re.fullmatch(r"Locate (.+)", text):
            return self.tr("Locate {name}").format(name=m.group(1))
        if m := re.fullmatch(r"Save search “(.*)”", text):
            return self.tr("Save the search {name}").format(name=self.quoted(m.group(1)))
        if m := re.fullmatch(r"Delete saved search “(.*)”", text):
            return self.tr("Delete the saved search {name}").format(name=self.quoted(m.group(1)))
        if m := re.fullmatch(r"Rename saved search “(.*)” to “(.*)”", text):
            return self.tr("Rename the saved search {old} to {new}").format(
                old=self.quoted(m.group(1)), new=self.quoted(m.group(2))
            )
        return None

    def describe(self, label: str) -> str:
        if m := re.fullmatch(r"Revert “(.*)”", label, flags=re.DOTALL):
            inner = self.describe(m.group(1))
            return self.tr("Revert {change}").format(change=self.quoted(inner))
        said = self._counted(label)
        if said is None and ": " in label:
            # "…: Title" closes the label of a change to one paper.
            text, title = label.split(": ", 1)
            head = self._counted(text)
            if head is not None:
                said = self.tr("{change}: {title}").format(change=head, title=title)
        return label if said is None else said

    def _counted(self, text: str) -> str | None:
        m = re.fullmatch(r"(.*) \((\d+) papers?\)", text)
        if m is None or m.group(1).startswith("Import "):
            return self.head(text)
        head = self.head(m.group(1))
        if head is None:
            return None
        count = int(m.group(2))
        return self.tr("{change} (%n paper(s))", "", count).format(change=head)


_SAYER: list[JournalText] = []


def describe(label: str) -> str:
    """``label`` in the app's language when its shape is known; otherwise ``label`` itself."""
    if not _SAYER:
        _SAYER.append(JournalText())
    return _SAYER[0].describe(label)
