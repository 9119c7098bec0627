"""The serving benchmark's report, written whole from a run's results (bench/scenario.py) and its context."""

import statistics

from mix import SHARES

FLAT_MEMORY = 1.05  # a worker is "flat" when it ends the last repetition within 5% of the first's end


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def spread(values, fmt="{:.0f}", unit="") -> str:
    """`median (min–max)` over the repetitions; a single value as it is."""
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    if len(values) == 1:
        return fmt.format(values[0]) + unit
    return f"{fmt.format(median(values))}{unit} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def pct(value) -> str:
    return "–" if value is None else f"{value * 100:.1f}%"


def verdict(met) -> str:
    return "not measured" if met is None else ("met" if met else "**missed**")


def write(results: list[dict], context: dict, options) -> str:
    lines = header(context, options)
    lines += targets(results)
    for r in results:
        lines += scenario(r)
    lines += scaling(results)
    return "\n".join(lines) + "\n"


def header(context: dict, o) -> list[str]:
    shares = ", ".join(f"{kind} {share}%" for kind, share in SHARES.items())
    return [
        "# Serving benchmark", "",
        f"Written by `bench/serve.py` at {context['finished']} (UTC), in {context['minutes']:.0f} minutes: "
        f"`{context['command']}`.", "",
        f"- **Commit measured:** `{context['commit']}` on `{context['branch']}`, \"{context['subject']}\""
        + (" **with uncommitted changes**" if context["dirty"] else "") + ".",
        f"- **Machine:** {context['cpu']}, {context['cores']} cores, {context['memory_gb']:.0f} GB; "
        f"{context['os']}, Linux {context['kernel']}.",
        f"- **Software:** {context['versions']}.",
        f"- **Load average** (1 minute) when the run began and ended: {context['load_start']:.2f} and "
        f"{context['load_end']:.2f}. Anything else running shares the cores; compare runs made on a quiet machine.",
        "",
        "## How it was measured", "",
        "- **Stories** (`bench/stories.py`), imported with `manage.py import_articles`: each a Japanese body of "
        "about 2,000 characters with three subheadings, an English original of about 5,000, a lead, four key "
        "points, impact analysis and editorial comment, three to five tags, a category, a source, three editors' "
        "picks, five figures (three photos or charts and two videos, on a pool of "
        "32 JPEG and PNG files made with Pillow, stored once with their renditions), corrections on one story in "
        "eight; forty a day, the newest minutes old.",
        f"- **Readers** (`bench/mix.py`, `bench/mix.lua`): wrk with {o.connections} connections, one per thread, "
        "each request drawn from a weighted list of thousands of URLs. Share of requests per page type: "
        f"{shares} (English: its home and the 500 newest stories, when the site has English URLs of its own). "
        "Within a type, Zipf: the URL of rank r gets weight ∝ 1/r (newest stories, most used tags, "
        "most recent days first; the 2,500 newest stories plus 500 spread over the rest of the archive). "
        "Latency is per request, from request() to response() in wrk's script (one request in flight per "
        "connection); p50 and p99 are nearest-rank over every request of the run; req/s is requests over the "
        "run's duration. \"wrk's p99, corrected\" is wrk's own figure, which adds the requests a connection would "
        "have sent while it waited for a slow answer (its correction for coordinated omission): what readers "
        "arriving at a steady pace would meet. Statuses are counted per page type; a hit is a response whose "
        "`X-Varnish` names two transactions.",
        f"- **Editors** (`bench/editors.py`), in a process of their own during every run through Varnish: "
        f"{o.editors} editors, each saving on average every {o.editor_interval:g} s (exponential gaps: "
        f"{o.editors / o.editor_interval:.1f} saves/s in all) through `articles.stories.save_story` as an "
        "Editor: 70% body edits, 20% retitles, 10% new stories published, on the 50 newest stories. After each "
        "edit its page is requested through Varnish every 20 ms until the change shows.",
        f"- **Runs:** {o.repeat} repetition{'s' if o.repeat != 1 else ''} of {o.duration:g} s each. "
        "*Through Varnish*: `scripts/varnish.sh` (deploy/varnish.vcl) in front of gunicorn "
        "(deploy/gunicorn.conf.py, 2 sync workers, production "
        f"settings on plain HTTP, app cache: {'Redis' if o.app_cache == 'redis' else 'none (dummycache)'}, "
        "purges to Varnish), every URL of the mix requested once before the first repetition (a Varnish that has "
        "been up for hours). *gunicorn alone*: the same gunicorn with `CACHE_URL=dummycache://` and the page "
        "cache off, every request rendered; the mix, and the article pages alone. *nginx*: every page of the "
        "mix as Varnish answered it after the runs, saved as a file, requested with the same weights (the "
        "ceiling: the same bytes with nothing to decide). CPU per process group from /proc; wrk's own from its rusage. "
        "Worker processes are not recycled during a run (GUNICORN_MAX_REQUESTS=0).",
        "- **In-process**: each page type's most requested URL (for the article, the newest story with "
        "corrections) through Django's test client with nothing cached: queries counted, median of 60 "
        "requests (fewer, at least 5, for a page slower than half a second); the article page profiled with "
        "cProfile over 30.",
        "",
    ]


