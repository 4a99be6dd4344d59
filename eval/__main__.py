"""`python -m eval [section ...]`: every evaluation section (eval/<name>.py with ORDER and run(shared))."""
import sys

import eval as package
from eval.common import run_sections

sys.exit(run_sections(package, "evaluation", sys.argv[1:]))
