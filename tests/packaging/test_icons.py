"""The app icon: the SVG the window uses, and the PNG, .ico and .icns files made from it."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons" / "app"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC, "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_svg_is_square_and_parses() -> None:
    root = ET.parse(ICONS / "readinglist.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    assert width == height


@pytest.mark.parametrize("size", [16, 22, 24, 32, 48, 64, 128, 256, 512])
def test_hicolor_png(size: int) -> None:
    data = (ICONS / "hicolor" / f"{size}x{size}" / "apps" / "readinglist.png").read_bytes()
    assert png_size(data) == (size, size)


def test_ico_holds_16_to_256() -> None:
    data = (ICONS / "readinglist.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        w, h, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        w, h = w or 256, h or 256
        assert (planes, bits) == (1, 32)
        assert offset + length <= len(data)
        assert png_size(data[offset : offset + length]) == (w, h)
        sizes.add(w)
    assert {16, 24, 32, 48, 256} <= sizes


def test_icns_holds_16_to_1024() -> None:
    data = (ICONS / "readinglist.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    found: dict[bytes, tuple[int, int]] = {}
    pos = 8
    while pos < len(data):
        kind, length = data[pos : pos + 4], struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        assert length > 8
        found[kind] = png_size(data[pos + 8 : pos + length])
        pos += length
    assert pos == len(data)
    # The types macOS picks for the Dock, Finder and the app switcher.
    expected = {b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024, b"ic11": 32}
    for kind, size in expected.items():
        assert found[kind] == (size, size), kind


def test_container_writers_round_trip() -> None:
    from make_icons import ICNS_TYPES, icns_bytes, ico_bytes

    fake = {s: PNG_MAGIC + b"\0" * 8 + struct.pack(">II", s, s) for s in (16, 32, 256)}
    ico = ico_bytes(fake)
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, 3)
    assert ico[6 + 32] == 0  # 256 is written as 0
    every = {size: fake.get(size, fake[16]) for _, size in ICNS_TYPES}
    icns = icns_bytes(every)
    assert struct.unpack(">I", icns[4:8])[0] == len(icns)
