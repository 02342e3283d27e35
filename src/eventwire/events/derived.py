"""Derived code families: intent (03x), appeal (02x), demand (10x), reject (12x), threat (13x).

The table is data (``data/derived_codes.yaml``): for an embedded event's code, the longest matching
prefix gives the code of talking about it (see the comment at the top of that file).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import DictionaryError

FAMILIES = ("intent", "appeal", "demand", "reject", "threat", "assault", "riot", "killing", "membership")


@dataclass(frozen=True, slots=True)
class DerivedCodes:
    tables: Mapping[str, Mapping[str, str]]

    def derive(self, family: str, embedded: str | None) -> str:
        """The code for ``family`` applied to an embedded event coded ``embedded`` (or None)."""
        table = self.tables[family]
        if embedded:
            for cut in range(len(embedded), 1, -1):
                code = table.get(embedded[:cut])
                if code is not None:
                    return code
        return table["default"]

    def remap(self, family: str, code: str) -> str | None:
        """The code ``family`` gives to exactly ``code`` (no prefix matching, no default), or None."""
        if code == "default":
            return None
        return self.tables[family].get(code)


@lru_cache(maxsize=1)
def load_derived_codes() -> DerivedCodes:
    path = resources.files("eventwire") / "data" / "derived_codes.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    name = "derived_codes.yaml"
    if not isinstance(raw, dict) or set(raw) != set(FAMILIES):
        raise DictionaryError(f"expected exactly the families {FAMILIES}", path=name, code="E120")
    from ..ontology import load_ontology

    ontology = load_ontology()
    tables: dict[str, dict[str, str]] = {}
    for family, table in raw.items():
        if "default" not in table:
            raise DictionaryError(f"family {family!r} has no default", path=name, code="E120")
        for key, code in table.items():
            if not isinstance(code, str) or code not in ontology:
                raise DictionaryError(f"{family}.{key}: {code!r} is not a CAMEO code", path=name, code="E110")
        tables[family] = {str(k): v for k, v in table.items()}
    return DerivedCodes(tables)
