"""The exercises' wording tables (helpers/exercises/<notebook>.toml): each text renders, a teacher's rewording
reaches the student, and a wording file edited into a broken state is named, with its line, in one sentence.

Guards: a text that still holds a placeholder or a TODO; a why that stops computing from the data; a typo in
a field or a function name that would silently drop a hint or a mistake; a broken wording file that would
crash every check with a traceback instead of saying which file and line to fix.
"""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest

import helpers.exercises as engine
from helpers.exercises import check, exercise_ids, get_exercise, hint, student_mode
from helpers.exercises.compare import Choice, Written
from helpers.exercises.record import clear_records
from helpers.exercises.wording import WhyByAnswer, WordingError, declare, fill, phrases

WORDING = sorted(Path(engine.__file__).parent.glob("*.toml"))
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*(\[[^\]]*\])?(:[^}]*)?\}")


@pytest.fixture
def registry():
    """Restore the registry and the loading state after a test that declares or breaks exercises."""
    saved, loaded, broken = dict(engine._REGISTRY), engine._LOADED, dict(engine._BROKEN)
    student_mode()
    clear_records()
    yield
    engine._REGISTRY.clear()
    engine._REGISTRY.update(saved)
    engine._LOADED = loaded
    engine._BROKEN.clear()
    engine._BROKEN.update(broken)


def _texts(exercise_id: str) -> list[str]:
    ex = get_exercise(exercise_id)
    texts = [ex.title, *ex.hints, *[m.message for m in ex.mistakes]]
    for option in ex.options.values():
        texts += [option.text, option.explain()]
    if isinstance(ex.kind, Written):
        for aspect in ex.kind.aspects:
            texts += [aspect.name, aspect.invite, *aspect.words]
    return texts


def test_every_notebook_module_has_its_wording_and_every_exercise_comes_from_one():
    modules = {p.stem for p in Path(engine.__file__).parent.glob("*.py")} - engine._MACHINERY - {"__init__"}
    assert {p.stem for p in WORDING} == modules
    assert not engine._BROKEN
    declared = {i for p in WORDING for i in re.findall(r'^id = "([^"]+)"', p.read_text("utf-8"), re.M)}
    assert declared == set(exercise_ids())


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_every_text_renders_with_no_placeholder_or_todo_left(exercise_id):
    for text in _texts(exercise_id):
        assert not PLACEHOLDER.search(text), f"{exercise_id}: {text!r}"
        assert "TODO" not in text, f"{exercise_id}: {text!r}"
    ex = get_exercise(exercise_id)
    if isinstance(ex.kind, Choice):
        assert all(option.explain().strip() for option in ex.options.values()), exercise_id
        for letter, option in ex.options.items():  # both reasons of an option the data may make right or wrong
            if isinstance(option.why, WhyByAnswer):
                for branch in (option.why.if_right, option.why.if_wrong):
                    text = branch() if callable(branch) else branch
                    assert text.strip() and not PLACEHOLDER.search(text), f"{exercise_id} {letter}: {text!r}"


def test_a_computed_why_follows_the_data(monkeypatch):
    """A why whose placeholder names a function is computed when it is shown, not typed into the wording."""
    import tomllib

    computed = []
    for path in WORDING:
        module = sys.modules[f"helpers.exercises.{path.stem}"]
        for spec in tomllib.loads(path.read_text("utf-8"))["exercise"]:
            for letter, option in spec.get("options", {}).items():
                whys = " ".join(option.get(key, "") for key in ("why", "why_if_right", "why_if_wrong"))
                names = [n for n in re.findall(r"\{([A-Za-z_]\w*)", whys) if callable(getattr(module, n))]
                computed += [(module, spec["id"], letter, names)] if names else []
    assert computed, "no option's why computes from the data any more"
    class Changed:  # what a changed table gives: formats as CHANGED whatever the format asked
        def __format__(self, spec: str) -> str:
            return "CHANGED"

    for module, exercise_id, letter, names in computed:
        for name in names:
            monkeypatch.setattr(module, name, lambda *args: Changed())
        assert "CHANGED" in get_exercise(exercise_id).options[letter].explain(), (exercise_id, letter)


