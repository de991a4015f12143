"""Every setting the GUI keeps, declared once with its default."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

ORGANIZATION = "readinglist"
APPLICATION = "readinglist"
WINDOW_STATE_FILE = "window-state.ini"


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One key with its type and default."""

    key: str
    default: T

    def read(self, store: QSettings) -> T:
        value = store.value(self.key, self.default)
        return _coerce(value, self.default)

    def write(self, store: QSettings, value: T) -> None:
        store.setValue(self.key, value)


def _coerce(value: Any, default: Any) -> Any:
    # INI files give strings back; turn them into the declared type.
    if value is None:
        return default
    if isinstance(default, bool):
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return bool(value)
    if isinstance(default, int):
        try:
            return int(value)
        except (TypeError, ValueError):
            return default
    if isinstance(default, QByteArray):
        return value if isinstance(value, QByteArray) else default
    if isinstance(default, list):
        if isinstance(value, str):
            return [value]
        return list(value) if isinstance(value, list | tuple) else default
    if isinstance(default, str):
        return str(value)
    return value


class WindowState:
    """What the window looked like when it was closed (kept beside the library it showed)."""

    GEOMETRY = Setting("window/geometry", QByteArray())
    WINDOW = Setting("window/state", QByteArray())
    MAIN_SPLITTER = Setting("window/mainSplitter", QByteArray())
    DETAIL_SPLITTER = Setting("window/detailSplitter", QByteArray())
    HEADER = Setting("table/header", QByteArray())
    SORT_COLUMN = Setting("table/sortColumn", 0)
    SORT_DESCENDING = Setting("table/sortDescending", False)
    SEARCH_TEXT = Setting("filter/text", "")
    FILTER_STATUSES = Setting("filter/statuses", [])
    FILTER_LISTING = Setting("filter/listing", "")
    FILTER_TAG = Setting("filter/tag", "")
    FILTER_AUTHOR = Setting("filter/author", "")
    NOTE_TAB = Setting("detail/noteTab", 0)

    @staticmethod
    def store(data_dir: Path) -> QSettings:
        return QSettings(str(data_dir / WINDOW_STATE_FILE), QSettings.Format.IniFormat)


class Preferences:
    """Choices the user makes for the app as a whole."""

    COLOR_SCHEME = Setting("appearance/colorScheme", "system")  # system | light | dark
    LANGUAGE = Setting("appearance/language", "")  # "" (follow the system) | en | fr

    @staticmethod
    def store() -> QSettings:
        return QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )
