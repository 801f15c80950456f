"""Benchmarks: one module per capability, each runnable on any data folder of its kind."""
