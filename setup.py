"""The wheel carries a copy of extension/ as server/_extension (the demo page serves its drawing scripts; a reader
who installed with pip loads it in Chrome from there). extension/ stays the only source: the copy is made at build
time and never committed. Everything else is in pyproject.toml."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class build_py_with_extension(build_py):
    def run(self):
        super().run()
        source = ROOT / "extension"
        target = Path(self.build_lib) / "server" / "_extension"
        if source.is_dir():   # an sdist carries extension/ too (MANIFEST.in)
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))


setup(cmdclass={"build_py": build_py_with_extension})
