#include "app/data_sessions.h"

#include <algorithm>

#include "core/artifact_store.h"
#include "core/error.h"
#include "market/bar_store.h"

namespace ae::app {
namespace {

void import_given(market::BarStore& bars, const market::ImportRequest& request) {
  if (!request.per_ticker_files.empty() || !request.long_files.empty())
    market::import_files(bars, request);
}

market::SessionCloses record_closes(const core::Home& home, const market::BarStore& bars,
                                    const core::Clock& clock, core::Date day) {
  core::FileSystemStore store(home.store());
  return market::record_session_closes(bars, store, clock, day);
}

}  // namespace

ClosedSession close_session(const core::Home& home, const core::Clock& clock,
                            const std::optional<core::Date>& date,
                            const market::ImportRequest& import) {
  market::BarStore bars(home.market());
  import_given(bars, import);
  const core::Date day = date ? *date : bars.calendar().last_closed_trading_day(clock.now());
  return {day, record_closes(home, bars, clock, day)};
}

DataRefresh refresh_data(const core::Home& home, const core::Clock& clock,
                         const std::optional<core::Date>& date,
                         const market::ImportRequest& import) {
  market::BarStore bars(home.market());
  import_given(bars, import);
  const auto& calendar = bars.calendar();
  core::Date day = calendar.last_closed_trading_day(clock.now());
  if (date) {
    const auto index = calendar.last_index_on_or_before(*date);
    if (!index)
      throw core::InvalidInput("data refresh: no trading day on or before " +
                               core::format_date(*date));
    day = std::min(day, calendar.date_at(*index));
  }
  DataRefresh refresh{day, market::check_store(bars, day), std::nullopt};
  if (!refresh.report.blocking()) refresh.closes = record_closes(home, bars, clock, day);
  return refresh;
}

}  // namespace ae::app
