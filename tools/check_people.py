"""Check the shape and dates of actor dictionary files (people, organisations, groups).

A standalone checker for data/actors/people.yaml and data/actors/organizations.yaml, written against
docs/actor-dictionary-format.md. It does not import the eventwire loader (so the data can be checked while
the loader is being written) and reports every problem with its file and line.

    python tools/check_people.py                      # checks the two bundled files
    python tools/check_people.py my_people.yaml ...   # checks the given files
    python tools/check_people.py --on 2020-01-08      # also lists who holds which code on that day
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CODE_RE = re.compile(r"[A-Z]{3}(?:[A-Z]{3})*")
KINDS = frozenset({"country", "agent", "organization", "group", "person"})
PERSON_KEYS = frozenset({"kind", "name", "names", "roles", "source"})
ORG_KEYS = frozenset({"kind", "code", "name", "names", "seats", "roles"})
ROLE_KEYS = frozenset({"code", "start", "end"})
HEAD_SOURCE = "heads of state and government"

DATA_DIR = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "actors"
DEFAULT_FILES = (DATA_DIR / "people.yaml", DATA_DIR / "organizations.yaml")


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible date (2020-13-01) as text, so it is reported with its line."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


@dataclass(frozen=True, slots=True)
class Problem:
    """One defect in a dictionary file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Role:
    """A code held by a person over the half-open interval [start, end); None means unbounded."""

    code: str
    start: dt.date | None
    end: dt.date | None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, day: dt.date) -> bool:
        """True if the role is dated and ``start <= day < end``."""
        if not self.dated:
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def overlaps(self, other: Role) -> bool:
        lo = max(self.start or dt.date.min, other.start or dt.date.min)
        hi = min(self.end or dt.date.max, other.end or dt.date.max)
        return lo < hi


@dataclass(frozen=True, slots=True)
class Entry:
    """A raw entry of a dictionary file with the line (1-based) where it starts."""

    data: dict[str, Any]
    path: str
    line: int


