"""How work grows with the input: the check that nothing backtracks super-linearly.

Not a speed goal (those live in benchmarks/): the text is doubled until one run takes
long enough to time (10 ms), then that text and the same text four times over are
timed. Linear work takes about four times as long, quadratic work sixteen times; the
bound (eight times) tells the two apart on a busy machine too.
"""

import time

MEASURABLE = 0.01  # seconds
MAX_CHARACTERS = 4_000_000


def best_seconds(run, text: str, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run(text)
        best = min(best, time.perf_counter() - started)
    return best


def assert_linear(run, text: str) -> None:
    while best_seconds(run, text, repeat=1) < MEASURABLE and len(text) < MAX_CHARACTERS:
        text *= 2
    small, large = best_seconds(run, text), best_seconds(run, text * 4)
    assert large < 8 * small, (
        f"{small:.3f} s for {len(text)} characters, {large:.3f} s for four times as many")
