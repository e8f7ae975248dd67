"""The exercise mechanism: checks accept right answers, refuse wrong or odd ones, and never raise."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers.exercises import (
    CheckResult,
    ExerciseFailed,
    check,
    exercise_ids,
    get_exercise,
    hint,
    solution,
    solution_source,
    solutions_mode,
    student_mode,
)
from helpers.exercises import compare as cmp


@pytest.fixture(autouse=True)
def _student_mode():
    student_mode()
    yield
    student_mode()


def test_every_notebook_registers_exercises():
    ids = exercise_ids()
    assert ids, "no exercises registered"
    for exercise_id in ids:
        ex = get_exercise(exercise_id)
        assert ex.hint.strip(), f"exercise {exercise_id} has no hint"
        assert ex.question.strip()


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_reference_answer_passes_its_own_check(exercise_id, capsys):
    ex = get_exercise(exercise_id)
    result = check(exercise_id, ex.expected())
    if not result:
        # Figure and written-answer exercises have no literal answer: their solution cell is what
        # passes, checked when the solution notebooks run. Every other kind must accept its reference.
        kind = ex.compare.__qualname__.split(".")[0]
        assert kind in {"figure", "text_keywords"}, f"{exercise_id}: reference answer rejected: {result.message}"
        assert result.status == "incorrect", result.message
    assert capsys.readouterr().out.count("\n") == 1, "check() must print exactly one line"


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_every_exercise_has_a_solution_cell(exercise_id):
    source = solution_source(exercise_id)
    assert source, f"no cell tagged 'solution' starting '# Exercise {exercise_id}' in the solution notebooks"


def test_unanswered_is_reported_not_raised(capsys):
    exercise_id = exercise_ids()[0]
    result = check(exercise_id, ...)
    assert isinstance(result, CheckResult) and result.status == "unanswered" and not result
    assert "not answered yet" in capsys.readouterr().out


def test_unknown_exercise_is_reported(capsys):
    result = check("99.9", 1)
    assert result.status == "error"
    assert "no exercise called" in capsys.readouterr().out


def test_result_repr_is_readable():
    result = CheckResult("3.2", "correct", "Exercise 3.2: correct.")
    assert repr(result) == "<check 3.2: correct>"
    assert bool(result)


def test_solutions_mode_raises_on_wrong_answer(capsys):
    exercise_id = exercise_ids()[0]
    solutions_mode()
    with pytest.raises(ExerciseFailed):
        check(exercise_id, object())
    with pytest.raises(ExerciseFailed):
        check(exercise_id, ...)


def test_hint_and_solution_print(capsys):
    exercise_id = exercise_ids()[0]
    hint(exercise_id)
    solution(exercise_id)
    out = capsys.readouterr().out
    assert "Hint" in out and f"# Exercise {exercise_id}" in out
    hint("no-such")
    solution("no-such")
    assert capsys.readouterr().out.count("no exercise called") == 2


# --- comparators -------------------------------------------------------------------------------------

def test_integer_comparator():
    c = cmp.integer()
    assert c(35, 35).ok and c(35.0, 35).ok and c(pd.Series([35]), 35).ok
    assert not c("35", 35).ok and "text" in c("35", 35).feedback
    assert not c(True, 1).ok  # a bool is not a count
    assert not c(34, 35).ok and not c(35.5, 35).ok and not c(float("nan"), 35).ok


def test_number_choice_day_weekday_idset():
    assert cmp.number()(0.621, 0.6208).ok and not cmp.number()(0.5, 0.6208).ok
    ch = cmp.choice({"A": "local staff", "B": "diplomats"})
    assert ch("a", "A").ok and ch(" A ", "A").ok and ch("Local staff", "A").ok
    assert not ch("B", "A").ok and not ch("C", "A").ok and not ch(1, "A").ok
    assert cmp.day()("2017-09-01", pd.Timestamp("2017-09-01")).ok
    assert not cmp.day()("1 Sep 2017", pd.Timestamp("2017-09-01")).ok
    assert cmp.weekday()("friday", "Friday").ok and not cmp.weekday()("Fri", "Friday").ok
    ids = cmp.id_set()
    assert ids(["a", "b"], ["b", "a"]).ok and ids(pd.Series(["a", "b"]), {"a", "b"}).ok
    assert not ids("ab", ["a", "b"]).ok and not ids(["a"], ["a", "b"]).ok and not ids([1, 2], ["a"]).ok


def test_frame_and_figure_comparators():
    expected = pd.DataFrame({"event_id": ["x", "y"]})
    c = cmp.frame("event_id")
    assert c(pd.DataFrame({"event_id": ["y", "x"], "z": [1, 2]}), expected).ok
    assert not c(pd.DataFrame({"event_id": ["x"]}), expected).ok
    assert not c(pd.DataFrame({"other": ["x", "y"]}), expected).ok
    assert not c([1, 2], expected).ok
    f = cmp.figure(lambda fig, exp: cmp.Verdict(len(fig.data) == exp))
    assert f(go.Figure(go.Scatter()), 1).ok and not f("figure", 1).ok


# --- never raises, never accepts: arbitrary values for every exercise -------------------------------

odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.binary(max_size=10),
    st.lists(st.one_of(st.integers(), st.text(max_size=5), st.none()), max_size=5),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
    st.sampled_from([
        math.nan, float("inf"), -0.0, 10**400, pd.NA, pd.NaT, ValueError("boom"), KeyboardInterrupt,
        object(), go.Figure(), go.Figure(go.Bar(x=[1], y=[2])), pd.DataFrame(), pd.DataFrame({"a": [1, 2]}),
        pd.DataFrame({"event_id": [1, None]}), pd.Series(dtype=float), pd.Series([None, None]),
        pd.Timestamp("1900-01-01"), "...", "2099-01-01", "Monday", "Z", [[]], {1, 2}, (1,), print,
    ]),
)


def _plain_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(answer=odd_values, index=st.integers(min_value=0, max_value=10_000))
def test_checks_never_raise_and_never_accept_odd_values(answer, index, capsys):
    ids = exercise_ids()
    exercise_id = ids[index % len(ids)]
    expected = get_exercise(exercise_id).expected()
    # A plain number equal to the expected count is a right answer, not an odd one.
    assume(not (_plain_number(answer) and _plain_number(expected) and answer == expected))
    result = check(exercise_id, answer)
    assert isinstance(result, CheckResult)
    assert result.status in {"incorrect", "error", "unanswered"}, f"{exercise_id} accepted {answer!r}"
    assert capsys.readouterr().out.strip(), "check() must print a line"


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_each_check_refuses_the_classic_wrong_answers(exercise_id, capsys):
    expected = get_exercise(exercise_id).expected()
    for answer in [None, "", -1, 10**9, float("nan"), [], pd.DataFrame(), go.Figure(), ValueError("x")]:
        if _plain_number(answer) and _plain_number(expected) and answer == expected:
            continue
        result = check(exercise_id, answer)
        assert result.status in {"incorrect", "error"}, f"{exercise_id} accepted {answer!r}"
