"""`python -m train`: fit every model from the data in ../shared (or $LOUPE_SHARED) and write it to server/models/."""
import sys

from eval.common import shared_dir
from train import checkworthy

sys.exit(checkworthy.main(shared_dir()))
