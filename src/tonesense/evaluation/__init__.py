"""Evaluation commands: each module measures one model kind on a labelled folder."""
