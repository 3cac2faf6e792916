#!/usr/bin/env bash
# Sets up tonesense (default install: offline, no torch) and analyzes the speech sample the repo ships:
# transcript, expression cues in words, tone of voice and vocal bursts, and an HTML report (report.html).
# Usage: bash examples/quickstart.sh [AUDIO_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
# shellcheck disable=SC1091
source .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e .

tonesense analyze "${1:-samples/jfk.flac}" --report report.html
