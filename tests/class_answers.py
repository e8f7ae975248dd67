"""The two tests every notebook's exercises get, from its tables of answers a class gives.

A notebook's test file lists ``RIGHT`` (exercise id, a function giving a right answer in some form) and
``WRONG`` (exercise id, a function giving a typical mistake, a fragment of the sentence that must answer it),
then takes its two tests from :func:`answered_as_a_class`::

    test_right_answers_are_accepted, test_typical_mistakes_get_their_own_sentence = answered_as_a_class(RIGHT, WRONG)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from helpers.exercises import check

Right = tuple[str, Callable[[], Any]]
Wrong = tuple[str, Callable[[], Any], str]


def answered_as_a_class(right: list[Right], wrong: list[Wrong]) -> tuple[Callable[..., None], Callable[..., None]]:
    """Two parametrized tests: every right form is accepted; every typical mistake gets its own sentence."""

    @pytest.mark.parametrize(("exercise_id", "answer"), right, ids=[f"{e}-{n}" for n, (e, _) in enumerate(right)])
    def test_right_answers_in_every_reasonable_form_are_accepted(exercise_id: str, answer: Callable[[], Any],
                                                                 capsys: Any) -> None:
        result = check(exercise_id, answer())
        assert result.status == "correct", result.message

    @pytest.mark.parametrize(("exercise_id", "answer", "fragment"), wrong,
                             ids=[f"{e}-{n}" for n, (e, _, _) in enumerate(wrong)])
    def test_typical_mistakes_get_their_own_sentence(exercise_id: str, answer: Callable[[], Any], fragment: str,
                                                      capsys: Any) -> None:
        result = check(exercise_id, answer())
        assert result.status == "incorrect", result.message
        assert fragment in result.message, result.message

    return test_right_answers_in_every_reasonable_form_are_accepted, test_typical_mistakes_get_their_own_sentence
