"""Which text encoding a CSV file is in: a BOM, else UTF-8 if every byte decodes, else Windows-1250/1251.

Partners' spreadsheets from the region are saved by Excel in the machine's ANSI code page: Windows-1250
for Latin-script names (Preševo, Šid, Đevđelija) and Windows-1251 for Cyrillic ones (Београд, Прешево).
Both decode almost any byte, so the choice is made from how the non-ASCII bytes sit: Cyrillic words are
runs of such bytes, Latin names with diacritics have one here and there between ASCII letters.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import BinaryIO

_BLOCK = 1 << 20
_HIGH_RUNS = re.compile(rb"[\x80-\xff]+")
_SAMPLE_RUNS = 5000

LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
}


class EncodingUnknown(ValueError):
    """The bytes are not text in any encoding this system reads without being told."""


@dataclass(frozen=True, slots=True)
class Encoding:
    codec: str
    detected: bool

    @property
    def label(self) -> str:
        name = LABELS.get(self.codec, self.codec)
        return f"{name} (detected)" if self.detected else name


def detect_encoding(binary: BinaryIO) -> Encoding:
    """Read the whole stream once (in blocks) and name its encoding; leaves the stream at its start."""
    start = binary.read(4)
    binary.seek(0)
    if start.startswith(codecs.BOM_UTF8):
        return Encoding("utf-8-sig", detected=True)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Encoding("utf-16", detected=True)
    decoder = codecs.getincrementaldecoder("utf-8")()
    runs: list[bytes] = []
    valid_utf8 = True
    while block := binary.read(_BLOCK):
        if len(runs) < _SAMPLE_RUNS:
            runs.extend(_HIGH_RUNS.findall(block)[: _SAMPLE_RUNS - len(runs)])
        if valid_utf8:
            try:
                decoder.decode(block)
            except UnicodeDecodeError:
                valid_utf8 = False
        elif len(runs) >= _SAMPLE_RUNS:
            break
    binary.seek(0)
    # An incomplete character at the very end is a truncated file, not another encoding.
    if valid_utf8:
        return Encoding("utf-8", detected=True)
    return Encoding(_single_byte_codec(runs), detected=True)


def _single_byte_codec(runs: list[bytes]) -> str:
    sample = b" ".join(runs)
    candidates = []
    for codec in ("cp1251", "cp1250"):
        try:
            sample.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append(codec)
    if not candidates:
        raise EncodingUnknown(
            "the file is not UTF-8, Windows-1250 or Windows-1251 text: save it as CSV UTF-8, "
            "or name its encoding"
        )
    if len(candidates) == 1:
        return candidates[0]
    average_run = sum(len(run) for run in runs) / len(runs)
    return "cp1251" if average_run >= 2 else "cp1250"
