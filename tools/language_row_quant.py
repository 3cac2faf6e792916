"""Make a dynamically quantised ONNX model give every text the same result alone or in a batch.

onnxruntime's dynamic int8 quantisation (`DynamicQuantizeLinear`) takes one scale and zero point per tensor,
so in a batch each text's activations are rounded on a grid set by the other texts too (and by padding): the
same sentence scored alone and in a batch of 32 differed by up to 0.17 on a dimension. `per_text_quantisation`
rewrites a model produced by `onnxruntime.quantization.quantize_dynamic` into

    If(batch == 1, original graph, per-text graph)

- a batch of one runs the original nodes unchanged (onnxruntime fuses them into `DynamicQuantizeMatMul`,
  the fastest path, so one sentence costs what it did);
- a larger batch runs a copy in which every `DynamicQuantizeLinear` takes its scale and zero point from each
  text's own values (for (batch, tokens, k) activations, only the tokens that `attention_mask` marks real):
  exactly what that text gets alone. `MatMulInteger` cannot take a zero point per text in onnxruntime, so it
  runs without one and the zero point's share, zp * column sums of the int8 weights, is subtracted in int32.

Nodes that do not depend on a quantised activation (the embedding tables, the heads' standardisation) stay
outside the `If`, so their constant-folded weights exist once. Weights are shared by both branches and
nothing is re-quantised. A batch of one runs the input model's own nodes, but onnxruntime optimises an `If`
branch a little less than a top-level graph (the MiniLM encoder's branch misses the SkipLayerNormalization
fusion), and that can move float rounding: the shipped heads came out bit for bit the same, the encoder's
features within cosine 0.991 of the input model's, so heads must be fitted on features from the rewritten
encoder (the training stages do this).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

__all__ = ["per_text_quantisation", "write_per_text"]

_PREFIX = "per_text/"


def write_per_text(source: Path, target: Path, *, batch_input: str, mask_input: str | None = None) -> None:
    """Read a `quantize_dynamic` model from `source`, write its per-text version to `target`."""
    onnx.save(
        per_text_quantisation(onnx.load(str(source)), batch_input=batch_input, mask_input=mask_input), str(target)
    )


def per_text_quantisation(
    model: onnx.ModelProto, *, batch_input: str, mask_input: str | None = None
) -> onnx.ModelProto:
    """The rewritten model (see the module docstring). `batch_input` is a graph input whose first axis is the
    batch; `mask_input`, if given, is the (batch, tokens) attention mask of 3-D activations."""
    graph = model.graph
    initializers = {init.name: init for init in graph.initializer}
    tainted: set[str] = set()
    outside, inside = [], []
    for node in graph.node:  # ONNX keeps nodes in topological order
        if node.op_type == "DynamicQuantizeLinear" or any(name in tainted for name in node.input):
            inside.append(node)
            tainted.update(node.output)
        else:
            outside.append(node)
    if not any(node.op_type == "DynamicQuantizeLinear" for node in inside):
        raise ValueError("the model has no DynamicQuantizeLinear node: quantise it with quantize_dynamic first")
    outputs = [out.name for out in graph.output]
    produced = {name for node in inside for name in node.output}
    if unquantised := [name for name in outputs if name not in produced]:
        raise ValueError(f"outputs {unquantised} do not depend on a quantised activation; nothing to rewrite there")
    single = helper.make_graph(
        list(inside), "single_text", [], [helper.make_tensor_value_info(n, TensorProto.FLOAT, None) for n in outputs]
    )
    copy = _PerTextCopy(initializers, mask_input)
    batched_nodes = copy.nodes(inside)
    rename = {name: _PREFIX + name for node in inside for name in node.output}
    for node in batched_nodes:
        node.input[:] = [rename.get(name, name) for name in node.input]
        node.output[:] = [rename.get(name, name) for name in node.output]
    batched = helper.make_graph(
        batched_nodes,
        "per_text",
        [],
        [helper.make_tensor_value_info(rename[n], TensorProto.FLOAT, None) for n in outputs],
    )
    extra_initializers = [
        *copy.initializers,
        numpy_helper.from_array(np.array([0], np.int64), _PREFIX + "first"),
        numpy_helper.from_array(np.array(1, np.int64), _PREFIX + "one"),
    ]
    condition = [
        helper.make_node("Shape", [batch_input], [_PREFIX + "shape"]),
        helper.make_node("Gather", [_PREFIX + "shape", _PREFIX + "first"], [_PREFIX + "batch"]),
        helper.make_node("Equal", [_PREFIX + "batch", _PREFIX + "one"], [_PREFIX + "is_single"]),
        helper.make_node("Squeeze", [_PREFIX + "is_single"], [_PREFIX + "is_single_scalar"]),
        helper.make_node("If", [_PREFIX + "is_single_scalar"], outputs, then_branch=single, else_branch=batched),
    ]
    graph.ClearField("node")
    graph.node.extend(outside + condition)
    graph.initializer.extend(extra_initializers)
    onnx.checker.check_model(model)
    return model


class _PerTextCopy:
    """Builds the per-text branch: a copy of the quantised nodes with per-text DynamicQuantizeLinear and
    zero-point-corrected MatMulInteger; the constants it needs are collected in `initializers`."""

    def __init__(self, weights: dict[str, onnx.TensorProto], mask_input: str | None) -> None:
        self.weights = weights
        self.mask_input = mask_input
        self.initializers: list[onnx.TensorProto] = []
        self.zero = self._constant("zero", 0.0, np.float32)
        self.top = self._constant("qmax", 255.0, np.float32)
        self.tiny = self._constant("tiny", np.finfo(np.float32).tiny, np.float32)
        # per-text (batch,) values against (batch, tokens, n) products, or (batch, n) without a mask
        self.row_axes = self._constant("row_axes", [1, 2] if mask_input is not None else [1], np.int64)
        self.zero_points: dict[str, str] = {}  # quantised activation -> its per-text int32 zero point

    def _constant(self, name: str, value: object, dtype: type) -> str:
        self.initializers.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), _PREFIX + name))
        return _PREFIX + name

    def nodes(self, nodes: list[onnx.NodeProto]) -> list[onnx.NodeProto]:
        out: list[onnx.NodeProto] = []
        if self.mask_input is not None:
            out += [
                helper.make_node("Cast", [self.mask_input], [_PREFIX + "mask_float"], to=TensorProto.FLOAT),
                helper.make_node(
                    "Unsqueeze", [_PREFIX + "mask_float", self._constant("axis2", [2], np.int64)], [_PREFIX + "mask"]
                ),
            ]
        for node in nodes:
            if node.op_type == "DynamicQuantizeLinear":
                out += self._quantise(node)
            elif node.op_type == "MatMulInteger" and node.input[0] in self.zero_points:
                out += self._matmul(node)
            else:
                copy = onnx.NodeProto()
                copy.CopyFrom(node)
                out.append(copy)
        return out

    def _matmul(self, node: onnx.NodeProto) -> list[onnx.NodeProto]:
        activation, weights, _, weight_zero = node.input
        if numpy_helper.to_array(self.weights[weight_zero]).any():
            raise ValueError(f"{weights}: weights must be quantised symmetrically (zero point 0)")
        values = numpy_helper.to_array(self.weights[weights]).astype(np.int64)
        sums = self._constant(f"{weights}/column_sums", values.sum(axis=0).astype(np.int32), np.int32)
        raw = node.output[0] + "/without_zero_point"
        return [
            helper.make_node("MatMulInteger", [activation, weights, "", weight_zero], [raw]),
            helper.make_node("Mul", [self.zero_points[activation], sums], [raw + "/zero_point_share"]),
            helper.make_node("Sub", [raw, raw + "/zero_point_share"], [node.output[0]]),
        ]

    def _quantise(self, node: onnx.NodeProto) -> list[onnx.NodeProto]:
        """DynamicQuantizeLinear's uint8 formula per text: scale = (max(0, hi) - min(0, lo)) / 255, zero point
        = round(-min(0, lo) / scale), hi and lo over the text's own values (real tokens only); then
        QuantizeLinear with that scale and zero point along the batch axis."""
        x = node.input[0]
        quantised, scale, zero_point = node.output
        p = f"{_PREFIX}{x}/"
        masked = self.mask_input is not None
        ranged = p + "masked" if masked else x
        nodes = [helper.make_node("Mul", [x, _PREFIX + "mask"], [ranged])] if masked else []
        axes = [1, 2] if masked else [1]
        nodes += [
            helper.make_node("ReduceMax", [ranged], [p + "hi"], axes=axes, keepdims=0),
            helper.make_node("ReduceMin", [ranged], [p + "lo"], axes=axes, keepdims=0),
            helper.make_node("Max", [p + "hi", self.zero], [p + "hi0"]),
            helper.make_node("Min", [p + "lo", self.zero], [p + "lo0"]),
            helper.make_node("Sub", [p + "hi0", p + "lo0"], [p + "span"]),
            helper.make_node("Div", [p + "span", self.top], [p + "step"]),
            helper.make_node("Max", [p + "step", self.tiny], [p + "scale"]),
            helper.make_node("Div", [p + "lo0", p + "scale"], [p + "lo_steps"]),
            helper.make_node("Neg", [p + "lo_steps"], [p + "offset"]),
            helper.make_node("Round", [p + "offset"], [p + "zero_point_float"]),  # in 0..255: -lo0 <= span
            helper.make_node("Cast", [p + "zero_point_float"], [zero_point], to=TensorProto.UINT8),
            helper.make_node("QuantizeLinear", [x, p + "scale", zero_point], [quantised], axis=0),
            helper.make_node("Cast", [p + "zero_point_float"], [p + "zero_point_int"], to=TensorProto.INT32),
            helper.make_node("Unsqueeze", [p + "scale", self.row_axes], [scale]),
            helper.make_node("Unsqueeze", [p + "zero_point_int", self.row_axes], [p + "zero_point_column"]),
        ]
        self.zero_points[quantised] = p + "zero_point_column"
        return nodes
