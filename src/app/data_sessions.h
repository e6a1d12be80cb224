// The pipelines' data steps over a home (`ae data close` in the weekday and
// eod pipelines, `ae data refresh` in saturday's data phase): import the
// given bars first (optional), then
//   close_session   confirm the closes of a session (default: the last one
//                   closed by the clock's now) and record daily_data health;
//   refresh_data    run the data-quality check as of the last session on or
//                   before the date (and not after the last closed one) and,
//                   unless it blocks, record that session's closes.
#pragma once

#include <optional>

#include "core/clock.h"
#include "core/home.h"
#include "market/data_check.h"
#include "market/import/importer.h"
#include "market/session_closes.h"

namespace ae::app {

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
