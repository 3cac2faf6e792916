"""The one exception hierarchy of tonesense.

Interfaces translate these at the edge, once: the CLI into exit codes, the MCP server into tool errors,
HTTP servers into status codes. Every message is written for the person (or model) who has to act on it.
"""

from __future__ import annotations

__all__ = [
    "AudioError",
    "AudioTooLargeError",
    "AudioTooLongError",
    "BackendError",
    "ConversationNotFoundError",
    "CorruptAudioError",
    "EmptyAudioError",
    "InputError",
    "MissingExtraError",
    "ModelError",
    "ModelNotFoundError",
    "NotAudioError",
    "TonesenseError",
    "UnsupportedCodecError",
    "ZeroLengthAudioError",
]


class TonesenseError(Exception):
    """Base of every error tonesense raises on purpose."""


class InputError(TonesenseError):
    """The caller's input (text, request, path, option) cannot be used as given."""


class ConversationNotFoundError(InputError):
    """No conversation with this id is stored (never started, reset, expired or evicted)."""


class AudioError(InputError):
    """Audio that cannot be decoded or is outside the configured limits."""


class EmptyAudioError(AudioError):
    """The file or buffer holds zero bytes."""


class ZeroLengthAudioError(AudioError):
    """The container decodes but holds no audio samples."""


class NotAudioError(AudioError):
    """The data is not a recognised audio or video container."""


class CorruptAudioError(AudioError):
    """The data looks like audio but is truncated or damaged."""


class UnsupportedCodecError(AudioError):
    """The container is recognised but its audio codec cannot be decoded here."""


class AudioTooLargeError(AudioError):
    """The input is larger than the configured byte limit."""


class AudioTooLongError(AudioError):
    """The audio is longer than the configured duration limit."""


class ModelError(TonesenseError):
    """A model or engine could not be loaded or failed while running."""


class ModelNotFoundError(ModelError):
    """No weights were found at any of the places tonesense looked."""


class MissingExtraError(ModelError):
    """An optional dependency is not installed; the message names the extra that brings it."""

    def __init__(self, extra: str, package: str, purpose: str) -> None:
        super().__init__(f"{purpose} needs the '{package}' package. Install it with: pip install 'tonesense[{extra}]'")
        self.extra = extra
        self.package = package


class BackendError(TonesenseError):
    """A cloud backend failed, timed out or refused the request."""
