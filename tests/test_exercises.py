"""The exercise mechanism: every kind accepts right answers in any reasonable form, refuses wrong or odd ones
with a reply that teaches, never raises, and never calls a written answer correct.

The answers of each notebook's exercises, right and typically wrong, are tested in
tests/test_exercises_<notebook>.py; this file tests the machinery they share.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import sys

import numpy as np
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
    feedback,
    get_exercise,
    hint,
    kernel,
    progress,
    solution,
    solution_source,
    solutions_mode,
    student_mode,
)
from helpers.exercises import compare as cmp
from helpers.exercises.record import clear_records, export_records, records


@pytest.fixture(autouse=True)
def _student_mode():
    student_mode()
    clear_records()
    yield
    student_mode()


def test_every_exercise_is_declared_completely():
    ids = exercise_ids()
    assert len(ids) >= 40, ids
    for exercise_id in ids:
        ex = get_exercise(exercise_id)
        assert ex.title.strip() and ex.hints, exercise_id
        assert ex.answer_name.isidentifier(), f"{exercise_id}: answer_name {ex.answer_name!r}"
        if isinstance(ex.kind, cmp.Choice):
            for letter, option in ex.options.items():
                assert option.explain().strip(), f"{exercise_id} option {letter} has no reason (why)"


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_hints_are_a_ladder_not_the_answer(exercise_id):
    """A first hint is a step, not the solution's code; there is a second step before the solution."""
    ex = get_exercise(exercise_id)
    assert len(ex.hints) >= 2, f"{exercise_id}: give at least two steps before the solution"
    code = (solution_source(exercise_id) or "").splitlines()
    answer_lines = [line.split("=", 1)[1].strip() for line in code if "=" in line and not line.startswith("#")]
    for line in answer_lines:
        assert len(line) < 20 or line not in ex.hints[0], f"{exercise_id}: the first hint gives the answer's code"


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_reference_answer_passes_its_own_check(exercise_id, capsys):
    ex = get_exercise(exercise_id)
    result = check(exercise_id, ex.expected())
    if ex.written:
        assert result.status in {"incorrect", "saved", "error"}
    elif isinstance(ex.kind, cmp.FigureOf | cmp.Custom) and not isinstance(ex.expected(), go.Figure):
        pass  # a figure exercise's reference is what the figure must show, not a figure: the solution cell passes
    else:
        assert result.status == "correct", f"{exercise_id}: reference answer rejected: {result.message}"
    assert capsys.readouterr().out.strip()


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_every_exercise_has_a_solution_cell(exercise_id):
    source = solution_source(exercise_id)
    assert source, f"no cell tagged 'solution' starting '# Exercise {exercise_id}' in the solution notebooks"


def test_unanswered_is_reported_not_raised(capsys):
    for placeholder in (..., "...", "", '\n...\n', "   "):
        result = check("3.1", placeholder)
        assert isinstance(result, CheckResult) and result.status == "unanswered" and not result
    assert "Not answered yet" in capsys.readouterr().out


def test_unknown_exercise_is_reported(capsys):
    assert check("99.9", 1).status == "error"
    assert "no exercise called" in capsys.readouterr().out


def test_exercise_id_as_a_number_is_understood():
    assert check(3.1, get_exercise("3.1").expected()).status == "correct"


def test_solutions_mode_raises_on_wrong_answer():
    solutions_mode()
    with pytest.raises(ExerciseFailed):
        check("3.1", object())
    with pytest.raises(ExerciseFailed):
        check("3.1", ...)


def test_hint_is_a_ladder_and_solution_gives_the_reason(capsys):
    hint("3.3")
    first = capsys.readouterr().out
    hint("3.3")
    second = capsys.readouterr().out
    hint("3.3")  # stays on the last step
    assert "step 1 of 2" in first and "last step" in second and first != second
    assert "last step" in capsys.readouterr().out
    hint("3.3", 1)
    assert "step 1 of 2" in capsys.readouterr().out
    solution("3.3")
    out = capsys.readouterr().out
    assert "# Exercise 3.3" in out and "Why:" in out
    hint("no-such")
    solution("no-such")
    assert capsys.readouterr().out.count("no exercise called") == 2


