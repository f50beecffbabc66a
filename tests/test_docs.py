"""The README documents every command, option and setting, and starts with the two commands."""

import argparse
import re
from dataclasses import fields
from pathlib import Path

from journal.cli import build_parser
from journal.settings import TABLES, Settings

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


def _options(parser):
    """Every --option of `parser` and of its sub-commands (`journal refs add --key`), with the command's words."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _options(sub)
        for opt in action.option_strings:
            if opt.startswith("--") and opt not in ("--help", "--dir"):
                yield parser.prog, opt


def _sections():
    """The README's `## ` sections, each with its text."""
    return re.split(r"(?m)^(?=## )", README)


def _section_of(command: str) -> str:
    """The section that documents `journal COMMAND`: the one naming it most often (the first, on a tie)."""
    mention = re.compile(rf"journal {re.escape(command)}\b")
    return max(_sections(), key=lambda text: len(mention.findall(text)))


def test_every_option_is_in_its_commands_section():
    missing = []
    for name, parser in _subcommands().items():
        section = _section_of(name)
        missing += [f"{prog} {opt}" for prog, opt in _options(parser) if opt not in section]
    assert not missing, f"README lacks, in the command's own section: {missing}"


def _settings_block() -> dict[str, set[str]]:
    """The keys of each table in the TOML block of the README's settings section ('' is the top level)."""
    section = next(text for text in _sections() if text.startswith("## Settings"))
    block = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    tables, table = {"": set()}, ""
    for line in block.splitlines():
        header = re.match(r"\s*\[(\w+)\]", line)
        if header:
            table = header.group(1)
            tables.setdefault(table, set())
        elif key := re.match(r"\s*(\w+)(?:\.\w+)*\s*=", line):     # a dotted key (people.ada = …) names its first part
            tables[table].add(key.group(1))
    return tables


def test_every_setting_is_in_the_readmes_settings_block():
    tables = _settings_block()
    wanted = {"": [f.name for f in fields(Settings) if f.name not in TABLES],
              **{name: [f.name for f in fields(table)] for name, table in TABLES.items()}}
    missing = [f"{table + '.' if table else ''}{name}" for table, names in wanted.items()
               for name in names if name not in tables.get(table, set())]
    assert not missing, f"the README's settings block lacks: {missing}"


def test_every_course_action_is_in_the_readme():
    """`journal course init`, `serve`, … each named in the README (their options are checked above)."""
    course = _subcommands()["course"]
    action = next(a for a in course._actions if isinstance(a, argparse._SubParsersAction))
    missing = [f"journal course {name}" for name in action.choices if f"journal course {name}" not in README]
    assert not missing, f"README lacks: {missing}"


def test_every_course_setting_is_in_the_readme():
    from journal.course.settings import CourseSettings

    names = [f.name for f in fields(CourseSettings) if f.name != "comments"]      # [comments]: as journal.toml
    missing = [n for n in names if not re.search(rf"`{re.escape(n)}`", README)]
    assert not missing, f"README lacks course.toml settings: {missing}"


def test_every_environment_variable_is_in_the_readme():
    from journal.environment import Environment

    section = next(text for text in _sections() if text.startswith("## Environment variables"))
    missing = [v for v in Environment.variables().values() if f"`{v}`" not in section]
    assert not missing, f"README's environment variables lack: {missing}"
