"""`python -m bench [section ...]`: every benchmark section (bench/<name>.py with ORDER and run(shared))."""
import sys

import bench as package
from eval.common import run_sections

sys.exit(run_sections(package, "benchmarks", sys.argv[1:]))
