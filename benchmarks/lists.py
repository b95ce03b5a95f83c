"""`check`, `add` and `expand` on generated 2k, 20k and 200k-entry READMEs, warm cache.

Run on demand (not in CI): `.venv/bin/python benchmarks/lists.py`. Issue 3's targets: each
command under 1 s on a 20,000-entry README (about 5 MB), warm cache, time growing linearly with
the file, peak memory under 10x the file size.

Every figure is the real CLI in a subprocess (`python -m arxiv2entry ...`) against the tests'
local arXiv server with a warm arXiv cache and the bibliographic services off
(ARXIV2ENTRY_NO_ENRICH=1), so no request is made while timing. Each command runs twice over:
with the parse cache cold (`cold` rows: the first run on a list, every section parsed) and
warm (`warm` rows: the list was checked once before, as in every later run). These machines
are noisy, so the table shows ratios against baselines measured in the same run:

- `python -c pass` and `python -c "import arxiv2entry.lists.parse"`: interpreter and import cost;
- a plain Python pass over each file (read it, split its lines): the part that is not parsing;
- each command on a tiny list (20 entries): the command's fixed cost. Linearity is judged on
  the time *above* it: (t - t_tiny) at one size over (t - t_tiny) at the size below, divided
  by the size ratio; close to 1 is linear, well above 1 superlinear.

Peak memory is each command's own maximum RSS (`os.wait4` in a small launcher), shown as a
multiple of the file size.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from arxiv_server import ArxivServer, build_corpus  # noqa: E402

from arxiv2entry.lists.parse_cache import FILENAME as PARSE_CACHE  # noqa: E402

ADD_ID = "2510.23930"  # in records-dev.jsonl, so the local server knows them
EXPAND_ID = "2604.21915"
SIZES = [2_000, 20_000, 200_000]
TINY = 20  # entries in the fixed-cost baseline list
REPEAT = 3
REPEAT_LARGEST = 1  # 200k runs take seconds each; one run keeps the whole benchmark short
MB = 1_000_000
BASE_IMPORT = "import arxiv2entry.lists.parse"

TOPICS = [
    "Generation", "Reconstruction", "Editing", "Video", "Scenes", "Avatars", "Robotics",
]  # fmt: skip
AREAS = ["Implicit", "Voxel", "Mesh", "Point Cloud", "Gaussian Splatting"]
WORDS = (
    "neural radiance fields generative adversarial diffusion implicit surface geometry aware "
    "consistent high resolution unsupervised learning from images view synthesis latent "
    "controllable disentangled representation dynamic scene reconstruction efficient sparse "
    "transformer point cloud mesh voxel texture lighting relighting editing avatar human "
    "multi-view single image monocular video real-time large scale"
).split()
NAMES = (
    "Wei Zhang, Andreas Geiger, Katja Schwarz, Michael Niemeyer, Xingang Pan, Bo Dai, "
    "Jiatao Gu, Lingjie Liu, Peng Wang, Christian Theobalt, Eric R. Chan, Gordon Wetzstein, "
    "Yiyi Liao, Ziwei Liu, Chen Change Loy, Dahua Lin, Jiajun Wu, Terrance DeVries, "
    "Miguel Angel Bautista, Yichun Shi, Divyansh Aggarwal, Anil K. Jain, Xudong Xu"
).split(", ")
VENUES = ["CVPR", "ICCV", "ECCV", "NeurIPS", "ICLR", "ICML", "SIGGRAPH", "3DV", "arXiv"]
PLACES = ["MPI", "Stanford", "CUHK", "NTU", "Google", "Meta", "MIT", "ETH Zurich"]

CODE_SAMPLE = (
    "``` markdown\n"
    "[Paper Name](https://arxiv.org/abs/2101.00001)  \n"
    "*[Author 1](homepage), Author 2, and Author 3*  \n"
    "**[`Conference/Journal Year`] (`Institution`)** [[Code](link)] [[Project](link)]\n"
    "```\n"
)

# ----------------------------------------------------------------------------------------------
# Generated lists


def sections() -> list[tuple[int, str]]:
    """(level, title) of the list's headings: 7 topics, each with 5 areas (42 in all)."""
    out = []
    for topic in TOPICS:
        out.append((2, topic))
        out += [(3, f"{area} {topic}") for area in AREAS]
    return out


