#!/usr/bin/env python3
"""Which processes had the cores at the moments a load run was slow.

  benchmarks/cpu-timeline.py record SECONDS > timeline.csv      (beside the load run)
  benchmarks/cpu-timeline.py explain timeline.csv load-output.txt

`record` samples every process's CPU time (/proc/PID/stat) every 100 ms for SECONDS and writes, per slice, the
CPU each process used, by name (a .NET service by its project, `dotnet`'s tools by their dll); a process outside
the topology started from this repository (the AppHost, its orchestrator and everything under them) is marked
`(elsewhere)`, so other work on a shared machine shows as such. `explain` reads
the load tool's output, takes its slow moments (the lines `HH:MM:SS.fff-SS.fff ... requests worst ... ms`), and
prints for each the processes that used more of the cores in it (from 300 ms before to its end) than they did on
average over the recording: a stall that comes with a save's child, a vacuum or a build elsewhere on the machine
names it; one that comes with nothing but the request path's own processes points at them (GC, the thread pool).
Times are UTC, as the load tool prints them.
"""
import collections
import datetime
import os
import re
import sys
import time

SLICE = 0.1
TICKS = os.sysconf("SC_CLK_TCK")


def name_of(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            args = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
        if not args:
            with open(f"/proc/{pid}/comm") as f:
                return f.read().strip()
        program = os.path.basename(args[0].split(" ")[0]).rstrip(":")
        if program == "dotnet":
            # `dotnet X.dll` or `dotnet run ...`: the dll names it.
            dll = next((os.path.basename(a) for a in args[1:] if a.endswith(".dll")), None)
            return dll[:-4] if dll else "dotnet " + " ".join(args[1:2])
        return program
    except OSError:
        return None


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def topology_pids():
    """The AppHost started from this repository, Aspire's orchestrator watching it, and all their descendants."""
    parents, args = {}, {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/stat") as f:
                    parents[pid] = f.read().rsplit(")", 1)[1].split()[1]
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    args[pid] = f.read().replace(b"\0", b" ").decode(errors="replace")
            except (OSError, IndexError):
                pass
    tops = {p for p, a in args.items() if a.startswith(f"{ROOT}/Shop.AppHost/bin/")}
    tops |= {p for p, a in args.items() if any(f"--monitor {t} " in a + " " for t in tops) and "dcp" in a}
    inside = set()
    for pid in parents:
        q, seen = pid, 0
        while q in parents and q not in tops and q != "1" and seen < 64:
            q, seen = parents[q], seen + 1
        if q in tops:
            inside.add(pid)
    return inside | tops


def ticks_by_pid():
    used = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                used[pid] = int(fields[11]) + int(fields[12])
            except (OSError, IndexError):
                pass
    return used


def record(seconds):
    names = {}
    inside, scanned = topology_pids(), time.monotonic()
    if not inside:
        sys.exit(f"No AppHost from {ROOT} is running.")
    before = ticks_by_pid()
    end = time.monotonic() + seconds
    next_at = time.monotonic()
    print("utc,process,cpu_ms")
    while time.monotonic() < end:
        next_at += SLICE
        time.sleep(max(0.0, next_at - time.monotonic()))
        now = ticks_by_pid()
        at = datetime.datetime.now(datetime.timezone.utc).strftime("%H:%M:%S.%f")[:-3]
        by_name = collections.Counter()
        for pid, ticks in now.items():
            delta = ticks - before.get(pid, ticks)
            if delta > 0:
                if pid not in names:
                    if pid not in inside and time.monotonic() - scanned > 1:
                        # A process started since: perhaps a service the orchestrator restarted.
                        inside, scanned = topology_pids(), time.monotonic()
                    names[pid] = (name_of(pid) or "?") + ("" if pid in inside else " (elsewhere)")
                by_name[names[pid]] += delta * 1000 // TICKS
        for name, ms in by_name.items():
            print(f"{at},{name},{ms}")
        sys.stdout.flush()
        before = now


def seconds_of(hms):
    h, m, s = hms.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def explain(timeline_path, load_path):
    slices = collections.defaultdict(collections.Counter)
    with open(timeline_path) as f:
        next(f)
        for line in f:
            at, name, ms = line.rstrip("\n").rsplit(",", 2)
            slices[seconds_of(at)][name] += int(ms)
    if not slices:
        sys.exit("The timeline is empty.")
    span = (max(slices) - min(slices)) + SLICE
    average = collections.Counter()
    for used in slices.values():
        average.update(used)
    moment = re.compile(r"^\s*(\d\d:\d\d:\d\d\.\d+)-(\d\d\.\d+)\s+(-?[\d.]+) s in\s+(\d+) requests\s+worst\s+([\d.]+) ms")
    print(f"{len(slices)} slices of {SLICE * 1000:.0f} ms; average cores used: " +
          ", ".join(f"{n} {ms / span / 1000:.2f}" for n, ms in average.most_common(8)))
    with open(load_path) as f:
        for line in f:
            found = moment.match(line)
            if not found:
                continue
            start = seconds_of(found.group(1))
            end = seconds_of(found.group(1)[:6] + found.group(2))
            end += 60 if end < start else 0
            window = [s for s in slices if start - 0.3 <= s - SLICE and s <= end + SLICE]
            if not window:
                print(f"{found.group(1)}: outside the recording")
                continue
            used = collections.Counter()
            for s in window:
                used.update(slices[s])
            length = len(window) * SLICE
            over = sorted(((ms / length - average[n] / span) / 1000, n) for n, ms in used.items())
            over = [(extra, n) for extra, n in reversed(over) if extra >= 0.05][:5]
            total = sum(used.values()) / length / 1000
            print(f"{found.group(1)} ({found.group(4)} requests, worst {found.group(5)} ms): {total:.2f} cores busy; above average: " +
                  (", ".join(f"{n} +{extra:.2f}" for extra, n in over) or "nothing"))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "record":
        record(float(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "explain":
        explain(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
