"""The README's Python section runs as written."""

import pathlib
import re

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def python_blocks():
    text = README.read_text(encoding="utf-8")
    section = text.split("## From Python", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_has_a_python_example():
    assert python_blocks(), "no ```python block under '## From Python'"


def test_the_readme_python_runs_as_written():
    for block in python_blocks():
        exec(compile(block, str(README), "exec"), {})
