"""Convert YAMNet's TFLite graph to an ONNX model that onnxruntime runs in batches.

The TFLite file (`../shared/models/yamnet/yamnet.tflite`, Apache-2.0) holds the whole model: the log-mel
frontend (framing, Hann window, DFT as matrix products, mel matrix, log) and the MobileNet-v1 classifier with
int8 weights. Off-the-shelf converters stop at its SLICE/GATHER frontend, so this script reads the flatbuffer
with the `tflite` package and writes the same computation with `onnx.helper`, dequantising the int8 weights to
float32 and giving the model a batch axis: input `waveform` [N, 15600] (16 kHz, 0.975 s), outputs `scores`
[N, 521] (sigmoid) and `embeddings` [N, 1024].

Run once from the repository root (tools-only dependencies, not needed at run time):

    pip install tflite onnx
    python tools/convert_yamnet.py

It writes `src/tonesense/expression/models/yamnet/{yamnet.onnx,yamnet_class_map.csv}` and, when
`ai-edge-litert` is installed, checks the ONNX scores against the TFLite interpreter on real clips.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
DEFAULT_SOURCE = SHARED / "models" / "yamnet"
DEFAULT_OUT = ROOT / "src" / "tonesense" / "expression" / "models" / "yamnet"

FLOAT32, INT32, INT8 = 0, 2, 9
FIRST_CONV_OP = 19  # ops before this are the frontend, rebuilt by hand below with a batch axis


class TFLiteGraph:
    """Typed access to the tensors and operators of a single-subgraph TFLite model."""

    def __init__(self, path: Path) -> None:
        import tflite

        self.tflite = tflite
        self.model = tflite.Model.GetRootAsModel(path.read_bytes(), 0)
        self.graph = self.model.Subgraphs(0)
        self.opnames = {v: k for k, v in tflite.BuiltinOperator.__dict__.items() if not k.startswith("_")}

    def tensor(self, index: int) -> np.ndarray:
        """The constant data of a tensor, dequantised to float32 when it is int8."""
        t = self.graph.Tensors(index)
        raw = self.model.Buffers(t.Buffer()).DataAsNumpy()
        dtype = {FLOAT32: np.float32, INT32: np.int32, INT8: np.int8}[t.Type()]
        data = np.asarray(raw).view(dtype).reshape(t.ShapeAsNumpy())
        if t.Type() != INT8:
            return data
        q = t.Quantization()
        scale = q.ScaleAsNumpy().astype(np.float32)
        zero = q.ZeroPointAsNumpy().astype(np.float32)
        shape = [1] * data.ndim
        if scale.size > 1:
            shape[q.QuantizedDimension()] = -1
        return ((data.astype(np.float32) - zero.reshape(shape)) * scale.reshape(shape)).astype(np.float32)

    def ops(self) -> list[tuple[str, list[int], list[int], Any]]:
        """(name, inputs, outputs, options table) for every operator, in execution order."""
        result = []
        for i in range(self.graph.OperatorsLength()):
            op = self.graph.Operators(i)
            code = self.model.OperatorCodes(op.OpcodeIndex())
            name = self.opnames[max(code.BuiltinCode(), code.DeprecatedBuiltinCode())]
            inputs = [op.Inputs(j) for j in range(op.InputsLength())]
            outputs = [op.Outputs(j) for j in range(op.OutputsLength())]
            result.append((name, inputs, outputs, op.BuiltinOptions()))
        return result


def _same_pads(size: int, kernel: int, stride: int) -> tuple[int, int]:
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


class OnnxBuilder:
    """Collects ONNX nodes and initialisers with unique names."""

    def __init__(self) -> None:
        import onnx

        self.onnx = onnx
        self.nodes: list[Any] = []
        self.inits: list[Any] = []
        self.count = 0

    def const(self, array: np.ndarray, name: str) -> str:
        self.inits.append(self.onnx.numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def node(self, op: str, inputs: list[str], **attrs: Any) -> str:
        self.count += 1
        out = f"{op.lower()}_{self.count}"
        self.nodes.append(self.onnx.helper.make_node(op, inputs, [out], **attrs))
        return out


def _htk_mel_matrix(bins: int, bands: int, low_hz: float, high_hz: float, rate: int) -> np.ndarray:
    def to_mel(hz: np.ndarray | float) -> np.ndarray:
        return np.asarray(1127.0 * np.log1p(np.asarray(hz) / 700.0))

    spectrum = to_mel(np.linspace(0.0, rate / 2, bins))[:, None]
    edges = np.linspace(to_mel(low_hz), to_mel(high_hz), bands + 2)
    lower, center, upper = edges[:-2][None], edges[1:-1][None], edges[2:][None]
    weights = np.maximum(0.0, np.minimum((spectrum - lower) / (center - lower), (upper - spectrum) / (upper - center)))
    weights[0, :] = 0.0
    return weights.T  # [bands, bins]


def exact_frontend_matrices(g: TFLiteGraph) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The float DFT and mel matrices that YAMNet was trained with, checked against the int8 copies in the file.

    The TFLite file stores them as int8 (1 % steps), which smears quiet frames; the exact values are known
    (512-point DFT, HTK mel 125-7500 Hz, 64 bands), so they are rebuilt and must round to the stored ones.
    """
    n = np.arange(512)[None, :]
    k = np.arange(257)[:, None]
    dft_real = np.cos(2 * np.pi * k * n / 512)
    dft_imag = np.sin(2 * np.pi * k * n / 512)
    mel = _htk_mel_matrix(257, 64, 125.0, 7500.0, 16_000)
    for exact, index in ((dft_real, 40), (dft_imag, 41), (mel, 42)):
        stored = g.tensor(index)
        step = float(g.graph.Tensors(index).Quantization().ScaleAsNumpy()[0])
        if min(np.abs(stored - exact).max(), np.abs(stored + exact).max()) > step:
            raise SystemExit(f"tensor {index} is not the expected frontend matrix; the converter needs updating")
    return dft_real.astype(np.float32), dft_imag.astype(np.float32), mel.astype(np.float32)


