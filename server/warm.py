"""Imported once by the worker pool's fork server: the pipeline, its models and word lists loaded and used on a
small page, so every worker forked from it starts ready."""
from .pipeline import analyze

analyze(text="Loupe warms up. The council said the ferry will run twice a week. Residents mounted a heroic campaign.")
