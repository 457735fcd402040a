"""The span index answers as a scan over every span would, for spans of any length."""

from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders.models import Span
from policykg.loaders.spans import SpanIndex

SPANS = st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 4000)).map(lambda s: (s[0], s[0] + s[1])),
                 max_size=40)


@given(SPANS, st.integers(0, 9000), st.integers(1, 3000))
def test_overlaps_agrees_with_a_scan(spans, start, length):
    index = SpanIndex(Span("", s, e) for s, e in spans)
    end = start + length
    assert index.overlaps(start, end) == any(s < end and e > start for s, e in spans)


def test_a_long_span_before_short_ones_still_overlaps():
    """A span of 3,000 characters (a changed motion in the Handelingen) is found from its end."""
    index = SpanIndex([Span("", 0, 3000), Span("", 10, 20)])
    assert index.overlaps(2500, 2600)
    assert not index.overlaps(3000, 3100)


@given(SPANS, st.integers(0, 9000))
def test_covers_agrees_with_a_scan(spans, offset):
    index = SpanIndex(Span("", s, e) for s, e in spans)
    assert index.covers(offset) == any(s <= offset < e for s, e in spans)
