"""`tonesense doctor`: what this installation can do: engines, weights found, extras installed, versions.

Nothing is loaded or downloaded; it only looks. Exit code 0 when the default engine has weights, 4 otherwise.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import platform
import re
import sys
from pathlib import Path
from typing import Any

from tonesense import __version__
from tonesense.cli.output import print_json

__all__ = ["diagnose", "register"]

_EXTRA_MARKER = re.compile(r"""extra\s*==\s*['"]([^'"]+)['"]""")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("doctor", help="show engines, weights found, extras installed and versions")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    report = diagnose()
    if args.json:
        print_json(report)
    else:
        sys.stdout.write(_as_text(report))
    return 0 if report["engines"]["faster-whisper"]["ready"] else 4


def diagnose() -> dict[str, Any]:
    """A JSON-ready description of this installation."""
    requirements = _requirements()
    return {
        "tonesense": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "engines": {"faster-whisper": _faster_whisper(), "openai-whisper": _openai_whisper()},
        "packages": {name: _version(name) for name in requirements.get("", [])},
        "extras": {extra: {name: _version(name) for name in names} for extra, names in requirements.items() if extra},
    }


def _requirements() -> dict[str, list[str]]:
    """Requirement names of the installed tonesense, by extra ("" for the default install)."""
    try:
        declared = importlib.metadata.requires("tonesense") or []
    except importlib.metadata.PackageNotFoundError:
        return {}
    grouped: dict[str, list[str]] = {}
    for requirement in declared:
        name = _NAME.match(requirement)
        extra = _EXTRA_MARKER.search(requirement)
        if name:
            grouped.setdefault(extra.group(1) if extra else "", []).append(name.group(0))
    return grouped


def _version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _faster_whisper() -> dict[str, Any]:
    installed = importlib.util.find_spec("faster_whisper") is not None
    info: dict[str, Any] = {"installed": installed, **_weights(allow_checkpoint=False)}
    return info | {"ready": installed and "location" in info}


def _openai_whisper() -> dict[str, Any]:
    from tonesense.transcribe.ct2_to_openai import openai_checkpoint_path
    from tonesense.transcribe.weights import cache_dir

    installed = all(importlib.util.find_spec(name) is not None for name in ("whisper", "torch"))
    versions = {"openai-whisper": _version("openai-whisper"), "torch": _version("torch")}
    info: dict[str, Any] = {"installed": installed, "versions": versions, **_weights(allow_checkpoint=True)}
    location = info.get("location")
    if location and (Path(location) / "model.bin").is_file():
        checkpoint = openai_checkpoint_path(location, cache_dir())
        info["converted_checkpoint"] = str(checkpoint) if checkpoint.is_file() else "made on first use"
    if not installed:
        info["install"] = "pip install torch==2.13.0 && pip install 'tonesense[openai-whisper]'"
    return info | {"ready": installed and "location" in info}


def _weights(*, allow_checkpoint: bool) -> dict[str, Any]:
    """The offline weights this engine would use (the hub is not considered: doctor never downloads)."""
    from tonesense.errors import ModelNotFoundError
    from tonesense.transcribe.weights import resolve_whisper_weights

    try:
        weights = resolve_whisper_weights(allow_hub=False, allow_checkpoint=allow_checkpoint)
    except ModelNotFoundError as exc:
        return {"weights_error": str(exc)}
    return {"location": weights.location, "source": weights.source, "model_id": weights.model_id}


def _as_text(report: dict[str, Any]) -> str:
    lines = [f"tonesense {report['tonesense']} on Python {report['python']} ({report['platform']})", "", "engines:"]
    for name, engine in report["engines"].items():
        state = "ready" if engine["ready"] else "NOT READY"
        where = engine.get("location") or engine.get("weights_error", "")
        lines.append(f"  {name:15} {state:9} {engine.get('model_id', '')} {where}".rstrip())
        for key in ("converted_checkpoint", "install"):
            if key in engine:
                lines.append(f"  {'':15} {key}: {engine[key]}")
    lines += ["", "packages:"] + [f"  {name:24} {version or 'MISSING'}" for name, version in report["packages"].items()]
    for extra, packages in report["extras"].items():
        missing = [name for name, version in packages.items() if version is None]
        lines.append(f"extra [{extra}]: " + (f"missing {', '.join(missing)}" if missing else "installed"))
    return "\n".join(lines) + "\n"
