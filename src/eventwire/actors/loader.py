"""Load and validate actor dictionaries (bundled ``data/actors/*.yaml|*.csv`` plus user files).

Every problem raises DictionaryError naming the file and the line of the offending entry or field.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import DictionaryError
from .entries import KINDS, ActorDictionary, ActorEntry, NationalOrg, Role

CODE_RE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
CSV_COLUMNS = ("kind", "code", "name", "names", "start", "end")
_LIST_FIELDS = ("names", "adjectives", "people", "seats", "plurals", "territories")
_KNOWN_FIELDS = frozenset({*_LIST_FIELDS, "kind", "code", "name", "orgs", "roles", "source", "note"})


def load_actor_dictionary(extra_files: Iterable[Path | str] = ()) -> ActorDictionary:
    """Bundled entries merged with ``extra_files`` (YAML or CSV); a user entry with the same kind and
    name replaces the bundled one. Raises DictionaryError(path, line) on the first malformed entry."""
    merged: dict[tuple[str, str], ActorEntry] = {entry.key: entry for entry in _bundled_entries()}
    for raw_path in extra_files:
        path = Path(raw_path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DictionaryError(f"cannot read actor file: {exc}", path=str(path), code="E101") from exc
        for entry in parse_actor_text(text, label=str(path), suffix=path.suffix.lower()):
            merged.pop(entry.key, None)  # keep user entries after bundled ones
            merged[entry.key] = entry
    return ActorDictionary(entries=tuple(merged.values()))


@lru_cache(maxsize=1)
def _bundled_entries() -> tuple[ActorEntry, ...]:
    """The bundled files, parsed once per process (entries are immutable)."""
    return tuple(entry for label, text, suffix in _bundled_files()
                 for entry in parse_actor_text(text, label=label, suffix=suffix))


def _bundled_files() -> Iterator[tuple[str, str, str]]:
    folder = resources.files("eventwire") / "data" / "actors"
    names = sorted(item.name for item in folder.iterdir() if item.name.endswith((".yaml", ".yml", ".csv")))
    for name in names:
        yield name, (folder / name).read_text(encoding="utf-8"), Path(name).suffix.lower()


def parse_actor_text(text: str, *, label: str, suffix: str) -> list[ActorEntry]:
    """Validate one file's text (``suffix`` .yaml/.yml/.csv); ``label`` names it in errors and origins."""
    if suffix == ".csv":
        return _parse_csv(text, label)
    if suffix not in (".yaml", ".yml"):
        raise DictionaryError(f"unsupported actor file type {suffix!r} (use .yaml or .csv)", path=label, code="E102")
    return _parse_yaml(text, label)


# --- YAML ---------------------------------------------------------------------------------------------

class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader that leaves dates as strings, so that bad dates are reported with their line."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _parse_yaml(text: str, label: str) -> list[ActorEntry]:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DictionaryError(f"invalid YAML: {getattr(exc, 'problem', exc)}", path=label, line=line,
                              code="E103") from exc
    finally:
        loader.dispose()
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise DictionaryError("an actor file is a YAML list of entries", path=label, line=1, code="E104")
    entries = []
    for item, node in zip(data, root.value, strict=True):
        entries.append(_entry(item, _Lines(node), label))
    return entries


class _Lines:
    """Line numbers (1-based) of a YAML node and of its fields, for error messages."""

    def __init__(self, node: yaml.Node | None, line: int | None = None) -> None:
        self.node = node
        self.line = node.start_mark.line + 1 if node is not None else (line or 0)

    def field(self, key: str) -> _Lines:
        if isinstance(self.node, yaml.MappingNode):
            for key_node, value_node in self.node.value:
                if getattr(key_node, "value", None) == key:
                    return _Lines(value_node)
        return self

    def item(self, index: int) -> _Lines:
        if isinstance(self.node, yaml.SequenceNode) and index < len(self.node.value):
            return _Lines(self.node.value[index])
        return self


# --- validation shared by YAML and CSV ------------------------------------------------------------------

def _entry(item: Any, lines: _Lines, label: str) -> ActorEntry:
    def fail(message: str, where: _Lines = lines, code: str = "E150") -> DictionaryError:
        return DictionaryError(message, path=label, line=where.line, code=code)

    if not isinstance(item, dict):
        raise fail("an entry must be a mapping with at least `kind` and `names`")
    kind = item.get("kind")
    if kind not in KINDS:
        raise fail(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})", lines.field("kind"), "E151")
    unknown = set(item) - _KNOWN_FIELDS
    if unknown:
        raise fail(f"unknown field(s) {', '.join(sorted(map(str, unknown)))}", code="E152")
    names = _forms(item.get("names"), "names", lines.field("names"), fail, required=True)
    name = item.get("name", names[0])
    if not isinstance(name, str) or not name.strip():
        raise fail("`name` must be a non-empty string", lines.field("name"), "E153")
    lists = {key: _forms(item.get(key), key, lines.field(key), fail) for key in _LIST_FIELDS[1:]}
    code = item.get("code")
    roles: tuple[Role, ...] = ()
    if kind == "person":
        roles = _roles(item.get("roles"), code, lines, fail)
        code = None
    else:
        if code is None:
            raise fail("missing `code`", code="E154")
        _check_code(code, kind, lines.field("code"), fail)
        if item.get("roles") is not None:  # dated codes of a group or organisation (Taliban -> AFGGOV)
            if kind not in ("group", "organization"):
                raise fail("`roles` is only allowed in person, group and organization entries",
                           lines.field("roles"), "E152")
            roles = _roles(item.get("roles"), None, lines, fail)
    orgs = tuple(_org(org, lines.field("orgs").item(i), label, fail) for i, org in enumerate(item.get("orgs") or ()))
    if item.get("orgs") is not None and kind != "country":
        raise fail("`orgs` is only allowed in country entries", lines.field("orgs"), "E152")
    if item.get("territories") is not None and kind != "country":
        raise fail("`territories` is only allowed in country entries", lines.field("territories"), "E152")
    source = item.get("source")
    return ActorEntry(
        kind=kind, name=name.strip(), names=names, origin=f"{_short(label)}:{lines.line}", code=code,
        adjectives=lists["adjectives"], people=lists["people"], seats=lists["seats"], orgs=orgs, roles=roles,
        plurals=lists["plurals"], territories=lists["territories"], source=str(source) if source is not None else None,
    )


