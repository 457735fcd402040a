"""The growth check itself: it passes linear work and fails quadratic work."""

import pytest

from .growth import assert_linear


def test_linear_work_passes():
    assert_linear(lambda text: text.count("a"), "ab" * 100)


def test_quadratic_work_fails():
    with pytest.raises(AssertionError, match="four times as many"):
        assert_linear(lambda text: [text.count(c) for c in text[: len(text) // 10]], "ab" * 100)
