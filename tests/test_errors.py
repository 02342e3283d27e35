"""One registry of error codes (eventwire.errors.ERROR_CODES): every code the source uses is registered, raised
by its registered class, and documented in docs/errors.md; no code is registered twice."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from eventwire import errors
from eventwire.errors import ERROR_CODES, EventwireError, HttpError

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "eventwire"
CODE = re.compile(r"""["'](E\d{3})["']""")
ERROR_CLASSES = {
    cls.__name__: cls for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, EventwireError)
}
# The first digit of a code names its family; HTTP codes are the status's own, whatever the digit.
FAMILY = {
    "0": errors.EventwireError,
    "1": errors.DictionaryError,
    "2": errors.InputError,
    "3": errors.StoreError,
    "4": errors.UsageError,
    "5": errors.CodingError,
    "6": errors.EngineError,
}


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _literal_codes(path: Path) -> set[str]:
    return set(CODE.findall(path.read_text(encoding="utf-8")))


def test_every_code_in_the_source_is_registered():
    unknown = {
        f"{path.relative_to(ROOT)}: {code}"
        for path in [*_sources(), *sorted((SRC / "api" / "static").glob("*.js"))]
        for code in _literal_codes(path)
        if code not in ERROR_CODES
    }
    assert not unknown, "codes used but not registered in eventwire.errors.ERROR_CODES: " + ", ".join(sorted(unknown))


def _raise_sites(path: Path) -> list[tuple[str, str, int, int | None]]:
    """(class name, code, line, HTTP status) of every ``SomeError(..., code="E123")`` and
    ``HttpError(status, "E123", ...)`` call in ``path``."""
    sites = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        name = node.func.id
        if name == "HttpError" and len(node.args) >= 2:
            status, code = node.args[0], node.args[1]
            if isinstance(code, ast.Constant) and isinstance(status, ast.Constant):
                sites.append((name, code.value, node.lineno, status.value))
        elif name in ERROR_CLASSES:
            for keyword in node.keywords:
                if keyword.arg == "code" and isinstance(keyword.value, ast.Constant):
                    sites.append((name, keyword.value.value, node.lineno, None))
    return sites


def test_each_code_is_raised_by_its_registered_class():
    wrong = []
    for path in _sources():
        for name, code, line, status in _raise_sites(path):
            entry = ERROR_CODES.get(code)
            if entry is None or entry.raised_as.__name__ != name:
                registered = entry.raised_as.__name__ if entry else "nothing"
                wrong.append(f"{path.relative_to(ROOT)}:{line} {name} {code} (registered: {registered})")
            elif status is not None and code != "E408" and code != f"E{status}":
                wrong.append(f"{path.relative_to(ROOT)}:{line} HTTP {status} answered as {code}")
    assert not wrong, "\n".join(wrong)


def test_the_sites_are_found():
    """The scan above sees the raise sites it checks (so that an empty scan cannot pass)."""
    sites = [site for path in _sources() for site in _raise_sites(path)]
    assert len(sites) > 100
    assert {"UsageError", "StoreError", "InputError", "HttpError", "DictionaryError"} <= {s[0] for s in sites}


def test_codes_sit_in_their_family_range():
    for entry in ERROR_CODES.values():
        assert re.fullmatch(r"E\d{3}", entry.code), entry.code
        if entry.raised_as is HttpError:
            continue
        assert entry.raised_as is FAMILY[entry.code[1]], entry


def test_one_meaning_per_code():
    meanings = [entry.meaning for entry in ERROR_CODES.values()]
    assert len(set(meanings)) == len(meanings)


def test_a_code_registered_twice_is_refused():
    with pytest.raises(ValueError, match="E999 registered twice"):
        errors.error_registry(("E999", EventwireError, "one"), ("E999", EventwireError, "two"))


def test_every_code_is_documented_once():
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (E\d{3}) \| (\w+) \| (.+) \|$", text, flags=re.MULTILINE)
    documented = [code for code, _, _ in rows]
    assert len(documented) == len(set(documented)), "a code has two rows in docs/errors.md"
    assert set(documented) == set(ERROR_CODES), (
        f"not documented: {sorted(set(ERROR_CODES) - set(documented))}; "
        f"documented but not registered: {sorted(set(documented) - set(ERROR_CODES))}"
    )
    for code, raised_as, meaning in rows:
        assert (raised_as, meaning) == (ERROR_CODES[code].raised_as.__name__, ERROR_CODES[code].meaning), code


def test_http_errors_are_in_the_tree():
    exc = HttpError(404, "E404", "no event 'x'")
    assert isinstance(exc, EventwireError)
    assert (exc.status, exc.code, exc.message, str(exc)) == (404, "E404", "no event 'x'", "[E404] no event 'x'")
