"""The GitHub Action and the example workflow shipped for lists: valid YAML, and every
arxiv2entry command they run is one the CLI accepts, with options it knows."""

from __future__ import annotations

import shlex
from pathlib import Path

import yaml

from arxiv2entry.cli import cli

ROOT = Path(__file__).parent.parent


def _commands() -> list[str]:
    workflow = yaml.safe_load((ROOT / "examples" / "awesome-list-workflow.yml").read_text())
    found = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("arxiv2entry/arxiv2entry"):
                found.append(step["with"]["command"])
    return found


def test_the_action_installs_itself_and_runs_the_command() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    run = "\n".join(str(s.get("run", "")) for s in action["runs"]["steps"])
    assert 'pip install --quiet "${{ github.action_path }}"' in run
    assert "arxiv2entry ${{ inputs.command }}" in run
    assert set(action["inputs"]) == {"command", "readme"}


def test_every_command_in_the_example_workflow_parses() -> None:
    commands = _commands()
    assert [c.split()[0] for c in commands] == ["expand", "check", "watch"]
    for command in commands:
        name, *args = shlex.split(command)
        # Parsed under the group's context, as the CLI does (a context of its own would give
        # the command another --help option, which click then keeps).
        with cli.make_context("arxiv2entry", [name], resilient_parsing=True) as parent:
            cli.commands[name].make_context(name, args, parent=parent)