def headline(r: dict) -> dict:
    edge, miss, static = r["edge"]["runs"], r["miss"], r["static"]["runs"]
    during = [t for run in edge for t in run["editors"].get("visible_after", [])]
    never = sum(run["editors"].get("never_visible", 0) for run in edge)
    probes = r["edge"]["probes"]
    return {
        "miss_rate": [run["rate"] for run in miss["articles"]],
        "queries": r["inprocess"]["pages"]["article"]["queries"],
        "hits": [run["varnish"]["hit_ratio"] for run in edge],
        "p99": [run["p99_ms"] for run in edge],
        "p99_corrected": [run["wrk_p99_ms"] for run in edge],
        "of_static": median([run["rate"] for run in edge]) / median([run["rate"] for run in static]),
        "visible_quiet": [p["visible_after"] for p in probes],
        "visible_during": during, "never_visible": never,
        "unrelated": [all(p["hit_after"].values()) for p in probes],
        "memory": memory_flat(r),
    }


def memory_flat(r: dict) -> bool:
    """Each worker ends the last repetition within FLAT_MEMORY of where it ended the first.

    What a worker gains during the first repetition is its warming up (templates compiled, translations
    and URL patterns loaded, the database driver's caches filled); a leak keeps growing after it.
    """
    for phase in (r["miss"], r["edge"]):
        first, last = phase["memory"][1], phase["memory"][-1]
        if set(first) != set(last) or any(last[pid] > first[pid] * FLAT_MEMORY for pid in first):
            return False
    return True


def targets(results: list[dict]) -> list[str]:
    rows = ["## Against the targets", "", "Each value: median of the repetitions (lowest–highest).", "",
            "| target | run | measured | |", "|---|---|---|---|"]
    for r in results:
        h, name = headline(r), f"{r['database']} {r['n']:,}"
        visible = [v for v in h["visible_quiet"] if v is not None]
        quiet_ok = len(visible) == len(h["visible_quiet"]) and max(visible, default=99) < 1
        during = h["visible_during"]
        during_ok = not h["never_visible"] and (max(during) < 1 if during else None)
        rows += [
            f"| real story page, every request a miss: ≥300 req/s | {name} | {spread(h['miss_rate'])} req/s | "
            f"{verdict(median(h['miss_rate']) >= 300)} |",
            f"| … and ≤5 queries | {name} | {h['queries']} | {verdict(h['queries'] <= 5)} |",
            f"| through Varnish, editors saving: ≥90% hits | {name} | "
            f"{spread([x * 100 for x in h['hits']], '{:.1f}', '%')} | "
            f"{verdict(median(h['hits']) >= 0.9)} |",
            f"| … p99 under 20 ms | {name} | {spread(h['p99'], '{:.1f}', ' ms')} (wrk's, corrected: "
            f"{spread(h['p99_corrected'], '{:.1f}', ' ms')}) | {verdict(median(h['p99']) < 20)} |",
            f"| … ≥50% of nginx serving the same pages as files | {name} | {h['of_static'] * 100:.0f}% | "
            f"{verdict(h['of_static'] >= 0.5)} |",
            f"| an edit visible through Varnish within 1 s (quiet) | {name} | "
            f"{', '.join('never' if v is None else f'{v * 1000:.0f} ms' for v in h['visible_quiet'])} | "
            f"{verdict(quiet_ok)} |",
            f"| … while the editors save and readers read | {name} | "
            + (f"{len(during)} edits: p50 {statistics.median(during) * 1000:.0f} ms, max {max(during) * 1000:.0f} ms"
               if during else "no edit watched")
            + (f", {h['never_visible']} not within 5 s" if h["never_visible"] else "")
            + f" | {verdict(during_ok)} |",
            f"| an unrelated page still a hit after an edit | {name} | {sum(h['unrelated'])} of "
            f"{len(h['unrelated'])} trials | {verdict(all(h['unrelated']))} |",
            f"| worker memory flat | {name} | {memory_text(r)} | {verdict(h['memory'])} |",
        ]
    for r in results:
        if r["n"] >= 100_000:
            seconds = r["import"]["seconds"]
            rows.append(f"| import of {r['n']:,} stories within 5 minutes | {r['database']} | "
                        f"{seconds / 60:.1f} min | {verdict(seconds <= 300)} |")
    for database, small, large in pairs(results):
        ratios = size_ratios(small, large)
        worst = max(ratios, key=lambda kind: ratios[kind][0])
        rows.append(
            f"| {large['n']:,} within 1.5× of {small['n']:,} on every page type | {database} | "
            f"worst in-process: {worst} {ratios[worst][0]:.2f}×"
            + "".join(f"; {k} {v[0]:.2f}×" for k, v in ratios.items() if v[0] > 1.5 and k != worst)
            + f" | {verdict(all(v[0] <= 1.5 for v in ratios.values()))} |"
        )
    return rows + [""]


