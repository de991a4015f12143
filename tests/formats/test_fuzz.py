"""Any text, in any format's reader: records and broken entries, or a one-line FormatError."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readinglist import formats
from readinglist.formats import FormatError

PIECES = st.sampled_from(
    [
        "@article{", "@string{", "@comment{", "@preamble{", "}", "{", ",", "=", "#", '"', "\\",
        "author = ", "title = ", " and ", "others", "\n", "TY  - ", "AU  - ", "ER  - ", "KW  - ",
        "[", "]", '{"title": ', '"author": [', '{"family": "x"}', "null", "1999", "crossref = ",
        "x", "é", "\\'", "$", "%", "~", "--", "\r\n", "\ufeff", "date = {2020/2021}",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=40).map("".join)


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csljson"])
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXT)
def test_any_text_reads_or_is_refused_in_one_line(fmt: str, text: str) -> None:
    try:
        result = formats.read_text(text, "fuzz", fmt)
    except FormatError as exc:
        assert "\n" not in str(exc)
        return
    for bad in result.bad:
        assert bad.line >= 1 and "\n" not in str(bad)
    for record in result.records:
        assert isinstance(record.title, str) and record.line >= 1
