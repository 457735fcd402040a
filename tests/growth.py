"""How work grows with the input: the check that nothing backtracks super-linearly.

Not a speed goal (those live in benchmarks/): the text is doubled until one run takes
long enough to time (20 ms), then that text and the same text four times over are
timed. Linear work takes about four times as long, quadratic work sixteen times; the
bound (eight times) tells the two apart on a busy machine too.
"""

import time

MEASURABLE = 0.02  # seconds (long enough that a busy machine does not decide)
MAX_CHARACTERS = 4_000_000


def best_seconds(run, text: str, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run(text)
        best = min(best, time.perf_counter() - started)
    return best


ATTEMPTS = 3  # a ratio over the bound is measured again: other work on the machine passes, quadratic work stays


def _ratio_within(measure, bound: float) -> tuple[float, float]:
    """``(small, large)`` from ``measure()``, measured again while ``large`` exceeds
    ``bound`` times ``small`` (up to ``ATTEMPTS`` times)."""
    for _ in range(ATTEMPTS):
        small, large = measure()
        if large < bound * small:
            break
    return small, large


def assert_linear(run, text: str) -> None:
    while best_seconds(run, text, repeat=1) < MEASURABLE and len(text) < MAX_CHARACTERS:
        text *= 2
    small, large = _ratio_within(lambda: (best_seconds(run, text), best_seconds(run, text * 4)), 8)
    assert large < 8 * small, (
        f"{small:.3f} s for {len(text)} characters, {large:.3f} s for four times as many")


def assert_linear_in_count(run, build, count: int = 6) -> None:
    """Work on build(2n) is about twice that on build(n): no backtracking over ways to split
    a list of n items (which grows as 3**n). The text is repeated until measurable."""
    repeat = 1
    while best_seconds(run, build(count) * repeat, repeat=1) < MEASURABLE and repeat < 100_000:
        repeat *= 2
    small, large = _ratio_within(lambda: (best_seconds(run, build(count) * repeat),
                                          best_seconds(run, build(2 * count) * repeat)), 4)
    assert large < 4 * small, (
        f"{small:.3f} s for {count} items, {large:.3f} s for {2 * count} items")