def test_a_written_answer_is_saved_never_correct(capsys):
    """Even a keyword-perfect answer is only saved for the teacher; a wrong one is not called correct either."""
    for text in [
        "The 755 were staff of the US mission, not diplomats: in 2013 only 301 were Americans and 934 were local "
        "employees, mostly Russians, so most of the cut fell on local staff.",
        "The headline is correct: Russia expelled 755 American diplomats and their local staff in 2017 all went.",
        "The 755 were not all diplomats; many were employees hired in Russia, and they did not have to leave.",
    ]:
        result = check("3.4", text)
        assert result.status == "saved"
    out = capsys.readouterr().out
    assert "correct" not in out.lower().replace("incorrect", "")
    assert "Saved for your teacher" in out and "teacher will read it" in out


def test_written_feedback_quotes_the_students_own_words_and_never_reads_a_year_as_a_count():
    kind = cmp.Written(aspects=(cmp.Aspect("the December answer", ("declin",), "What did Russia do in December?"),
                                cmp.Aspect("the counts", ("0", "35"), "How many were expelled?")), min_words=12)
    saved = kind.judge("In December 2016 Moscow Declined to answer the American expulsions at once.", None)
    assert saved.saved and not saved.ok
    assert "You mention 'Declined' (the December answer)." in saved.feedback  # the word as written, not 'declin'
    assert "How many were expelled?" in saved.feedback  # '2016' holds a 0 but is no count of people
    short = kind.judge("Russia declined to answer then.", None)  # 5 words: a sentence, saved with a nudge
    assert short.saved and "It is short (5 words)" in short.feedback
    refused = kind.judge("declined", None)
    assert not refused.saved and "1 word;" in refused.feedback


@pytest.mark.parametrize("exercise_id", [i for i in exercise_ids() if get_exercise(i).written])
def test_no_written_exercise_ever_prints_correct(exercise_id, capsys):
    for text in ["word " * 3, "word " * 40, "Trump Putin waited declined sanctions Congress CAATSA 2016 60 " * 3,
                 "x" * 5000, 42, None, ["a list", "of texts"]]:
        check(exercise_id, text)
    out = capsys.readouterr().out.lower()
    assert "correct" not in out.replace("incorrect", "")


def test_messages_never_show_word_stems_or_internal_names(capsys):
    for exercise_id in [i for i in exercise_ids() if get_exercise(i).written]:
        check(exercise_id, "This answer is long enough to be read but says nothing of the matter at hand.")
    out = capsys.readouterr().out
    for stem in ("declin", "inaugur", "reciproc", "refrain ", "Aspect(", "Mistake(", "lambda"):
        assert stem not in out, stem


def test_a_check_after_a_failed_answer_cell_says_so(capsys):
    kernel._FAILED["3.1"] = "KeyError"
    try:
        result = check("3.1", get_exercise("3.1").expected())
    finally:
        kernel._FAILED.pop("3.1", None)
    assert result.status == "error" and "raised an error" in result.message and "implied_total" in result.message


def test_records_and_progress_follow_the_checks(capsys):
    check("3.1", 1)
    check("3.1", get_exercise("3.1").expected())
    hint("3.2")
    check("3.4", "The 755 were staff, many of them local employees hired in Russia, not all diplomats at all.")
    table = progress("03")
    assert list(table.index) == exercise_ids("03")
    assert table.loc["3.1", "status"].endswith("correct") and table.loc["3.1", "attempts"] == 2
    assert table.loc["3.2", "hints"] == 1 and "not checked" in table.loc["3.2", "status"]
    assert "saved" in table.loc["3.4", "status"]
    saved = [r for r in records() if r.exercise_id == "3.4"][0]
    assert saved.answer.startswith("The 755 were staff")  # the whole text, for the teacher
    assert export_records().startswith("TITFORTAT-RECORDS:[")