def entry(rng: random.Random, k: int) -> str:
    """One entry in the seed list's format, about 250 bytes; `k` makes its id unique."""
    yymm = f"{15 + k % 10:02d}{1 + (k // 10) % 12:02d}"  # months vary, 2015-2024: no clash
    number = f"{k // 120 + 1:05d}"  # with ADD_ID or EXPAND_ID
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(7, 11))).capitalize()
    authors = ", ".join(rng.sample(NAMES, rng.randint(3, 6)))
    venue = f"{rng.choice(VENUES)} {2015 + k % 10}"
    place = rng.choice(PLACES)
    code = f" [[Code](https://github.com/lab{k % 97}/repo{k})]" if k % 3 else ""
    return (
        f"- [{title}](https://arxiv.org/abs/{yymm}.{number})  \n"
        f"  *{authors}*  \n"
        f"  **[`{venue}`] (`{place}`)**{code}\n"
    )


def readme(n: int) -> str:
    rng = random.Random(n)
    heads = sections()
    leaves = [t for level, t in heads if level == 3]
    parts = [
        '<h1 align="center">Awesome Generated List</h1>\n\n',
        "A generated list for `benchmarks/lists.py`. Entries look like this:\n\n",
        CODE_SAMPLE,
        "\n## Contents\n\n",
        *(f"{'  ' * (level - 2)}- [{t}](#{t.lower().replace(' ', '-')})\n" for level, t in heads),
    ]
    k = 0
    per_leaf = n // len(leaves)
    for level, title in heads:
        parts.append(f"\n{'#' * level} {title}\n\n")
        if level == 2:
            parts.append(f"> Papers on {title.lower()}.\n")
            continue
        if title.startswith("Mesh"):  # some sections carry a code block
            parts.append(CODE_SAMPLE + "\n")
        count = per_leaf + (n - per_leaf * len(leaves) if title == leaves[-1] else 0)
        parts.append("\n".join(entry(rng, k + j) for j in range(count)))
        k += count
    return "".join(parts)


# ----------------------------------------------------------------------------------------------
# Measuring


@dataclass
class Run:
    seconds: float  # wall time
    cpu: float  # user + system time of the child: less disturbed by other load than wall time
    rss: int  # peak resident set size of the child, bytes
    rc: int


