"""Rebuild an openai-whisper checkpoint from CTranslate2 Whisper weights (same tensors under other names).

CTranslate2 stores a Whisper model in one `model.bin`: a small header, then named tensors. Its converter fuses
the query/key/value projections of self-attention into one matrix (and key/value of cross-attention), and
gives the key projection, which has no bias in Whisper, a zero bias. This module reads that file with numpy,
splits the fused projections, renames everything to openai-whisper's names, and writes float32 tensors in the
checkpoint layout `whisper.load_model(path)` reads: `{"dims": {...}, "model_state_dict": {...}}`.

torch is needed only to write the checkpoint (`save_checkpoint`), never to import this module.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.typing as npt

from tonesense.errors import MissingExtraError, ModelError

__all__ = [
    "CT2Model",
    "cached_openai_checkpoint",
    "ct2_alignment_heads",
    "openai_checkpoint_path",
    "openai_state_from_ct2",
    "read_ct2_model",
    "save_checkpoint",
]

logger = logging.getLogger(__name__)

Array = npt.NDArray[np.generic]

# CTranslate2's DataType enum, in file order.
_DTYPES: dict[int, str] = {0: "<f4", 1: "i1", 2: "<i2", 3: "<i4", 4: "<f2", 5: "bfloat16"}


@dataclass(frozen=True)
class CT2Model:
    """The named tensors of a CTranslate2 `model.bin` (aliases resolved) and its spec name."""

    spec: str
    variables: dict[str, Array]


def read_ct2_model(path: str | os.PathLike[str]) -> CT2Model:
    """Parse a CTranslate2 `model.bin` (binary format versions 3 to 6) into numpy arrays."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            return _read_model(handle)
    except (struct.error, UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"{path} is not a readable CTranslate2 model.bin ({exc})") from exc


def _read_model(handle: BinaryIO) -> CT2Model:
    (version,) = _unpack(handle, "<I")
    if not 3 <= version <= 6:
        raise ValueError(f"unsupported CTranslate2 binary version {version}")
    spec = _read_string(handle)
    _unpack(handle, "<I")  # spec revision
    (count,) = _unpack(handle, "<I")
    variables = dict(_read_variable(handle) for _ in range(count))
    (aliases,) = _unpack(handle, "<I")
    for _ in range(aliases):
        alias, target = _read_string(handle), _read_string(handle)
        variables[alias] = variables[target]
    return CT2Model(spec=spec, variables=variables)


def _read_variable(handle: BinaryIO) -> tuple[str, Array]:
    name = _read_string(handle)
    (rank,) = _unpack(handle, "<B")
    shape = _unpack(handle, f"<{rank}I") if rank else ()
    (dtype_code,) = _unpack(handle, "<B")
    (size,) = _unpack(handle, "<I")
    data = handle.read(size)
    if len(data) != size:
        raise ValueError(f"file ends inside tensor {name!r}")
    dtype = _DTYPES.get(dtype_code)
    if dtype is None:
        raise ValueError(f"tensor {name!r} has unknown data type {dtype_code}")
    if dtype == "bfloat16":
        widened = np.frombuffer(data, dtype="<u2").astype(np.uint32) << 16
        return name, widened.view(np.float32).reshape(shape)
    return name, np.frombuffer(data, dtype=dtype).reshape(shape)


def _read_string(handle: BinaryIO) -> str:
    (length,) = _unpack(handle, "<H")
    return handle.read(length).rstrip(b"\0").decode("utf-8")


def _unpack(handle: BinaryIO, fmt: str) -> tuple[int, ...]:
    size = struct.calcsize(fmt)
    data = handle.read(size)
    if len(data) != size:
        raise ValueError("file ends inside the header")
    return struct.unpack(fmt, data)


