"""LaTeX in BibTeX fields to Unicode text and back (pylatexenc, with a fast path for plain text)."""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

# LaTeX that needs the real parser: a macro, math, a tie, a comment, ligatures
# that become dashes and quotes. Anything else is text and braces.
_NEEDS_PARSER = re.compile(r"[\\$~%]|--|``|''|[!?]`")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _decoder() -> object:
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    # pylatexenc reads \textasciicircum as the modifier letter; the writer means "^".
    context = get_default_latex_context_db().filter_context()
    context.add_context_category(
        "readinglist",
        prepend=True,
        macros=[
            MacroTextSpec("textasciicircum", "^"),
            MacroTextSpec("textbraceleft", "{"),
            MacroTextSpec("textbraceright", "}"),
        ],
    )
    # Math as text: $\alpha$-helix reads "α-helix". strict_latex_spaces keeps
    # "\ss{} and" from gluing words together.
    return LatexNodes2Text(latex_context=context, math_mode="text", strict_latex_spaces=True)


@lru_cache(maxsize=1 << 16)
def _parse(value: str) -> str:
    decoder = _decoder()
    try:
        text = decoder.latex_to_text(value)  # type: ignore[attr-defined]
    except Exception:  # pylatexenc is lenient; anything it still refuses is kept as written
        text = value.replace("{", "").replace("}", "")
    return str(text)


# The common LaTeX of names and titles (accents, special letters, escaped
# specials, ligatures), done by a table: pylatexenc costs ~140 us a value, which
# made reading a .bib ten times slower than splitting it. Anything else in a
# value (another macro, math, a comment) goes to pylatexenc, and a property test
# holds the table to pylatexenc's results.
_ACCENTS = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
}
_LETTERS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "aa": "å",
    "AA": "Å",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
}
_BASE = r"(?:\\([ij])(?![A-Za-z])|([A-Za-z]))"
_ACCENT = re.compile(
    r"\\([\"'`^~=.])\s*(?:\{" + _BASE + r"\}|" + _BASE + r")"
    r"|\\([uvHckrdb])(?:\s*\{" + _BASE + r"\}|\s+" + _BASE + r")"
)
_LETTER = re.compile(r"\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L|i|j)(?![A-Za-z])\s*(?:\{\})?")
_SPECIAL = re.compile(r"\\([&%$#_{} ])")
_LIGATURES = (
    ("---", "\u2014"),
    ("--", "\u2013"),
    ("``", "\u201c"),
    ("''", "\u201d"),
    ("~", "\xa0"),
)


def _accent(m: re.Match[str]) -> str:
    mark = _ACCENTS[m.group(1) or m.group(6)]
    base = next(g for g in m.groups()[1:5] + m.groups()[6:] if g)
    # Composed here, one letter at a time: the rest of the text stays as written.
    return unicodedata.normalize("NFC", base + mark)


_HELD = {ch: chr(0xE000 + i) for i, ch in enumerate("&%$#_{} \\~^")}
_HELD_ANY = re.compile("[" + "".join(_HELD.values()) + "]")
# The writer's escapes of characters that are LaTeX syntax (see _ESCAPES below).
_TEXT_MACROS = {
    "textbackslash": _HELD["\\"],
    "textbraceleft": _HELD["{"],
    "textbraceright": _HELD["}"],
    "textasciitilde": _HELD["~"],
    "textasciicircum": _HELD["^"],
}
_TEXT_MACRO = re.compile(r"\\(" + "|".join(_TEXT_MACROS) + r")(?![A-Za-z])\s*(?:\{\})?")


def _release(text: str) -> str:
    # A few replace() calls: str.translate with a dict is slow on long text.
    for ch, held in _HELD.items():
        if held in text:
            text = text.replace(held, ch)
    return text


def _fast(value: str) -> str | None:
    """``value`` as text by the table, or None when it holds LaTeX the table does not know."""
    # Escaped specials are held aside (an escaped brace is text, not grouping).
    text = _SPECIAL.sub(lambda m: _HELD[m.group(1)], value)
    if "$" in text or "%" in text or "!`" in text or "?`" in text:
        return None
    if "\\" in text:
        if "\\text" in text:
            text = _TEXT_MACRO.sub(lambda m: _TEXT_MACROS[m.group(1)], text)
        text = _ACCENT.sub(_accent, text)
        text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
        if "\\" in text:
            return None
    # Ligatures before the braces go: "-{}-" is how a writer keeps two hyphens.
    for ligature, char in _LIGATURES:
        if ligature in text:
            text = text.replace(ligature, char)
    text = text.replace("{", "").replace("}", "")
    return _release(text) if _HELD_ANY.search(text) else text


def _needs_parser(value: str) -> bool:
    """``_NEEDS_PARSER.search(value)``, by substring tests (each a C scan; the regex tries
    its alternatives at every character of an abstract)."""
    return (
        "\\" in value
        or "$" in value
        or "~" in value
        or "%" in value
        or "--" in value
        or "``" in value
        or "''" in value
        or "!`" in value
        or "?`" in value
    )