# The parent's resident pages count in a child's peak RSS (fork and vfork both share them until
# exec, and Linux keeps the high-water mark across exec), so each command is started by this
# small launcher instead, which also times it without its own start-up.
LAUNCHER = """\
import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    cpu = usage.ru_utime + usage.ru_stime
    out.write(f"{seconds} {cpu} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run(cmd: list[str], env: dict[str, str], cwd: Path) -> Run:
    """One child process: its wall time and its own peak RSS (ru_maxrss is KiB on Linux)."""
    result = cwd / "run.txt"
    with tempfile.TemporaryFile() as err:
        launcher = [sys.executable, "-c", LAUNCHER, str(result), *cmd]
        subprocess.run(launcher, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=cwd)
        seconds, cpu, kib, rc = result.read_text().split()
        result.unlink()
        if int(rc) not in (0, 1):  # check and expand exit 1 on findings / changes
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} exited {rc}:\n{err.read().decode()}")
    return Run(float(seconds), float(cpu), int(kib) * 1024, int(rc))


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.rss for r in runs),
        runs[-1].rc,
    )


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "arxiv2entry", *args]


COMMANDS = ("check", "add", "expand")
ROWS = ("read+split", *(f"{c} {m}" for m in ("cold", "warm") for c in COMMANDS))


def measure(path: Path, env: dict[str, str], work: Path, repeat: int) -> dict[str, Run]:
    """Each command `repeat` times on `path` (add and expand on a fresh copy each time), with
    the parse cache cold (its file deleted before each command: the first run on a list) and
    warm (the list checked once before: every later run, where most sections are unchanged).
    The arXiv cache is warm in both."""
    section = f"{AREAS[2]} {TOPICS[3]}"  # a section in the middle of the file
    text = path.read_text(encoding="utf-8")
    with_bare = f"{text}\n## Pending\n\nhttps://arxiv.org/abs/{EXPAND_ID}\n"
    copy = work / "copy.md"
    sections_cache = Path(env["ARXIV2ENTRY_CACHE_DIR"]) / PARSE_CACHE
    read_split = (
        f"open({str(path)!r}, encoding='utf-8', newline='').read().splitlines(keepends=True)"
    )
    runs: dict[str, list[Run]] = {name: [] for name in ROWS}
    for mode in ("cold", "warm"):
        if mode == "warm":
            run(cli("check", str(path)), env, work)  # the run before: primes the parse cache
        for _ in range(repeat):
            if mode == "cold":
                runs["read+split"].append(run([sys.executable, "-c", read_split], env, work))
            for command in COMMANDS:
                if mode == "cold":
                    sections_cache.unlink(missing_ok=True)
                if command == "check":
                    args = cli("check", str(path))
                elif command == "add":
                    shutil.copyfile(path, copy)
                    args = cli("add", ADD_ID, "--section", section, "--readme", str(copy))
                else:
                    copy.write_text(with_bare, encoding="utf-8")
                    args = cli("expand", str(copy))
                runs[f"{command} {mode}"].append(run(args, env, work))
                if command == "add" and ADD_ID not in copy.read_text(encoding="utf-8"):
                    raise SystemExit(f"add did not add {ADD_ID} to a {path.name} copy")
                if command == "expand" and f"abs/{EXPAND_ID})" not in copy.read_text("utf-8"):
                    raise SystemExit(f"expand did not expand {EXPAND_ID} in a {path.name} copy")
    copy.unlink(missing_ok=True)
    return {name: median_run(r) for name, r in runs.items()}


def main() -> None:
    wall = time.perf_counter()
    # Measure as installed: pip compiles bytecode, an editable checkout may not have it yet.
    package = str(ROOT / "arxiv2entry")
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True)
    server = ArxivServer(build_corpus(["records-dev.jsonl"]))
    try:
        with tempfile.TemporaryDirectory(prefix="arxiv2entry-bench-") as tmp:
            work = Path(tmp)
            env = dict(os.environ)
            env.update(
                ARXIV2ENTRY_ARXIV_URL=server.url,
                ARXIV2ENTRY_ARXIV_DELAY="0",
                ARXIV2ENTRY_NO_ENRICH="1",  # arXiv only: time the list, not other services
                ARXIV2ENTRY_CACHE_DIR=str(work / "cache"),
                NO_COLOR="1",
            )
            warm = run(cli(ADD_ID, EXPAND_ID), env, work)
            if warm.rc != 0:
                raise SystemExit("warming the cache failed")
            server.reset()
            report(work, env, server)
    finally:
        server.close()
    print(f"\n(benchmark wall time {time.perf_counter() - wall:.0f} s)")


def _linearity(net: float, net_before: float, size: int, size_before: int) -> str:
    return f"{net / net_before / (size / size_before):.2f}" if net_before > 0 else "n/a"


def report(work: Path, env: dict[str, str], server: ArxivServer) -> None:
    print("Baselines (median of 7)")
    for label, code in (("python -c pass", "pass"), (BASE_IMPORT, BASE_IMPORT)):
        r = median_run([run([sys.executable, "-c", code], env, work) for _ in range(7)])
        print(f"  {label:<30} {r.seconds * 1000:7.1f} ms   peak RSS {r.rss / MB:6.1f} MB")

    sizes: list[tuple[int, int, int, dict[str, Run]]] = []  # entries, bytes, runs, results
    for n in [TINY, *SIZES]:
        path = work / f"list-{n}.md"
        path.write_text(readme(n), encoding="utf-8")
        repeat = REPEAT_LARGEST if n == SIZES[-1] else REPEAT
        sizes.append((n, path.stat().st_size, repeat, measure(path, env, work, repeat)))
        path.unlink()

    print(
        f"\nGenerated lists: {len(sections())} headings on 2 levels, {len(TOPICS) + 1} code blocks,"
        " 3-line entries with distinct arXiv ids. Wall time is the median of the runs; cpu is\n"
        "the child's user+system time. x2k: ratio to the 2k list (t/size = time x2k / size x2k, "
        f"start-up included). net: time minus the same command on the {TINY}-entry list\n"
        "(its fixed cost); lin: net time ratio / size ratio against the size above (1 = linear, "
        "above 1 superlinear),\ncpu lin the same on cpu time, which other load on the machine "
        "disturbs less. RSS/file: peak RSS / file size."
    )
    header = (
        f"{'command':<12}{'entries':>8}{'MB':>7}{'runs':>5}{'time s':>8}{'cpu s':>8}{'s/MB':>7}"
        f"{'time x2k':>9}{'size x2k':>9}{'t/size':>7}{'net s':>7}{'lin':>6}{'cpu lin':>8}"
        f"{'RSS MB':>8}{'RSS/file':>9}"
    )
    print(header)
    print("-" * len(header))
    two_k_size, two_k = sizes[1][1], sizes[1][3]
    for name in ROWS:
        fixed, fixed_cpu = sizes[0][3][name].seconds, sizes[0][3][name].cpu
        for k, (n, size, repeat, runs) in enumerate(sizes):
            r = runs[name]
            row = f"{name:<12}{n:>8}{size / MB:>7.2f}{repeat:>5}{r.seconds:>8.3f}{r.cpu:>8.3f}"
            if n == TINY:
                print(f"{row}{'':>7}{'':>9}{'':>9}{'':>7}{'':>7}{'':>6}{'':>8}{r.rss / MB:>8.1f}")
                continue
            time_x, size_x = r.seconds / two_k[name].seconds, size / two_k_size
            net = r.seconds - fixed
            lin = cpu_lin = ""
            if k >= 2:
                lin = _linearity(net, sizes[k - 1][3][name].seconds - fixed, size, sizes[k - 1][1])
                cpu_lin = _linearity(
                    r.cpu - fixed_cpu, sizes[k - 1][3][name].cpu - fixed_cpu, size, sizes[k - 1][1]
                )
            print(
                f"{row}{r.seconds / (size / MB):>7.3f}{time_x:>9.2f}{size_x:>9.1f}"
                f"{time_x / size_x:>7.2f}{net:>7.3f}{lin:>6}{cpu_lin:>8}"
                f"{r.rss / MB:>8.1f}{r.rss / size:>9.1f}"
            )
        print()

    n20, size20, _, at20 = sizes[2]
    print(f"Targets at {n20:,} entries ({size20 / MB:.2f} MB, {size20 / n20:.0f} bytes/entry):")
    for name in ROWS[1:]:
        r = at20[name]
        verdict = "OK" if r.seconds < 1 else "MISSED"
        memory = "OK" if r.rss < 10 * size20 else "MISSED"
        print(
            f"  {name:<12} under 1 s: {verdict:<6} ({r.seconds:.3f} s)   "
            f"peak RSS under 10x the file: {memory:<6} ({r.rss / size20:.1f}x)"
        )
    print(
        "  The issue's targets are for a warm cache: 'warm' rows. 'cold' rows are a first run"
        " on a list (no parse cache).\n"
        f"  {SIZES[-1]:,} entries were run {REPEAT_LARGEST} time(s) to keep the benchmark "
        f"short, the others {REPEAT} times; arXiv requests while timing: {len(server.requests)}"
    )


if __name__ == "__main__":
    main()
