// The planner's input gates, each a PipelineHardFail with a message naming
// what failed:
//   - upstream health: health/research.json <= 192 h and
//     predictor_inference <= 26 h since last_success, status ok; daily_data
//     ok and covering the last session before the trading date (its
//     run_date): the reference's 26 h, measured in sessions so that a Monday
//     plan accepts Friday's closes;
//   - SPY has a bar on the last closed trading day before the trading date;
//   - ATR% present, finite and fresh for every ENTER and held ticker.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/date.h"
#include "core/ticker_order.h"
#include "executor/portfolio.h"

namespace ae::executor {

struct UpstreamRequirement {
  std::string module;
  int max_age_hours;         // since last_success; ignored when per_session
  bool per_session = false;  // run_date must be >= the last session
};

const std::vector<UpstreamRequirement>& default_upstream_requirements();

// `last_session` is the last trading day before the trading date.
void check_upstream_health(
    const core::ArtifactStore& store, core::Timestamp now, core::Date last_session,
    const std::vector<UpstreamRequirement>& requirements = default_upstream_requirements());

void check_spy_fresh(const PriceHistories& histories, core::Date last_closed_day);

// ATR% of each of `tickers` that has a fresh value; the others are appended
// to `missing`, in order.
core::TickerMap<double> fresh_atr(const PriceHistories& histories,
                                  const std::vector<std::string>& tickers, core::Date as_of,
                                  std::vector<std::string>& missing);

// The ATR gate: throws naming every ticker of `missing` when there is one.
void require_atr(const std::vector<std::string>& missing, core::Date as_of);

}  // namespace ae::executor
