#include "market/synth/planted_signal.h"

#include <algorithm>
#include <cmath>

#include "core/statistics.h"

namespace ae::market::synth {
namespace {

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
  auto rm = core::average_ranks(m), rr = core::average_ranks(r), rv = core::average_ranks(v);
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
    const double ic = core::spearman(oracle_scores(components), forward);
    if (std::isfinite(ic)) ics.push_back(ic);
  }
  const core::SeriesSummary summary = core::summarize(ics);
  report.days = summary.count;
  report.mean_ic = summary.mean;
  report.ic_stdev = summary.stdev;
  return report;
}

}  // namespace ae::market::synth
