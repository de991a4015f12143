"""Person names between display form ("Given von Family Jr") and BibTeX, RIS and CSL-JSON."""

from __future__ import annotations

import re
from functools import lru_cache

from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts

from readinglist.formats.latex import to_latex, to_text

_SUFFIX = re.compile(r"^(?:Jr|Sr|Jnr|Snr)\.?$|^(?:I{2,3}|IV|V|VI)$")
# Words that make a name an organization's: written as one braced "family" name.
_CORPORATE = re.compile(
    r"\b(?:Organi[sz]ation|Consortium|Collaboration|Committee|Association|Agency|Institute|"
    r"Society|Group|Team|Council|Foundation|Project|Initiative|Network|Center|Centre|"
    r"University|Office|Department|Board|Commission|Federation|Alliance|Working)\b"
)


def split_display(name: str) -> tuple[str, str, str, str]:
    """(given, particle, family, suffix) of a display name, by the usual shape of names."""
    words = name.split()
    if len(words) <= 1:
        return "", "", name.strip(), ""
    suffix = ""
    if len(words) > 2 and _SUFFIX.match(words[-1]):
        suffix = words.pop()
    family = words.pop()
    particle: list[str] = []
    # Lower-case words just before the family name are its particle ("de la", "van").
    while len(words) > 1 and words[-1][:1].islower():
        particle.insert(0, words.pop())
    return " ".join(words), " ".join(particle), family, suffix


def join_display(given: str, particle: str, family: str, suffix: str) -> str:
    return " ".join(p for p in (given, particle, family, suffix) if p)


def is_corporate(name: str) -> bool:
    return bool(_CORPORATE.search(name))


# -- BibTeX -------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _bib_display(raw: str) -> str:
    try:
        parts = parse_single_name_into_parts(raw, strict=False)
    except InvalidNameError:
        return to_text(raw)
    return join_display(
        to_text(" ".join(parts.first)),
        to_text(" ".join(parts.von)),
        to_text(" ".join(parts.last)),
        to_text(" ".join(parts.jr)),
    )


_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_AND_OR_BRACE = re.compile(r"[{}]|\s+and\s+", re.IGNORECASE)


def split_names(raw: str) -> list[str]:
    """A BibTeX name list cut at each ``and`` outside braces.

    bibtexparser's own splitter drops an accent macro that follows an ``and``
    (``and \\"{U}nal`` gives ``{U}nal``), so this small one is used instead.
    """
    if "{" not in raw and "}" not in raw:
        # No group to stay inside: every "and" splits.
        return [n.strip() for n in _AND.split(raw) if n.strip()]
    names: list[str] = []
    depth = 0
    start = 0
    for m in _AND_OR_BRACE.finditer(raw):
        token = m.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            names.append(raw[start : m.start()])
            start = m.end()
    names.append(raw[start:])
    return [n.strip() for n in names if n.strip()]


def bib_names(raw: str) -> tuple[list[str], bool]:
    """Display names of a BibTeX name list, and whether it ended in ``and others``."""
    names = split_names(raw)
    others = bool(names) and names[-1].strip().lower() == "others"
    if others:
        names.pop()
    return [d for d in (_bib_display(n) for n in names) if d], others


@lru_cache(maxsize=1 << 16)
def to_bib_name(name: str, ascii_only: bool = False) -> str:
    """One display name as BibTeX writes it ("von Family, Jr, Given"); reads back the same."""

    def tex(text: str) -> str:
        return to_latex(text, ascii_only=ascii_only)

    whole = "{" + tex(name) + "}"
    if is_corporate(name) or " and " in f" {name.lower()} " or "," in name:
        return whole
    given, particle, family, suffix = split_display(name)
    if not given and not particle:
        candidate = tex(family)
    else:
        last = f"{tex(particle)} {tex(family)}" if particle else tex(family)
        middle = f", {tex(suffix)}" if suffix else ""
        candidate = f"{last}{middle}, {tex(given)}" if given else last
    # The name must read back as itself; whatever the heuristics missed is braced whole.
    return candidate if _bib_display(candidate) == name else whole


def bib_name_list(names: list[str] | tuple[str, ...], ascii_only: bool = False) -> str:
    return " and ".join([to_bib_name(n, ascii_only) for n in names])


# -- RIS ----------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def ris_display(value: str) -> str:
    """A RIS name ("Family, Given, Suffix" or as written) as a display name."""
    parts = [p.strip() for p in value.split(",")]
    if len(parts) == 1 or not parts[1]:
        return parts[0]
    family, given = parts[0], parts[1]
    suffix = " ".join(p for p in parts[2:] if p)
    return join_display(given, "", family, suffix)


@lru_cache(maxsize=1 << 16)
def to_ris_name(name: str) -> str:
    if is_corporate(name) or "," in name:
        return name
    given, particle, family, suffix = split_display(name)
    if not given:
        return name
    last = f"{particle} {family}" if particle else family
    out = f"{last}, {given}" + (f", {suffix}" if suffix else "")
    return out if ris_display(out) == name else name


# -- CSL-JSON -----------------------------------------------------------------------------


def csl_display(person: object) -> str:
    """A CSL name object as a display name."""
    if isinstance(person, str):
        return person.strip()
    if not isinstance(person, dict):
        return ""
    if person.get("literal"):
        return str(person["literal"]).strip()
    given = str(person.get("given") or "")
    dropping = str(person.get("dropping-particle") or "")
    particle = str(person.get("non-dropping-particle") or "")
    family = str(person.get("family") or "")
    suffix = str(person.get("suffix") or "")
    return " ".join(" ".join(p for p in (given, dropping, particle, family, suffix) if p).split())


def to_csl_name(name: str) -> dict[str, str]:
    """A display name as a CSL name object (a new dict each call)."""
    return dict(csl_name(name))


@lru_cache(maxsize=1 << 16)
def csl_name(name: str) -> dict[str, str]:
    """``to_csl_name``, remembered: the caller must not change the dict."""
    if is_corporate(name):
        return {"literal": name}
    given, particle, family, suffix = split_display(name)
    out: dict[str, str] = {"family": family}
    if given:
        out["given"] = given
    if particle:
        out["non-dropping-particle"] = particle
    if suffix:
        out["suffix"] = suffix
    return out if csl_display(out) == name else {"literal": name}
