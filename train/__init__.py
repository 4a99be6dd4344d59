"""`make train` (python -m train): the models Loupe learns from ../shared/eval, written to server/models/."""
