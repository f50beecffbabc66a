"""The README documents every command, option and setting, and starts with the two commands."""

import argparse
import re
from dataclasses import fields
from pathlib import Path

from journal.cli import build_parser
from journal.feedback.settings import FeedbackSettings
from journal.notify.settings import NotifySettings
from journal.settings import TABLES, CommentSettings, ExportSettings, Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _subcommands():
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


def test_readme_starts_with_the_two_commands():
    first = README.find("make demo"), README.find("make test")
    assert -1 not in first
    assert max(first) < README.find("\n## ", README.find("\n## ") + 1), "the two commands come first"


def test_every_command_is_in_the_readme():
    missing = [name for name in _subcommands() if f"journal {name}" not in README]
    assert not missing, f"README lacks: {missing}"


def test_every_option_is_in_the_readme():
    missing = []
    for name, parser in _subcommands().items():
        for action in parser._actions:
            for opt in action.option_strings:
                if opt.startswith("--") and opt not in ("--help", "--dir") and opt not in README:
                    missing.append(f"journal {name} {opt}")
    assert not missing, f"README lacks: {missing}"


def test_every_setting_is_in_the_readme():
    names = [f.name for f in fields(Settings) if f.name not in TABLES]
    names += [f"[{name}]" for name in TABLES if name not in ("comments", "export")]
    for table in (CommentSettings, ExportSettings, NotifySettings, FeedbackSettings):
        names += [f.name for f in fields(table)]
    missing = [n for n in names if not re.search(rf"(?<!\w){re.escape(n)}(?!\w)", README)]
    assert not missing, f"README lacks settings: {missing}"