def test_feedback_wraps_and_falls_back_to_ascii(monkeypatch):
    text = feedback.plain_text("incorrect", "Exercise 3.2", "word " * 40)
    assert all(len(line) <= 88 for line in text.splitlines()) and "Not yet" in text
    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict")
    monkeypatch.setattr(sys, "stdout", ascii_out)
    check("3.1", 1)  # must not raise UnicodeEncodeError on a console that cannot print icons
    ascii_out.flush()
    printed = ascii_out.buffer.getvalue().decode("ascii")
    assert "[Not yet] Exercise 3.1" in printed


def test_feedback_html_has_colour_icon_and_word():
    html = feedback.html_box("correct", "Exercise 3.1", "Well done <b>")
    assert "✅ Correct" in html and "#1A7F37" in html and "&lt;b&gt;" in html


# --- every kind of answer, explicit examples (the fuzz below adds random ones) ---------------------------

FRIDAY = pd.Timestamp("2017-09-01")


@pytest.mark.parametrize("answer", [35, 35.0, np.int64(35), pd.Series([35]), np.array([35]), [35], "35", " 35 "])
def test_count_accepts_every_reasonable_form(answer):
    assert cmp.Count().judge(answer, 35).ok


@pytest.mark.parametrize(("answer", "words"), [
    (34, "not the number"), (35.5, "whole number"), (True, "yes/no"), (None, "None"), (math.nan, "NaN"),
    (pd.Timedelta(days=35), ".days"), (pd.Series([1, 2]), "2 values"), (pd.Series([], dtype=float), "empty"),
    (pd.DataFrame({"a": [1, 2]}), "table"), ("thirty-five", "number"), (-35, "sign"), (float("inf"), "infinite"),
    (FRIDAY, "subtract the earlier from the later and add .days"),
])
def test_count_refuses_with_a_reason(answer, words):
    verdict = cmp.Count().judge(answer, 35)
    assert not verdict.ok and words in verdict.feedback


@pytest.mark.parametrize(("answer", "ok", "words"), [
    (0.7302, True, ""), (np.float64(0.7302), True, ""), (pd.Series([0.7302]), True, ""), (np.array([0.73]), True, ""),
    (0.73, True, ""), (73.02, False, "percentage"), (0.7, False, "rounded"), (1.3695, False, "wrong way round"),
    (0.2698, False, "other part"), (0.5, False, "which part"), (2.5, False, "between 0 and 1"),
])
def test_share(answer, ok, words):
    verdict = cmp.Share().judge(answer, 0.7302)
    assert verdict.ok is ok and words in verdict.feedback


@pytest.mark.parametrize("answer", [
    FRIDAY, FRIDAY.to_datetime64(), dt.date(2017, 9, 1), dt.datetime(2017, 9, 1), "2017-09-01",
    "2017-09-01 00:00:00", "2017-09-01T00:00:00", "1 September 2017", "1 Sep 2017", "September 1, 2017",
    "2017-9-1", pd.Series([FRIDAY]), pd.DatetimeIndex([FRIDAY]),
])
def test_day_accepts_every_reasonable_form(answer):
    assert cmp.Day().judge(answer, FRIDAY).ok


@pytest.mark.parametrize(("answer", "words"), [
    ("2017-09-02", "One day late"), ("02/09/2017", "two ways"), ("yesterday", "year-month-day"),
    (pd.NaT, "NaT"), (20170901, "date"), (pd.Series([FRIDAY, FRIDAY]), "2 values"), ("2017-02-30", "real day"),
    (pd.Timedelta(days=3), "length of time (3 days)"), (dt.timedelta(days=3), "length of time"),
])
def test_day_refuses_with_a_reason(answer, words):
    verdict = cmp.Day().judge(answer, FRIDAY)
    assert not verdict.ok and words in verdict.feedback


@pytest.mark.parametrize("answer", ["Friday", "friday", " FRIDAY ", "Fri", "fri.", pd.Series(["Friday"]),
                                    pd.Series([FRIDAY]).dt.day_name(), np.array(["Friday"])])
