"""Drives the assistant from the outside, like a user: gold questions, metrics, baselines."""
