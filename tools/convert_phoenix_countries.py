"""Build src/eventwire/data/actors/countries.yaml.

Usage::

    python tools/convert_phoenix_countries.py PATH/TO/Phoenix.Countries.actors.txt \
        > src/eventwire/data/actors/countries.yaml

Sources: the hand-curated table in tools/country_curation.py (names, adjectives, people, seats, national
institutions) and the spelling variants of each country name in the Phoenix/PETRARCH2 country
dictionary (MIT). Only variants that look like the country's own name are taken: the Phoenix file also
lists cities, provinces and rivers under each country, and a city is a place, not an actor.
pycountry (if installed) is used to check that every ISO 3166-1 country is present.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from country_curation import COUNTRY_TABLE, NATIONAL_ORGS, TERRITORIES

# Phoenix variants that are regions, cities, rivers or junk rather than the country's name.
DROP = {
    "south australia", "western australia", "santiago de chile", "chiloe", "great wall of china",
    "santiago de cuba", "ile-de-france", "italian peninsula", "luxembourg-ville", "monaco-ville",
    "ciudad de mexico", "mexicali", "hook of holland", "hoek van holland", "port sudan", "suriname river",
    "surinam river", "mongolids", "pakish", "british south africa", "middle congo", "north congo",
    "little congo", "moyen congo", "sing a pore", "hong cong", "bahraynal bahrain",
}
SMALL_WORDS = {"of", "the", "and", "da", "de", "del", "la", "el", "al", "d'"}
HEAD = re.compile(r"^([^\s#+\[][^\[#]*?)\s*(?:\[([A-Z]{3})\])?\s*(?:#.*)?$")
CODE_LINE = re.compile(r"^\s+\[([A-Z]+)")


def parse_table(text: str) -> dict[str, dict[str, list[str]]]:
    table: dict[str, dict[str, list[str]]] = {}
    for line in text.strip().splitlines():
        code, names, adjectives, people, seats = (part.strip() for part in line.split("|"))
        table[code] = {
            "names": _split(names),
            "adjectives": _split(adjectives),
            "people": _split(people),
            "seats": _split(seats),
        }
    return table


def _split(field: str) -> list[str]:
    return [item.strip() for item in field.split(";") if item.strip()]


def title_case(form: str) -> str:
    words = form.replace("_", " ").strip().lower().split()
    out = []
    for i, word in enumerate(words):
        if i and word in SMALL_WORDS:
            out.append(word)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(out)


def phoenix_country_forms(path: Path) -> dict[str, list[str]]:
    """Head + synonym forms of every Phoenix entry whose code is a bare country code."""
    forms: dict[str, list[str]] = {}
    entry: list[str] = []
    codes: list[str] = []

    def flush() -> None:
        country = {code[:3] for code in codes if len(code) == 3}
        if entry and len(country) == 1 and all(len(code) == 3 or code.endswith("OCC") for code in codes):
            forms.setdefault(country.pop(), []).extend(entry)

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("+"):
            entry.append(line[1:].split("#")[0].strip())
            continue
        code_match = CODE_LINE.match(line)
        if code_match:
            codes.append(code_match.group(1))
            continue
        head = HEAD.match(line)
        if head:
            flush()
            entry, codes = [head.group(1).strip()], []
            if head.group(2):
                codes.append(head.group(2))
    flush()
    return forms


def looks_like_name(candidate: str, names: list[str], taken: set[str]) -> bool:
    low = candidate.lower()
    if low in taken or low in DROP or low.startswith("the ") or len(candidate) < 4:
        return False
    if not re.fullmatch(r"[A-Za-z][A-Za-z '-]+", candidate) or low.startswith("saint "):
        return False
    for name in names:
        name_low = name.lower()
        if re.search(rf"\b{re.escape(name_low)}\b", low) and len(low.split()) <= 6:
            return True
        if len(name_low) >= 5 and low[:4] == name_low[:4] and abs(len(low) - len(name_low)) <= 2:
            return True
    return False


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__ or "")
        return 2
    table = parse_table(COUNTRY_TABLE)
    try:
        import pycountry

        missing = {c.alpha_3 for c in pycountry.countries} - set(table) - {"XKX"}
        if missing:
            raise SystemExit(f"country_curation.py lacks {sorted(missing)}")
    except ImportError:
        pass
    orgs: dict[str, list[tuple[str, list[str]]]] = {}
    for line in NATIONAL_ORGS.strip().splitlines():
        country, code, names = (part.strip() for part in line.split("|"))
        orgs.setdefault(country, []).append((code, _split(names)))
    territories = {code.strip(): _split(names) for code, names in
                   (line.split("|") for line in TERRITORIES.strip().splitlines())}
    phoenix = phoenix_country_forms(Path(argv[1]))
    out = [
        "# Countries: names, adjectives, people, capitals/seats of power and national institutions.",
        "# Generated by tools/convert_phoenix_countries.py from tools/country_curation.py and the name",
        "# variants in Phoenix.Countries.actors.txt (openeventdata/petrarch2, MIT, (c) 2014 Open Event",
        "# Data Alliance). Codes: ISO 3166-1 alpha-3; Kosovo uses the CAMEO code KSV. See SOURCES-actors.md.",
    ]
    for code in sorted(table):
        row = table[code]
        names = list(row["names"])
        taken = {form.lower() for key in ("names", "adjectives", "people", "seats") for form in row[key]}
        for form in phoenix.get(code, []):
            candidate = title_case(form)
            if looks_like_name(candidate, row["names"], taken):
                names.append(candidate)
                taken.add(candidate.lower())
        out.append("- kind: country")
        out.append(f"  code: {code}")
        out.append(f"  name: {json.dumps(names[0], ensure_ascii=False)}")
        out.append(f"  names: {_flow(names)}")
        for key in ("adjectives", "people", "seats"):
            if row[key]:
                out.append(f"  {key}: {_flow(row[key])}")
        if code in territories:
            out.append(f"  territories: {_flow(territories[code])}")
        if code in orgs:
            out.append("  orgs:")
            for org_code, org_names in orgs[code]:
                out.append(f"    - {{code: {org_code}, names: {_flow(org_names)}}}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in items) + "]"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
