"""What: the trained event-type classifier, a linear layer over sentence embeddings.

``data/typer.npz`` (written by ``tools/train_typer.py``; provenance in ``data/SOURCES-typer.md``) holds
the coefficients of a multinomial logistic regression from a 384-float sentence embedding to the CAMEO
roots 01..20 and "none", a temperature fitted on held-out folds (so that the probabilities are calibrated)
and the probability threshold above which the component proposes an event. Prediction is numpy only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import EventwireError

CLASSES: tuple[str, ...] = (*(f"{i:02d}" for i in range(1, 21)), "none")
TYPER_FILE = "typer.npz"


@dataclass(frozen=True, slots=True)
class TypeScores:
    """A sentence's probabilities over ``CLASSES``, highest first (calibrated)."""

    ranked: tuple[tuple[str, float], ...]

    @property
    def label(self) -> str:
        return self.ranked[0][0]

    @property
    def probability(self) -> float:
        return self.ranked[0][1]

    def top(self, n: int = 3) -> tuple[tuple[str, float], ...]:
        return self.ranked[:n]


class EventTypeClassifier:
    """Linear model: ``softmax((x @ coef.T + intercept) / temperature)`` over ``CLASSES``."""

    def __init__(self, *, coef: np.ndarray, intercept: np.ndarray, classes: tuple[str, ...], temperature: float,
                 threshold: float, meta: dict[str, Any]) -> None:
        if tuple(classes) != CLASSES or coef.shape[0] != len(CLASSES) or intercept.shape != (len(CLASSES),):
            raise EventwireError(f"the typer weights do not match the classes {CLASSES}", code="E012")
        self.coef = np.ascontiguousarray(coef, dtype=np.float32)
        self.intercept = np.asarray(intercept, dtype=np.float32)
        self.classes = CLASSES
        self.temperature = float(temperature)
        self.threshold = float(threshold)
        self.meta = meta

    @property
    def dimension(self) -> int:
        return int(self.coef.shape[1])

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        """(n, 21) calibrated probabilities for (n, dimension) embeddings."""
        logits = (np.asarray(embeddings, dtype=np.float32) @ self.coef.T + self.intercept) / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(axis=1, keepdims=True)

    def scores(self, embeddings: np.ndarray) -> list[TypeScores]:
        out = []
        for row in self.probabilities(embeddings):
            order = np.argsort(-row, kind="stable")
            out.append(TypeScores(tuple((self.classes[i], float(row[i])) for i in order)))
        return out


def read_classifier(path: Path | Any) -> EventTypeClassifier:
    """Read a classifier file (numpy .npz written without pickles)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            return EventTypeClassifier(
                coef=data["coef"], intercept=data["intercept"], classes=tuple(str(c) for c in data["classes"]),
                temperature=float(data["temperature"]), threshold=float(data["threshold"]),
                meta=json.loads(str(data["meta"])),
            )
    except (OSError, KeyError, ValueError) as exc:
        raise EventwireError(f"cannot read the typer weights {path}: {exc}", code="E012") from exc


@lru_cache(maxsize=1)
def load_classifier() -> EventTypeClassifier:
    """The bundled classifier (``eventwire/data/typer.npz``), read once per process."""
    with resources.as_file(resources.files("eventwire") / "data" / TYPER_FILE) as path:
        return read_classifier(path)
