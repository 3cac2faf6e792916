"""Text preparation for the language model: emoji to words, transcript tags, chunking, a language guess."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

__all__ = ["chunk_text", "looks_non_english", "prepare_text"]

_TAG = re.compile(r"[\[(<]\s*([A-Za-z][A-Za-z ]{0,30}?)\s*[\])>]")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_UNREADABLE = re.compile("[\ud800-\udfff\ufffd]")
_ENGLISH = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "am",
        "do",
        "does",
        "did",
        "not",
        "no",
        "yes",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "this",
        "that",
        "what",
        "so",
        "my",
        "your",
        "me",
        "it's",
        "i'm",
        "don't",
        "can",
        "just",
        "have",
        "has",
        "had",
        "will",
        "would",
        "there",
        "here",
        "like",
        "oh",
        "um",
        "uh",
        "okay",
        "ok",
        "hey",
        "well",
        "really",
        "very",
    ]
)


def _emoji_word(char: str) -> str | None:
    """An emoji's Unicode name in lower case ("face with tears of joy"); None for other characters."""
    if unicodedata.category(char) != "So":
        return None
    name = unicodedata.name(char, "")
    return name.lower() if name else None


def prepare_text(text: str) -> str:
    """Text as the model reads it: emoji spelled out by name, "[laughs]" as "(laughs)", whitespace collapsed.

    The encoder's vocabulary has no emoji, so their Unicode names ("loudly crying face") carry the cue
    instead; bracketed transcript tags keep their word. What carries no text is dropped: lone surrogates
    (undecodable bytes on a command line, "\\ud800" escapes in JSON; the tokenizer cannot take them) and
    U+FFFD, the mark a decoder leaves for bytes it could not read.
    """
    if not text.isascii():
        text = _UNREADABLE.sub(" ", text)
    pieces: list[str] = []
    for char in text:
        if char in "\ufe0f\u200d":
            continue
        word = _emoji_word(char)
        pieces.append(f" {word} " if word else char)
    spelled = _TAG.sub(lambda m: f" ({m.group(1).strip().lower()}) ", "".join(pieces))
    return " ".join(spelled.split())


def looks_non_english(text: str) -> bool:
    """A cheap guess: mostly non-Latin letters, or 4+ Latin words with almost no common English words."""
    if not text.isascii():  # ASCII letters are all Latin; only other text needs the Unicode names
        letters = [c for c in text if c.isalpha()]
        if not letters:
            return False
        latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
        if latin / len(letters) < 0.6:
            return True
    words = re.findall(r"[a-zA-Z']+", text.lower())
    if len(words) < 4:
        return False
    return sum(1 for w in words if w in _ENGLISH) / len(words) < 0.08


def chunk_text(text: str, count_tokens: Callable[[str], int], max_tokens: int) -> list[str]:
    """Split a long text into pieces of whole sentences, each within `max_tokens` where possible.

    A single sentence longer than the limit is cut into runs of words.
    """
    chunks: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        for piece in _split_long(sentence, count_tokens, max_tokens):
            candidate = f"{current} {piece}".strip()
            if current and count_tokens(candidate) > max_tokens:
                chunks.append(current)
                candidate = piece
            current = candidate
    if current:
        chunks.append(current)
    return chunks


def _split_long(sentence: str, count_tokens: Callable[[str], int], max_tokens: int) -> list[str]:
    if count_tokens(sentence) <= max_tokens:
        return [sentence]
    words, pieces, current = sentence.split(), [], []
    for word in words:
        current.append(word)
        if count_tokens(" ".join(current)) > max_tokens and len(current) > 1:
            pieces.append(" ".join(current[:-1]))
            current = [word]
    if current:
        pieces.append(" ".join(current))
    return pieces
