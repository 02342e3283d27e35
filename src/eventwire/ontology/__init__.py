"""The CAMEO event ontology: the 311 codes with names, Goldstein scores, GDELT quad classes and PLOVER types.

The table lives in ``eventwire/data/cameo.csv`` (built by ``tools/build_cameo_csv.py``, provenance in
``data/SOURCES-ontology.md``). Codes are strings with their leading zeros (``"010"``, ``"0256"``); the
twenty root codes (``"01"`` .. ``"20"``) are rows of the table too.

::

    onto = load_ontology()
    onto.get("0256").goldstein      # -0.3
    "190" in onto                   # True
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventwire.errors import DictionaryError, UsageError

__all__ = ["CameoCode", "Ontology", "load_ontology"]

_COLUMNS = ("code", "name", "root", "goldstein", "quad_class", "plover_type", "plover_mode")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code.

    ``goldstein`` is on the -10 (conflict) .. +10 (cooperation) scale; ``quad_class`` is GDELT's
    1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict;
    ``plover_type``/``plover_mode`` are PLOVER 2.0 names, ``None`` where PLOVER has none (root 01).
    """

    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None

    @property
    def is_root(self) -> bool:
        """True for the twenty two-digit root codes."""
        return len(self.code) == 2


class Ontology:
    """Read-only lookup over the CAMEO table, in the table's order."""

    def __init__(self, codes: tuple[CameoCode, ...]) -> None:
        self._codes = codes
        self._by_code = {c.code: c for c in codes}

    def get(self, code: str) -> CameoCode:
        """The record for ``code``; raises ``UsageError`` E401 for a code not in CAMEO."""
        try:
            return self._by_code[code]
        except KeyError:
            raise UsageError(f"unknown CAMEO code {code!r}", code="E424") from None

    def codes(self) -> list[CameoCode]:
        """All codes (roots included), in CAMEO order."""
        return list(self._codes)

    def roots(self) -> list[CameoCode]:
        """The twenty root codes ``"01"`` .. ``"20"``."""
        return [c for c in self._codes if c.is_root]

    def root_of(self, code: str) -> CameoCode:
        """The root record of ``code`` (``"0256"`` -> ``"02"``)."""
        return self.get(self.get(code).root)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)


def parse_ontology(text: str, *, path: str = "cameo.csv") -> Ontology:
    """Parse the CSV text of the CAMEO table; a malformed row raises ``DictionaryError`` naming its line."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != _COLUMNS:
        raise DictionaryError(f"expected columns {','.join(_COLUMNS)}", path=path, line=1, code="E120")
    codes: list[CameoCode] = []
    for row in reader:
        line = reader.line_num
        try:
            code = row["code"]
            if not (code.isdigit() and 2 <= len(code) <= 4) or row["root"] != code[:2]:
                raise ValueError(f"bad code/root {code!r}/{row['root']!r}")
            codes.append(
                CameoCode(
                    code=code,
                    name=row["name"],
                    root=row["root"],
                    goldstein=float(row["goldstein"]),
                    quad_class=int(row["quad_class"]),
                    plover_type=row["plover_type"] or None,
                    plover_mode=row["plover_mode"] or None,
                )
            )
        except (TypeError, ValueError) as exc:
            raise DictionaryError(f"malformed row: {exc}", path=path, line=line, code="E120") from None
    return Ontology(tuple(codes))


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The bundled CAMEO table, read once per process."""
    text = resources.files("eventwire").joinpath("data").joinpath("cameo.csv").read_text(encoding="utf-8")
    return parse_ontology(text)