def openai_state_from_ct2(model: CT2Model) -> tuple[dict[str, int], dict[str, npt.NDArray[np.float32]]]:
    """openai-whisper's `dims` and float32 `model_state_dict` (as numpy) for a CTranslate2 Whisper model."""
    if model.spec != "WhisperSpec":
        raise ModelError(f"expected a CTranslate2 Whisper model, found a {model.spec}")
    v = model.variables
    if any(name.endswith("weight_scale") for name in v):
        raise ModelError("this CTranslate2 model is quantized (int8/int16); convert from float16 or float32 weights")
    encoder_layers = _count_layers(v, "encoder")
    decoder_layers = _count_layers(v, "decoder")
    state: dict[str, Array] = {
        "encoder.conv1.weight": v["encoder/conv1/weight"],
        "encoder.conv1.bias": v["encoder/conv1/bias"],
        "encoder.conv2.weight": v["encoder/conv2/weight"],
        "encoder.conv2.bias": v["encoder/conv2/bias"],
        "encoder.positional_embedding": v["encoder/position_encodings/encodings"],
        **_layer_norm(v, "encoder/layer_norm", "encoder.ln_post"),
        "decoder.token_embedding.weight": v["decoder/embeddings/weight"],
        "decoder.positional_embedding": v["decoder/position_encodings/encodings"],
        **_layer_norm(v, "decoder/layer_norm", "decoder.ln"),
    }
    for i in range(encoder_layers):
        state.update(_block(v, f"encoder/layer_{i}", f"encoder.blocks.{i}", cross=False))
    for i in range(decoder_layers):
        state.update(_block(v, f"decoder/layer_{i}", f"decoder.blocks.{i}", cross=True))
    dims = {
        "n_mels": int(v["encoder/conv1/weight"].shape[1]),
        "n_audio_ctx": int(v["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": int(v["encoder/conv1/weight"].shape[0]),
        "n_audio_head": int(v["encoder/num_heads"]),
        "n_audio_layer": encoder_layers,
        "n_vocab": int(v["decoder/embeddings/weight"].shape[0]),
        "n_text_ctx": int(v["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(v["decoder/embeddings/weight"].shape[1]),
        "n_text_head": int(v["decoder/num_heads"]),
        "n_text_layer": decoder_layers,
    }
    return dims, {name: np.ascontiguousarray(array, dtype=np.float32) for name, array in state.items()}


def _count_layers(v: dict[str, Array], side: str) -> int:
    count = 0
    while f"{side}/layer_{count}/ffn/linear_0/weight" in v:
        count += 1
    if count == 0:
        raise ModelError(f"no {side} layers found in the CTranslate2 model")
    return count


def _layer_norm(v: dict[str, Array], ct2: str, openai: str) -> dict[str, Array]:
    return {f"{openai}.weight": v[f"{ct2}/gamma"], f"{openai}.bias": v[f"{ct2}/beta"]}


def _linear(v: dict[str, Array], ct2: str, openai: str) -> dict[str, Array]:
    return {f"{openai}.weight": v[f"{ct2}/weight"], f"{openai}.bias": v[f"{ct2}/bias"]}


def _block(v: dict[str, Array], ct2: str, openai: str, *, cross: bool) -> dict[str, Array]:
    """One residual block: self-attention (fused q/k/v split in three), cross-attention, MLP."""
    state: dict[str, Array] = {}
    query, key, value = _split(v, f"{ct2}/self_attention/linear_0", 3)
    state.update(_attention(f"{openai}.attn", query, key, value, v, f"{ct2}/self_attention/linear_1"))
    state.update(_layer_norm(v, f"{ct2}/self_attention/layer_norm", f"{openai}.attn_ln"))
    if cross:
        query = (v[f"{ct2}/attention/linear_0/weight"], v[f"{ct2}/attention/linear_0/bias"])
        key, value = _split(v, f"{ct2}/attention/linear_1", 2)
        state.update(_attention(f"{openai}.cross_attn", query, key, value, v, f"{ct2}/attention/linear_2"))
        state.update(_layer_norm(v, f"{ct2}/attention/layer_norm", f"{openai}.cross_attn_ln"))
    state.update(_linear(v, f"{ct2}/ffn/linear_0", f"{openai}.mlp.0"))
    state.update(_linear(v, f"{ct2}/ffn/linear_1", f"{openai}.mlp.2"))
    state.update(_layer_norm(v, f"{ct2}/ffn/layer_norm", f"{openai}.mlp_ln"))
    return state


def _split(v: dict[str, Array], ct2: str, parts: int) -> list[tuple[Array, Array]]:
    weights = np.split(v[f"{ct2}/weight"], parts, axis=0)
    biases = np.split(v[f"{ct2}/bias"], parts, axis=0)
    return list(zip(weights, biases, strict=True))


def _attention(
    openai: str,
    query: tuple[Array, Array],
    key: tuple[Array, Array],
    value: tuple[Array, Array],
    v: dict[str, Array],
    out: str,
) -> dict[str, Array]:
    if np.any(key[1]):
        raise ModelError(f"{out}: the key projection has a non-zero bias, which openai-whisper cannot hold")
    return {
        f"{openai}.query.weight": query[0],
        f"{openai}.query.bias": query[1],
        f"{openai}.key.weight": key[0],
        f"{openai}.value.weight": value[0],
        f"{openai}.value.bias": value[1],
        **_linear(v, out, f"{openai}.out"),
    }


def save_checkpoint(
    dims: dict[str, int], state: dict[str, npt.NDArray[np.float32]], path: str | os.PathLike[str]
) -> Path:
    """Write `{"dims", "model_state_dict"}` with torch.save, atomically (a reader never sees half a file)."""
    try:
        import torch
    except ImportError as exc:
        raise MissingExtraError("openai-whisper", "torch", "Writing an openai-whisper checkpoint") from exc
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tensors = {name: torch.from_numpy(array.copy()) for name, array in state.items()}
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            torch.save({"dims": dims, "model_state_dict": tensors}, handle)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path


def ct2_alignment_heads(ct2_dir: str | os.PathLike[str]) -> list[tuple[int, int]] | None:
    """The (layer, head) pairs used for word timestamps, from the CTranslate2 model's config.json."""
    config = Path(ct2_dir) / "config.json"
    if not config.is_file():
        return None
    heads = json.loads(config.read_text(encoding="utf-8")).get("alignment_heads")
    return [(int(layer), int(head)) for layer, head in heads] if heads else None


def openai_checkpoint_path(ct2_dir: str | os.PathLike[str], cache_dir: str | os.PathLike[str]) -> Path:
    """Where the converted checkpoint of `ct2_dir` lives in `cache_dir` (named after the source's identity)."""
    source = Path(ct2_dir) / "model.bin"
    return Path(cache_dir) / f"openai-whisper-{Path(ct2_dir).name}-{_fingerprint(source)}.pt"


def cached_openai_checkpoint(ct2_dir: str | os.PathLike[str], cache_dir: str | os.PathLike[str]) -> Path:
    """The converted checkpoint for `ct2_dir` in `cache_dir`, converting it on first use (a few seconds)."""
    source = Path(ct2_dir) / "model.bin"
    target = openai_checkpoint_path(ct2_dir, cache_dir)
    if target.is_file():
        return target
    logger.info("converting %s to an openai-whisper checkpoint at %s (first use only)", source, target)
    dims, state = openai_state_from_ct2(read_ct2_model(source))
    return save_checkpoint(dims, state, target)


def _fingerprint(path: Path) -> str:
    """Changes whenever the source weights change, without hashing 75 MB on every start."""
    stat = path.stat()
    return hashlib.sha256(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:12]