def to_text(value: str) -> str:
    """The text a reader sees: LaTeX made Unicode, protecting braces removed, spaces collapsed."""
    if not _needs_parser(value):
        value = value.replace("{", "").replace("}", "")
    else:
        fast = _fast(value)
        value = _parse(value) if fast is None else fast
    if (
        "  " in value
        or "\n" in value
        or "\t" in value
        or value[:1].isspace()
        or value[-1:].isspace()
    ):
        return _SPACES.sub(" ", value).strip()
    return value


_PARAGRAPHS = re.compile(r"\n\s*\n")


def to_text_keep_paragraphs(value: str) -> str:
    """``to_text`` for long text (abstracts, notes): blank-line paragraphs stay apart."""
    if "\n" not in value:
        return to_text(value)
    parts = _PARAGRAPHS.split(value)
    return "\n\n".join(p for p in (to_text(part) for part in parts) if p)


# What BibTeX (or LaTeX inside it) reads as something else, written so that it reads
# as itself. Order matters: the backslash first.
_ESCAPES = {
    "\\": r"\textbackslash{}",
    # Not \{ and \}: BibTeX counts every brace, escaped or not, so an unbalanced one
    # would break the entry.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\u00a0": "~",
}
_ESCAPE = re.compile(r"[\\{}&%$#_~^\u00a0]|-(?=-)|`|'(?=')|[!?](?=`)")


# Text without these escapes with replace() alone; "~" before the no-break space
# that becomes "~", so that one is not escaped again.
_PLAIN_SAFE = re.compile(r"[\\{}`]|--|''")
_SIMPLE_ESCAPES = tuple((ch, _ESCAPES[ch]) for ch in ("&", "%", "$", "#", "_", "~", "^", "\u00a0"))


def _escape_one(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    # A ligature's first character: a dash or quote pair must stay two characters.
    return ch + "{}"


@lru_cache(maxsize=1)
def _encoder() -> object:
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    logging.getLogger("pylatexenc.latexencode").setLevel(logging.ERROR)
    return UnicodeToLatexEncoder(
        non_ascii_only=True,
        replacement_latex_protection="braces-all",
        unknown_char_policy="keep",
        unknown_char_warning=False,
    )


# Words whose capitals a style must not lower: acronyms and names like "iPhone"
# (letters and digits only: an underscore is escaped, not part of a word).
_L = r"[^\W_]"
_CASE_WORD = re.compile(rf"(?<!{_L}){_L}*[A-Z]{_L}*[A-Z]{_L}*(?!{_L})|(?<!{_L})[a-z]+[A-Z]{_L}*")


def to_latex(text: str, *, ascii_only: bool = False, protect_case: bool = False) -> str:
    """BibTeX for ``text``: special characters escaped so BibTeX and Biber read them as text.

    Non-ASCII stays UTF-8 unless ``ascii_only`` (then LaTeX accents). With
    ``protect_case`` words such as "DNA" get braces, which a style's lowercasing spares.
    """
    if not protect_case and not (
        # _PLAIN_SAFE.search(text), by substring tests (C scans, no regex per character)
        "\\" in text or "{" in text or "}" in text or "`" in text or "--" in text or "''" in text
    ):
        # Nothing LaTeX groups or ligates: the specials one by one (C scans, no callback).
        out = text
        for ch, escaped in _SIMPLE_ESCAPES:
            if ch in out:
                out = out.replace(ch, escaped)
    elif protect_case and _CASE_WORD.search(text):
        # Marked first, escaped next: the braces must not be escaped themselves.
        marked = _CASE_WORD.sub(lambda m: "\x01" + m.group(0) + "\x02", text)
        out = _ESCAPE.sub(_escape_one, marked).replace("\x01", "{").replace("\x02", "}")
    else:
        out = _ESCAPE.sub(_escape_one, text)
    if ascii_only and not out.isascii():
        out = ascii_latex(out)
    return out


@lru_cache(maxsize=4096)
def _char_latex(ch: str) -> str:
    encoded = str(_encoder().unicode_to_latex(ch))  # type: ignore[attr-defined]
    # Only a form that reads back as the same character ("ĸ" would come back "k"), and
    # as one group decode_groups finds in a note ("{\ensuremath{\mathfrak{A}}}" nests
    # deeper: the note would come back with LaTeX in it).
    if encoded.isascii() and _GROUP.fullmatch(encoded) and _parse(encoded) == ch:
        return encoded
    return ch


def ascii_latex(tex: str) -> str:
    """LaTeX (already escaped) with its non-ASCII characters as LaTeX accents and symbols.

    A character LaTeX has no form for (CJK, most symbols) stays UTF-8.
    """
    if tex.isascii():
        return tex
    return "".join(ch if ch.isascii() else _char_latex(ch) for ch in tex)


_GROUP = re.compile(r"\{\\[^{}]*(?:\{[^{}]*\})?\}")


def decode_groups(text: str) -> str:
    """Text where only ``ascii_latex``'s braced groups are LaTeX: those decoded, the rest kept."""
    if "{\\" not in text:
        return text
    return _GROUP.sub(lambda m: _parse(m.group(0)), text)
