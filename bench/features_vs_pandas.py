#!/usr/bin/python3
"""The reference features for every constituent of a bar store, computed with
pandas (per ticker, the way the reference system did), timed and compared with
the C++ FeatureEngine measured by features_bench in the same run.

usage: features_vs_pandas.py MARKET_DIR AE_BINARY CPP_BENCH_JSON

Reads the store's .bin files directly (32-byte header, then 7 float64
columns: open high low close volume vwap factor), so the pandas side pays no
CSV parsing. Prints the timings and the ratio, then cross-checks every
feature against `ae features` on a few tickers (last 200 rows, where the
EWM seeding differences have decayed away).
"""
import io
import json
import math
import struct
import subprocess
import sys
import time

import numpy as np
import pandas as pd

FIELDS = ["open", "high", "low", "close", "volume", "vwap", "factor"]


def load_calendar_free_series(path):
    data = open(path, "rb").read()
    magic, fields, start, count, _ = struct.unpack_from("<8sIiQQ", data, 0)
    assert magic == b"AEBARS\x00\x01" and fields == 7, path
    cols = np.frombuffer(data, dtype="<f8", offset=32, count=7 * count).reshape(7, count)
    index = np.arange(start, start + count)
    frame = pd.DataFrame({name: cols[i] for i, name in enumerate(FIELDS)}, index=index)
    return frame[frame["close"].notna()]


def features(df, spy, sector):
    c, h, l, v = df["close"], df["high"], df["low"], df["volume"]
    out = {}
    d = c.diff()
    gain = d.clip(lower=0)
    loss = (-d).clip(lower=0)
    avg_gain = gain.ewm(alpha=1 / 14, adjust=False).mean()
    avg_loss = loss.ewm(alpha=1 / 14, adjust=False).mean()
    out["rsi_14"] = 100 - 100 / (1 + avg_gain / avg_loss)
    ema = {n: c.ewm(span=n, adjust=False).mean() for n in (12, 26, 50, 200)}
    macd = ema[12] - ema[26]
    signal = macd.ewm(span=9, adjust=False).mean()
    out["macd"], out["macd_signal"], out["macd_hist"] = macd, signal, macd - signal
    sma = {n: c.rolling(n).mean() for n in (12, 26, 50, 200)}
    for n in (12, 26, 50, 200):
        out[f"sma_{n}"] = sma[n]
    for n in (12, 26, 50, 200):
        out[f"ema_{n}"] = ema[n]
    out["price_vs_ma50"] = c / sma[50] - 1
    out["price_vs_ma200"] = c / sma[200] - 1
    for n in (5, 20, 60, 252):
        out[f"momentum_{n}d"] = c.pct_change(n)
    prev = c.shift(1)
    tr = pd.concat([h - l, (h - prev).abs(), (l - prev).abs()], axis=1).max(axis=1)
    tr.iloc[0] = np.nan
    atr = tr.ewm(alpha=1 / 14, adjust=False).mean()
    out["atr_14"] = atr
    out["atr_14_pct"] = atr / c
    r = c.pct_change()
    out["realized_vol_20d"] = r.rolling(20).std() * math.sqrt(252)
    out["realized_vol_60d"] = r.rolling(60).std() * math.sqrt(252)
    lr = np.log(c).diff()
    out["vol_ratio_10_60"] = lr.rolling(10).std() / lr.rolling(60).std()
    out["dist_from_52w_high"] = c / h.rolling(252).max() - 1
    out["dist_from_52w_low"] = c / l.rolling(252).min() - 1
    out["volume_ratio_20"] = v / v.rolling(20).mean()
    out["dist_from_vwap"] = c / df["vwap"] - 1
    spy_lr = np.log(spy.reindex(df.index)).diff()
    out["beta_60d"] = lr.rolling(60).cov(spy_lr) / spy_lr.rolling(60).var()
    if sector is not None:
        out["rel_return_sector_20d"] = c.pct_change(20) - sector.reindex(df.index).pct_change(20)
    else:
        out["rel_return_sector_20d"] = pd.Series(np.nan, index=df.index)
    return pd.DataFrame(out)


def main():
    market, ae_binary, cpp_json = sys.argv[1], sys.argv[2], sys.argv[3]
    universe = json.load(open(f"{market}/universe.json"))
    tickers = [(t["ticker"], t["sector_etf"]) for t in universe["tickers"]]
    frames = {t: load_calendar_free_series(f"{market}/bars/{t}.bin") for t, _ in tickers}
    macro = {m: load_calendar_free_series(f"{market}/bars/{m}.bin")["close"] for m in universe["macro"]}
    bars = sum(len(f) for f in frames.values())

    start, start_cpu = time.perf_counter(), time.process_time()
    results = {t: features(frames[t], macro["SPY"], macro.get(etf)) for t, etf in tickers}
    pandas_seconds = time.perf_counter() - start
    pandas_cpu = time.process_time() - start_cpu
    feature_count = len(next(iter(results.values())).columns)

    cpp = json.load(open(cpp_json))
    cpp = {b["name"]: b for b in cpp["benchmarks"] if b["name"].startswith("BM_ReferenceFeatures")}
    print(f"tickers {len(tickers)}, bars {bars}, features {feature_count}")
    print(f"pandas (per ticker, 1 thread): wall {pandas_seconds:8.3f} s   cpu {pandas_cpu:8.3f} s")
    for name, b in sorted(cpp.items()):
        wall, cpu = b["real_time"] / 1000, b["cpu_time"] / 1000
        line = f"C++ {name:32s} wall {wall:8.3f} s   wall ratio {pandas_seconds / wall:6.1f}x"
        if name.startswith("BM_ReferenceFeatures/1/"):  # one thread: all work on the timed thread
            line += f"   cpu {cpu:6.3f} s   cpu ratio {pandas_cpu / cpu:6.1f}x"
        print(line)

    # Cross-check every feature on a few tickers against `ae features`.
    home = market[: -len("/market")] if market.endswith("/market") else market
    worst = 0.0
    for ticker, _ in tickers[:5]:
        text = subprocess.run([ae_binary, "--home", home, "features", ticker, "--csv"],
                              check=True, capture_output=True, text=True).stdout
        ours = pd.read_csv(io.StringIO(text))
        theirs = results[ticker]
        assert list(ours.columns[1:]) == list(theirs.columns), "feature names differ"
        a = ours.iloc[-200:, 1:].to_numpy()
        b = theirs.iloc[-200:].to_numpy()
        both = np.isfinite(a) & np.isfinite(b)
        assert (np.isnan(a) == np.isnan(b)).all(), f"{ticker}: NaN patterns differ"
        rel = np.abs(a[both] - b[both]) / np.maximum(np.abs(b[both]), 1e-9)
        worst = max(worst, float(rel.max()))
    print(f"cross-check vs pandas on 5 tickers x 200 rows x {feature_count} features: "
          f"max relative difference {worst:.2e}")
    if worst > 1e-6:
        sys.exit("cross-check failed")


if __name__ == "__main__":
    main()
