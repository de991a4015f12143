"""Where a paper's attached files are: paths kept relative to the papers folder, checked on read.

The app never copies, moves or deletes a user's file; it only remembers
where it is. A file inside the papers folder (a library setting) is stored
relative to it, so the library survives moving that folder or opening it on
another machine with the folder elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlalchemy import Connection


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    """An attachment as the detail pane and ``show --json`` see it."""

    id: int
    kind: str  # "file" | "link"
    target: str  # as stored: a URL, an absolute path or one relative to the papers folder
    label: str
    path: Path | None  # where the file is expected now (None for a link)
    missing: bool  # a file that is not where it should be

    @property
    def display(self) -> str:
        if self.label:
            return self.label
        return self.path.name if self.path is not None else self.target


def store_path(path: Path, folder: Path | None) -> str:
    """How to store ``path``: relative (with ``/``) when inside ``folder``, else absolute."""
    absolute = path.resolve() if not path.is_absolute() else path
    if folder is not None:
        try:
            relative = absolute.relative_to(folder)
        except ValueError:
            pass
        else:
            return PurePosixPath(*relative.parts).as_posix()
    return str(absolute)


def resolve(target: str, folder: Path | None) -> Path:
    path = Path(target)
    if not path.is_absolute() and folder is not None:
        return folder.joinpath(*PurePosixPath(target).parts)
    return path


def list_for(conn: Connection, paper_id: int, folder: Path | None) -> list[AttachmentInfo]:
    """A paper's attachments in their order, each file checked for where it should be.

    Plain SQL, not the model: the detail pane reads this on the window's
    thread, for the paper selected as the window starts, and start-up does
    not import the ORM.
    """
    out: list[AttachmentInfo] = []
    for aid, kind, target, label in conn.exec_driver_sql(
        "SELECT id, kind, target, label FROM attachment WHERE paper_id = ? ORDER BY position, id",
        (paper_id,),
    ):
        if kind == "file":
            path = resolve(str(target), folder)
            out.append(
                AttachmentInfo(int(aid), "file", str(target), str(label), path, not path.is_file())
            )
        else:
            out.append(AttachmentInfo(int(aid), "link", str(target), str(label), None, False))
    return out
