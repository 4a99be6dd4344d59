"""Imported once by the worker pool's fork server: the pipeline, its models and word lists loaded and used on a
small page, so every worker forked from it starts ready."""
from . import keep_nltk_light

keep_nltk_light()
from .pipeline import analyze  # noqa: E402  (after keep_nltk_light)

analyze(text="Loupe warms up. The council said the ferry will run twice a week. Residents mounted a heroic campaign.")