def test_fill():
    assert fill("{n} staff, {{braces}}", {"n": 455}) == "455 staff, {braces}"
    assert fill("{share[US]:.0%}", {"share": lambda side: {"US": 0.6}[side]}) == "60%"
    assert fill("{denials[10]}", {"denials": lambda month: f"month {month + 1}"}) == "month 11"
    assert fill('a dict {"A": 1} stays', {}) == 'a dict {"A": 1} stays'
    with pytest.raises(WordingError, match=re.escape("Did you mean 'staff'?")):
        fill("{staf}", {"staff": 1})
    with pytest.raises(WordingError, match="only an option's why"):
        fill("{n}", {"n": lambda: 1}, compute=False)


# --- declaring from a wording file: a fake notebook module with one function ---------------------------------

GOOD = '''
notebook = "99-practice"

[[exercise]]
id = "99.1"
kind = "count"
title = "How many, {UNIT}?"
answer_name = "how_many"
expected = "how_many"
hints = ["Count the rows.", "Use len(table)."]

[[exercise.mistakes]]
value = "off_by_one"
message = "That counts one too many: is the last row a total?"

[[exercise]]
id = "99.2"
kind = "choice"
title = "Which?"
answer_name = "which"
answer = "right_letter"
hints = ["Read the options."]

[exercise.options.A]
text = "this one"
why = "it is {how_many} rows long."

[exercise.options.B]
text = "that one"
why = "it is plain text."

[[exercise]]
id = "99.3"
kind = "choice"
title = "Which is longest?"
answer_name = "longest"
answer = "right_letter"
hints = ["Compare."]

[exercise.options.A]
text = "{UNIT}"
why_if_right = "it is the longest."
why_if_wrong = "{right_letter} is longer."

[exercise.options.B]
text = "the other"
why_if_right = "it is the longest."
why_if_wrong = "{right_letter} is longer."
'''


@pytest.fixture
def practice(tmp_path, registry):
    module = types.ModuleType("helpers.exercises.practice_fake")
    module.__file__ = str(tmp_path / "practice_fake.py")
    module.UNIT = "in rows"
    module.how_many = lambda: 7
    module.off_by_one = lambda: 8
    module.right_letter = lambda: "A"
    sys.modules[module.__name__] = module
    yield module, tmp_path / "practice_fake.toml"
    del sys.modules[module.__name__]


def test_a_wording_file_declares_its_exercises_and_the_student_sees_its_words(practice, capsys):
    module, path = practice
    path.write_text(GOOD, encoding="utf-8")
    assert declare(module.__name__, path) == ["99.1", "99.2", "99.3"]
    assert get_exercise("99.1").title == "How many, in rows?"
    assert check("99.1", 8).status == "incorrect"
    assert "That counts one too many" in capsys.readouterr().out
    assert check("99.1", 7).status == "correct"
    module.how_many = lambda: 9  # a why computes when it is shown, from the module as it is then
    assert get_exercise("99.2").options["A"].explain() == "it is 9 rows long."
    assert get_exercise("99.2").options["B"].why == "it is plain text."  # no placeholder: a plain text
    options = get_exercise("99.3").options  # the data decide which option's reason says it is right
    assert (options["A"].explain(), options["B"].explain()) == ("it is the longest.", "A is longer.")
    module.right_letter = lambda: "B"
    assert (options["A"].explain(), options["B"].explain()) == ("B is longer.", "it is the longest.")
    assert options["A"].text == "in rows"


def test_a_teachers_rewording_reaches_the_student(registry, tmp_path, capsys):
    source = Path(engine.__file__).with_name("expulsions.toml").read_text("utf-8")
    reworded = tmp_path / "expulsions.toml"
    reworded.write_text(source.replace('title = "The total that', 'title = "Die Summe, die', 1)
                        .replace("The two numbers are the rows", "Die zwei Zahlen sind die Zeilen", 1), encoding="utf-8")
    declare("helpers.exercises.expulsions", reworded)
    hint("3.1", 1)
    shown = " ".join(capsys.readouterr().out.split())
    assert "Die zwei Zahlen sind die Zeilen us_2017_mfa_cap" in shown
    assert get_exercise("3.1").title.startswith("Die Summe, die")