def test_weekday_accepts_every_reasonable_form(answer):
    assert cmp.Weekday().judge(answer, "Friday").ok


@pytest.mark.parametrize(("answer", "words"), [
    ("Saturday", "Not Saturday"), (FRIDAY, ".day_name()"), (4, ".day_name()"), ("Fr", "English name"),
    (None, "None"),
])
def test_weekday_refuses_with_a_reason(answer, words):
    verdict = cmp.Weekday().judge(answer, "Friday")
    assert not verdict.ok and words in verdict.feedback


def _names() -> dict[str, str]:
    return {"consulate a": "cg_a", "office b": "annex_b"}


@pytest.mark.parametrize("answer", [["cg_a", "annex_b"], ("annex_b", "cg_a"), {"cg_a", "annex_b"},
                                    pd.Series(["annex_b", "cg_a"]), pd.Index(["cg_a", "annex_b"]),
                                    np.array(["cg_a", "annex_b"]), pd.DataFrame({"facility_id": ["cg_a", "annex_b"]}),
                                    [" cg_a", "annex_b "]])
def test_ids_accept_any_container_in_any_order(answer):
    assert cmp.Ids(column="facility_id", names=_names).judge(answer, ["cg_a", "annex_b"]).ok


@pytest.mark.parametrize(("answer", "words"), [
    (["Consulate A", "Office B"], "look like names"), ("cg_a, annex_b", "one piece of text"), (["cg_a"], "1 missing"),
    (["cg_a", "annex_b", "x"], "should not be there (x)"), ([1, 2], "holds text"), (None, "None"),
    (pd.DataFrame({"other": ["cg_a"]}), "facility_id column"),
])
def test_ids_refuse_with_a_reason(answer, words):
    verdict = cmp.Ids(column="facility_id", names=_names).judge(answer, ["cg_a", "annex_b"])
    assert not verdict.ok and words in verdict.feedback


def test_a_single_id_may_be_given_as_text():
    assert cmp.Ids(column="facility_id").judge("cg_a", ["cg_a"]).ok


CHOICE = cmp.Choice(options={"A": cmp.Option("local staff", "right: the data say so."),
                             "B": cmp.Option("diplomats", "the measure is 'cut', not 'expelled'.")})


@pytest.mark.parametrize("answer", ["A", "a", " A ", "A)", "(a)", "option A", "Local staff", pd.Series(["A"])])
def test_choice_accepts_letter_or_text_in_any_case(answer):
    assert CHOICE.judge(answer, "A").ok


def test_a_count_given_as_text_is_accepted_with_a_tip_about_its_own_value():
    verdict = cmp.Count().judge(" 6 ", 6)
    assert verdict.ok and 'without quotes, 6 is a number; with quotes, "6" is text' in verdict.note


LONG_CHOICE = cmp.Choice(options={
    "A": cmp.Option("Pick the largest count, because more names means more complete.", "it may count more."),
    "B": cmp.Option("Give the approximate number and say who counted what.", "right."),
    "C": cmp.Option("Give up.", "no.")})


def test_choice_takes_the_copied_opening_words_of_one_option_as_its_letter():
    verdict = LONG_CHOICE.judge("give the approximate number", "B")
    assert verdict.ok and "letter alone is enough" in verdict.note
    assert not LONG_CHOICE.judge("Pick the largest count", "B").ok  # the words of A are A, not B
    wording = LONG_CHOICE.judge("Give", "B").feedback  # too short to tell options apart
    assert not LONG_CHOICE.judge("Give", "B").ok and "not the wording of an option" in wording
    assert "letter of the one you choose: A, B, C" in wording


def test_choice_says_why_a_wrong_option_is_wrong():
    verdict = CHOICE.judge("B", "A")
    assert not verdict.ok and verdict.feedback == "Not B. The measure is 'cut', not 'expelled'."
    assert "Choose one of the options: A, B" in CHOICE.judge("C", "A").feedback
    assert "letter of an option" in CHOICE.judge(1, "A").feedback


