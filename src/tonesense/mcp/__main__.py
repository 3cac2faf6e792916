"""`python -m tonesense.mcp`: the same server as `tonesense serve mcp`, without building the whole CLI."""

from __future__ import annotations

import argparse
import logging
import sys

from tonesense.cli import EXIT_INPUT, EXIT_MODEL
from tonesense.cli.serve_cmd import add_mcp_arguments, serve_mcp
from tonesense.errors import InputError, TonesenseError


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tonesense.mcp", description="tonesense MCP server")
    add_mcp_arguments(parser)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        return serve_mcp(args)
    except TonesenseError as exc:
        print(f"tonesense: error: {exc}", file=sys.stderr)
        return EXIT_INPUT if isinstance(exc, InputError) else EXIT_MODEL
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
