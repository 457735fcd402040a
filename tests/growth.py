"""How work grows with the input: the check that nothing backtracks super-linearly.

Not a speed goal (those live in benchmarks/): it compares the time a text takes with
the time the same text four times over takes. Linear work takes about four times as
long, quadratic work sixteen times; the bound (ten times, plus a little for timer
noise on small inputs) tells the two apart on a busy machine too.
"""

import time


def best_seconds(run, text: str, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run(text)
        best = min(best, time.perf_counter() - started)
    return best


def assert_linear(run, text: str) -> None:
    small, large = best_seconds(run, text), best_seconds(run, text * 4)
    assert large < 10 * small + 0.05, (
        f"{small:.3f} s for {len(text)} characters, {large:.3f} s for four times as many")
