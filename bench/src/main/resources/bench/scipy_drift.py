#!/usr/bin/env python3
"""The scipy/numpy path of `driftline bench drift`: the same window drift metrics, computed the way a Python
batch monitor would (full samples): KS two-sample test, decile-binned PSI / Jensen-Shannon / Hellinger, and the
1-Wasserstein distance, for every feature. Reads float64 little-endian matrices written by the benchmark
(row-major, `features` columns) and prints one JSON line with the elapsed seconds of the metric computation
(file loading excluded, as the Java side's profiling is excluded)."""
import json
import sys
import time

import numpy as np
from scipy import stats
from scipy.spatial import distance


def window_drift(ref, cur):
    ks = stats.ks_2samp(ref, cur, method="asymp")
    edges = np.unique(np.quantile(ref, np.linspace(0.1, 0.9, 9)))
    p = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=len(edges) + 1) / len(ref)
    q = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=len(edges) + 1) / len(cur)
    pe, qe = np.maximum(p, 1e-4), np.maximum(q, 1e-4)
    psi = float(np.sum((qe - pe) * np.log(qe / pe)))
    js = float(distance.jensenshannon(p, q, base=2))
    hel = float(np.sqrt(0.5 * np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)))
    w = float(stats.wasserstein_distance(ref, cur))
    return ks.statistic, ks.pvalue, psi, js, hel, w / np.std(ref, ddof=1)


def main():
    ref_path, cur_path, features = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ref = np.fromfile(ref_path, dtype="<f8").reshape(-1, features)
    cur = np.fromfile(cur_path, dtype="<f8").reshape(-1, features)
    start = time.perf_counter()
    results = [window_drift(ref[:, f], cur[:, f]) for f in range(features)]
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": elapsed, "features": features, "rows": int(cur.shape[0]),
                      "ks_first": float(results[0][0])}))


if __name__ == "__main__":
    main()
