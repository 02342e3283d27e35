"""Structure checks run by `make lint`: no import cycle between the package's modules, no module too long.

An import inside a function still counts: a cycle dodged with a function-level import is still a cycle
(module A needs module B to work and B needs A). Imports under ``if TYPE_CHECKING:`` do not count, since
they never run. Exit status 1 lists every cycle and every module over the line limit.

    python tools/check_structure.py [--max-lines 500] [SRC_DIR]
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

DEFAULT_MAX_LINES = 500


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST):
    """Import nodes that run (anywhere in the module, functions included), skipping TYPE_CHECKING blocks."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def imports_of(path: Path, name: str, is_package: bool, known: set[str]) -> set[str]:
    """The package's own modules that ``name`` imports at run time."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_imports(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # "from . import x" may name a submodule; "from .m import f" names module m.
            targets = [f"{prefix}.{alias.name}" for alias in node.names] + [prefix]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph(src: Path) -> dict[str, set[str]]:
    files = {module_name(p, src): p for p in sorted(src.rglob("*.py"))}
    known = set(files)
    return {name: imports_of(path, name, path.name == "__init__.py", known) for name, path in files.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted.

    A package importing its own submodules (``pkg/__init__`` re-exporting ``pkg.x``) while ``pkg.x`` imports
    a sibling through ``pkg`` is the usual shape of a harmless package; only edges between modules where
    neither is a package that contains the other count.
    """

    def contains(package: str, module: str) -> bool:
        return module.startswith(package + ".")

    pruned = {a: {b for b in bs if not contains(a, b) and not contains(b, a)} for a, bs in edges.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        work = [(start, iter(sorted(pruned.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(pruned.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        out.append(sorted(component))

    for name in sorted(pruned):
        if name not in index:
            visit(name)
    return out


def long_modules(src: Path, max_lines: int) -> list[tuple[str, int]]:
    out = []
    for path in sorted(src.rglob("*.py")):
        n = sum(1 for _ in path.open(encoding="utf-8"))
        if n > max_lines:
            out.append((str(path), n))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", nargs="?", default=str(Path(__file__).resolve().parents[1] / "src"))
    parser.add_argument("--max-lines", type=int, default=DEFAULT_MAX_LINES)
    args = parser.parse_args(argv)
    src = Path(args.src)
    problems = 0
    for component in cycles(graph(src)):
        problems += 1
        print("import cycle: " + " <-> ".join(component))
    for path, n in long_modules(src, args.max_lines):
        problems += 1
        print(f"module over {args.max_lines} lines: {path} ({n})")
    if problems:
        return 1
    print(f"structure: no import cycle, no module over {args.max_lines} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
