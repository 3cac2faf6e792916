"""Rendered prompts against golden files in tests/context/snapshots/ (TONESENSE_UPDATE_SNAPSHOTS=1 rewrites
them; review the diff before committing), plus rendering rules that hold for any state."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tonesense.context import (
    ConversationState,
    ConversationTracker,
    approx_tokens,
    render_context_block,
    render_system_prompt,
    render_turn_header,
    scoring_guide,
)
from tonesense.context.templates import load_template
from tonesense.errors import InputError
from tonesense.schema import VoiceDimensions

from .reports import TENSE_FAST, laugh, make_report

SNAPSHOTS = Path(__file__).parent / "snapshots"
SUBDUED_SLOW = VoiceDimensions(arousal=0.25, valence=0.3, dominance=0.4, rate_z=-1.2, loudness_z=-1.1)


def assert_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("TONESENSE_UPDATE_SNAPSHOTS") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}; run with TONESENSE_UPDATE_SNAPSHOTS=1 to create it"
    assert text == path.read_text(encoding="utf-8")


class Clock:
    def __init__(self) -> None:
        self.now = 1_790_000_000.0

    def __call__(self) -> float:
        self.now += 4.0
        return self.now


def support_call() -> tuple[ConversationState, list[str]]:
    """A support call: annoyance cues rising over three turns, a tired reply, laughter after a joke."""
    tracker = ConversationTracker(clock=Clock())
    script = [
        ("agent", "Thanks for calling, how can I help?", None),
        ("caller", None, make_report({"Annoyance": 0.3, "Calmness": 0.3}, {"Calmness": 0.35}, text="My order.")),
        ("agent", "Let me look that up.", None),
        (
            "caller",
            None,
            make_report({"Annoyance": 0.5, "Disappointment": 0.35}, {"Anger": 0.3}, text="Still nothing?"),
        ),
        ("agent", "It shows as delayed.", None),
        (
            "caller",
            None,
            make_report(
                {"Annoyance": 0.71, "Tiredness": 0.4},
                {"Anger": 0.45, "Tiredness": 0.4},
                voice=TENSE_FAST,
                text="Forty minutes. Again.",
            ),
        ),
        ("agent", "At least the hold music is catchy?", None),
        (
            "caller",
            None,
            make_report(
                {"Amusement": 0.55, "Tiredness": 0.45},
                {"Amusement": 0.5, "Tiredness": 0.5},
                voice=SUBDUED_SLOW,
                bursts=[laugh(0.2, 1.1), laugh(3.2, 3.6, confidence=0.7)],
                text="Ha. Sure it is.",
            ),
        ),
    ]
    headers = []
    for speaker, text, report in script:
        state = tracker.add_turn("support-42", report=report, text=text, speaker=speaker)
        headers.append(state.header)
    return state, headers


def test_system_prompt_matches_snapshot() -> None:
    assert_snapshot("system_prompt.txt", render_system_prompt())


def test_scoring_guide_matches_snapshot() -> None:
    assert_snapshot("scoring_guide.txt", scoring_guide())


def test_turn_headers_match_snapshot() -> None:
    _, headers = support_call()
    assert_snapshot("turn_headers.txt", "\n".join(headers) + "\n")


@pytest.mark.parametrize("budget", [300, 120, 40])
def test_context_block_matches_snapshot(budget: int) -> None:
    state, _ = support_call()
    block = render_context_block(state, max_tokens=budget)
    assert approx_tokens(block) <= budget
    assert_snapshot(f"context_block_{budget}.txt", block + "\n")


def test_state_json_matches_snapshot() -> None:
    state, _ = support_call()
    assert_snapshot("state.json", state.model_dump_json(indent=2) + "\n")


def test_rendering_is_deterministic_across_trackers() -> None:
    first, _ = support_call()
    second, _ = support_call()
    assert render_context_block(first) == render_context_block(second)
    assert render_turn_header(first) == render_turn_header(second) == first.header


def test_llm_facing_text_says_scores_are_cues_not_feelings() -> None:
    for text in (render_system_prompt(), scoring_guide()):
        assert "not what" in text and "never" in text.lower()
        assert "diagnos" in text
        assert "$" not in text, "every template placeholder is filled"


def test_budget_below_one_token_is_refused() -> None:
    state, _ = support_call()
    with pytest.raises(InputError, match="max_tokens"):
        render_context_block(state, max_tokens=0)


def test_templates_load_from_the_prompts_folder() -> None:
    repository_prompts = Path(__file__).resolve().parents[2] / "prompts"
    for name in ("system_prompt.md", "scoring_guide.md", "context_block.md"):
        assert load_template(name) == (repository_prompts / name).read_text(encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        load_template("no_such_template.md")


def test_context_block_says_which_modalities_the_last_turn_could_not_measure() -> None:
    report = make_report(None, {"Calmness": 0.4}, missing={"language": "language model weights not found"})
    state = ConversationTracker().add_turn("c", report=report)
    block = render_context_block(state)
    assert "Not measured in the last turn: words (cues come from the rest)." in block
    assert "weights" not in block, "reasons are for logs and JSON, not for the LLM"
