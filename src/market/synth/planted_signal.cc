#include "market/synth/planted_signal.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ae::market::synth {
namespace {

// Average ranks (1-based) of the finite values; NaN stays NaN.
std::vector<double> average_ranks(std::span<const double> values) {
  std::vector<std::size_t> order;
  order.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::isfinite(values[i])) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return values[a] < values[b] || (values[a] == values[b] && a < b);
  });
  std::vector<double> ranks(values.size(), NAN);
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double rank = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
    for (std::size_t k = i; k <= j; ++k) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

void standardise(std::vector<double>& values) {
  double sum = 0, sum2 = 0;
  std::size_t n = 0;
  for (double v : values) {
    if (std::isfinite(v)) {
      sum += v;
      sum2 += v * v;
      ++n;
    }
  }
  if (n < 2) return;
  const double mean = sum / static_cast<double>(n);
  const double var = sum2 / static_cast<double>(n) - mean * mean;
  const double scale = var > 0 ? 1.0 / std::sqrt(var) : 0.0;
  for (double& v : values) {
    if (std::isfinite(v)) v = (v - mean) * scale;
  }
}

double pearson(std::span<const double> x, std::span<const double> y) {
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  const auto n = static_cast<double>(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    sx += x[i];
    sy += y[i];
    sxx += x[i] * x[i];
    syy += y[i] * y[i];
    sxy += x[i] * y[i];
  }
  const double cov = sxy - sx * sy / n;
  const double vx = sxx - sx * sx / n;
  const double vy = syy - sy * sy / n;
  if (vx <= 0 || vy <= 0) return NAN;
  return cov / std::sqrt(vx * vy);
}

}  // namespace

Components components_at(std::span<const double> log_close, std::size_t t) {
  Components c;
  if (t < static_cast<std::size_t>(kMomentumLong) || t >= log_close.size()) return c;
  const double now = log_close[t];
  const double skip = log_close[t - kMomentumSkip];
  const double year = log_close[t - kMomentumLong];
  const double week = log_close[t - kReversalDays];
  if (!std::isfinite(now) || !std::isfinite(skip) || !std::isfinite(year) || !std::isfinite(week)) {
    return c;
  }
  double sum = 0, sum2 = 0;
  for (std::size_t k = t + 1 - kVolatilityDays; k <= t; ++k) {
    const double r = log_close[k] - log_close[k - 1];
    if (!std::isfinite(r)) return c;
    sum += r;
    sum2 += r * r;
  }
  const double n = kVolatilityDays;
  c.momentum = skip - year;
  c.reversal = now - week;
  c.volatility = std::sqrt(std::max(0.0, (sum2 - sum * sum / n) / (n - 1)));
  c.valid = true;
  return c;
}

std::vector<double> oracle_scores(const std::vector<Components>& components) {
  const std::size_t n = components.size();
  std::vector<double> m(n, NAN), r(n, NAN), v(n, NAN);
  std::size_t valid = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!components[i].valid) continue;
    m[i] = components[i].momentum;
    r[i] = components[i].reversal;
    v[i] = components[i].volatility;
    ++valid;
  }
  std::vector<double> scores(n, NAN);
  if (valid < 10) return scores;
  auto rm = average_ranks(m), rr = average_ranks(r), rv = average_ranks(v);
  standardise(rm);
  standardise(rr);
  standardise(rv);
  for (std::size_t i = 0; i < n; ++i) {
    if (components[i].valid) {
      scores[i] = kMomentumWeight * rm[i] + kReversalWeight * rr[i] + kVolatilityWeight * rv[i];
    }
  }
  standardise(scores);
  return scores;
}

double rank_correlation(std::span<const double> x, std::span<const double> y) {
  std::vector<double> xs, ys;
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (std::isfinite(x[i]) && std::isfinite(y[i])) {
      xs.push_back(x[i]);
      ys.push_back(y[i]);
    }
  }
  if (xs.size() < 10) return NAN;
  const auto rx = average_ranks(xs);
  const auto ry = average_ranks(ys);
  return pearson(rx, ry);
}

OracleReport measure_oracle_ic(const std::vector<std::vector<double>>& log_closes, int horizon) {
  OracleReport report;
  if (log_closes.empty()) return report;
  const std::size_t days = log_closes.front().size();
  std::vector<double> ics;
  std::vector<Components> components(log_closes.size());
  std::vector<double> forward(log_closes.size());
  for (std::size_t t = kMomentumLong; t + static_cast<std::size_t>(horizon) < days; ++t) {
    for (std::size_t s = 0; s < log_closes.size(); ++s) {
      components[s] = components_at(log_closes[s], t);
      forward[s] = log_closes[s][t + static_cast<std::size_t>(horizon)] - log_closes[s][t];
    }
    const double ic = rank_correlation(oracle_scores(components), forward);
    if (std::isfinite(ic)) ics.push_back(ic);
  }
  report.days = ics.size();
  if (ics.empty()) return report;
  const double mean =
      std::accumulate(ics.begin(), ics.end(), 0.0) / static_cast<double>(ics.size());
  double var = 0;
  for (double ic : ics) var += (ic - mean) * (ic - mean);
  report.mean_ic = mean;
  report.ic_stdev = ics.size() > 1 ? std::sqrt(var / static_cast<double>(ics.size() - 1)) : 0.0;
  return report;
}

}  // namespace ae::market::synth
