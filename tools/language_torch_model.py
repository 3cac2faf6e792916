"""A minimal BERT encoder (all-MiniLM-L6-v2 layout) with the tonesense language heads, for training and export.

Written out here rather than taken from `transformers` so the training script needs only torch and the
safetensors reader, and so the exported ONNX graph is exactly this module.
"""

from __future__ import annotations

import math

import torch
from torch import nn

__all__ = ["EmotionModel", "FeatureEncoder", "load_minilm_weights"]

HIDDEN, LAYERS, HEADS, FFN, VOCAB, MAX_POS = 384, 6, 12, 1536, 30522, 512
N_GOEMOTIONS, N_XED, N_VAD = 28, 8, 3


class _Layer(nn.Module):
    def __init__(self, ffn: int = FFN) -> None:
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)
        self.attn_out = nn.Linear(HIDDEN, HIDDEN)
        self.attn_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.ffn_in = nn.Linear(HIDDEN, ffn)
        self.ffn_out = nn.Linear(ffn, HIDDEN)
        self.ffn_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        batch, length, _ = x.shape
        head_dim = HIDDEN // HEADS

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(batch, length, HEADS, head_dim).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(head_dim) + bias
        context = torch.matmul(self.dropout(torch.softmax(scores, dim=-1)), v)
        context = context.transpose(1, 2).reshape(batch, length, HIDDEN)
        x = self.attn_norm(x + self.dropout(self.attn_out(context)))
        hidden = nn.functional.gelu(self.ffn_in(x))
        return self.ffn_norm(x + self.dropout(self.ffn_out(hidden)))


class EmotionModel(nn.Module):
    """MiniLM encoder, mean pooling, and heads: GoEmotions (28 logits), XED (8 logits), EmoBank V/A/D (1-5).

    `layers`, `taps` and `ffn` describe a smaller student (`language_distil`): `taps` are the 0-based layers whose
    mean-pooled states stand for the teacher's layers 3 and 5 (the teacher itself: 6 layers, taps (2, 4)), `ffn`
    the feed-forward units per layer (the teacher's 1536).
    """

    def __init__(
        self, layers: int = LAYERS, taps: tuple[int, int] = (LAYERS // 2 - 1, LAYERS - 2), ffn: int = FFN
    ) -> None:
        super().__init__()
        if not (0 <= taps[0] < layers and 0 <= taps[1] < layers):
            raise ValueError(f"taps {taps} outside {layers} layers")
        self.taps = taps
        self.word = nn.Embedding(VOCAB, HIDDEN)
        self.position = nn.Embedding(MAX_POS, HIDDEN)
        self.token_type = nn.Embedding(2, HIDDEN)
        self.embed_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList(_Layer(ffn) for _ in range(layers))
        self.dropout = nn.Dropout(0.1)
        self.goemotions = nn.Linear(HIDDEN, N_GOEMOTIONS)
        self.xed = nn.Linear(HIDDEN, N_XED)
        self.vad = nn.Linear(HIDDEN, N_VAD)

    def encode(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Mean-pooled token states of the last layer and the two taps (teacher: layers 6, 3, 5) and max-pooled last
        layer, concatenated: (batch, 4 * HIDDEN)."""
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.position(positions) + self.token_type(torch.zeros_like(input_ids))
        x = self.dropout(self.embed_norm(x))
        mask = attention_mask.to(x.dtype)
        bias = ((1.0 - mask) * -1e4)[:, None, None, :]
        weights = mask.unsqueeze(-1) / mask.sum(1, keepdim=True).clamp(min=1.0).unsqueeze(-1)
        middle = x
        fifth = x
        for index, layer in enumerate(self.layers):
            x = layer(x, bias)
            if index == self.taps[0]:
                middle = x
            if index == self.taps[1]:
                fifth = x
        peak = (x + ((mask - 1.0) * 1e4).unsqueeze(-1)).max(1).values
        return torch.cat([(x * weights).sum(1), (middle * weights).sum(1), (fifth * weights).sum(1), peak], dim=-1)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        pooled = self.encode(input_ids, attention_mask)
        features = self.dropout(pooled[:, :HIDDEN])
        embedding = nn.functional.normalize(pooled[:, :HIDDEN], dim=-1)
        vad = 3.0 + self.vad(features)
        return embedding, self.goemotions(features), self.xed(features), vad


_RENAMES = {
    "attention.self.query": "query",
    "attention.self.key": "key",
    "attention.self.value": "value",
    "attention.output.dense": "attn_out",
    "attention.output.LayerNorm": "attn_norm",
    "intermediate.dense": "ffn_in",
    "output.dense": "ffn_out",
    "output.LayerNorm": "ffn_norm",
}


def load_minilm_weights(model: EmotionModel, tensors: dict[str, torch.Tensor]) -> None:
    """Copy all-MiniLM-L6-v2 safetensors (sentence-transformers names) into the encoder of `model`."""
    state: dict[str, torch.Tensor] = {
        "word.weight": tensors["embeddings.word_embeddings.weight"],
        "position.weight": tensors["embeddings.position_embeddings.weight"],
        "token_type.weight": tensors["embeddings.token_type_embeddings.weight"],
        "embed_norm.weight": tensors["embeddings.LayerNorm.weight"],
        "embed_norm.bias": tensors["embeddings.LayerNorm.bias"],
    }
    for name, tensor in tensors.items():
        if not name.startswith("encoder.layer."):
            continue
        _, _, index, rest = name.split(".", 3)
        module, param = rest.rsplit(".", 1)
        state[f"layers.{index}.{_RENAMES[module]}.{param}"] = tensor
    missing, unexpected = model.load_state_dict(state, strict=False)
    heads = {f"{h}.{p}" for h in ("goemotions", "xed", "vad") for p in ("weight", "bias")}
    if unexpected or set(missing) - heads:
        raise RuntimeError(f"weight layout mismatch: missing={missing} unexpected={unexpected}")


class FeatureEncoder(nn.Module):
    """The frozen encoder as exported: token ids and mask to pooled features (batch, 4 * HIDDEN)."""

    def __init__(self, model: EmotionModel) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model.encode(input_ids, attention_mask)
