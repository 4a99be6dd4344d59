"""`make eval`: measures Loupe on whatever of ../shared is present. Each module here with a `run(shared)` is a section."""
