"""`make bench`: load the large demo province into var/bench (once), serve it with gunicorn on
127.0.0.1:8190, run every benchmark and write bench/results/latest.json (CONVENTIONS.md).

Each benchmark is a module in BENCHMARKS with `run(server: Server) -> list[dict]`; later issues
add theirs as `bench/<app>_bench.py`, found by name. Environment: BENCH_DURATION (seconds per measurement, default 10),
BENCH_WARMUP (default 3), BENCH_PORT (default 8190), BENCH_SCALE (default large), BENCH_ONLY
(comma-separated benchmark names, e.g. `pages,dashboards`; the results file then holds only
those)."""

import datetime as dt
import importlib
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VAR_DIR = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results" / "latest.json"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
SCALE = os.environ.get("BENCH_SCALE", "large")
SEED = 2026
PORT = int(os.environ.get("BENCH_PORT", "8190"))
BENCHMARKS = [
    "bench.pages",
    *sorted(f"bench.{p.stem}" for p in Path(__file__).parent.glob("*_bench.py")),
]
if os.environ.get("BENCH_ONLY"):  # e.g. BENCH_ONLY=pages,dashboards: a quick partial run
    wanted = os.environ["BENCH_ONLY"].split(",")
    BENCHMARKS = [
        b for b in BENCHMARKS if any(b.removeprefix("bench.").startswith(w) for w in wanted)
    ]


@dataclass
class Server:
    """The running server and how to measure against it."""

    base_url: str
    env: dict[str, str]
    duration: int
    warmup: int
    concurrency: int = 20


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        RETURNEE_VAR_DIR=str(VAR_DIR),
        DJANGO_SETTINGS_MODULE="config.settings.local",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_database(env: dict[str, str]) -> None:
    """Migrate, load reference data and the demo province; seed_demo returns at once when
    the province of this scale and seed is already there."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_reference")
    started = time.monotonic()
    manage(env, "seed_demo", "--scale", SCALE, "--seed", str(SEED))
    print(f"demo province ready ({time.monotonic() - started:.0f}s)")
    manage(env, "collectstatic", "--noinput", "-v", "0")


def start_server(env: dict[str, str]) -> subprocess.Popen[bytes]:
    log = open(VAR_DIR / "gunicorn.log", "ab")  # noqa: SIM115  (kept open while it runs)
    process = subprocess.Popen(
        [
            str(GUNICORN), "config.wsgi:application",
            "--bind", f"127.0.0.1:{PORT}",
            "--workers", "2", "--threads", "4",
            "--log-level", "warning", "--error-logfile", "-",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=log,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited ({process.returncode}); see {VAR_DIR}/gunicorn.log")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2) as r:
                if r.status == 200:
                    return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def main() -> int:
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk (the Makefile's system-packages does).")
        return 1
    env = bench_env()
    os.environ.update({k: env[k] for k in ("RETURNEE_VAR_DIR", "DJANGO_SETTINGS_MODULE")})
    prepare_database(env)
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    server = Server(
        base_url=f"http://127.0.0.1:{PORT}",
        env=env,
        duration=int(os.environ.get("BENCH_DURATION", "10")),
        warmup=int(os.environ.get("BENCH_WARMUP", "3")),
    )
    process = start_server(env)
    results: list[dict] = []
    try:
        for name in BENCHMARKS:
            results.extend(importlib.import_module(name).run(server))
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            # Workers still busy with slow requests from the last measurement.
            process.kill()
            process.wait(timeout=30)
    failed = [r["name"] for r in results if r.get("_errors")]
    report = {
        "machine": f"{os.cpu_count()} cores",
        "scale": SCALE,
        "started": started,
        "results": [{k: v for k, v in r.items() if not k.startswith("_")} for r in results],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    if failed:
        print("FAILED (error responses while measuring): " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
