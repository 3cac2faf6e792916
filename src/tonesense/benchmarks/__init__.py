"""Benchmarks: each module times one part of tonesense and prints figures with side-by-side ratios."""
