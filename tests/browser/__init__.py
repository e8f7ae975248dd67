"""Browser tests (JupyterLab in headless Chromium).

A package so that pytest imports this folder's conftest.py as ``browser.conftest``: as a second
top-level ``conftest`` it would shadow tests/conftest.py for ``from conftest import ...`` in other tests.
"""
