"""Time of the venue reader and the link finder on crafted text of 1 KB, 20 KB and 1 MB.

Run on demand: `.venv/bin/python benchmarks/hostile_text.py`. Each shape is a pattern that
made a regular expression backtrack before the readers were bounded (`arxiv2entry/limits.py`);
a real comment of the same length is the baseline in the same run. The figure that matters is
the growth: 1 MB over 1 KB should be about 1x (bounded), not 1000x (linear) or worse.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from arxiv2entry.links import find_links
from arxiv2entry.venue import guess_venue

SIZES = (1_000, 20_000, 1_000_000)
SHAPES: dict[str, Callable[[int], str]] = {
    "real comment (baseline)": lambda n: (
        "Accepted to CVPR 2022. Code: https://github.com/a/b. " * (n // 54 + 1)
    )[:n],
    "a.a.a. (venue)": lambda n: "a." * (n // 2),
    "Accepted at CVPR (venue)": lambda n: "Accepted at CVPR " * (n // 17),
    "ABC-DEF (venue)": lambda n: "ABC-DEF " * (n // 8),
    "http:// (links)": lambda n: "http://" * (n // 7),
    "https://a. (links)": lambda n: "https://a." * (n // 10),
    "https://x/( (links)": lambda n: "https://x/(" * (n // 11),
}


def timed(work: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    day = date(2025, 6, 1)
    print(f"{'shape':28} {'size':>9} {'venue s':>9} {'links s':>9}")
    growth: dict[str, float] = {}
    for name, make in SHAPES.items():
        first = 0.0
        for size in SIZES:
            text = make(size)
            v = timed(lambda text=text: guess_venue(text, None, day))
            k = timed(lambda text=text: find_links(text, text))
            total = v + k
            first = first or total
            print(f"{name:28} {size:>9,} {v:9.4f} {k:9.4f}")
        growth[name] = total / first
    print()
    for name, ratio in growth.items():
        print(f"{name:28} 1 MB / 1 KB: {ratio:6.2f}x")


if __name__ == "__main__":
    main()
