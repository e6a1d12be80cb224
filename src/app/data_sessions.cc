#include "app/data_sessions.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/artifact_store.h"
#include "core/atomic_file.h"
#include "core/error.h"
#include "market/bar_store.h"
#include "market/import/import_summary.h"

namespace ae::app {
namespace {

DataImport import_into(market::BarStore& bars, const core::Home& home, const core::Clock& clock,
                       const market::ImportRequest& request) {
  DataImport out{market::import_files(bars, request), {}};
  std::string stamp = core::format_timestamp(clock.now());
  std::erase(stamp, ':');
  out.report = home.import_reports() / ("import-" + stamp + ".csv");
  core::write_file_atomically(out.report, market::import_report_csv(out.result));
  return out;
}

void import_given(market::BarStore& bars, const core::Home& home, const core::Clock& clock,
                  const market::ImportRequest& request) {
  if (request.per_ticker_files.empty() && request.long_files.empty()) return;
  const auto imported = import_into(bars, home, clock, request);
  spdlog::info("import: {} symbol(s), {} warning(s), {} quarantined symbol-day(s); report {}",
               imported.result.symbols, imported.result.warnings.size(),
               imported.result.quarantined.size(), imported.report.string());
}

market::SessionCloses record_closes(const core::Home& home, const market::BarStore& bars,
                                    const core::Clock& clock, core::Date day) {
  core::FileSystemStore store(home.store());
  return market::record_session_closes(bars, store, clock, day);
}

}  // namespace

DataImport import_data(const core::Home& home, const core::Clock& clock,
                       const market::ImportRequest& request) {
  market::BarStore bars(home.market());
  return import_into(bars, home, clock, request);
}

ClosedSession close_session(const core::Home& home, const core::Clock& clock,
                            const std::optional<core::Date>& date,
                            const market::ImportRequest& import) {
  market::BarStore bars(home.market());
  import_given(bars, home, clock, import);
  const core::Date day = date ? *date : bars.calendar().last_closed_trading_day(clock.now());
  return {day, record_closes(home, bars, clock, day)};
}

DataRefresh refresh_data(const core::Home& home, const core::Clock& clock,
                         const std::optional<core::Date>& date,
                         const market::ImportRequest& import) {
  market::BarStore bars(home.market());
  import_given(bars, home, clock, import);
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
