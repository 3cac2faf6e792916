"""`tonesense bench mcp`: the MCP server's cold start, tool round trip and transport overhead, over real stdio.

Figures, each against its target:
- cold start: spawn `tonesense serve mcp` to a completed `tools/list` (median of runs), target <= 1.0 s;
- `measure_text` round trip over stdio after warm-up, p50, target <= 15 ms;
- `analyze_audio` over stdio vs `Analyzer.analyze` in this process on the same file (both warm, interleaved
  runs, medians), target overhead <= 5%.
Top-level imports stay in the standard library: this module is imported when the CLI parser is built.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from tonesense.cli.arguments import whole_number

__all__ = ["add_arguments", "format_report", "run"]

TARGETS = {"cold_start_s": 1.0, "measure_text_p50_ms": 15.0, "analyze_overhead_pct": 5.0}
_SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "jfk.flac"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `tonesense bench mcp`."""
    parser.add_argument("--audio", type=Path, default=_SAMPLE, help="audio file for analyze_audio (default: JFK)")
    parser.add_argument("--cold-runs", type=whole_number(1), default=5, help="server starts to time (default 5)")
    parser.add_argument(
        "--text-calls", type=whole_number(1), default=100, help="measure_text calls to time (default 100)"
    )
    parser.add_argument("--audio-runs", type=whole_number(1), default=5, help="analyze runs per side (default 5)")


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Measure everything and return the figures with their targets."""
    import anyio

    audio = Path(args.audio).resolve()
    if not audio.is_file():
        from tonesense.errors import InputError

        raise InputError(f"audio file not found: {audio}")
    return anyio.run(_measure_all, audio, args.cold_runs, args.text_calls, args.audio_runs)


async def _measure_all(audio: Path, cold_runs: int, text_calls: int, audio_runs: int) -> dict[str, Any]:
    from mcp import Client

    runs = [await _cold_start(audio) for _ in range(max(1, cold_runs))]
    cold = [wall for wall, _ in runs]
    results: dict[str, Any] = {
        "server_command": " ".join(_command(audio)),
        "cold_start_s": round(statistics.median(cold), 3),
        "cold_start_runs_s": [round(value, 3) for value in cold],
        "cold_start_server_cpu_s": round(statistics.median(cpu for _, cpu in runs), 3),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cpu_count": os.cpu_count(),
    }
    async with Client(_params(audio)) as client:
        results.update(await _text_round_trips(client, text_calls))
        results.update(await _analyze_overhead(client, audio, max(1, audio_runs)))
    results["targets"] = TARGETS
    results["meets_targets"] = {
        key: (results[key] <= target) if isinstance(results.get(key), float | int) else None
        for key, target in TARGETS.items()
    }
    return results


async def _cold_start(audio: Path) -> tuple[float, float]:
    """Wall seconds from spawning the server to a completed tools/list, and the server's CPU seconds in all.

    The CPU figure (the server process, start to exit) does not grow with other load on the machine.
    """
    from mcp import Client

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin = time.perf_counter()
    async with Client(_params(audio)) as client:
        await client.list_tools()
        wall = time.perf_counter() - begin
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


async def _text_round_trips(client: Any, calls: int) -> dict[str, Any]:
    text = "Thanks so much for fixing this, I really appreciate it!"
    for _ in range(5):
        warm = await client.call_tool("measure_text", {"text": text})
    if warm.is_error:
        return {"measure_text_error": _error_text(warm)}
    times = []
    for _ in range(max(1, calls)):
        begin = time.perf_counter()
        await client.call_tool("measure_text", {"text": text})
        times.append((time.perf_counter() - begin) * 1000)
    times.sort()
    return {
        "measure_text_p50_ms": round(statistics.median(times), 2),
        "measure_text_p95_ms": round(times[max(0, math.ceil(0.95 * len(times)) - 1)], 2),
        "measure_text_calls": len(times),
        "measure_text_in_process_p50_ms": round(_in_process_text_p50(text, calls), 2),
    }


def _in_process_text_p50(text: str, calls: int) -> float:
    """The same call on an Analyzer in this process: the part of the round trip that is model time."""
    from tonesense.pipeline import Analyzer

    analyzer = Analyzer()
    for _ in range(5):
        analyzer.measure_text(text)
    times = []
    for _ in range(max(1, calls)):
        begin = time.perf_counter()
        analyzer.measure_text(text).model_dump(mode="json")
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times)


async def _analyze_overhead(client: Any, audio: Path, runs: int) -> dict[str, Any]:
    import anyio.to_thread

    from tonesense.pipeline import Analyzer

    analyzer = Analyzer()
    warm = await client.call_tool("analyze_audio", {"audio": str(audio)})
    if warm.is_error:
        return {"analyze_error": _error_text(warm)}
    await anyio.to_thread.run_sync(lambda: analyzer.analyze(audio))
    server = _server_pid()
    local: list[float] = []
    remote: list[float] = []
    local_cpu: list[float] = []
    remote_cpu: list[float] = []
    for _ in range(runs):
        begin, cpu = time.perf_counter(), time.process_time()
        await anyio.to_thread.run_sync(lambda: analyzer.analyze(audio).model_dump(mode="json"))
        local.append(time.perf_counter() - begin)
        local_cpu.append(time.process_time() - cpu)
        begin, cpu = time.perf_counter(), _cpu_seconds(server)
        await client.call_tool("analyze_audio", {"audio": str(audio)})
        remote.append(time.perf_counter() - begin)
        remote_cpu.append(_cpu_seconds(server) - cpu)
    in_process, over_mcp = statistics.median(local), statistics.median(remote)
    figures: dict[str, Any] = {
        "analyze_in_process_s": round(in_process, 3),
        "analyze_over_mcp_s": round(over_mcp, 3),
        "analyze_overhead_pct": round(100 * (over_mcp - in_process) / in_process, 1),
        "analyze_runs": runs,
        "analyze_audio_seconds": round((warm.structured_content or {}).get("duration") or 0.0, 2),
    }
    if server is not None:
        cpu_local, cpu_remote = statistics.median(local_cpu), statistics.median(remote_cpu)
        figures["analyze_in_process_cpu_s"] = round(cpu_local, 3)
        figures["analyze_server_cpu_s"] = round(cpu_remote, 3)
        figures["analyze_cpu_overhead_pct"] = round(100 * (cpu_remote - cpu_local) / cpu_local, 1)
    return figures


def _server_pid() -> int | None:
    """The pid of the one server this process has running (Linux /proc), to read its CPU time."""
    servers: list[int] = []
    for task in Path("/proc/self/task").glob("*/children"):
        for pid in task.read_text().split():
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if b"serve" in command and b"mcp" in command:
                servers.append(int(pid))
    return servers[0] if len(servers) == 1 else None


def _cpu_seconds(pid: int | None) -> float:
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _command(audio: Path) -> list[str]:
    script = Path(sys.executable).with_name("tonesense")
    program = str(script) if script.exists() else (shutil.which("tonesense") or "tonesense")
    return [program, "serve", "mcp", "--allow", str(audio.parent)]


def _params(audio: Path) -> Any:
    from mcp import StdioServerParameters

    program, *args = _command(audio)
    return StdioServerParameters(command=program, args=args, env=dict(os.environ))


def _error_text(result: Any) -> str:
    return " ".join(getattr(block, "text", "") for block in result.content)[:300]


def format_report(results: dict[str, Any]) -> str:
    """The figures as readable lines, each with its target and whether it is met."""
    lines = [f"server: {results['server_command']}"]
    met = results.get("meets_targets", {})
    lines.append(_line("cold start to tools/list", results.get("cold_start_s"), "s", "cold_start_s", met))
    lines.append(
        f"  server CPU for that start: {results.get('cold_start_server_cpu_s')} s "
        f"(load average {results.get('load_average_1min')} on {results.get('cpu_count')} CPUs)"
    )
    if "measure_text_error" in results:
        lines.append(f"measure_text: not measured ({results['measure_text_error']})")
    else:
        lines.append(
            _line("measure_text p50 round trip", results.get("measure_text_p50_ms"), "ms", "measure_text_p50_ms", met)
        )
        lines.append(
            f"  p95 {results.get('measure_text_p95_ms')} ms; the same call in-process: p50 "
            f"{results.get('measure_text_in_process_p50_ms')} ms"
        )
    if "analyze_error" in results:
        lines.append(f"analyze_audio: not measured ({results['analyze_error']})")
    else:
        lines.append(
            f"analyze_audio: in-process {results['analyze_in_process_s']} s, over MCP {results['analyze_over_mcp_s']} s"
        )
        lines.append(
            _line("analyze_audio overhead", results.get("analyze_overhead_pct"), "%", "analyze_overhead_pct", met)
        )
    return "\n".join(lines)


def _line(label: str, value: Any, unit: str, key: str, met: dict[str, Any]) -> str:
    verdict = {True: "meets", False: "MISSES", None: "n/a"}[met.get(key)]
    return f"{label}: {value} {unit} (target <= {TARGETS[key]} {unit}: {verdict})"