@pytest.mark.parametrize("edit, words", [
    (lambda t: t.replace('title = "Which?"', 'title = "Which?'), ["practice_fake.toml is not valid TOML", "line 19"]),
    (lambda t: t.replace("hints = [\"Count", "hint = [\"Count"), ["'hint' is not a field here", "Did you mean 'hints'?"]),
    (lambda t: t.replace('expected = "how_many"', 'expected = "how_mny"'),
     ["exercise 99.1", "expected = 'how_mny' is not a function", "Did you mean 'how_many'?"]),
    (lambda t: t.replace('kind = "count"', 'kind = "counting"'), ["kind = 'counting' is not one of count"]),
    (lambda t: t.replace("How many, {UNIT}?", "How many, {UNITS}?"), ["{UNITS} names nothing", "Did you mean 'UNIT'?"]),
    (lambda t: t.replace("How many, {UNIT}?", "How many, {how_many}?"), ["title", "only an option's why"]),
    (lambda t: t.replace("it is {how_many} rows", "it is {how_mny} rows"), ["option A why", "{how_mny} names nothing"]),
    (lambda t: t.replace('title = "Which?"\n', ""), ["exercise 99.2", "title are missing"]),
    (lambda t: t.replace('value = "off_by_one"', 'valu = "off_by_one"'), ["mistake 1", "Did you mean 'value'?"]),
    (lambda t: t.replace('why_if_wrong = "{right_letter} is longer."\n', "", 1),
     ["exercise 99.3, option A", "both a why_if_right and a why_if_wrong"]),
])
def test_a_broken_wording_file_is_named_with_what_to_fix(practice, edit, words):
    module, path = practice
    path.write_text(edit(GOOD), encoding="utf-8")
    with pytest.raises(WordingError) as caught:
        declare(module.__name__, path)
    for word in words:
        assert word in str(caught.value), str(caught.value)


def test_a_wording_file_saved_in_another_encoding_or_missing_is_named(practice):
    module, path = practice
    path.write_bytes(GOOD.replace("How many", "Wie viele, Köln").encode("cp1252"))
    with pytest.raises(WordingError, match="not saved as UTF-8"):
        declare(module.__name__, path)
    path.unlink()
    with pytest.raises(WordingError, match="practice_fake.toml is missing"):
        declare(module.__name__, path)


def test_a_broken_wording_file_in_a_students_kernel_gives_one_plain_reply(registry, monkeypatch, capsys):
    """The checks of the other notebooks keep working; this notebook's say which file and line to fix."""
    from helpers.exercises import wording

    real = wording.read_wording

    def broken(path):
        if path.name == "expulsions.toml":
            raise WordingError("expulsions.toml is not valid TOML: Unclosed array (at line 12, column 1).")
        return real(path)

    monkeypatch.setattr(wording, "read_wording", broken)
    for key in [k for k in engine._REGISTRY if k.startswith("3.")]:
        del engine._REGISTRY[key]
    monkeypatch.delitem(sys.modules, "helpers.exercises.expulsions")
    engine._LOADED = False
    result = check("3.1", 5)
    out = " ".join(capsys.readouterr().out.split())
    assert result.status == "error"
    assert "expulsions.toml is not valid TOML" in out and "line 12" in out and "Traceback" not in out
    assert check("1.1", get_exercise("1.1").expected()).status == "correct"
    hint("3.1")
    assert "could not be loaded" in capsys.readouterr().out


def test_the_phrases_a_module_picks_from_are_in_its_wording(practice):
    """A phrase the Python asks for by name (PHRASES["stayed_open"]) exists in the [phrases] of its wording."""
    import tomllib

    for path in WORDING:
        source = path.with_suffix(".py").read_text("utf-8")
        table = tomllib.loads(path.read_text("utf-8")).get("phrases", {})
        for key in re.findall(r'PHRASES\["(\w+)"\]', source):
            assert key in table, f"{path.name} has no phrase {key!r}, which {path.stem}.py uses"
    module, wording = practice
    wording.write_text(GOOD + '\n[phrases]\nopen = "it stayed open"\n', encoding="utf-8")
    assert phrases(module.__name__, wording) == {
        "open": "it stayed open"}
    wording.write_text(GOOD + "\n[phrases]\nopen = 3\n", encoding="utf-8")
    with pytest.raises(WordingError, match="a text between quotes"):
        phrases(module.__name__, wording)
