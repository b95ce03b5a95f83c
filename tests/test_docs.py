"""The README is the manual: its command reference must match --help, and cover every command."""

from __future__ import annotations

from pathlib import Path

from cogapp import Cog

from arxiv2entry.cli import cli

README = Path(__file__).parent.parent / "README.md"


def test_readme_command_reference_is_current() -> None:
    """Run `cog -r README.md` when this fails."""
    assert Cog().main(["cog", "--check", str(README)]) == 0


def test_every_command_is_documented() -> None:
    text = README.read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"### arxiv2entry {name} --help" in text, f"command {name} missing from README"


def test_quick_start_has_the_two_commands_ci_runs() -> None:
    text = README.read_text(encoding="utf-8")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install . && arxiv2entry 2112.07945\n" in text
    assert "pip install -e '.[test]' && pytest\n" in text
    assert "\npip install -e '.[test]' && pytest\n" in ci
