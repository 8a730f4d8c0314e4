"""Coreference and clustering metrics as the CoNLL reference scorer defines them.

Clusters are sets of mention ids; key and response may hold different mentions (end to end):
a key mention the response lacks counts as missed, a response mention with no key as spurious.

- MUC (Vilain et al. 1995): links. Recall = sum(|K| - |partitions of K by the response|) /
  sum(|K| - 1); precision the same with the roles swapped. Singletons carry no links.
- B-cubed (Bagga & Baldwin 1998), as the reference scorer computes it: recall =
  sum over key clusters K and response clusters R of |K & R|^2 / |K|, over the key mentions;
  precision symmetric over the response mentions.
- CEAF-e (Luo 2005): the best one-to-one alignment of key and response entities under
  phi4(K, R) = 2 |K & R| / (|K| + |R|); recall = total / |key entities|, precision = total /
  |response entities|.
- CoNLL F1 = the mean of the three F1s (Pradhan et al. 2014).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

Clusters = Sequence[frozenset[Hashable]]


def clusters_of(assignment: Mapping[Hashable, Hashable]) -> list[frozenset[Hashable]]:
    """Mention -> cluster label, as a list of clusters."""
    groups: dict[Hashable, set[Hashable]] = {}
    for mention, label in assignment.items():
        groups.setdefault(label, set()).add(mention)
    return [frozenset(g) for g in groups.values()]


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> dict[str, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _index(clusters: Clusters) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    where = _index(response)
    num = den = 0.0
    for cluster in key:
        parts = {where.get(m, ("missing", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num, den


def muc(key: Clusters, response: Clusters) -> dict[str, float]:
    r_num, r_den = _muc_side(key, response)
    p_num, p_den = _muc_side(response, key)
    return _prf(p_num, p_den, r_num, r_den)


def _b3_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    where = _index(response)
    num = 0.0
    for cluster in key:
        overlaps: dict[int, int] = {}
        for m in cluster:
            if m in where:
                overlaps[where[m]] = overlaps.get(where[m], 0) + 1
        num += sum(n * n for n in overlaps.values()) / len(cluster)
    return num, float(sum(len(c) for c in key))


def b_cubed(key: Clusters, response: Clusters) -> dict[str, float]:
    r_num, r_den = _b3_side(key, response)
    p_num, p_den = _b3_side(response, key)
    return _prf(p_num, p_den, r_num, r_den)


def ceaf_e(key: Clusters, response: Clusters) -> dict[str, float]:
    from scipy.optimize import linear_sum_assignment  # a dependency of spaCy's thinc

    key = [c for c in key if c]
    response = [c for c in response if c]
    if not key or not response:
        return _prf(0.0, len(response), 0.0, len(key))
    where = _index(response)
    scores: dict[tuple[int, int], float] = {}
    for i, cluster in enumerate(key):  # only overlapping pairs score above zero
        for j in {where[m] for m in cluster if m in where}:
            common = len(cluster & response[j])
            scores[(i, j)] = 2 * common / (len(cluster) + len(response[j]))
    rows = sorted({i for i, _ in scores})
    cols = sorted({j for _, j in scores})
    if not rows:
        return _prf(0.0, len(response), 0.0, len(key))
    r_at = {i: n for n, i in enumerate(rows)}
    c_at = {j: n for n, j in enumerate(cols)}
    matrix = [[0.0] * len(cols) for _ in rows]
    for (i, j), score in scores.items():
        matrix[r_at[i]][c_at[j]] = -score
    chosen_rows, chosen_cols = linear_sum_assignment(matrix)
    total = -sum(matrix[r][c] for r, c in zip(chosen_rows, chosen_cols, strict=True))
    return _prf(total, len(response), total, len(key))


def conll(key: Clusters, response: Clusters) -> dict[str, object]:
    """MUC, B-cubed and CEAF-e, and their mean F1."""
    parts = {"muc": muc(key, response), "b3": b_cubed(key, response),
             "ceaf_e": ceaf_e(key, response)}  # fmt: skip
    f1 = sum(p["f1"] for p in parts.values()) / 3
    return {"conll_f1": round(f1, 4), **parts}


def restrict(
    clusters: Iterable[frozenset[Hashable]], keep: set[Hashable]
) -> list[frozenset[Hashable]]:
    """The clusters with only the mentions in ``keep`` (empty ones dropped)."""
    out = [frozenset(c & keep) for c in clusters]
    return [c for c in out if c]
