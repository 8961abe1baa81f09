"""The GitHub workflows: actions pinned to commit SHAs, the real site address, every problem reported."""

import re
from pathlib import Path

import yaml

WORKFLOWS = Path(__file__).resolve().parent.parent / ".github" / "workflows"


def _steps(name: str) -> list[dict]:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$", line), (path.name, line)


def test_publishing_sets_site_url_from_the_pages_address():
    steps = _steps("publish.yml")
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    kit = next(s for s in steps if s.get("run") == "make kit")
    assert kit["env"]["PORTAL_SITE_URL"] == "${{ steps.%s.outputs.base_url }}" % pages["id"]


def test_a_pull_request_gets_a_summary_annotations_on_changed_files_and_a_preview():
    runs = "\n".join(s.get("run", "") for s in _steps("pull-request.yml"))
    assert "--format summary >> \"$GITHUB_STEP_SUMMARY\"" in runs
    assert "git diff --name-only" in runs and "check --format github $changed" in runs
    assert runs.index("$changed") < runs.index("--format summary")  # the changed files' annotations come first
    assert any(s.get("with", {}).get("name") == "portal-preview" for s in _steps("pull-request.yml"))
