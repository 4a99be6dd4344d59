"""`make bench`: speed and load figures. Each module here with a `run(shared)` is a section."""
