// `ae plan --date D`: the morning planner with its inputs and outputs. In
// order: read signals (with fallback) and predictions; the coverage read-time
// guard (metric always emitted; a gap throws UnscoredBuyCandidatesError); the
// upstream health gate; the corporate actions due by the last close booked
// (ledger/corporate_action_booking.h: a delisted holding is cashed out, never
// left to stop the plan); market data as of the last closed trading day before D
// with the SPY and ATR gates; the portfolio from the broker (sector from
// signals or the universe, entry date from the ledger) valued at the as-of
// closes; peak NAV from the recorded daily NAVs; plan_day; then the order book
// (locked, atomic, merged with what already executed today - the file plus the
// daemon's journal - so planning twice gives the same book), the shadow book,
// the store copies trades/order_book/{D}.json and order_books/{D}/summary.json,
// health/executor.json and the heartbeat AlphaEngine Heartbeat
// {Process=executor-morning} = 1. Any failure writes health/executor.json as
// failed, writes no order book, and rethrows.
#pragma once

#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/metric_sink.h"
#include "executor/broker/broker.h"
#include "executor/ledger/ledger.h"
#include "executor/planning/order_book_store.h"
#include "executor/planning/planner.h"
#include "executor/risk_config.h"
#include "market/bar_store.h"

namespace ae::executor {

struct PlannerDeps {
  core::ArtifactStore& store;
  const market::BarStore& bars;
  Broker& broker;
  Ledger& ledger;
  OrderBookStore& order_books;
  core::Clock& clock;
  core::MetricSink& metrics;
  const RiskConfig& config;
};

struct PlannerRun {
  core::OrderBook book;
  Plan plan;
  std::vector<std::string> warnings;
};

PlannerRun run_morning_planner(core::Date date, const PlannerDeps& deps);

}  // namespace ae::executor
