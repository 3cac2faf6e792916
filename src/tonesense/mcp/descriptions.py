"""Text the calling model reads: tool and argument descriptions (when to use, units, ranges, what scores mean)."""

from __future__ import annotations

__all__ = [
    "ANALYZE_AUDIO",
    "ANALYZE_TURN",
    "AUDIO_ARG",
    "CONVERSATION_ID_ARG",
    "GET_CONVERSATION_CONTEXT",
    "GRANULARITY_ARG",
    "INSTRUCTIONS",
    "LIST_EXPRESSIONS",
    "MEASURE_TEXT",
    "MODALITIES_ARG",
    "RESET_CONVERSATION",
    "SPEAKER_ARG",
    "TEXT_ARG",
    "TEXT_CONTEXT_ARG",
    "TRANSCRIBE_AUDIO",
    "TURN_AUDIO_ARG",
    "TURN_TEXT_ARG",
]

_CUES = (
    "Scores are in [0, 1] and estimate how strongly listeners would likely perceive each expression; they are "
    "independent (several can be high at once). Treat them as cues about how something was expressed, never as "
    "verdicts about what the person feels, and do not diagnose anyone."
)

INSTRUCTIONS = (
    "tonesense hears how something was said. Use analyze_audio for a recording (transcript plus expression in "
    "the words, tone of voice and vocal bursts such as laughs or sighs), transcribe_audio when only the words "
    "matter, and measure_text for written text. In a live conversation call analyze_turn once per user turn and "
    "put the returned context_block into your reasoning. " + _CUES
)

AUDIO_ARG = (
    "The audio to read: an absolute file path (or file:// URI) inside a directory the server allows, a base64 "
    "data: URI (data:audio/wav;base64,...; small clips only, a few MB), or the URI of an MCP resource holding "
    "audio. http(s) URLs work only if the server was started with --allow-urls. Prefer paths: they keep audio "
    "out of the conversation."
)
GRANULARITY_ARG = (
    "How to cut the audio into scored segments: 'utterance' (Whisper segments, default), 'sentence', 'word', "
    "'turn' (speaker turns) or 'window' (fixed time windows)."
)
MODALITIES_ARG = (
    "Which expression measures to run; default all: 'language' (53 dimensions from the words), 'prosody' "
    "(48 from the tone of voice), 'burst' (48 for non-speech vocalisations). Fewer modalities run faster."
)
TEXT_ARG = "One text, or a list of up to 256 texts (each at most 20,000 characters), in English for best results."
TEXT_CONTEXT_ARG = (
    "Optional: what was said just before (e.g. the previous message of the conversation, at most 20,000 "
    "characters). Each text is then scored as the mean of reading it alone and reading it after this context, "
    "so a short reply such as 'Fine.' is read in its place. Cues of the context itself carry over too (an "
    "apology before 'Fine.' adds Guilt): to read one speaker's tone, pass that speaker's earlier words. Omit it "
    "to score the text on its own."
)
CONVERSATION_ID_ARG = (
    "Your id for the conversation (letters, digits and . _ : @ -, at most 128 characters). Use the same id for "
    "every turn of one conversation."
)
TURN_TEXT_ARG = "What the user wrote or said in this turn, as text. Pass this or `audio`, not both."
TURN_AUDIO_ARG = "The user's spoken turn as audio (same forms as analyze_audio's `audio`). Pass this or `text`."
SPEAKER_ARG = "Optional speaker label for the turn, e.g. 'user' or a name."

TRANSCRIBE_AUDIO = (
    "Transcribe speech in an audio file with Whisper, locally. Returns the text, detected language, duration "
    "in seconds and timed segments with per-word start/end times (seconds) and probabilities (0..1). Use it "
    "when you only need the words; use analyze_audio to also hear how they were said. Long files take a while "
    "(progress is reported)."
)
ANALYZE_AUDIO = (
    "Hear how something was said: transcribes the audio and scores each segment for expression in the words "
    "(53 dimensions), the tone of voice (48) and vocal bursts such as laughter or sighs (48, with their times). "
    "Returns the transcript, per-segment scores with start/end in seconds, detected bursts, a short summary "
    "(top expressions, where words and voice agree or differ) and which model produced each modality; a "
    "modality that could not run is listed under `missing` with the reason. " + _CUES
)
MEASURE_TEXT = (
    "Score written text for 53 dimensions of emotional expression in language (e.g. Amusement, Annoyance, "
    "Confusion, Gratitude, Sarcasm), one result per text, in the order given. Fast; use it for chat messages, "
    "reviews or transcripts you already have (it reads only the words, not the tone of voice). " + _CUES
)
LIST_EXPRESSIONS = (
    "List every expression name tonesense scores, per modality (53 language, 48 prosody, 48 vocal burst), in "
    "the order results use, each with a one-line description and valence, arousal and dominance coordinates in "
    "[0, 1] (0.5 neutral). Use it to know what a score name means before interpreting results."
)
ANALYZE_TURN = (
    "Add one user turn (text or audio) to a conversation and get its updated expression context: smoothed top "
    "expressions over recent turns, trends and notable shifts, a one-line `turn_header` to read next to the "
    "user's message and a compact `context_block` to keep in mind when you reply. Call it once per user turn, "
    "with the same conversation_id. " + _CUES
)
GET_CONVERSATION_CONTEXT = (
    "Get the current expression context of a conversation without adding a turn (same fields as analyze_turn). "
    "Fails if no turn was added under this conversation_id yet."
)
RESET_CONVERSATION = (
    "Forget a conversation's turns and expression history, e.g. when the user asks or a new topic starts. "
    "Returns reset=false if there was nothing stored under this id."
)
