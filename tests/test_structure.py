"""tools/check_structure.py: the import-cycle and module-length check that `make lint` runs."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[1] / "tools" / "check_structure.py"


@pytest.fixture(scope="module")
def check():
    spec = importlib.util.spec_from_file_location("check_structure", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_cycle_dodged_with_a_function_level_import_is_found(check, tmp_path):
    src = _package(tmp_path, {
        "__init__.py": "",
        "a.py": "from .b import f\n",
        "b.py": "def f():\n    from .a import g\n    return g\n",
        "c.py": "from . import a\n",
    })  # fmt: skip
    assert check.cycles(check.graph(src)) == [["pkg.a", "pkg.b"]]


def test_type_checking_imports_and_packages_importing_their_modules_are_not_cycles(check, tmp_path):
    src = _package(tmp_path, {
        "__init__.py": "from .a import f\n",
        "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import g\ndef f(): ...\n",
        "b.py": "from . import a\nfrom .a import f\n",
        "sub/__init__.py": "from .x import h\n",
        "sub/x.py": "from ..a import f\nfrom . import y\ndef h(): ...\n",
        "sub/y.py": "import pkg.sub.x\n",
    })  # fmt: skip
    edges = check.graph(src)
    assert "pkg.b" not in edges["pkg.a"]
    assert edges["pkg.sub.x"] == {"pkg.a", "pkg.sub", "pkg.sub.y"}  # "from . import y" runs pkg.sub too
    assert check.cycles(edges) == [["pkg.sub.x", "pkg.sub.y"]]


def test_long_modules_are_listed(check, tmp_path):
    src = _package(tmp_path, {"__init__.py": "", "long.py": "x = 1\n" * 12, "short.py": "x = 1\n"})
    assert [(Path(p).name, n) for p, n in check.long_modules(src, 10)] == [("long.py", 12)]
    assert check.main([str(src), "--max-lines", "10"]) == 1
    assert check.main([str(src), "--max-lines", "20"]) == 0


def test_the_package_has_no_import_cycle_and_no_module_over_500_lines(check):
    """The house rule itself, on eventwire's own source (what `make lint` checks, kept in `make test` too)."""
    src = TOOL.parents[1] / "src" / "eventwire"
    assert check.cycles(check.graph(src)) == []
    assert check.long_modules(src, 500) == []
