"""Bytes to text for the exchange formats: BOMs, UTF-16, a JabRef encoding header, cp1252."""

from __future__ import annotations

import codecs
import hashlib
import re

from readinglist.formats.record import FormatError

# JabRef's first line: "% Encoding: UTF-8" (or windows-1252, ISO8859_1...).
_HEADER = re.compile(rb"^\s*%\s*Encoding\s*:\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_BINARY = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\x1f\x8b", b"\xd0\xcf\x11\xe0", b"\x7fELF")


def _codec(name: str) -> str | None:
    # Java spells them ISO8859_1, Cp1252...
    guess = name.strip().lower().replace("_", "-")
    for candidate in (guess, guess.replace("iso8859", "iso-8859"), guess.replace("cp", "cp")):
        try:
            return codecs.lookup(candidate).name
        except LookupError:
            continue
    return None


def decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Text of a file: (text without BOM, encoding used, warnings).

    UTF-8 (with or without BOM), UTF-16 with a BOM or recognizably without, the
    encoding a JabRef header names, else cp1252 when the bytes are not UTF-8.
    """
    label = f"'{name}'" if name else "the text"
    if data.startswith(_BINARY):
        raise FormatError(f"Cannot import {label}: it is a binary document, not text.")
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig", warnings
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16").lstrip("\ufeff"), "utf-16", warnings
    head = data[:4096]
    if len(head) >= 4 and head.count(b"\x00") * 3 > len(head):
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return data.decode(codec, "replace"), codec, warnings
    if b"\x00" in head:
        raise FormatError(f"Cannot import {label}: it contains binary data (NUL bytes).")
    header = _HEADER.match(data[:200])
    if header is not None:
        named = _codec(header.group(1).decode("ascii"))
        if named is not None and named != "utf-8":
            try:
                return data.decode(named), named, warnings
            except UnicodeDecodeError:
                warnings.append(f"{name}: not in {named} as its header says; read as UTF-8.")
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        warnings.append(
            f"{name}: not UTF-8 (line {line}); read as Windows-1252. Check the accents."
        )
        return data.decode("cp1252", "replace"), "cp1252", warnings


def content_hash(text: str) -> str:
    """SHA-256 of the text with newlines made LF, as the listing reader hashes."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
