"""tools/language_row_quant.py: per-text activation quantisation gives each row the result it gets alone."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402
from onnxruntime import InferenceSession  # noqa: E402
from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from language_row_quant import per_text_quantisation  # noqa: E402


def _two_layer_model(path: Path, *, masked: bool) -> None:
    """x (batch, tokens, 8) or (batch, 8) -> MatMul -> Relu -> MatMul -> y, float32, quantised dynamically."""
    rng = np.random.default_rng(0)
    shape = ["batch", "tokens", 8] if masked else ["batch", 8]
    inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)]
    if masked:
        inputs.append(helper.make_tensor_value_info("mask", TensorProto.INT64, ["batch", "tokens"]))
    graph = helper.make_graph(
        [
            helper.make_node("MatMul", ["x", "w1"], ["h"]),
            helper.make_node("Relu", ["h"], ["r"]),
            helper.make_node("MatMul", ["r", "w2"], ["y"]),
        ],
        "two_layers",
        inputs,
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        [
            numpy_helper.from_array(rng.standard_normal((8, 16)).astype(np.float32), "w1"),
            numpy_helper.from_array(rng.standard_normal((16, 4)).astype(np.float32), "w2"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    fp32 = path.with_suffix(".fp32.onnx")
    onnx.save(model, str(fp32))
    quantize_dynamic(str(fp32), str(path), weight_type=QuantType.QInt8, per_channel=True)


def _run(session: InferenceSession, x: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    feeds = {"x": x} if mask is None else {"x": x, "mask": mask}
    return np.asarray(session.run(["y"], feeds)[0])


@pytest.mark.parametrize("masked", [False, True])
def test_rows_in_a_batch_get_what_they_get_alone(tmp_path: Path, masked: bool) -> None:
    path = tmp_path / "model.onnx"
    _two_layer_model(path, masked=masked)
    original = InferenceSession(str(path), providers=["CPUExecutionProvider"])
    rewritten_path = tmp_path / "per_text.onnx"
    onnx.save(
        per_text_quantisation(onnx.load(str(path)), batch_input="x", mask_input="mask" if masked else None),
        str(rewritten_path),
    )
    rewritten = InferenceSession(str(rewritten_path), providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(1)
    # rows of very different ranges, so one shared activation scale would round the small ones coarsely
    scales = np.array([0.01, 1.0, 30.0], dtype=np.float32)
    if masked:
        x = rng.standard_normal((3, 5, 8)).astype(np.float32) * scales[:, None, None]
        lengths = [5, 3, 4]
        mask = np.array([[1] * n + [0] * (5 - n) for n in lengths], dtype=np.int64)
        x[1, 3:] = 1000.0  # padding must not widen the row's range
        alone = [_run(original, x[i : i + 1, :n], mask[i : i + 1, :n])[0] for i, n in enumerate(lengths)]
        together = _run(rewritten, x, mask)
        shared = _run(original, x, mask)
        for i, n in enumerate(lengths):
            np.testing.assert_allclose(together[i, :n], alone[i], rtol=1e-5, atol=1e-6)
        assert not np.allclose(shared[0, :5], alone[0], rtol=1e-3, atol=1e-4)  # what the rewrite fixes
        one = _run(rewritten, x[:1], mask[:1])
        assert np.array_equal(one, _run(original, x[:1], mask[:1]))  # a batch of one is the original graph
    else:
        x = rng.standard_normal((3, 8)).astype(np.float32) * scales[:, None]
        alone = np.concatenate([_run(original, x[i : i + 1], None) for i in range(3)])
        np.testing.assert_allclose(_run(rewritten, x, None), alone, rtol=1e-5, atol=1e-6)
        assert not np.allclose(_run(original, x, None)[0], alone[0], rtol=1e-3, atol=1e-4)
        assert np.array_equal(_run(rewritten, x[:1], None), alone[:1])


def test_a_model_without_dynamic_quantisation_is_refused(tmp_path: Path) -> None:
    graph = helper.make_graph(
        [helper.make_node("Relu", ["x"], ["y"])],
        "plain",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 2])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    with pytest.raises(ValueError, match="DynamicQuantizeLinear"):
        per_text_quantisation(model, batch_input="x")
