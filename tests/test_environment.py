"""The environments students get are the ones the tests run, set up the way the README says.

Each test stands for one way a class can break:

- Binder builds other software than the tests ran (environment.yml drifted from requirements.txt), or no
  environment at all (a pin that does not exist for Binder's Python on Linux: the student gets a build
  error instead of the start notebook);
- `make lab` / `make test` leave Jupyter's files outside the project, or the server's token readable by
  other users of the machine, or do not open the start notebook;
- JupyterLab does not read the classroom settings (news pop-up, update check, extension manager), or the
  server still searches for language servers with npm at every start.

The tests run what would run (make with a stand-in Python, postBuild, configure_lab.py into a fresh
environment, pip's resolver) and check the outcome, not the text of the files.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
START = "notebooks/00-start-here.ipynb"

# Binder's machines: repo2docker builds on Ubuntu 22.04 (glibc 2.35), x86-64, with environment.yml's Python.
BINDER_GLIBC_MINOR = 35
# What every Binder environment must import: the runtime pins, by import name.
STACK = ["jupyterlab", "pandas", "plotly", "ipywidgets", "ipykernel"]


# --- reading the pins ------------------------------------------------------------------------------------


def pins(lines: list[str], where: str, includes: tuple[str, ...] = ()) -> dict[str, str]:
    """``{name: version}`` of requirement lines; every line must pin one version with ``==``.

    ``includes`` lists the ``-r FILE`` lines allowed (they are skipped); any other option, path, URL, extra
    or marker is an error naming the line.
    """
    result = {}
    for raw in lines:
        line = str(raw).split("#", 1)[0].strip()
        if not line or line in {f"-r {name}" for name in includes}:
            continue
        try:
            req = Requirement(line)
        except InvalidRequirement:
            raise AssertionError(f"{where}: '{line}' is not a requirement 'name==version'") from None
        specs = list(req.specifier)
        assert (len(specs) == 1 and specs[0].operator == "==" and not req.url and not req.marker
                and not req.extras), f"{where}: '{line}' does not pin one version with =="
        result[canonicalize_name(req.name)] = specs[0].version
    return result


def runtime_pins() -> dict[str, str]:
    return pins((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines(), "requirements.txt")


def binder_environment() -> tuple[dict, dict[str, str], list[str]]:
    """environment.yml as repo2docker reads it: the whole file, its conda packages and its pip list."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda, pip_list = {}, []
    for dep in env.get("dependencies", []):
        if isinstance(dep, dict):
            assert set(dep) == {"pip"}, f"environment.yml: unexpected entry {dep}"
            pip_list = [str(line) for line in dep["pip"]]
        else:
            name, _, version = str(dep).partition("=")
            conda[name.strip()] = version.strip("= ")
    return env, conda, pip_list


def check_sync(required: dict[str, str], binder: dict[str, str]) -> list[str]:
    """Every runtime pin is in Binder's pip list at the same version, and nothing else is."""
    problems = []
    for name, version in required.items():
        if name not in binder:
            problems.append(f"{name} is pinned in requirements.txt but missing from environment.yml's pip list")
        elif binder[name] != version:
            problems.append(f"{name}: requirements.txt has {version}, environment.yml has {binder[name]}")
    for name in binder:
        if name not in required:
            problems.append(f"{name} is in environment.yml's pip list but not in requirements.txt")
    return problems


# --- environment.yml, requirements and pyproject agree ------------------------------------------------------


def test_binder_takes_only_python_and_pip_from_conda_and_the_pins_from_pypi():
    env, conda, pip_list = binder_environment()
    assert env.get("channels") == ["conda-forge"]
    assert sorted(conda) == ["pip", "python"], (
        f"environment.yml asks conda for {sorted(set(conda) - {'python', 'pip'})}: conda-forge builds are never "
        "tested here; put the package in requirements.txt and in the pip list")
    # Only name==version lines: a -r, -e or path would make repo2docker copy the whole repository before
    # building the environment, so every commit would rebuild it (no cache).
    binder = pins(pip_list, "environment.yml's pip list")
    assert check_sync(runtime_pins(), binder) == []


