"""What the benchmark reads from the operating system: CPU use, peak memory, a timed run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

_SUMMARY_SECONDS = re.compile(r"; ([0-9.]+) s\s*$")


def _cpu_jiffies() -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs since boot, from /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:9]
    except OSError:
        return 0, 0
    values = [int(x) for x in fields]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def _own_cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


@dataclass
class CpuMeter:
    """Wall time, this process's CPU time (and its finished children's) and the machine's load.

    ``idle`` is the share of the machine's CPU time nobody used; ``others`` the average
    number of cores kept busy by processes other than this one and its children.
    """

    wall: float = 0.0
    cpu: float = 0.0
    idle: float = float("nan")
    others: float = float("nan")
    _start: tuple[float, float, int, int] = field(default=(0.0, 0.0, 0, 0), repr=False)

    def __enter__(self) -> CpuMeter:
        busy, total = _cpu_jiffies()
        self._start = (time.perf_counter(), _own_cpu_seconds(), busy, total)
        return self

    def __exit__(self, *exc: object) -> None:
        wall0, cpu0, busy0, total0 = self._start
        busy, total = _cpu_jiffies()
        self.wall = time.perf_counter() - wall0
        self.cpu = _own_cpu_seconds() - cpu0
        ticks = os.sysconf("SC_CLK_TCK")
        if total > total0:
            self.idle = 1 - (busy - busy0) / (total - total0)
            self.others = max(0.0, ((busy - busy0) / ticks - self.cpu) / self.wall)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class TreeRss(threading.Thread):
    """Samples the summed RSS of a process and its descendants; ``peak_mb`` is the largest."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_mb = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            pids, seen = [self.pid], set()
            while pids:
                pid = pids.pop()
                if pid not in seen:
                    seen.add(pid)
                    pids.extend(_children(pid))
            self.peak_mb = max(self.peak_mb, sum(_rss_mb(p) for p in seen))
            self._done.wait(self.interval)

    def stop(self) -> float:
        self._done.set()
        self.join()
        return self.peak_mb


@dataclass
class CliRun:
    """One ``extract run`` in a subprocess."""

    seconds: float  # the run's own figure from its summary line (model loading excluded)
    wall: float
    cpu: float  # CPU seconds of the run and its workers
    max_rss_mb: float  # the largest process of the tree (getrusage)
    tree_peak_mb: float  # sampled sum over the process and its children
    idle: float
    others: float
    summary: str


def extract_command() -> list[str]:
    script = Path(sys.executable).with_name("extract")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from extract.cli import main; main()"]


def run_extract(args: list[str], log: Path) -> CliRun:
    """Run ``extract run ARGS`` and measure it; exit with its output when it fails."""
    command = [*extract_command(), "run", *args]
    with log.open("w") as out, CpuMeter() as meter:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeRss(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        tree_peak = sampler.stop()
    output = log.read_text()
    lines = [x for x in output.splitlines() if x.strip()]
    summary = lines[-1] if lines else ""
    match = _SUMMARY_SECONDS.search(summary)
    if process.returncode != 0 or match is None:
        raise SystemExit(f"bench: {' '.join(command)} failed ({process.returncode}):\n{output}")
    return CliRun(
        seconds=float(match.group(1)),
        wall=meter.wall,
        cpu=meter.cpu,
        max_rss_mb=usage.ru_maxrss / 1024,
        tree_peak_mb=tree_peak,
        idle=meter.idle,
        others=meter.others,
        summary=summary,
    )
