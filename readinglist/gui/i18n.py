"""The app's language: which one is in effect, its translators, and locale-aware dates and numbers.

The language is, in order: ``READINGLIST_LANG`` (``readinglist --lang`` sets it
for one run), the user's choice in View ▸ Language, then the system's
(``LC_ALL``, ``LC_MESSAGES``, ``LANG`` on Unix, the OS's UI languages
elsewhere). A language the app does not ship falls back to English.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QObject,
    QTime,
    QTranslator,
)

from readinglist.assets import resource
from readinglist.gui.settings import Preferences

log = logging.getLogger(__name__)

ENV = "READINGLIST_LANG"
ENGLISH, FRENCH = "en", "fr"
# The languages the app ships, each named in itself (the language menu shows these).
LANGUAGES = {ENGLISH: "English", FRENCH: "Français"}
DEFAULT = ENGLISH
SYSTEM = ""  # the preference value that means "follow the system"
_NAMES = {"english": ENGLISH, "français": FRENCH, "francais": FRENCH, "french": FRENCH}

# Kept on the application object: which language our translators speak.
_PROPERTY = "readinglistLanguage"
_installed: list[QTranslator] = []


def normalize(code: str | None) -> str | None:
    """``fr``, ``fr_FR.UTF-8``, ``fr-CA``, ``French`` → ``fr``; None when not a shipped language."""
    if not code:
        return None
    text = code.strip().lower()
    if text in _NAMES:
        return _NAMES[text]
    base = text.split(".")[0].split("@")[0].replace("-", "_").split("_")[0]
    return base if base in LANGUAGES else None


def system_language() -> str:
    """The language the system asks for (English when it asks for one the app does not ship)."""
    if sys.platform not in ("win32", "darwin"):
        # POSIX order: LC_ALL overrides LC_MESSAGES, which overrides LANG.
        # Read here rather than through QLocale.system(), which is fixed once
        # per process, so that a changed environment is honoured.
        for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
            value = os.environ.get(var)
            if value:
                if value in ("C", "POSIX") or value.startswith("C."):
                    return DEFAULT
                gnu = os.environ.get("LANGUAGE", "")
                for candidate in [*gnu.split(":"), value]:
                    found = normalize(candidate)
                    if found:
                        return found
                return DEFAULT
    for name in QLocale.system().uiLanguages():
        found = normalize(name)
        if found:
            return found
    return DEFAULT


def chosen_language() -> str:
    """The user's choice in View ▸ Language; ``SYSTEM`` when they follow the system."""
    return normalize(Preferences.LANGUAGE.read(Preferences.store())) or SYSTEM


def set_chosen_language(code: str) -> None:
    """Remember ``code`` (or ``SYSTEM``) for the next start."""
    Preferences.LANGUAGE.write(Preferences.store(), normalize(code) or SYSTEM)
    Preferences.store().sync()


def effective_language() -> str:
    """The language in effect: the environment override, the user's choice, the system's."""
    return normalize(os.environ.get(ENV)) or chosen_language() or system_language()


def installed_language() -> str | None:
    """The language of the translators this module installed, None when none are."""
    app = QCoreApplication.instance()
    value = app.property(_PROPERTY) if app is not None else None
    return str(value) if value else None


def locale_for(language: str) -> QLocale:
    """The locale for ``language``: the system's own when it speaks it (fr_CA stays fr_CA)."""
    system = QLocale.system()
    if QLocale(language).language() == system.language():
        return system
    return QLocale(language)


def install_translators(language: str | None = None) -> str:
    """Install the app's and Qt's translators for ``language`` (default: the one in effect).

    Replaces the translators this module installed before, so that a window
    built afterwards speaks ``language``; sets the default QLocale to match,
    for dates and numbers. Returns the language installed.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_translators needs a QCoreApplication")
    language = normalize(language) or effective_language()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(locale_for(language))
    folder = str(resource("translations"))
    # English needs its .qm too: the source strings carry no plural forms.
    mine = QTranslator(app)
    if mine.load(f"readinglist_{language}", folder):
        app.installTranslator(mine)
        _installed.append(mine)
    else:
        log.warning("No translation of readinglist for %s in %s", language, folder)
    qt = QTranslator(app)
    if language != ENGLISH and any(qt.load(f"qtbase_{language}", f) for f in _qt_folders()):
        app.installTranslator(qt)
        _installed.append(qt)
    app.setProperty(_PROPERTY, language)
    return language


def ensure_translators() -> str:
    """Install the translators for the language in effect unless ours already speak it."""
    language = effective_language()
    if installed_language() != language:
        install_translators(language)
    return language


def _qt_folders() -> list[str]:
    """Where Qt's own .qm files are: Qt's answer, then beside the PySide6 package (frozen app)."""
    import PySide6

    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    package = Path(PySide6.__file__).resolve().parent
    folders += [str(package / "Qt" / "translations"), str(package / "translations")]
    return folders


class Counts(QObject):
    """Counted words for code outside a QObject: lupdate keeps plural forms only for tr()."""

    def stars(self, n: int) -> str:
        return self.tr("%n star(s)", "", n)


# -- formatting ------------------------------------------------------------------


def _local(moment: datetime, utc: bool = True) -> datetime:
    # Library timestamps are naive UTC; backup names carry naive local time.
    if moment.tzinfo is None:
        if not utc:
            return moment
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def format_date(moment: datetime | date) -> str:
    """A day as the user's language writes it: "25 nov. 2026", "Nov 25, 2026"."""
    day = _local(moment).date() if isinstance(moment, datetime) else moment
    locale = QLocale()
    return locale.toString(QDate(day.year, day.month, day.day), _date_format(locale))


def format_datetime(moment: datetime, utc: bool = True) -> str:
    """A day and time: "25 nov. 2026 14:05", "Nov 25, 2026 2:05 PM".

    A naive ``moment`` is UTC (the library's clock) unless ``utc`` is False.
    """
    local = _local(moment, utc)
    locale = QLocale()
    stamp = QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )
    time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
    return locale.toString(stamp, f"{_date_format(locale)} {time_format}")


def _date_format(locale: QLocale) -> str:
    # Qt's short format is all digits (25/11/2026) and its long one spells
    # the weekday out; this is the middle form people write.
    if locale.language() == QLocale.Language.English:
        return "MMM d, yyyy" if locale.territory() == QLocale.Country.UnitedStates else "d MMM yyyy"
    return "d MMM yyyy"


def format_number(value: int | float, decimals: int = 0) -> str:
    """A number with the user's language's separators: "1 234" in French, "1,234" in English."""
    locale = QLocale()
    if isinstance(value, int) or decimals == 0:
        return locale.toString(round(value))
    return locale.toString(float(value), "f", decimals)