def build_frontend(g: TFLiteGraph, b: OnnxBuilder, waveform: str) -> str:
    """waveform [N, 15600] -> log-mel patch [N, 1, 96, 64], exactly as the TFLite ops 0-18 compute it."""
    frame_shape = g.tensor(8)  # [195, 80]
    x = b.node("Reshape", [waveform, b.const(np.array([-1, *frame_shape], np.int64), "frame_shape")])
    indices = g.tensor(4).astype(np.int64)  # [96, 5]: 400-sample frames at a 160-sample hop
    x = b.node("Gather", [x, b.const(indices, "frame_indices")], axis=1)
    x = b.node("Reshape", [x, b.const(np.array([0, indices.shape[0], -1], np.int64), "frames_shape")])
    x = b.node("Mul", [x, b.const(g.tensor(6).reshape(-1), "window")])
    pads = g.tensor(7)  # [[0, 0], [56, 56]]
    onnx_pads = np.array([0, 0, pads[1, 0], 0, 0, pads[1, 1]], np.int64)
    x = b.node("Pad", [x, b.const(onnx_pads, "fft_pads")])
    dft_real, dft_imag, mel_matrix = exact_frontend_matrices(g)
    real = b.node("MatMul", [x, b.const(dft_real.T.copy(), "dft_real")])
    imag = b.node("MatMul", [x, b.const(dft_imag.T.copy(), "dft_imag")])
    power = b.node("Add", [b.node("Mul", [real, real]), b.node("Mul", [imag, imag])])
    magnitude = b.node("Sqrt", [power])
    mel = b.node("MatMul", [magnitude, b.const(mel_matrix.T.copy(), "mel_matrix")])
    mel = b.node("Add", [mel, b.const(g.tensor(58), "mel_offset")])
    log_mel = b.node("Log", [mel])
    return b.node("Unsqueeze", [log_mel, b.const(np.array([1], np.int64), "channel_axis")])


