#include "web/backtest_view.h"

#include <map>

#include "core/error.h"
#include "web/query.h"

namespace ae::web {
namespace {

std::string content_type_of(const std::string& file) {
  if (file.ends_with(".svg")) return "image/svg+xml";
  if (file.ends_with(".json")) return "application/json";
  if (file.ends_with(".csv")) return "text/csv; charset=utf-8";
  return "text/plain; charset=utf-8";
}

}  // namespace

Json backtests(const HomeReader& home) {
  std::map<std::string, Json, std::greater<>> runs;
  constexpr std::string_view prefix = "backtest/";
  for (const auto& key : home.store().list(prefix)) {
    const std::string rest = key.substr(prefix.size());
    const auto slash = rest.find('/');
    if (slash == std::string::npos || rest.find('/', slash + 1) != std::string::npos) continue;
    const std::string date = rest.substr(0, slash);
    auto& run = runs[date];
    if (run.is_null()) run = {{"date", date}, {"files", Json::array()}};
    run["files"].push_back(rest.substr(slash + 1));
  }
  Json list = Json::array();
  for (auto& [date, run] : runs) {
    if (const auto metrics = store_json(home, "backtest/" + date + "/metrics.json"))
      run["metrics"] = clip_json(*metrics, 20000);
    list.push_back(std::move(run));
  }
  return {{"runs", list}};
}

StoredFile backtest_file(const HomeReader& home, const std::string& date, const std::string& file) {
  // A path that cannot name a stored file names nothing.
  if (!is_valid_name(date) || !is_valid_name(file)) throw core::NotFound("no such backtest file");
  const auto bytes = home.store().try_get("backtest/" + date + "/" + file);
  if (!bytes) throw core::NotFound("no backtest file " + date + "/" + file);
  return {*bytes, content_type_of(file)};
}

}  // namespace ae::web
