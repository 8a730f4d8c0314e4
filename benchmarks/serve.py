"""Serve benchmark: `dateline serve` on a store of 1,000,000 events under 50 concurrent
clients, and search on 10,000 articles.

    python benchmarks/serve.py --shards /tmp/dateline-bench/shards-2 --out /tmp/serve  (make bench-serve)
    python benchmarks/serve.py --base news.duckdb --out /tmp/serve   (a store of NewsArticles.zip)

1. Takes the NewsArticles store (loaded from the shards of `make bench-scale`, or a copy of
   ``--base``) and grows copies of it by replicating its real records with shifted article ids
   and dates (benchmarks/scale.py's ``grow``): one of 1,000,000 events, one of 10,000 articles.
2. Starts `dateline serve` (read-only, its own process) on each, over loopback.
3. Search: 30 different queries of one to three words, one at a time; median and p95.
4. Load: 50 clients (asyncio + httpx, one more process), each sending its next request when
   the last is answered, for 60 s: an events filter (JSON; type, country, modality, actor,
   place or date range, drawn at random), a timeline (JSON) and an article page (HTML), in
   turn. Then the same 50 clients with a pause of 1 s between requests (analysts reading
   pages). p50/p95/max per route, errors, requests/s, and the server's resident memory
   sampled every second.

Prints JSON; results go to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import random
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.web_server import running_server

from dateline.batch.load import load_shards
from dateline.store import Store
from scale import grow

SEARCHES = [
    "police", "Trump", "Syria ceasefire", "North Korea missile", "election", "refugees",
    "Merkel", "Brexit", "Islamic State", "Erdogan referendum", "climate", "Putin",
    "sanctions Russia", "Mosul", "attack", "protest", "Macron", "Le Pen", "earthquake",
    "Aleppo", "Iran nuclear", "Yemen", "Taliban Kabul", "Venezuela", "China trade",
    "terror", "court ruling", "oil price", "Paris", "London attack",
]  # fmt: skip


def base_store(args: argparse.Namespace, out: Path) -> Path:
    base = out / "base.duckdb"
    base.unlink(missing_ok=True)
    if args.shards:
        with Store(base) as store:
            load_shards(store, args.shards)
    else:
        shutil.copy(args.base, base)
        Store(base).close()  # migrates it
    return base


def grown(base: Path, target: Path, events: int) -> dict[str, Any]:
    shutil.copy(base, target)
    return grow(target, events)


def workload(db: Path, seed: int = 7) -> dict[str, list[str]]:
    rng = random.Random(seed)
    with Store(db, read_only=True) as store:
        ids = [r["id"] for r in store.query("SELECT id FROM articles USING SAMPLE 2000 ROWS")]
        names = [r["name"] for r in store.query(
            "SELECT name FROM actors GROUP BY name ORDER BY count(*) DESC LIMIT 200")]  # fmt: skip
        places = [r["place"] for r in store.query(
            "SELECT place FROM event_rows WHERE place IS NOT NULL GROUP BY place "
            "ORDER BY count(*) DESC LIMIT 100")]  # fmt: skip
        months = [r["m"] for r in store.query(
            "SELECT left(day, 7) AS m FROM event_rows WHERE len(day) >= 7 GROUP BY 1 "
            "HAVING count(*) > 1000 ORDER BY 1")]  # fmt: skip
    types = ["ASSAULT", "CONSULT", "ACCUSE", "REQUEST", "SUPPORT", "COERCE", "AGREE", "PROTEST"]
    countries = ["USA", "RUS", "GBR", "CHN", "SYR", "FRA", "DEU", "TUR", "IRN", "UKR"]
    filters = []
    for _ in range(300):
        choice = rng.randrange(6)
        if choice == 0:
            q = f"type={rng.choice(types)}"
        elif choice == 1:
            q = f"country={rng.choice(countries)}&type={rng.choice(types)}"
        elif choice == 2:
            q = f"modality={rng.choice(['claimed', 'denied', 'planned', 'negated'])}"
        elif choice == 3:
            q = f"actor={httpx.QueryParams({'a': rng.choice(names)})['a']}"
        elif choice == 4:
            q = f"place={rng.choice(places)}"
        else:
            m = rng.choice(months)
            q = f"since={m}-01&until={m}-28"
        filters.append(f"/events.json?{httpx.QueryParams(q)}")
    return {
        "events filter": filters,
        "timeline": [f"/timeline.json?{httpx.QueryParams({'name': n})}" for n in names],
        "article page": [f"/articles/{i}" for i in ids],
    }


def search_latency(base_url: str) -> dict[str, Any]:
    times, hits = [], []
    with httpx.Client(base_url=base_url, timeout=30) as client:
        client.get("/search.json", params={"q": "warm up"})
        for words in SEARCHES:
            started = time.perf_counter()
            response = client.get("/search.json", params={"q": words})
            times.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
            hits.append(len(response.json()["rows"]))
    return {"queries": len(times), "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(_pct(times, 95), 1), "max_ms": round(max(times), 1),
            "mean_hits": round(statistics.mean(hits), 1)}  # fmt: skip


def _pct(values: list[float], q: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q / 100))]


class ServerMemory:
    def __init__(self, port: int) -> None:
        self.samples: list[int] = []
        self.process = next(
            p for p in psutil.process_iter(["cmdline"])
            if p.info["cmdline"] and "serve" in p.info["cmdline"] and str(port) in p.info["cmdline"]
        )  # fmt: skip
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self.samples.append(self.process.memory_info().rss)

    def __enter__(self) -> ServerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


async def load(base_url: str, urls: dict[str, list[str]], clients: int, seconds: float,
               pause: float) -> dict[str, Any]:  # fmt: skip
    latencies: dict[str, list[float]] = {k: [] for k in urls}
    errors: dict[str, int] = dict.fromkeys(urls, 0)
    deadline = time.monotonic() + seconds
    kinds = list(urls)

    async def client(n: int, http: httpx.AsyncClient) -> None:
        rng = random.Random(n)
        i = n
        await asyncio.sleep(rng.random() * min(pause, 1.0))  # spread the start
        while time.monotonic() < deadline:
            kind = kinds[i % len(kinds)]
            i += 1
            url = rng.choice(urls[kind])
            started = time.perf_counter()
            try:
                response = await http.get(url)
                if response.status_code != 200:
                    errors[kind] += 1
            except httpx.HTTPError:
                errors[kind] += 1
            latencies[kind].append((time.perf_counter() - started) * 1000)
            if pause:
                await asyncio.sleep(pause)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as http:
        started = time.monotonic()
        await asyncio.gather(*(client(n, http) for n in range(clients)))
        elapsed = time.monotonic() - started
    out: dict[str, Any] = {"clients": clients, "seconds": round(elapsed, 1), "pause_s": pause}
    total = sum(len(v) for v in latencies.values())
    out["requests"] = total
    out["requests_per_s"] = round(total / elapsed, 1)
    for kind, values in latencies.items():
        out[kind] = {"requests": len(values), "errors": errors[kind],
                     "p50_ms": round(_pct(values, 50), 1), "p95_ms": round(_pct(values, 95), 1),
                     "max_ms": round(max(values), 1)} if values else {"requests": 0}  # fmt: skip
    return out


def _cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def serve_run(db: Path, urls: dict[str, list[str]], clients: int, seconds: float) -> dict[str, Any]:
    with running_server(db) as base_url:
        port = int(base_url.rsplit(":", 1)[1])
        with httpx.Client(base_url=base_url, timeout=60) as warm:  # the first query of each kind
            for kind in urls:
                warm.get(urls[kind][0])
        memory = ServerMemory(port)
        results = {}
        with memory:
            for name, pause in (("closed loop", 0.0), ("1 s pause", 1.0)):
                server_cpu, client_cpu = _cpu(memory.process), time.process_time()
                results[name] = run = asyncio.run(load(base_url, urls, clients, seconds, pause))
                server_used = _cpu(memory.process) - server_cpu
                run["server_cpu_ms_per_request"] = round(server_used * 1000 / run["requests"], 1)
                run["server_cores_busy"] = round(server_used / run["seconds"], 2)
                run["client_cores_busy"] = round(
                    (time.process_time() - client_cpu) / run["seconds"], 2
                )
                if name == "closed loop":
                    after_closed = len(memory.samples)
        samples = memory.samples
        mb = [round(s / 2**20) for s in samples]
        results["server_rss_mb"] = {
            "first": mb[0] if mb else None, "end_of_closed_loop": mb[after_closed - 1] if mb else None,
            "last": mb[-1] if mb else None, "max": max(mb) if mb else None,
        }  # fmt: skip
        return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--shards", type=Path, help="shards of NewsArticles.zip (make bench-scale)")
    source.add_argument("--base", type=Path, help="a database of NewsArticles.zip")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--search-articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"machine": f"{platform.machine()}, {psutil.cpu_count()} cores, "
                              f"{round(psutil.virtual_memory().total / 2**30)} GiB, Python "
                              f"{platform.python_version()}"}  # fmt: skip
    base = base_store(args, args.out)
    with Store(base, read_only=True) as store:
        counts = store.counts()
    per_article = counts["events"] / counts["articles"]
    search_db = args.out / "search.duckdb"
    result["search_store"] = grown(base, search_db, int(args.search_articles * per_article) + 1)
    with running_server(search_db) as url:
        result["search"] = search_latency(url)
    print(json.dumps(result, indent=2), flush=True)
    big = args.out / "big.duckdb"
    result["big_store"] = grown(base, big, args.events)
    urls = workload(big)
    result["load"] = serve_run(big, urls, args.clients, args.seconds)
    (args.out / "result.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