def _forms(value: Any, key: str, lines: _Lines, fail: Any, *, required: bool = False) -> tuple[str, ...]:
    if value is None:
        if required:
            raise fail(f"missing `{key}`", code="E154")
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or (required and not value):
        raise fail(f"`{key}` must be a non-empty list of surface forms", lines, "E155")
    out = []
    for index, form in enumerate(value):
        if not isinstance(form, str) or not form.strip():
            raise fail(f"empty surface form in `{key}`", lines.item(index), "E156")
        out.append(" ".join(form.split()))
    return tuple(dict.fromkeys(out))


def _check_code(code: Any, kind: str, lines: _Lines, fail: Any) -> None:
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise fail(f"code {code!r} is not of the form [A-Z]{{3}}([A-Z]{{3}})*", lines, "E157")
    if kind == "agent" and len(code) != 3:
        raise fail(f"agent code {code!r} must have exactly 3 letters", lines, "E158")


def _org(value: Any, lines: _Lines, label: str, fail: Any) -> NationalOrg:
    if not isinstance(value, dict):
        raise fail("an org must be a mapping with `code` and `names`", lines)
    if "code" not in value:
        raise fail("missing `code` in org", lines, "E154")
    _check_code(value["code"], "organization", lines.field("code"), fail)
    names = _forms(value.get("names"), "names", lines.field("names"), fail, required=True)
    return NationalOrg(code=value["code"], names=names, origin=f"{_short(label)}:{lines.line}")


def _roles(value: Any, code: Any, lines: _Lines, fail: Any) -> tuple[Role, ...]:
    if value is None and code is not None:  # shorthand: a person with a single undated code
        value = [{"code": code}]
    if not isinstance(value, list) or not value:
        raise fail("a person needs `roles` (a list of {code, start, end})", lines.field("roles"), "E159")
    roles: list[Role] = []
    for index, raw in enumerate(value):
        where = lines.field("roles").item(index)
        if not isinstance(raw, dict) or "code" not in raw:
            raise fail("a role is a mapping with `code` and optional `start`/`end`", where, "E159")
        _check_code(raw["code"], "person", where.field("code"), fail)
        start = _date(raw.get("start"), where.field("start"), fail)
        end = _date(raw.get("end"), where.field("end"), fail)
        if start is not None and end is not None and start >= end:
            raise fail(f"role start {start} is not before end {end}", where, "E161")
        role = Role(code=raw["code"], start=start, end=end)
        if role in roles:
            raise fail(f"duplicate role {role.code} {start}..{end}", where, "E162")
        roles.append(role)
    return tuple(roles)


def _date(value: Any, lines: _Lines, fail: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise fail(f"date {value!r} is not an ISO date (YYYY-MM-DD)", lines, "E160") from None


def _short(label: str) -> str:
    return Path(label).name


# --- CSV ----------------------------------------------------------------------------------------------

def _parse_csv(text: str, label: str) -> list[ActorEntry]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in ("kind", "code", "names") if c not in header]
    if missing:
        raise DictionaryError(f"CSV lacks column(s) {', '.join(missing)} (columns: {', '.join(CSV_COLUMNS)})",
                              path=label, line=1, code="E105")
    items: list[tuple[dict[str, Any], int]] = []
    persons: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        if not any(row.values()):
            continue
        names = [n for n in row.get("names", "").split("|")] if row.get("names") else None
        name = row.get("name") or (names[0].strip() if names else "")
        kind = row.get("kind") or None
        if kind == "person":
            role = {"code": row.get("code") or None, "start": row.get("start") or None,
                    "end": row.get("end") or None}
            if not role["code"]:
                raise DictionaryError("missing `code`", path=label, line=line, code="E154")
            if name in persons:
                item, _ = items[persons[name]]
                item["roles"].append(role)
                item["_role_lines"].append(line)
                for form in names or ():
                    if form not in item["names"]:
                        item["names"].append(form)
                continue
            persons[name] = len(items)
            items.append(({"kind": kind, "name": name, "names": names, "roles": [role],
                           "_role_lines": [line]}, line))
            continue
        item = {"kind": kind, "code": row.get("code") or None, "names": names}
        if name:
            item["name"] = name
        items.append((item, line))
    entries = []
    for item, line in items:
        role_lines = item.pop("_role_lines", None)
        entries.append(_entry(item, _CsvLines(line, role_lines), label))
    return entries


class _CsvLines(_Lines):
    def __init__(self, line: int, role_lines: list[int] | None = None) -> None:
        super().__init__(None, line)
        self.role_lines = role_lines

    def field(self, key: str) -> _Lines:
        if key == "roles" and self.role_lines:
            return _CsvRoles(self.line, self.role_lines)
        return self


class _CsvRoles(_Lines):
    def __init__(self, line: int, role_lines: list[int]) -> None:
        super().__init__(None, line)
        self.role_lines = role_lines

    def item(self, index: int) -> _Lines:
        return _CsvLines(self.role_lines[index]) if index < len(self.role_lines) else self
