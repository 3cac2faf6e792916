"""The package face: importing it is cheap, the command starts fast, heavy dependencies load only on use."""

from __future__ import annotations

import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

HEAVY = ("torch", "faster_whisper", "ctranslate2", "mcp", "whisper", "onnxruntime")


def _imported_after(statement: str, modules: tuple[str, ...] = HEAVY) -> list[str]:
    probe = f"import sys; {statement}; print(' '.join(m for m in {modules!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    return result.stdout.split()


def test_import_tonesense_loads_no_heavy_dependency() -> None:
    assert _imported_after("import tonesense") == []


def test_building_the_cli_parser_loads_not_even_numpy_or_pydantic() -> None:
    assert _imported_after("import tonesense.cli as c; c.build_parser()", (*HEAVY, "numpy", "pydantic")) == []


def test_help_takes_under_half_a_second_of_cpu(run_cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    """CPU time rather than wall time: other jobs share CI's two cores, which stretches wall time, not CPU time."""
    run_cli("--help", timeout=60)  # warm the file cache
    timings = []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = run_cli("--help", timeout=60)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        timings.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        assert result.returncode == 0 and "transcribe" in result.stdout
    assert min(timings) <= 0.5, timings


def test_no_command_prints_usage_and_exits_2(run_cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    result = run_cli(timeout=60)
    assert result.returncode == 2 and "usage: tonesense" in result.stderr


def test_the_shipped_sample_is_real_speech(sample_path: Path) -> None:
    from tonesense.audio import load_audio

    assert load_audio(sample_path).duration == 11.0