def load_entries(path: Path) -> tuple[list[Entry], list[Problem]]:
    """Parse a YAML dictionary file into entries that know their line numbers."""
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        return [], [Problem(str(path), line, f"not valid YAML: {exc}")]
    if data is None:
        return [], []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        return [], [Problem(str(path), 1, "the file must be a YAML list of entries")]
    entries = []
    for item_node, item in zip(node.value, data, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            entries.append(Entry({"kind": None, "_not_a_mapping": item}, str(path), line))
        else:
            entries.append(Entry(item, str(path), line))
    return entries, []


def parse_day(value: Any) -> dt.date:
    """An ISO date, given as a YAML date or a string; raises ValueError otherwise."""
    if isinstance(value, dt.datetime):
        raise ValueError(f"{value!r} is a timestamp, not a date")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    raise ValueError(f"{value!r} is not an ISO date")


def parse_roles(raw: Any) -> tuple[list[Role], list[str]]:
    """Roles of a person entry and the messages for those that are malformed."""
    roles: list[Role] = []
    errors: list[str] = []
    if not isinstance(raw, list) or not raw:
        return roles, ["`roles` must be a non-empty list"]
    for i, item in enumerate(raw):
        where = f"role {i + 1}"
        if not isinstance(item, dict):
            errors.append(f"{where}: must be a mapping with code/start/end")
            continue
        unknown = set(item) - ROLE_KEYS
        if unknown:
            errors.append(f"{where}: unknown keys {sorted(unknown)}")
        code = item.get("code")
        if not isinstance(code, str) or not CODE_RE.fullmatch(code):
            errors.append(f"{where}: code {code!r} is not of the form [A-Z]{{3}}([A-Z]{{3}})*")
            continue
        try:
            start = parse_day(item["start"]) if "start" in item else None
            end = parse_day(item["end"]) if "end" in item else None
        except ValueError as exc:
            errors.append(f"{where}: {exc}")
            continue
        if end is not None and start is None:
            errors.append(f"{where}: `end` without `start`")
            continue
        if start is not None and end is not None and start >= end:
            errors.append(f"{where}: start {start} is not before end {end}")
            continue
        roles.append(Role(code, start, end))
    for i, a in enumerate(roles):
        for b in roles[i + 1 :]:
            if a == b:
                errors.append(f"duplicate role {a.code} {a.start}..{a.end}")
            elif a.code == b.code and a.dated and b.dated and a.overlaps(b):
                errors.append(
                    f"overlapping roles with code {a.code}: {a.start}..{a.end} and {b.start}..{b.end}"
                )
    return roles, errors


def _check_names(data: dict[str, Any]) -> list[str]:
    errors = []
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        errors.append("`name` must be a non-empty string")
    names = data.get("names")
    if not isinstance(names, list) or not names:
        errors.append("`names` must be a non-empty list")
    else:
        for form in names:
            if not isinstance(form, str) or not form.strip():
                errors.append(f"empty or non-string surface form {form!r}")
        lowered = [f.casefold() for f in names if isinstance(f, str)]
        dupes = sorted({f for f in lowered if lowered.count(f) > 1})
        if dupes:
            errors.append(f"surface forms listed twice: {dupes}")
    return errors


def check_entry(entry: Entry) -> list[str]:
    """Messages for one entry (person, organization or group); other kinds only get a kind check."""
    data = entry.data
    kind = data.get("kind")
    if kind not in KINDS:
        return [f"unknown kind {kind!r}"]
    if kind == "person":
        errors = [f"unknown keys {sorted(set(data) - PERSON_KEYS)}"] if set(data) - PERSON_KEYS else []
        errors += _check_names(data)
        _, role_errors = parse_roles(data.get("roles"))
        errors += role_errors
        source = data.get("source")
        if not isinstance(source, str) or not source.strip():
            errors.append("`source` must be a non-empty string")
        return errors
    if kind in ("organization", "group"):
        errors = [f"unknown keys {sorted(set(data) - ORG_KEYS)}"] if set(data) - ORG_KEYS else []
        code = data.get("code")
        if not isinstance(code, str) or not CODE_RE.fullmatch(code):
            errors.append(f"code {code!r} is not of the form [A-Z]{{3}}([A-Z]{{3}})*")
        if data.get("roles") is not None:  # dated codes of a group (Taliban -> AFGGOV from 2021-08-15)
            _, role_errors = parse_roles(data.get("roles"))
            errors += role_errors
        seats = data.get("seats")
        if seats is not None and (not isinstance(seats, list) or not all(isinstance(s, str) and s.strip()
                                                                           for s in seats)):
            errors.append("`seats` must be a list of non-empty surface forms")
        return errors + _check_names(data)
    return []


def check_entries(entries: Sequence[Entry]) -> list[Problem]:
    """All problems of a set of entries, including surface forms shared by two entries."""
    problems = [Problem(e.path, e.line, msg) for e in entries for msg in check_entry(e)]
    owner: dict[str, Entry] = {}
    for e in entries:
        names = e.data.get("names")
        if e.data.get("kind") not in ("person", "organization", "group") or not isinstance(names, list):
            continue
        for form in names:
            if not isinstance(form, str):
                continue
            key = form.casefold()
            first = owner.setdefault(key, e)
            if first is not e and first.data.get("name") != e.data.get("name"):
                problems.append(
                    Problem(
                        e.path,
                        e.line,
                        f"surface form {form!r} also names {first.data.get('name')!r} "
                        f"({first.path}:{first.line})",
                    )
                )
    return problems


def check_files(paths: Iterable[Path]) -> tuple[list[Entry], list[Problem]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in paths:
        found, load_problems = load_entries(path)
        entries += found
        problems += load_problems
    return entries, problems + check_entries(entries)


def people(entries: Iterable[Entry]) -> list[Entry]:
    return [e for e in entries if e.data.get("kind") == "person"]


def roles_on(entries: Iterable[Entry], day: dt.date) -> dict[str, list[str]]:
    """Code -> names of the people holding a dated role with that code on ``day``."""
    held: dict[str, list[str]] = {}
    for e in people(entries):
        roles, _ = parse_roles(e.data.get("roles"))
        for role in roles:
            if role.covers(day):
                held.setdefault(role.code, []).append(e.data["name"])
    return held


def gov_countries_on(entries: Iterable[Entry], day: dt.date, *, heads_only: bool = False) -> set[str]:
    """Country codes (ISO3) with at least one person in a ``<ISO3>GOV`` role on ``day``.

    With ``heads_only``, only people whose ``source`` cites the heads of state and government count.
    """
    chosen = [e for e in people(entries) if not heads_only or HEAD_SOURCE in str(e.data.get("source", ""))]
    return {code[:3] for code in roles_on(chosen, day) if len(code) == 6 and code.endswith("GOV")}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="YAML files (default: the bundled ones)")
    parser.add_argument("--on", type=dt.date.fromisoformat, help="list who holds which code on this day")
    args = parser.parse_args(argv)
    entries, problems = check_files(args.files or DEFAULT_FILES)
    for problem in problems:
        print(problem)
    if args.on:
        for code, names in sorted(roles_on(entries, args.on).items()):
            print(f"{code}\t{'; '.join(names)}")
    kinds: dict[str, int] = {}
    for e in entries:
        kinds[str(e.data.get("kind"))] = kinds.get(str(e.data.get("kind")), 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    print(f"{len(problems)} problem(s); {summary}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
