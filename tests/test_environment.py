"""The pins agree everywhere: requirements.txt, environment.yml (Binder/conda) and postBuild.

Breaks when someone bumps a version in one file and forgets the other, which makes Binder and
`make lab` give students different software.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _requirements(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", line)
        assert m, f"{path.name}: '{line}' is not pinned with =="
        pins[m.group(1).lower()] = m.group(2)
    return pins


def _environment(path: Path) -> tuple[dict[str, str], list[str]]:
    """Conda dependencies of environment.yml as {name: version} and the channels (no YAML library)."""
    deps, channels, section = {}, [], None
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if not line.startswith(" "):
            section = line.split(":", 1)[0].strip()
            assert section in {"name", "channels", "dependencies"}, f"environment.yml: unexpected key '{section}'"
            continue
        item = line.strip()
        assert item.startswith("- "), f"environment.yml: '{item}' is not a list item"
        item = item[2:].strip()
        assert item != "pip:" and not item.startswith("-r"), "environment.yml must be self-contained (no pip: / -r)"
        if section == "channels":
            channels.append(item)
        elif section == "dependencies":
            m = re.fullmatch(r"([A-Za-z0-9_.\-]+)(?:=([^=\s]+))?", item)
            assert m, f"environment.yml: '{item}' is not 'name' or 'name=version'"
            deps[m.group(1).lower()] = m.group(2) or ""
    return deps, channels


def check_sync(req: dict[str, str], env: dict[str, str]) -> list[str]:
    """Every runtime pin appears in environment.yml with the same version (python/pip aside)."""
    problems = []
    for name, version in req.items():
        if name not in env:
            problems.append(f"{name} is pinned in requirements.txt but missing from environment.yml")
        elif env[name] != version:
            problems.append(f"{name}: requirements.txt has {version}, environment.yml has {env[name] or 'no version'}")
    for name in env:
        if name not in req and name not in {"python", "pip"}:
            problems.append(f"{name} is in environment.yml but not in requirements.txt")
    return problems


def test_environment_matches_requirements():
    req = _requirements(ROOT / "requirements.txt")
    env, channels = _environment(ROOT / "environment.yml")
    assert channels == ["conda-forge"]
    assert env.get("python") == "3.11"
    assert check_sync(req, env) == []


def test_sync_check_catches_drift():
    req = {"pandas": "3.1.1", "plotly": "7.1.0"}
    assert check_sync(req, {"python": "3.11", "pandas": "3.1.1", "plotly": "7.1.0"}) == []
    assert check_sync(req, {"pandas": "3.1.0", "plotly": "7.1.0"})  # version drift
    assert check_sync(req, {"pandas": "3.1.1"})  # missing package
    assert check_sync(req, {"pandas": "3.1.1", "plotly": "7.1.0", "numpy": "2.4"})  # extra package


def test_dev_requirements_build_on_runtime_and_are_pinned():
    text = (ROOT / "requirements-dev.txt").read_text()
    assert "-r requirements.txt" in text
    dev = _requirements(ROOT / "requirements-dev.txt")
    for tool in ["nbval", "pytest", "pytest-xdist", "ruff", "frictionless", "hypothesis", "playwright"]:
        assert tool in dev, f"{tool} missing from requirements-dev.txt"


def test_postbuild_installs_helpers_without_dependencies_and_settings():
    text = (ROOT / "postBuild").read_text()
    assert "pip install --no-deps -e ." in text
    assert "scripts/configure_lab.py" in text
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


def test_classroom_settings_disable_news_and_update_checks():
    import json

    overrides = json.loads((ROOT / "lab-settings" / "overrides.json").read_text())
    notif = overrides["@jupyterlab/apputils-extension:notification"]
    assert notif["fetchNews"] == "false" and notif["checkForUpdates"] is False
    server = json.loads((ROOT / "lab-settings" / "jupyter_lab_config.json").read_text())["LabApp"]
    assert server["extension_manager"] == "readonly"
    assert server["check_for_updates_class"] == "jupyterlab.NeverCheckForUpdate"
    assert server["news_url"] is None


def test_configure_lab_merges_into_a_prefix(tmp_path):
    """configure_lab writes where JupyterLab reads, and keeps settings an environment already has."""
    import json
    import subprocess
    import sys

    existing = tmp_path / "etc" / "jupyter" / "jupyter_lab_config.json"
    existing.parent.mkdir(parents=True)
    existing.write_text(json.dumps({"ServerApp": {"port": 9999}, "LabApp": {"collaborative": False}}))
    subprocess.run([sys.executable, str(ROOT / "scripts" / "configure_lab.py"), "--prefix", str(tmp_path)], check=True,
                   capture_output=True)
    config = json.loads(existing.read_text())
    assert config["ServerApp"] == {"port": 9999}
    assert config["LabApp"]["extension_manager"] == "readonly" and config["LabApp"]["collaborative"] is False
    overrides = json.loads((tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def test_make_lab_opens_the_start_notebook_from_the_repo_root():
    makefile = (ROOT / "Makefile").read_text()
    assert "START  := notebooks/00-start-here.ipynb" in makefile
    assert "--ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/$(START)" in makefile
    assert (ROOT / "notebooks" / "00-start-here.ipynb").exists()
