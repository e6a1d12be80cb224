// `ae trade --date D`: the intraday daemon on the injected clock - a
// VirtualClock in simulation (a whole day runs in milliseconds), the RealClock
// in production. It waits (polling every 120 s) for the planner's order book of
// D, sleeps to the open, records any broker fill the ledger lacks, places the
// urgent exits (up to 3 attempts, 0/2/5 s apart), then each minute until the
// close: emits the heartbeat metric AlphaEngine Heartbeat {Process=executor-daemon},
// lets the broker act (paper trailing stops) and records its fills, ratchets
// stops and runs the intraday exits, and evaluates the entry triggers of
// pending entries.
// State: the book (file + the day's journal, day_journal.h) and the positions
// are loaded once and kept in memory; the book file is re-read only when the
// planner rewrites it. Each fill is recorded with its order-book change in
// one ledger transaction; stop ratchets are written once per minute, only
// when one moved. The book file is written back once, at the close.
// Idempotency: every order carries a client order id from (D, ticker,
// intent[#attempt]); before placing, the daemon asks the broker for that id,
// so a daemon restarted after a crash picks up what already filled instead
// of trading twice. Orders go through place_and_wait: a venue's order is
// waited for until done (canceled after order_timeout); fills the broker
// makes by itself (its trailing stops) arrive as execution reports from
// poll() and are recorded from the order's status. Writes health/executor_daemon.json (failed, with
// the error, when the run throws). A ticker without a quote (halted, delisted) is
// warned about once per run, with the count of the minutes it lacked one at the
// end (core/repeated_warnings.h).
#pragma once

#include <chrono>
#include <optional>

#include "core/artifact_store.h"
#include "core/clock.h"
#include "core/metric_sink.h"
#include "core/nyse_calendar.h"
#include "executor/broker/broker.h"
#include "executor/ledger/ledger.h"
#include "executor/planning/order_book_store.h"
#include "executor/risk_config.h"

namespace ae::executor {

struct DaemonDeps {
  core::ArtifactStore& store;
  Broker& broker;
  Ledger& ledger;
  OrderBookStore& order_books;
  core::Clock& clock;
  core::MetricSink& metrics;
  const RiskConfig& config;
  const core::NyseCalendar& calendar;
  // How long (real time) an order may take to be done at the broker before
  // the daemon cancels it (place_and_wait); the paper broker answers at once.
  std::chrono::milliseconds order_timeout{std::chrono::seconds(30)};
};

struct DaemonSummary {
  int minutes = 0;
  int entries = 0;
  int exits = 0;
  int broker_fills = 0;
  bool had_order_book = false;
};

// `stop_at`, when given, ends the run at that instant as a crash would
// (tests use it to kill the daemon mid-day).
DaemonSummary run_daemon(core::Date date, const DaemonDeps& deps,
                         std::optional<core::Timestamp> stop_at = std::nullopt);

// Records every filled broker order of `date` that the ledger lacks; returns
// how many it recorded.
int sync_ledger_with_broker(core::Date date, Broker& broker, Ledger& ledger);

}  // namespace ae::executor