def test_sync_check_catches_drift():
    required = {"pandas": "3.1.1", "plotly": "7.1.0"}
    assert check_sync(required, {"pandas": "3.1.1", "plotly": "7.1.0"}) == []
    assert check_sync(required, {"pandas": "3.1.0", "plotly": "7.1.0"})  # version drift
    assert check_sync(required, {"pandas": "3.1.1"})  # missing package
    assert check_sync(required, {"pandas": "3.1.1", "plotly": "7.1.0", "numpy": "2.4.6"})  # extra package


def test_pins_reject_what_repo2docker_would_not_cache_or_pip_would_not_pin():
    for line in ["-r requirements.txt", "-e .", "pandas>=3.1", "pandas", "./helpers", "pandas==3.1.1; os_name == 'nt'"]:
        with pytest.raises(AssertionError):
            pins([line], "test")
    assert pins(["pandas==3.1.1  # why", "", "# note"], "test") == {"pandas": "3.1.1"}


def test_pyproject_accepts_the_pinned_versions_and_binders_python():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = runtime_pins()
    for dependency in project["dependencies"]:
        req = Requirement(dependency)
        name = canonicalize_name(req.name)
        assert name in pinned, f"pyproject.toml needs {name}, which requirements.txt does not pin"
        assert req.specifier.contains(pinned[name]), f"pyproject.toml's '{dependency}' refuses the pin {pinned[name]}"
    _, conda, _ = binder_environment()
    assert SpecifierSet(project["requires-python"]).contains(conda["python"] + ".0"), (
        f"Binder's Python {conda['python']} is outside pyproject.toml's requires-python")


def test_dev_requirements_build_on_the_runtime_pins():
    text = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert "-r requirements.txt" in text.splitlines()
    dev = pins(text.splitlines(), "requirements-dev.txt", includes=("requirements.txt",))
    assert not set(dev) & set(runtime_pins()), "requirements-dev.txt re-pins a runtime package"


# --- Binder's pip list resolves for Binder ---------------------------------------------------------------


def _network_failure(output: str) -> bool:
    signs = ["NewConnectionError", "Failed to establish a new connection", "Temporary failure in name resolution",
             "Name or service not known", "Network is unreachable", "ConnectTimeout", "ProxyError",
             "No route to host", "Max retries exceeded"]
    return any(sign in output for sign in signs)


def resolve_for_binder(pip_list: list[str], python: str, work: Path) -> dict:
    """pip's resolution of Binder's pip list alone, for Binder's Python on Linux x86-64; returns pip's report.

    A dry run into an empty target: nothing installed here takes part (``--target`` ignores installed
    packages), no file is written, and every package must come as a wheel for that Python and platform
    (stricter than Binder, which could build a source-only package, slowly).
    """
    requirements = work / "binder-pip.txt"
    requirements.write_text("\n".join(pip_list) + "\n", encoding="utf-8")
    report = work / "report.json"
    platforms = [f"manylinux_2_{minor}_x86_64" for minor in range(BINDER_GLIBC_MINOR, 4, -1)]
    platforms += ["manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"]
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--disable-pip-version-check",
               "--report", str(report), "--target", str(work / "target"), "--only-binary=:all:",
               "--python-version", python, "--implementation", "cp", "--abi", "cp" + python.replace(".", ""),
               *[f"--platform={p}" for p in platforms], "--timeout", "30", "--retries", "2", "-r", str(requirements)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        output = result.stdout + result.stderr
        if _network_failure(output) and os.environ.get("CI", "").lower() != "true":
            pytest.skip("the package index cannot be reached: Binder's resolution is checked only online")
        errors = [line for line in output.splitlines() if line.startswith("ERROR") and "yanked" not in line]
        errors = errors or output.splitlines()[-10:]
        pytest.fail("Binder could not install environment.yml's pip list:\n" + "\n".join(errors), pytrace=False)
    return json.loads(report.read_text(encoding="utf-8"))


def test_binders_pip_list_resolves_for_binders_python_on_linux(tmp_path):
    _, conda, pip_list = binder_environment()
    report = resolve_for_binder(pip_list, conda["python"], tmp_path)
    resolved = {canonicalize_name(item["metadata"]["name"]): item["metadata"]["version"] for item in report["install"]}
    for name, version in pins(pip_list, "environment.yml's pip list").items():
        assert resolved.get(name) == version, f"Binder would install {name} {resolved.get(name)}, not {version}"


