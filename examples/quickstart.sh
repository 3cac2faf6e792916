#!/usr/bin/env bash
# Sets up tonesense (default install: offline, no torch) and runs it on the speech sample the repo ships.
# Usage: bash examples/quickstart.sh [AUDIO_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
# shellcheck disable=SC1091
source .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e .

tonesense transcribe "${1:-samples/jfk.flac}"