def build_classifier(g: TFLiteGraph, b: OnnxBuilder, x: str) -> tuple[str, str]:
    """The MobileNet body in NCHW with the dequantised weights; returns (scores, embeddings)."""
    tfl = g.tflite
    height, width = 96, 64
    dequantized: dict[int, int] = {}
    embeddings = ""
    for name, inputs, outputs, options in g.ops()[FIRST_CONV_OP:]:
        if name == "DEQUANTIZE":
            dequantized[outputs[0]] = inputs[0]
            continue
        if name in ("CONV_2D", "DEPTHWISE_CONV_2D"):
            opts = tfl.Conv2DOptions() if name == "CONV_2D" else tfl.DepthwiseConv2DOptions()
            opts.Init(options.Bytes, options.Pos)
            if opts.Padding() != 0 or opts.FusedActivationFunction() != 1:
                raise SystemExit(f"unexpected {name} options (padding/activation); the converter needs updating")
            weight = g.tensor(dequantized.get(inputs[1], inputs[1]))  # [out, kh, kw, in] or [1, kh, kw, C]
            stride = opts.StrideH()
            kernel = weight.shape[1]
            top, bottom = _same_pads(height, kernel, stride)
            left, right = _same_pads(width, kernel, stride)
            if name == "CONV_2D":
                w, group = weight.transpose(0, 3, 1, 2), 1
            else:
                w, group = weight.transpose(3, 0, 1, 2), weight.shape[3]
            x = b.node(
                "Conv",
                [x, b.const(w.copy(), f"w{outputs[0]}"), b.const(g.tensor(inputs[2]), f"b{outputs[0]}")],
                strides=[stride, stride],
                pads=[top, left, bottom, right],
                group=group,
                kernel_shape=[kernel, kernel],
            )
            x = b.node("Relu", [x])
            height, width = -(-height // stride), -(-width // stride)
        elif name == "MEAN":
            embeddings = b.node("ReduceMean", [x, b.const(np.array([2, 3], np.int64), "spatial_axes")], keepdims=0)
            x = embeddings
        elif name == "FULLY_CONNECTED":
            x = b.node("MatMul", [x, b.const(g.tensor(inputs[1]).T.copy(), "dense_w")])
            x = b.node("Add", [x, b.const(g.tensor(inputs[2]), "dense_b")])
        elif name == "LOGISTIC":
            x = b.node("Sigmoid", [x])
        else:
            raise SystemExit(f"unexpected TFLite op {name}; the converter needs updating")
    return x, embeddings


def convert(source: Path, out_dir: Path) -> Path:
    """Write yamnet.onnx and the class map into `out_dir`; return the ONNX path."""
    import onnx

    g = TFLiteGraph(source / "yamnet.tflite")
    b = OnnxBuilder()
    patch = build_frontend(g, b, "waveform")
    scores, embeddings = build_classifier(g, b, patch)
    b.nodes.append(onnx.helper.make_node("Identity", [scores], ["scores"]))
    b.nodes.append(onnx.helper.make_node("Identity", [embeddings], ["embeddings"]))
    graph = onnx.helper.make_graph(
        b.nodes,
        "yamnet",
        [onnx.helper.make_tensor_value_info("waveform", onnx.TensorProto.FLOAT, ["batch", 15600])],
        [
            onnx.helper.make_tensor_value_info("scores", onnx.TensorProto.FLOAT, ["batch", 521]),
            onnx.helper.make_tensor_value_info("embeddings", onnx.TensorProto.FLOAT, ["batch", 1024]),
        ],
        b.inits,
    )
    model = onnx.helper.make_model(graph, opset_imports=[onnx.helper.make_opsetid("", 18)])
    model.ir_version = 8
    model.doc_string = "YAMNet (Google, Apache-2.0) converted from TFLite by tools/convert_yamnet.py"
    onnx.checker.check_model(model)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "yamnet.onnx"
    onnx.save(model, str(path))
    shutil.copyfile(source / "yamnet_class_map.csv", out_dir / "yamnet_class_map.csv")
    return path


def _real_frames(count: int) -> np.ndarray:
    import av

    clips = sorted((SHARED / "data" / "vocal_bursts" / "deeply_NC-ND_dev" / "audio").glob("*/*.flac"))[::37]
    clips += sorted((SHARED / "data" / "asr" / "audio").glob("*.flac"))
    frames = []
    for clip in clips[:count]:
        with av.open(str(clip)) as container:
            samples = np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(audio=0)])
        if np.issubdtype(samples.dtype, np.integer):
            samples = samples.astype(np.float32) / 32768.0
        frames.append(np.pad(samples, (0, max(0, 15600 - samples.size)))[:15600])
    return np.stack(frames).astype(np.float32)


def verify(source: Path, onnx_path: Path) -> tuple[float, float]:
    """Mean |ONNX - TFLite| score difference and top-1 agreement on real clips.

    The TFLite interpreter runs this hybrid-int8 graph by quantising each layer's input per tensor on the fly,
    so a loud click crushes the quiet frames around it to the log floor; the float ONNX graph does not. A few
    frames therefore differ by design; the mean difference and top-1 agreement show the conversion is right.
    """
    import onnxruntime as ort
    from ai_edge_litert.interpreter import Interpreter

    frames = _real_frames(24)
    interpreter = Interpreter(model_path=str(source / "yamnet.tflite"))
    interpreter.allocate_tensors()
    inp = interpreter.get_input_details()[0]["index"]
    out = interpreter.get_output_details()[0]["index"]
    reference = []
    for frame in frames:
        interpreter.set_tensor(inp, frame[None, :])
        interpreter.invoke()
        reference.append(interpreter.get_tensor(out)[0].copy())
    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    ours = session.run(["scores"], {"waveform": frames})[0]
    ref = np.stack(reference)
    diff = float(np.abs(ours - ref).mean())
    agree = float(np.mean(ours.argmax(1) == ref.argmax(1)))
    print(f"compared on {len(frames)} real frames: mean |onnx - tflite| = {diff:.5f}, top-1 agreement {agree:.2f}")
    return diff, agree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder with yamnet.tflite")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the package reads the model")
    parser.add_argument("--no-verify", action="store_true", help="skip the comparison with ai-edge-litert")
    args = parser.parse_args(argv)
    path = convert(args.source, args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    if not args.no_verify:
        try:
            diff, agree = verify(args.source, path)
        except ImportError:
            print("ai-edge-litert not installed: skipped the comparison with TFLite")
            return 0
        if diff > 0.002 or agree < 0.85:
            print("ONNX and TFLite disagree more than int8 rounding explains", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