def test_binder_resolution_fails_for_a_version_that_does_not_exist(tmp_path):
    """The check above can fail: a pin nobody published stops it, naming the package."""
    _, conda, _ = binder_environment()
    with pytest.raises(pytest.fail.Exception, match="pandas"):
        resolve_for_binder(["pandas==3.1.999"], conda["python"], tmp_path)


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("RUN_SLOW") != "1", reason="builds a whole environment (about 40 s, 500 MB): "
                    "run with RUN_SLOW=1")
def test_binder_environment_builds_from_the_pip_list_and_postbuild(tmp_path):
    """What repo2docker does, minus conda: a fresh environment, the pip list alone, then postBuild."""
    _, _, pip_list = binder_environment()
    venv = tmp_path / "binder"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    requirements = tmp_path / "binder-pip.txt"
    requirements.write_text("\n".join(pip_list) + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(requirements)], check=True)
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(["bash", str(ROOT / "postBuild")], cwd=ROOT, env=env, check=True, capture_output=True)
    check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    code = f"import {', '.join(STACK)}, helpers; helpers.load_events(); print(helpers.__file__)"
    imported = subprocess.run([str(python), "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert imported.returncode == 0, imported.stderr
    assert Path(imported.stdout.strip()) == ROOT / "helpers" / "__init__.py"
    config = lab_config(python, tmp_path / "state")
    assert config["LabApp"]["extension_manager"] == "readonly"


# --- postBuild and configure_lab.py ------------------------------------------------------------------------

RECORDER = '''
import json, os, sys
from pathlib import Path
log = Path({log!r})
n = len(list(log.glob("*.json")))
(log / f"{{n:03d}}.json").write_text(json.dumps({{"argv": sys.argv[1:], "cwd": os.getcwd(), "env": dict(os.environ)}}))
'''


def stand_in(bin_dir: Path, name: str, log: Path) -> None:
    """An executable ``bin_dir/name`` that records its arguments, folder and environment in ``log``, then succeeds."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    log.mkdir(parents=True, exist_ok=True)
    recorder = bin_dir / f".{name}-recorder.py"
    recorder.write_text(RECORDER.format(log=str(log)), encoding="utf-8")
    script = bin_dir / name
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{recorder}" "$0" "$@"\n', encoding="utf-8")
    script.chmod(0o755)


def calls(log: Path) -> list[dict]:
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(log.glob("*.json"))]
    for record in records:
        record["program"] = Path(record["argv"][0]).name
        record["args"] = record["argv"][1:]
    return records


def test_postbuild_installs_the_project_without_dependencies_then_the_classroom_settings(tmp_path):
    """Binder runs postBuild in the repository after the environment: it must add the helpers package (its
    dependencies already come from the pip list: nothing may be resolved again) and the settings."""
    log = tmp_path / "calls"
    stand_in(tmp_path / "bin", "python", log)
    stand_in(tmp_path / "bin", "pip", log)
    env = {**os.environ, "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    assert os.access(ROOT / "postBuild", os.X_OK), "postBuild must be executable (repo2docker runs it directly)"
    subprocess.run([str(ROOT / "postBuild")], cwd=ROOT, env=env, check=True)
    made = [c["args"] for c in calls(log)]
    installs = [args for args in made if "install" in args]
    assert len(installs) == 1 and "--no-deps" in installs[0], made
    assert Path(ROOT, installs[0][-1]).resolve() == ROOT, f"postBuild must install the project itself: {installs}"
    assert ["scripts/configure_lab.py"] in made or [str(ROOT / "scripts/configure_lab.py")] in made, made


def fresh_environment(where: Path) -> Path:
    """A new environment (its own prefix, so its own etc/jupyter and share/jupyter) that imports the project's
    installed packages: what configure_lab.py sees on Binder or in .venv, without installing anything."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    python = where / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "project-packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    # JupyterLab's application folder, which installing jupyterlab creates (its static files live there);
    # without it JupyterLab would fall back to the folder next to its code, .venv's.
    (where / "share" / "jupyter" / "lab").mkdir(parents=True)
    return python


def jupyter_state(state: Path, home: Path | None = None) -> dict[str, str]:
    """An environment for a Jupyter process whose user-level folders are all in ``state``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
    env.update(HOME=str(home or state / "home"), JUPYTER_CONFIG_DIR=str(state / "config"),
               JUPYTER_DATA_DIR=str(state / "data"), JUPYTER_RUNTIME_DIR=str(state / "runtime"),
               IPYTHONDIR=str(state / "ipython"))
    return env


def lab_config(python: Path, state: Path) -> dict:
    """The configuration JupyterLab loads in ``python``'s environment (``jupyter lab --show-config-json``)."""
    args = [str(python), "-m", "jupyterlab", "--show-config-json"] + (["--allow-root"] if os.getuid() == 0 else [])
    result = subprocess.run(args, env=jupyter_state(state), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def classroom_env(tmp_path_factory) -> Path:
    """A fresh environment after `python scripts/configure_lab.py` (what make and postBuild run)."""
    python = fresh_environment(tmp_path_factory.mktemp("classroom") / "env")
    subprocess.run([str(python), str(ROOT / "scripts" / "configure_lab.py")], check=True, capture_output=True)
    return python


def test_jupyterlab_reads_the_classroom_server_settings(classroom_env, tmp_path):
    config = lab_config(classroom_env, tmp_path)
    assert config["LabApp"]["news_url"] is None
    assert config["LabApp"]["check_for_updates_class"] == "jupyterlab.NeverCheckForUpdate"
    assert config["LabApp"]["extension_manager"] == "readonly"
    assert config["LanguageServerManager"]["autodetect"] is False


def test_jupyterlab_offers_the_classroom_defaults_to_the_browser(classroom_env):
    """overrides.json is where JupyterLab's settings API looks: the notification plugin's defaults change."""
    code = ("import json, sys; from jupyterlab.commands import get_app_dir;"
            "from jupyterlab_server.settings_utils import get_settings;"
            "s, _ = get_settings(get_app_dir() + '/settings', sys.argv[1], sys.argv[2],"
            " '@jupyterlab/apputils-extension:notification');"
            "print(json.dumps({k: v.get('default') for k, v in s['schema']['properties'].items()}))")
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    result = subprocess.run([str(classroom_env), "-c", code, str(schemas), str(classroom_env.parent / "no-user")],
                            capture_output=True, text=True, check=True)
    defaults = json.loads(result.stdout)
    assert defaults["fetchNews"] == "false" and defaults["checkForUpdates"] is False


def test_the_server_searches_no_language_server_with_npm(classroom_env, tmp_path):
    """jupyter-lsp's start-up search runs `npm prefix -g` (which writes ~/.npm); the settings switch it off."""
    log = tmp_path / "npm-calls"
    stand_in(tmp_path / "bin", "npm", log)
    code = ("import sys; from jupyter_server.serverapp import ServerApp; from jupyter_lsp import LanguageServerManager;"
            "app = ServerApp(); app.load_config_file();"
            "manager = LanguageServerManager(parent=app); manager.init_language_servers();"
            "print(manager.autodetect)")
    env = jupyter_state(tmp_path / "state")
    env["PATH"] = f"{tmp_path / 'bin'}{os.pathsep}{env['PATH']}"
    result = subprocess.run([str(classroom_env), "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert [c["args"] for c in calls(log)] == [], "the server ran npm at start-up"


def test_configure_lab_keeps_settings_an_environment_already_has(tmp_path):
    existing = tmp_path / "etc" / "jupyter" / "jupyter_lab_config.json"
    existing.parent.mkdir(parents=True)
    existing.write_text(json.dumps({"ServerApp": {"port": 9999}, "LabApp": {"collaborative": False}}))
    subprocess.run([sys.executable, str(ROOT / "scripts" / "configure_lab.py"), "--prefix", str(tmp_path)], check=True,
                   capture_output=True)
    config = json.loads(existing.read_text())
    assert config["ServerApp"] == {"port": 9999}
    assert config["LabApp"]["extension_manager"] == "readonly" and config["LabApp"]["collaborative"] is False


# --- make lab and make test, with a stand-in Python ---------------------------------------------------------


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """The repository's files in a temporary folder (without environments, caches and Jupyter state), with a
    Jupyter runtime folder an older `make` left world-readable."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    skip = shutil.ignore_patterns(".venv", ".git", ".jupyter", "__pycache__", "*.egg-info", ".pytest_cache",
                                  ".hypothesis", ".ruff_cache", "artifacts", "results", ".floor-venv", "build",
                                  ".venv-pandas30", ".cache")
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=skip)
    (copy / ".jupyter" / "runtime").mkdir(parents=True)
    (copy / ".jupyter" / "runtime").chmod(0o755)
    return copy


def run_make(target: str, copy: Path, tmp_path: Path) -> list[dict]:
    """``make TARGET`` in ``copy`` with every program of the environment replaced by a recorder; its calls."""
    venv, log = tmp_path / "venv", tmp_path / "calls"
    for program in ["python", "jupyter"]:
        stand_in(venv / "bin", program, log)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON", "MAKE"))}
    env["HOME"] = str(tmp_path / "home")
    result = subprocess.run(["make", "-C", str(copy), target, f"VENV={venv}", f"PYTHON={sys.executable}"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return calls(log)


def assert_private_runtime_and_state_in_project(record: dict, copy: Path, home: Path) -> None:
    runtime = copy / ".jupyter" / "runtime"
    assert stat.S_IMODE(runtime.stat().st_mode) == 0o700, f"{runtime} is {oct(runtime.stat().st_mode)}, not 0700"
    # Where Jupyter and IPython, given this environment, keep a user's files (they write there), and every
    # folder Jupyter searches (jupyter --paths): none may be in the home folder.
    code = ("import json; from jupyter_core import paths as p; from IPython.paths import get_ipython_dir;"
            "print(json.dumps({'config': p.jupyter_config_dir(), 'data': p.jupyter_data_dir(),"
            " 'runtime': p.jupyter_runtime_dir(), 'ipython': get_ipython_dir(),"
            " 'searched': p.jupyter_config_path() + p.jupyter_path()}))")
    result = subprocess.run([sys.executable, "-c", code], env=record["env"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    where = json.loads(result.stdout)
    for what in ["config", "data", "runtime", "ipython"]:
        assert Path(where[what]).is_relative_to(copy), f"Jupyter's {what} folder {where[what]} is outside the project"
    assert not [d for d in where["searched"] if Path(d).is_relative_to(home)], f"Jupyter would use {home}: {where}"


def test_make_lab_sets_up_then_opens_the_start_notebook_with_its_state_in_the_project(project_copy, tmp_path):
    made = run_make("lab", project_copy, tmp_path)
    labs = [c for c in made if c["program"] == "jupyter"]
    assert len(labs) == 1 and labs[0]["args"][0] == "lab", made
    lab = labs[0]
    options = dict(arg.split("=", 1) for arg in lab["args"] if arg.startswith("--") and "=" in arg)
    assert Path(options["--ServerApp.root_dir"]) == project_copy
    assert options["--LabApp.default_url"] == f"/lab/tree/{START}" and (project_copy / START).is_file()
    assert_private_runtime_and_state_in_project(lab, project_copy, tmp_path / "home")
    # Set up before opening: the pinned packages, the project, the classroom settings.
    setup = [c["args"] for c in made[: made.index(lab)]]
    assert any("-r" in args and "requirements.txt" in args for args in setup), setup
    assert any(args[-1:] == ["scripts/configure_lab.py"] for args in setup), setup


def test_make_test_runs_the_suite_and_every_notebook_with_its_state_in_the_project(project_copy, tmp_path):
    made = run_make("test", project_copy, tmp_path)
    runs = [c for c in made if c["args"][:2] == ["-m", "pytest"]]
    assert len(runs) == 1, [c["args"] for c in made]
    pytest_run = runs[0]
    assert {"tests", "notebooks"} <= set(pytest_run["args"]) and "--nbval-lax" in pytest_run["args"]
    assert_private_runtime_and_state_in_project(pytest_run, project_copy, tmp_path / "home")
    before = [c["args"] for c in made[: made.index(pytest_run)]]
    assert any("requirements-dev.txt" in args for args in before), before
    assert ["scripts/make_exercises.py", "--check"] in before, before