def memory_text(r: dict) -> str:
    """Per worker: its RSS after the warm-up, then after each repetition."""
    parts = []
    for label, phase in (("misses", r["miss"]), ("Varnish", r["edge"])):
        snapshots = phase["memory"]
        parts.append(f"{label}: " + ", ".join(
            "→".join(f"{snapshot.get(pid, float('nan')):.0f}" for snapshot in snapshots) + " MB" for pid in snapshots[0]
        ))
    return "; ".join(parts)


def pairs(results: list[dict]):
    by_db: dict[str, list[dict]] = {}
    for r in results:
        by_db.setdefault(r["database"], []).append(r)
    for database, runs in by_db.items():
        if len(runs) >= 2:
            runs = sorted(runs, key=lambda r: r["n"])
            yield database, runs[0], runs[-1]


def size_ratios(small: dict, large: dict) -> dict[str, tuple[float, float | None]]:
    """Per page type: (in-process median render, miss-run p50) at the larger size over the smaller."""
    ratios = {}
    for kind, page in large["inprocess"]["pages"].items():
        base = small["inprocess"]["pages"].get(kind)
        if not base:
            continue
        big_p50 = median([run["types"].get(kind, {}).get("p50_ms") for run in large["miss"]["mix"]])
        small_p50 = median([run["types"].get(kind, {}).get("p50_ms") for run in small["miss"]["mix"]])
        ratios[kind] = (page["median_ms"] / base["median_ms"], big_p50 / small_p50 if big_p50 and small_p50 else None)
    return ratios


def run_rows(runs: list[dict], *, edge: bool = False) -> list[str]:
    head = "| repetition | req/s | p50 | p99 | wrk's p99, corrected | not 2xx/3xx | socket errors | wrk's CPU |"
    if edge:
        head += " hits (varnishstat) | hits (X-Varnish) | editors' saves |"
    rows = [head, "|" + "---|" * (head.count("|") - 1)]
    for i, run in enumerate(runs, start=1):
        errors = sum(run["errors"].values())
        row = (f"| {i} | {run['rate']:.0f} | {run['p50_ms']:.2f} ms | {run['p99_ms']:.2f} ms | "
               f"{run['wrk_p99_ms']:.2f} ms | {run['bad_statuses']} | {errors} | {run['wrk_cpu_share'] * 100:.0f}% |")
        if edge:
            row += (f" {pct(run['varnish']['hit_ratio'])} | {pct(run['hits'] / run['requests'])} | "
                    f"{run['editors']['saves']} |")
        rows.append(row)
    return rows


def type_rows(runs: list[dict], *, edge: bool = False) -> list[str]:
    kinds = sorted({kind for run in runs for kind in run["types"]}, key=lambda k: list(SHARES).index(k)
                   if k in SHARES else 99)
    head = "| page type | share | req/s | p50 | p99 | statuses |" + (" hits |" if edge else "")
    rows = [head, "|" + "---|" * (head.count("|") - 1)]
    for kind in kinds:
        t = [run["types"][kind] for run in runs if kind in run["types"]]
        total = sum(x["requests"] for x in t)
        statuses = {}
        for x in t:
            for code, count in x["statuses"].items():
                statuses[code] = statuses.get(code, 0) + count
        share = total / sum(run["requests"] for run in runs) * 100
        row = (f"| {kind} | {share:.1f}% | {spread([x['rate'] for x in t])} | "
               f"{spread([x['p50_ms'] for x in t], '{:.2f}', ' ms')} | "
               f"{spread([x['p99_ms'] for x in t], '{:.2f}', ' ms')} | "
               + statuses_text(statuses) + " |")
        if edge:
            row += f" {sum(x['hits'] for x in t) / total * 100:.1f}% |"
        rows.append(row)
    return rows


