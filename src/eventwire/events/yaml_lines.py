"""YAML with line numbers, for the event dictionaries: a safe loader that records each mapping's line."""

from __future__ import annotations

import re
from typing import Any

import yaml

from eventwire.errors import DictionaryError

LINE_KEY = "__line__"  # key the loader adds to every mapping; never a user key

# libyaml's parser when available (several times faster); the constructor and resolver stay Python.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader that records each mapping's 1-based line under ``__line__``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)
# YAML 1.1 reads on/off/yes/no as booleans; in these files they are prepositions and particles
# ("prep: on", "particle: off"), so only true/false are booleans here.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_yaml(text: str, path: str) -> dict[str, Any]:
    try:
        document = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise DictionaryError(
            f"YAML syntax: {exc.problem or exc}", path=path, line=line, code="E114"
        ) from None
    except yaml.YAMLError as exc:
        raise DictionaryError(f"YAML: {exc}", path=path, code="E114") from None
    if document is None:
        return {LINE_KEY: 1}
    if not isinstance(document, dict):
        raise DictionaryError("the top level must be a mapping", path=path, line=1, code="E114")
    return document
