// `ae eod --date D`: end-of-day reconciliation.
// Records any broker fill the ledger lacks, books the corporate actions due
// on D (corporate_action_booking.h: a delisted or merged holding is sold),
// then: SPY's close and every held
// ticker's close on D (a missing one: see held_data_gate), NAV = broker
// cash + positions at the closes, daily return vs SPY and alpha against the
// previous eod_pnl row, unrealized and realized P&L; reconciles the broker's
// positions (exactly) and cash (within max($100, 0.05% of NAV)) against the
// ledger - a larger unexplained move is a PipelineHardFail and nothing is
// written; upserts eod_pnl (keyed by date, so a re-run replaces the same row);
// exports trades/trades_full.csv and trades/eod_pnl.csv in the reference's
// column contract; writes health/eod_reconcile.json.
#pragma once

#include <string>
#include <vector>

#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/metric_sink.h"
#include "executor/broker/broker.h"
#include "executor/ledger/ledger.h"
#include "market/bar_store.h"

namespace ae::executor {

struct EodDeps {
  core::ArtifactStore& store;
  const market::BarStore& bars;
  Broker& broker;
  Ledger& ledger;
  core::Clock& clock;
  // Optional: a successful reconcile emits AlphaEngine Heartbeat
  // {Process=executor-eod} = 1 (the alarm in pipelines/alarms.json).
  core::MetricSink* metrics = nullptr;
  // RiskConfig::held_data_gate: a held ticker without a close on D is a
  // PipelineHardFail; off: it is valued at its last close before D (a gap in
  // its bars, a delisting) and named in the log.
  bool held_data_gate = true;
};

struct EodResult {
  EodRow row;
  double cash_difference = 0;  // broker - ledger
  int broker_fills_recorded = 0;
};

EodResult run_eod(core::Date date, const EodDeps& deps);

// The CSV exports (header + rows), for tests and the store.
std::string trades_csv(Ledger& ledger);
std::string eod_pnl_csv(Ledger& ledger);

}  // namespace ae::executor