def cores(runs: list[dict], duration_cores: float) -> str:
    names = sorted({name for run in runs for name in run["cpu_seconds"]})
    parts = []
    for name in names:
        share = median([run["cpu_seconds"].get(name, 0) / (run["seconds"] * duration_cores) for run in runs])
        parts.append(f"{name} {share * 100:.0f}%")
    used = median([sum(run["cpu_seconds"].values()) / (run["seconds"] * duration_cores) for run in runs])
    return ", ".join(parts) + (f"; the rest (the database, Redis, idle, and anything else on the machine) "
                               f"{max(0, 1 - used) * 100:.0f}%")


def scenario(r: dict) -> list[str]:
    from load import CORES

    edge, miss, static, inproc = r["edge"], r["miss"], r["static"], r["inprocess"]
    imported = r["import"]
    lines = [
        f"## {r['database']}, {r['n']:,} stories", "",
        f"Import: {imported['seconds']:.1f} s ({r['n'] / imported['seconds']:,.0f} stories/s; "
        f"{imported.get('files', 1)} file{'s' if imported.get('files', 1) != 1 else ''} of "
        f"{imported['bytes'] / 1e6:,.0f} MB in all, the import's peak memory {imported['peak_mb']:,.0f} MB"
        + (f"; measured when the database was loaded, {imported['when']}, load average {imported['load']:.1f}, "
           "and restored for these runs" if imported.get("restored") else "") + "). "
        f"The mix: {r['mix']['urls']:,} URLs ("
        + ", ".join(f"{kind} {count:,}" for kind, count in r["mix"]["by_type"].items()) + ").", "",
        "### Through Varnish, while the editors save", "",
        *run_rows(edge["runs"], edge=True), "",
        "Per page type, all repetitions:", "",
        *type_rows(edge["runs"], edge=True), "",
        f"Where the {CORES} cores went (median share of the run): {cores(edge['runs'], CORES)}.", "",
        "Each connection waits for its answer before it asks again, so an answer Varnish had to fetch holds its "
        "connection meanwhile: " + "; ".join(
            f"{run['misses']:,} such answers, {run['miss_seconds'] * 1000 / max(1, run['misses']):.0f} ms each on "
            f"average, holding the connections {held(run) * 100:.0f}% of the time" for run in edge["runs"]) + ".", "",
    ]
    lines += editors(edge["runs"])
    counters: dict[str, int] = {}
    for run in edge["runs"]:
        for name, value in run["varnish"]["counters"].items():
            counters[name] = counters.get(name, 0) + value
    from edge import COUNTERS

    lines += ["Varnish's counters over the repetitions: "
              + "; ".join(f"{COUNTERS[name]} {value:,}" for name, value in counters.items()) + ".", "",
              "Before the first repetition every URL of the mix was requested once: "
              + statuses_text(edge["warm_statuses"]) + ".", "",
              "With no one else writing (`bench/probes.py`): an edit of one story's body, then that story's page "
              "polled through Varnish, and two pages that do not show its body requested again:", "",
              "| edited | visible after | hits before | hits after |", "|---|---|---|---|"]
    for p in edge["probes"]:
        shown = "never (5 s)" if p["visible_after"] is None else f"{p['visible_after'] * 1000:.0f} ms"
        lines.append(f"| {p['edited'][:40]}… | {shown} | {hit_text(p['hit_before'])} | {hit_text(p['hit_after'])} |")
    lines += ["", "### gunicorn alone, every request a miss", "", "The mix:", "", *run_rows(miss["mix"]), "",
              *type_rows(miss["mix"]), "", "Article pages only (Zipf over the stories):", "",
              *run_rows(miss["articles"]), "",
              f"Where the {CORES} cores went (the mix): {cores(miss['mix'], CORES)}.", "",
              f"### nginx serving the mix's pages as files ({static['files']:,} files, "
              f"{static['bytes'] / 1e6:,.1f} MB; saved: {statuses_text(static['statuses'])})", "",
              *run_rows(static["runs"]), "",
              "Bytes per answer, headers included (wrk's count over the requests): through Varnish "
              + ", ".join(f"{run['bytes'] / run['requests']:,.0f}" for run in edge["runs"]) + "; nginx "
              + ", ".join(f"{run['bytes'] / run['requests']:,.0f}" for run in static["runs"]) + ".", "",
              f"Where the {CORES} cores went (nginx): {cores(static['runs'], CORES)}.", "", "### In-process, nothing cached", "",
              "| page type | URL | status | queries | median | fastest |", "|---|---|---|---|---|---|"]
    for kind, page in inproc["pages"].items():
        lines.append(f"| {kind} | `{page['url'][:70]}` | {page['status']} | {page['queries']} | "
                     f"{page['median_ms']:.1f} ms | {page['min_ms']:.1f} ms |")
    prof = inproc["profile"]
    lines += ["", f"Where the article page's time goes (cProfile, {prof['requests']} requests, "
              f"{prof['ms_per_request']:.1f} ms each under the profiler, which inflates Python code): "
              + "; ".join(f"{name} {share:.0f}%" for name, share in prof["shares"].items()) + ".", "",
              "| function (most own time) | calls a request | own | with callees |", "|---|---|---|---|"]
    for f in prof["top"]:
        lines.append(f"| `{f['where'][:90]}` | {f['calls']:.0f} | {f['own_ms']:.2f} ms | {f['cumulative_ms']:.2f} ms |")
    lines += ["", f"Worker memory (RSS after the warm-up, then after each repetition): {memory_text(r)}.", ""]
    return lines


