"""Stand-in that lets a notebook in this folder `import helpers` without installing the package.

A notebook runs with its own folder first on Python's path, so `import helpers` finds this file, also where
the package is not installed (a hub image with only `pip install -r requirements.txt`). It loads the
project's real `helpers/` package (the folder beside `pyproject.toml`, above this one) under the same name:
every `helpers.*` module is then the real file, exactly as with `pip install -e .`. Failing that, it loads
an installed `helpers`; failing both, it says in one line what to run. The same file is in
notebooks/ and notebooks/solutions/ (a test keeps them equal).
"""


def _load_the_real_package(name: str, shim: str) -> None:
    import importlib.util
    import sys
    from importlib.machinery import PathFinder
    from pathlib import Path

    here = Path(shim).resolve()
    spec = None
    for folder in here.parents[1:]:
        real = folder / name / "__init__.py"
        if (folder / "pyproject.toml").is_file() and real.is_file() and real != here:
            spec = importlib.util.spec_from_file_location(name, real, submodule_search_locations=[str(real.parent)])
            break
    if spec is None:  # not inside the project: an installed package, found past this folder
        elsewhere = [p for p in sys.path if Path(p or ".").resolve() != here.parent.parent]
        spec = PathFinder.find_spec(name, elsewhere)
    for finder in sys.meta_path if spec is None else []:  # e.g. the finder of an editable install
        found = finder.find_spec(name, None) if finder is not PathFinder and hasattr(finder, "find_spec") else None
        if found is not None and found.origin != str(here):
            spec = found
            break
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(
            f"No module named '{name}': open the notebook from the project folder, or run "
            "`pip install -e .` there (see README.md)", name=name)
    module = sys.modules[name]
    module.__spec__, module.__loader__, module.__file__ = spec, spec.loader, spec.origin
    module.__cached__ = spec.cached
    module.__path__ = list(spec.submodule_search_locations or [])
    spec.loader.exec_module(module)


_load_the_real_package(__name__, __file__)
del _load_the_real_package