def test_figure_kind_reads_the_figure_and_explains_none():
    kind = cmp.FigureOf(test=lambda fig, expected: cmp.Verdict(len(fig.data) == expected))
    assert kind.judge(go.Figure(go.Scatter()), 1).ok
    assert "fig.show()" in kind.judge(None, 1).feedback
    assert "plotly figure" in kind.judge([1, 2], 1).feedback


def test_figure_names_treat_country_codes_and_names_alike():
    fig = go.Figure([go.Scatter(name="USA"), go.Scatter(name="Russia"), go.Scatter(name="rus")])
    assert cmp.figure_names(fig) == {"United States", "Russia"}


def test_declared_mistakes_come_before_the_general_line():
    mistakes = (cmp.Mistake("You counted both end days.", value=lambda: 36),
                cmp.Mistake("That is the difference the wrong way.", test=lambda value, expected: value == -expected))
    assert cmp.Count().judge(36, 35, mistakes).feedback == "You counted both end days."
    assert cmp.Count().judge(36, 35, mistakes).mistake == "You counted both end days."
    assert cmp.Count().judge(-35, 35, mistakes).feedback == "That is the difference the wrong way."
    broken = (cmp.Mistake("never", value=lambda: 1 / 0),)
    assert cmp.Count().judge(40, 35, broken).feedback == "40 is not the number the data give."


def test_custom_kind_never_raises():
    def explode(answer, expected):
        raise RuntimeError("boom")
    verdict = cmp.Custom(compare=explode).judge({"a": 1}, None)
    assert not verdict.ok and "RuntimeError" in verdict.feedback


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
        pd.Timestamp("1900-01-01"), "2099-01-01", "Monday", "Z", [[]], {1, 2}, (1,), print,
        np.array([]), np.datetime64("NaT"), pd.Timedelta(days=3), dt.date(1900, 1, 1),
    ]),
)


def _could_be_right(answer, expected) -> bool:
    """A generated value that happens to be a right answer in a reasonable form (so not 'odd')."""
    for kind in (cmp.Count(), cmp.Number(), cmp.Day(), cmp.Weekday()):
        try:
            if kind.judge(answer, expected).ok:
                return True
        except Exception:
            continue
    return False


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(answer=odd_values, index=st.integers(min_value=0, max_value=10_000))
def test_checks_never_raise_and_never_accept_odd_values(answer, index, capsys):
    ids = exercise_ids()
    exercise_id = ids[index % len(ids)]
    expected = get_exercise(exercise_id).expected()
    assume(not _could_be_right(answer, expected))
    result = check(exercise_id, answer)
    assert isinstance(result, CheckResult)
    assert result.status in {"incorrect", "error", "unanswered", "saved"}, f"{exercise_id} accepted {answer!r}"
    assert result.status != "saved" or get_exercise(exercise_id).written
    assert capsys.readouterr().out.strip(), "check() must show a reply"


@pytest.mark.parametrize("exercise_id", exercise_ids())
def test_each_check_refuses_the_classic_wrong_answers(exercise_id, capsys):
    expected = get_exercise(exercise_id).expected()
    for answer in [None, -1, 10**9, float("nan"), [], pd.DataFrame(), go.Figure(), ValueError("x"), "nonsense"]:
        if _could_be_right(answer, expected):
            continue
        result = check(exercise_id, answer)
        assert result.status in {"incorrect", "error"}, f"{exercise_id} accepted {answer!r}"


def test_custom_kind_checks_declared_mistakes_first():
    kind = cmp.Custom(compare=lambda answer, expected: cmp.Verdict(answer == expected))
    mistake = cmp.Mistake("You gave the report, not the rows.", test=lambda answer, expected: answer == "report")
    assert kind.judge("report", "rows", (mistake,)).feedback == "You gave the report, not the rows."
    assert kind.judge("rows", "rows", (mistake,)).ok


def test_a_condition_without_sum_is_explained():
    verdict = cmp.Count().judge(pd.Series([True, False, True]), 2)
    assert not verdict.ok and "True or False for each row" in verdict.feedback and ".sum()" in verdict.feedback
