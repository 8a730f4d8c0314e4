"""The pages' pictures as server-rendered SVG: a histogram over time, the world map of events
with clustered points, and an actor's interaction graph. Every text in them is escaped; they
carry no script and no style attribute (the Content-Security-Policy allows neither)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from dateline.web.geo import HEIGHT, WIDTH, country_paths, project


def histogram(buckets: Sequence[dict[str, Any]], link: dict[str, str] | None = None) -> Markup:
    """Bars of ``count`` per ``bucket`` (month or day), each with a tooltip and a link that
    narrows the explorer to it."""
    if not buckets:
        return Markup('<p class="empty">No dated events.</p>')
    buckets, left_out = _span(buckets)
    width, height, pad = 960, 560, 44
    top = max(b["count"] for b in buckets)
    step = (width - 2 * pad) / len(buckets)
    bar_width = min(48.0, max(1.0, step - 1))
    bars = []
    for i, b in enumerate(buckets):
        if not b["count"]:
            continue
        h = max(1.0, (height - 2 * pad) * b["count"] / top)
        x, y = pad + i * step + (step - 1 - bar_width) / 2, height - pad - h
        label = escape(f"{b['bucket']}: {b['count']} events")
        bar = (f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" '
               f'height="{h:.1f}"><title>{label}</title></rect>')  # fmt: skip
        if link is not None:
            since, until = _bucket_range(str(b["bucket"]))
            href = "/events?" + urlencode({**link, "since": since, "until": until})
            bar = f'<a href="{escape(href)}">{bar}</a>'
        bars.append(bar)
    first, last = str(buckets[0]["bucket"]), str(buckets[-1]["bucket"])
    return Markup(
        f'<svg class="histogram" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="events over time">{"".join(bars)}'
        f'<text x="{pad}" y="{height - 10}" class="axis">{escape(first)}</text>'
        f'<text x="{width - pad}" y="{height - 10}" class="axis end">{escape(last)}</text>'
        f'<text x="{pad}" y="28" class="axis">{top:,} a {"day" if len(first) == 10 else "month"} at most</text>'
        + (f'<text x="{width - pad}" y="28" class="axis end">{left_out:,} outside this range</text>'
           if left_out else "")
        + "</svg>"
    )  # fmt: skip


def _span(buckets: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The buckets without the earliest and latest 1% of the events (stray historical dates
    would stretch the axis over centuries), every month (or day) between them filled in."""
    total = sum(b["count"] for b in buckets)
    ordered = sorted(buckets, key=lambda b: str(b["bucket"]))
    low, high, seen = 0, len(ordered) - 1, 0
    while low < high and seen + ordered[low]["count"] <= total * 0.01:
        seen += ordered[low]["count"]
        low += 1
    while high > low and seen + ordered[high]["count"] <= total * 0.02:
        seen += ordered[high]["count"]
        high -= 1
    kept = ordered[low : high + 1]
    counts = {str(b["bucket"]): b["count"] for b in kept}
    names = _every(str(kept[0]["bucket"]), str(kept[-1]["bucket"]))
    if names is None or len(names) > 2000:
        return kept, seen
    return [{"bucket": n, "count": counts.get(n, 0)} for n in names], seen


def _every(first: str, last: str) -> list[str] | None:
    """Every month (YYYY-MM) or day from first to last; None for other buckets."""
    try:
        if len(first) == 7 and len(last) == 7:
            y, m = int(first[:4]), int(first[5:])
            out = []
            while f"{y:04d}-{m:02d}" <= last:
                out.append(f"{y:04d}-{m:02d}")
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            return out
        if len(first) == 10 and len(last) == 10:
            day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
            return [(day + dt.timedelta(days=i)).isoformat() for i in range((end - day).days + 1)]
    except ValueError:
        return None
    return None


def _bucket_range(bucket: str) -> tuple[str, str]:
    if len(bucket) == 7:
        return f"{bucket}-01", f"{bucket}-31"
    return bucket, bucket


def world_map(points: Sequence[dict[str, Any]], link: dict[str, str] | None = None) -> Markup:
    """Countries and a circle per cluster of events (area by count), linked to its place."""
    shapes = "".join(
        f'<path class="country" d="{d}"><title>{escape(name)}</title></path>'
        for name, d in country_paths()
    )
    top = max((p["count"] for p in points), default=1)
    circles = []
    for p in sorted(points, key=lambda p: -p["count"]):
        x, y = project(p["longitude"], p["latitude"])
        r = 3 + 14 * math.sqrt(p["count"] / top)
        more = f" and {p['places'] - 1} more places" if p["places"] > 1 else ""
        title = escape(f"{p['place']}{more}: {p['count']} events")
        circle = (f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
                  f'data-count="{p["count"]}"><title>{title}</title></circle>')  # fmt: skip
        if link is not None and p["place"]:
            href = "/events?" + urlencode({**link, "place": p["place"]})
            circle = f'<a href="{escape(href)}">{circle}</a>'
        circles.append(circle)
    return Markup(
        f'<svg class="map" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" role="img" '
        f'aria-label="where the events happened"><rect class="sea" width="{WIDTH:.0f}" '
        f'height="{HEIGHT:.0f}"/>{shapes}{"".join(circles)}</svg>'
    )


def partner_graph(name: str, partners: Sequence[dict[str, Any]]) -> Markup:
    """The actor in the middle, its partners around it; a line's width is their number of
    events, blue when the actor acts on the partner, orange when the partner acts on it, both
    when both."""
    if not partners:
        return Markup('<p class="empty">No interactions recorded.</p>')
    size, cx, cy, radius = 560, 280, 250, 170
    top = max(p["n"] for p in partners)
    edges, nodes = [], []
    for i, p in enumerate(partners):
        angle = 2 * math.pi * i / len(partners) - math.pi / 2
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        kind = "both" if p["outgoing"] and p["incoming"] else "out" if p["outgoing"] else "in"
        width = 1 + 6 * p["n"] / top
        tip = escape(f"{name} → {p['partner']}: {p['outgoing']}; "
                     f"{p['partner']} → {name}: {p['incoming']}")  # fmt: skip
        edges.append(f'<line class="edge {kind}" x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" '
                     f'stroke-width="{width:.1f}"><title>{tip}</title></line>')  # fmt: skip
        side = abs(x - cx) > radius * 0.3
        anchor = ("start" if x > cx else "end") if side else "middle"
        dx = 10 if anchor == "start" else -10 if anchor == "end" else 0
        dy = 4 if side else (-12 if y < cy else 22)
        href = escape("/actors/" + quote(str(p["partner"]), safe=""))
        nodes.append(
            f'<a href="{href}"><circle class="node" cx="{x:.1f}" cy="{y:.1f}" r="7"/>'
            f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">'
            f"{escape(_short(str(p['partner'])))}</text></a>"
        )
    centre = (f'<circle class="node me" cx="{cx}" cy="{cy}" r="11"/>'
              f'<text x="{cx}" y="{cy + 28}" text-anchor="middle" class="me">'
              f"{escape(_short(name))}</text>")  # fmt: skip
    return Markup(
        f'<svg class="graph" viewBox="0 0 {size} {size - 40}" role="img" '
        f'aria-label="whom the actor deals with">{"".join(edges)}{centre}{"".join(nodes)}</svg>'
    )


def _short(text: str, most: int = 28) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
