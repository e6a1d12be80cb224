#!/usr/bin/env python3
"""Writes the expected figures of each metrics case, computed independently of
the C++ code with Python's standard library only (statistics, math), from the
definitions in docs/backtest-metrics.md. Run it after editing a case's inputs:
    python3 tests/backtest/metrics_cases/generate.py
Each case file keeps its inputs; "expected" is overwritten."""
import json
import math
import pathlib
from statistics import NormalDist, mean, stdev

N = 252.0


def returns(values):
    return [values[i] / values[i - 1] - 1 for i in range(1, len(values))]


def ratio(xs):
    s = stdev(xs) if len(xs) > 1 else 0.0
    return mean(xs) / s * math.sqrt(N) if s > 1e-12 else 0.0


def max_drawdown(values):
    peak, worst = -math.inf, 0.0
    for v in values:
        peak = max(peak, v)
        worst = min(worst, v / peak - 1)
    return worst


def qlib(rs):
    cum, peak, worst = 0.0, -math.inf, 0.0
    for r in rs:
        cum += r
        peak = max(peak, cum)
        worst = min(worst, cum - peak)
    return {"annualized_return": mean(rs) * N, "information_ratio": ratio(rs), "max_drawdown": worst}


def stats(values):
    r = returns(values)
    total = values[-1] / values[0] - 1
    ann = (1 + total) ** (N / len(r)) - 1
    down = math.sqrt(sum(min(x, 0) ** 2 for x in r) / len(r))
    mdd = max_drawdown(values)
    return {
        "total_return": total,
        "annualised_return": ann,
        "volatility": stdev(r) * math.sqrt(N),
        "sharpe": ratio(r),
        "sortino": mean(r) / down * math.sqrt(N) if down > 1e-12 else 0.0,
        "max_drawdown": mdd,
        "calmar": ann / abs(mdd) if mdd < 0 else 0.0,
    }


def expected(case):
    nav, spy = case["nav"], case["spy"]
    r, rs = returns(nav), returns(spy)
    ex = [a - b for a, b in zip(r, rs)]
    n = len(r)
    m = mean(r)
    m2 = sum((x - m) ** 2 for x in r) / n
    m3 = sum((x - m) ** 3 for x in r) / n
    m4 = sum((x - m) ** 4 for x in r) / n
    skew, kurt = m3 / m2 ** 1.5, m4 / m2 ** 2
    sr = ratio(r) / math.sqrt(N)
    psr = NormalDist().cdf(sr * math.sqrt(n - 1) / math.sqrt(1 - skew * sr + (kurt - 1) / 4 * sr * sr))
    ms = mean(rs)
    beta = sum((a - m) * (b - ms) for a, b in zip(r, rs)) / sum((b - ms) ** 2 for b in rs)
    return {
        "portfolio": stats(nav),
        "spy": stats(spy),
        "alpha": stats(nav)["total_return"] - stats(spy)["total_return"],
        "information_ratio": ratio(ex),
        "tracking_error": stdev(ex) * math.sqrt(N),
        "beta": beta,
        "skewness": skew,
        "kurtosis": kurt,
        "probabilistic_sharpe": psr,
        "qlib_portfolio": qlib(r),
        "qlib_excess": qlib(ex),
    }


for path in sorted(pathlib.Path(__file__).parent.glob("*.json")):
    case = json.loads(path.read_text())
    case["expected"] = expected(case)
    path.write_text(json.dumps(case, indent=2) + "\n")
    print("wrote", path.name)
