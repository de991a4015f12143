"""Find bundled files (resources/, seeds/) alike from a checkout, a wheel or the frozen app."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def _folder(name: str) -> Traversable:
    # A wheel and the frozen app carry the folder inside the package (see
    # pyproject's force-include and build.spec); a source checkout keeps it
    # at the top level, next to the package.
    inside = resources.files("readinglist").joinpath(name)
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parent.parent / name


def resource(*parts: str) -> Traversable:
    """A file or folder under ``resources/``."""
    return _folder("resources").joinpath(*parts)


def seed_files() -> list[Path]:
    """The bundled sample listings, sorted by name."""
    folder = _folder("seeds")
    return sorted(
        (Path(str(item)) for item in folder.iterdir() if item.name.endswith(".txt")),
        key=lambda p: p.name,
    )
