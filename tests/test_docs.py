"""The README documents every command and every named query."""

from pathlib import Path

from policykg import resources
from policykg.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    for name in main.commands:
        assert f"policykg {name}" in README, name


def test_every_named_query_is_in_the_readme():
    for name in resources.named_queries():
        assert f"`{name}`" in README, name
