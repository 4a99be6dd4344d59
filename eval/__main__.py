"""`python -m eval [--record] [section ...]`: every evaluation section (eval/<name>.py with ORDER and run(shared)),
then the gate (eval/gate.py): exit 1 when a headline figure fell below eval/baseline.json; --record updates it."""
import sys

from eval.gate import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
