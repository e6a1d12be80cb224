#include "predictor/evaluation.h"

#include <cmath>
#include <vector>

#include "core/information_coefficient.h"
#include "predictor/cross_section.h"

namespace ae::predictor {

SignalMetrics evaluate(std::span<const std::int32_t> day, std::span<const double> prediction,
                       std::span<const double> label) {
  SignalMetrics m;
  core::IcAccumulator ics;
  std::vector<double> spreads;
  std::size_t hits = 0, counted = 0;
  for (std::size_t begin = 0; begin < day.size();) {
    std::size_t end = begin;
    while (end < day.size() && day[end] == day[begin]) ++end;
    const auto p = prediction.subspan(begin, end - begin);
    const auto y = label.subspan(begin, end - begin);
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (!std::isfinite(p[i]) || !std::isfinite(y[i])) continue;
      ++counted;
      if ((p[i] > 0) == (y[i] > 0)) ++hits;
    }
    ics.add_day(p, y);
    if (end - begin >= 10) {
      const auto decile = deciles(p);
      double top = 0, bottom = 0, n_top = 0, n_bottom = 0;
      for (std::size_t i = 0; i < p.size(); ++i) {
        if (!std::isfinite(y[i])) continue;
        if (decile[i] == 9) top += y[i], n_top += 1;
        if (decile[i] == 0) bottom += y[i], n_bottom += 1;
      }
      if (n_top > 0 && n_bottom > 0) spreads.push_back(top / n_top - bottom / n_bottom);
    }
    begin = end;
  }
  const core::IcSummary summary = ics.summary();
  m.ic = summary.ic.mean;
  m.icir = summary.ic.ratio;
  m.rank_ic = summary.rank_ic.mean;
  m.rank_icir = summary.rank_ic.ratio;
  m.decile_spread = core::summarize(spreads).mean;
  m.hit_rate = counted ? static_cast<double>(hits) / static_cast<double>(counted) : 0;
  m.days = summary.days;
  m.rows = counted;
  return m;
}

nlohmann::json to_json(const SignalMetrics& m) {
  return {{"ic", m.ic},
          {"icir", m.icir},
          {"rank_ic", m.rank_ic},
          {"rank_icir", m.rank_icir},
          {"hit_rate", m.hit_rate},
          {"decile_spread", m.decile_spread},
          {"days", m.days},
          {"rows", m.rows}};
}

SignalMetrics metrics_from_json(const nlohmann::json& j) {
  SignalMetrics m;
  m.ic = j.value("ic", 0.0);
  m.icir = j.value("icir", 0.0);
  m.rank_ic = j.value("rank_ic", 0.0);
  m.rank_icir = j.value("rank_icir", 0.0);
  m.hit_rate = j.value("hit_rate", 0.0);
  m.decile_spread = j.value("decile_spread", 0.0);
  m.days = j.value("days", std::size_t{0});
  m.rows = j.value("rows", std::size_t{0});
  return m;
}

}  // namespace ae::predictor
