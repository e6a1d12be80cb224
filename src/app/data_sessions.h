// The data use cases over a home:
//   import_data     `ae data import`: import into the bar store and write the
//                   full report of warnings and quarantined days
//                   (market/import/import_summary.h) to
//                   import_reports()/import-<UTC timestamp>.csv, atomically.
// The pipelines' data steps (`ae data close` in the weekday and eod
// pipelines, `ae data refresh` in saturday's data phase) import the given bars
// first (optional; the same import and report as import_data, and one info
// line with the counts and the report's path), then
//   close_session   confirm the closes of a session (default: the last one
//                   closed by the clock's now) and record daily_data health;
//   refresh_data    run the data-quality check as of the last session on or
//                   before the date (and not after the last closed one) and,
//                   unless it blocks, record that session's closes.
#pragma once

#include <filesystem>
#include <optional>

#include "core/clock.h"
#include "core/home.h"
#include "market/data_check.h"
#include "market/import/importer.h"
#include "market/session_closes.h"

namespace ae::app {

struct DataImport {
  market::ImportResult result;
  std::filesystem::path report;
};

DataImport import_data(const core::Home& home, const core::Clock& clock,
                       const market::ImportRequest& request);

struct ClosedSession {
  core::Date day;
  market::SessionCloses closes;
};

ClosedSession close_session(const core::Home& home, const core::Clock& clock,
                            const std::optional<core::Date>& date,
                            const market::ImportRequest& import);

struct DataRefresh {
  core::Date day;
  market::CheckReport report;
  std::optional<market::SessionCloses> closes;  // absent when the report blocks
};

DataRefresh refresh_data(const core::Home& home, const core::Clock& clock,
                         const std::optional<core::Date>& date,
                         const market::ImportRequest& import);

}  // namespace ae::app
