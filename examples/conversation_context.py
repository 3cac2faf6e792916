"""Feed a conversation's turns to tonesense's context tracker and print what an LLM would read.

Usage: python examples/conversation_context.py [--db FILE] [--conversation ID] [CLIP ...]

Each CLIP is one user turn: tonesense analyzes it (transcript, words, tone of voice, vocal bursts) and the
tracker adds the report. Before each one, the example adds a scripted assistant reply as a text-only turn, as
an agent would. It prints the system-prompt block once, each user turn as the LLM receives it (the header in
front of the transcript), and the conversation's context block at the end. With --db the conversation lives
in a SQLite file and continues where it left off when you run the example again. Defaults to the sample clip
the repo ships. Scores are cues about how speech is likely to be perceived, not what anyone feels.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tonesense import Analyzer
from tonesense.context import (
    ConversationStore,
    ConversationTracker,
    InMemoryConversationStore,
    SQLiteConversationStore,
    render_context_block,
    render_system_prompt,
)

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "jfk.flac"
ASSISTANT_LINES = ("Hi! What's on your mind?", "I see. Tell me more.", "Got it. Anything else?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clips", nargs="*", type=Path, default=[SAMPLE], help="audio files, one user turn each")
    parser.add_argument("--db", type=Path, help="keep the conversation in this SQLite file")
    parser.add_argument("--conversation", default="example", help="conversation id (default: example)")
    args = parser.parse_args()

    store: ConversationStore = SQLiteConversationStore(args.db) if args.db else InMemoryConversationStore()
    tracker = ConversationTracker(store)
    analyzer = Analyzer()

    print(render_system_prompt())
    for number, clip in enumerate(args.clips):
        tracker.add_turn(args.conversation, text=ASSISTANT_LINES[number % len(ASSISTANT_LINES)], speaker="assistant")
        report = analyzer.analyze(clip)
        state = tracker.add_turn(args.conversation, report=report, speaker="user")
        turn = tracker.timeline(args.conversation)[-1]
        print(f"\nuser (turn {turn.index}, {clip.name}): {state.header} {turn.text.strip()}")

    print("\n" + render_context_block(state, max_tokens=250))
    store.close()


if __name__ == "__main__":
    main()
