"""Rendering reports for people: one self-contained HTML page with an inline SVG timeline."""

from tonesense.report.html import render_html
from tonesense.report.timeline import render_timeline

__all__ = ["render_html", "render_timeline"]
