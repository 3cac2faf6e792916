"""tools/onnx_static_shapes.py: Reshape targets become constants, outputs stay the same bit for bit."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402
from onnxruntime import InferenceSession  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from onnx_static_shapes import constant_reshape_targets, write_static_shapes  # noqa: E402


def _split_heads(prefix: str, source: str, shape_of: str) -> list[onnx.NodeProto]:
    """(batch, tokens, 8) -> (batch, tokens, 2, 4) the way torch exports `view`: the target is rebuilt per run
    from axes 0 and 1 of `shape_of`."""
    p = prefix
    return [
        helper.make_node("Shape", [shape_of], [p + "shape"]),
        helper.make_node("Gather", [p + "shape", "axis0"], [p + "batch"]),
        helper.make_node("Gather", [p + "shape", "axis1"], [p + "tokens"]),
        helper.make_node("Unsqueeze", [p + "batch", "axes0"], [p + "batch1"]),
        helper.make_node("Unsqueeze", [p + "tokens", "axes0"], [p + "tokens1"]),
        helper.make_node("Concat", [p + "batch1", p + "tokens1", "heads"], [p + "target"], axis=0),
        helper.make_node("Reshape", [source, p + "target"], [p + "split"]),
    ]


def _model(*, shape_of: str = "x") -> onnx.ModelProto:
    """x (batch, tokens, 8) -> MatMul -> split into heads, at the top level and inside both If branches."""
    rng = np.random.default_rng(0)
    branches = {}
    for name in ("then", "else"):
        nodes = [helper.make_node("MatMul", ["x", f"w_{name}"], [f"{name}/h"])]
        nodes += _split_heads(f"{name}/", f"{name}/h", shape_of)
        nodes.append(helper.make_node("Identity", [f"{name}/split"], [f"{name}/y"]))
        branches[name] = helper.make_graph(nodes, name, [], [helper.make_tensor_value_info(f"{name}/y", 1, None)])
    nodes = [
        helper.make_node("MatMul", ["x", "w_top"], ["h"]),
        *_split_heads("top/", "h", shape_of),
        helper.make_node("ReduceSum", ["x"], ["total"], keepdims=0),
        helper.make_node("Greater", ["total", "zero"], ["positive"]),
        helper.make_node("If", ["positive"], ["y"], then_branch=branches["then"], else_branch=branches["else"]),
    ]
    initializers = [
        numpy_helper.from_array(np.array(0, np.int64), "axis0"),
        numpy_helper.from_array(np.array(1, np.int64), "axis1"),
        numpy_helper.from_array(np.array([0], np.int64), "axes0"),
        numpy_helper.from_array(np.array([2, 4], np.int64), "heads"),
        numpy_helper.from_array(np.array(0.0, np.float32), "zero"),
        *(
            numpy_helper.from_array(rng.standard_normal((8, 8)).astype(np.float32), f"w_{n}")
            for n in ("top", "then", "else")
        ),
    ]
    inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "tokens", 8])]
    if shape_of != "x":
        inputs.append(helper.make_tensor_value_info(shape_of, TensorProto.FLOAT, [None, None]))
    graph = helper.make_graph(
        nodes,
        "split_heads",
        inputs,
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, [None] * 4) for n in ("top/split", "y")],
        initializers,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)


def _samples() -> list[dict[str, np.ndarray]]:
    rng = np.random.default_rng(1)
    return [{"x": rng.standard_normal((b, t, 8)).astype(np.float32) * s} for b, t, s in ((1, 3, 1), (4, 7, -1))]


def _constant_targets(graph: onnx.GraphProto) -> list[list[int]]:
    inner = [
        t
        for n in graph.node
        for a in n.attribute
        if a.type == onnx.AttributeProto.GRAPH
        for t in _constant_targets(a.g)
    ]
    return inner + [numpy_helper.to_array(i).tolist() for i in graph.initializer if i.name.endswith("/constant")]


def _op_count(graph: onnx.GraphProto, op: str) -> int:
    inner = sum(_op_count(a.g, op) for n in graph.node for a in n.attribute if a.type == onnx.AttributeProto.GRAPH)
    return inner + sum(node.op_type == op for node in graph.node)


def test_reshape_targets_become_constants_and_shape_nodes_go(tmp_path: Path) -> None:
    source = tmp_path / "model.onnx"
    onnx.save(_model(), str(source))
    target = tmp_path / "static.onnx"
    assert write_static_shapes(source, target, _samples()) == 3  # top level and both branches
    rewritten = onnx.load(str(target))
    for op in ("Shape", "Gather", "Unsqueeze", "Concat"):
        assert _op_count(rewritten.graph, op) == 0, op
    assert _constant_targets(rewritten.graph) == [[0, 0, 2, 4]] * 3
    # the axis indices and the constant half of the old targets are read by nothing now
    assert {i.name for i in rewritten.graph.initializer} == {"zero", "w_top", "w_then", "w_else", "top/target/constant"}
    original = InferenceSession(str(source), providers=["CPUExecutionProvider"])
    static = InferenceSession(str(target), providers=["CPUExecutionProvider"])
    x = np.random.default_rng(2).standard_normal((2, 5, 8)).astype(np.float32)  # a shape the check never saw
    for before, after in zip(original.run(None, {"x": x}), static.run(None, {"x": x}), strict=True):
        assert after.shape == (2, 5, 2, 4)
        assert np.array_equal(before, after)


def test_a_second_pass_changes_nothing(tmp_path: Path) -> None:
    model = _model()
    assert constant_reshape_targets(model) == 3
    assert constant_reshape_targets(model) == 0


def test_an_axis_from_a_tensor_of_another_shape_is_refused(tmp_path: Path) -> None:
    # The target's axes come from `other`, whose leading axes differ from the Reshape input's: a 0 ("keep the
    # input's axis") would reshape differently, and the output check must catch it.
    source = tmp_path / "model.onnx"
    onnx.save(_model(shape_of="other"), str(source))
    rng = np.random.default_rng(3)
    feeds = [{"x": rng.standard_normal((2, 6, 8)).astype(np.float32), "other": np.zeros((3, 4), np.float32)}]
    with pytest.raises(ValueError, match="changed the outputs"):
        write_static_shapes(source, tmp_path / "static.onnx", feeds)
    assert not (tmp_path / "static.onnx").exists()
