"""Renderers read a list of `Result`s and never re-run checks."""