def editors(runs: list[dict]) -> list[str]:
    saves = [run["editors"] for run in runs]
    counts: dict[str, int] = {}
    for e in saves:
        for kind, n in e["counts"].items():
            counts[kind] = counts.get(kind, 0) + n
    durations = [t * 1000 for e in saves for t in e["save_seconds"]]
    visible = [t * 1000 for e in saves for t in e.get("visible_after", [])]
    from load import percentile

    text = (f"Editors' saves per repetition: {', '.join(str(e['saves']) for e in saves)} "
            f"({', '.join(f'{k} {v}' for k, v in counts.items())} in all)")
    if durations:
        text += f"; a save took p50 {percentile(durations, 50):.0f} ms, p99 {percentile(durations, 99):.0f} ms"
    if visible:
        text += (f"; an edit showed through Varnish after p50 {percentile(visible, 50):.0f} ms, "
                 f"p99 {percentile(visible, 99):.0f} ms, at most {max(visible):.0f} ms")
    never = sum(e.get("never_visible", 0) for e in saves)
    superseded = sum(e.get("superseded", 0) for e in saves)
    return [text + (f"; {never} edits did not show within 5 s" if never else "")
            + (f"; {superseded} edits were replaced by another editor's edit of the same story before they showed "
               "(not timed: their text was gone)" if superseded else "") + ".", ""]


def statuses_text(statuses: dict) -> str:
    ordered = sorted(statuses.items(), key=lambda kv: int(kv[0]))
    return ", ".join(f"{'no answer' if str(code) == '0' else code}: {n:,}" for code, n in ordered)


def hit_text(pages: dict) -> str:
    return ", ".join(f"{name}: {'hit' if hit else 'miss'}" for name, hit in pages.items())


def held(run: dict) -> float:
    """The share of the connections' time spent waiting for answers Varnish had to fetch."""
    return run["miss_seconds"] / (run["seconds"] * run["connections"])


def scaling(results: list[dict]) -> list[str]:
    lines = []
    for database, small, large in pairs(results):
        lines += [f"## {database}: {large['n']:,} stories against {small['n']:,}", "",
                  "| page type | in-process median | ratio | p50 of misses (mix) | ratio |", "|---|---|---|---|---|"]
        for kind, (ratio, miss_ratio) in size_ratios(small, large).items():
            a, b = small["inprocess"]["pages"][kind]["median_ms"], large["inprocess"]["pages"][kind]["median_ms"]
            p_small = median([run["types"].get(kind, {}).get("p50_ms") for run in small["miss"]["mix"]])
            p_large = median([run["types"].get(kind, {}).get("p50_ms") for run in large["miss"]["mix"]])
            lines.append(f"| {kind} | {a:.1f} → {b:.1f} ms | {ratio:.2f}× | "
                         + (f"{p_small:.1f} → {p_large:.1f} ms | {miss_ratio:.2f}× |" if miss_ratio else "– | – |"))
        lines.append("")
    return lines
