#include "web/health_view.h"

#include <chrono>
#include <fstream>

#include "core/contracts/contract.h"
#include "core/date.h"
#include "core/error.h"

namespace ae::web {
namespace {

// Stale-after limits in days, the reference dashboard's: 8 for the weekly modules (research,
// training), 4 for the daily ones and any other.
int stale_after_days(const std::string& module) {
  if (module == "research" || module == "predictor_training") return 8;
  if (module == "predictor_inference" || module == "executor" || module == "eod_reconcile")
    return 4;
  return 4;
}

std::vector<std::string> tail_lines(const std::filesystem::path& path, size_t count) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  constexpr std::streamoff kMaxBytes = 1 << 20;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  const std::streamoff start = size > kMaxBytes ? size - kMaxBytes : 0;
  in.seekg(start);
  std::vector<std::string> lines;
  std::string line;
  if (start > 0) std::getline(in, line);  // a partial first line
  while (std::getline(in, line))
    if (!line.empty()) lines.push_back(line);
  if (lines.size() > count) lines.erase(lines.begin(), lines.end() - static_cast<long>(count));
  return lines;
}

}  // namespace

Json module_health(const HomeReader& home) {
  Json modules = Json::array();
  std::string newest;
  for (const auto& key : home.store().list("health/")) {
    if (!key.ends_with(".json")) continue;
    try {
      Json record = home.contract(core::Contract::kHealth, key);
      newest = std::max(newest, record.value("written_at", std::string()));
      modules.push_back(std::move(record));
    } catch (const core::Error& error) {
      modules.push_back({{"module", key.substr(7, key.size() - 12)},
                         {"status", "unreadable"},
                         {"error", error.what()}});
    }
  }
  for (auto& record : modules) {
    std::string badge = record.value("status", "unknown");
    record["age_hours"] = nullptr;
    if (badge == "ok" && !newest.empty()) {
      const std::string last = record.contains("last_success") && record["last_success"].is_string()
                                   ? record["last_success"].get<std::string>()
                                   : "";
      if (last.empty()) {
        badge = "stale";
      } else {
        const double hours = std::chrono::duration<double, std::ratio<3600>>(
                                 core::parse_timestamp(newest) - core::parse_timestamp(last))
                                 .count();
        record["age_hours"] = hours;
        if (hours > 24.0 * stale_after_days(record.value("module", ""))) badge = "stale";
      }
    }
    record["badge"] = badge;
    record["stale_after_days"] = stale_after_days(record.value("module", ""));
  }
  return {{"modules", modules}, {"as_of", newest.empty() ? Json() : Json(newest)}};
}

Json health(const HomeReader& home, int limit) {
  Json result = module_health(home);
  result["alarms"] = Json::array();
  result["alarm_history"] = Json::array();
  if (const auto alarms = home.alarms()) {
    result["alarms"] = alarms->states();
    result["alarm_history"] = alarms->history(limit);
  }
  Json notifications = Json::array();
  for (const auto& line :
       tail_lines(home.layout().notifications_log(), static_cast<size_t>(limit))) {
    try {
      Json entry = Json::parse(line);
      Json shown{{"timestamp", entry.value("timestamp", Json())},
                 {"topic", entry.value("topic", Json())},
                 {"subject", entry.value("subject", Json())},
                 {"message", clip_json(entry.value("message", Json()), 600)}};
      notifications.push_back(std::move(shown));
    } catch (const Json::exception&) {
      notifications.push_back({{"subject", "(unreadable line)"}});
    }
  }
  std::reverse(notifications.begin(), notifications.end());
  result["notifications"] = std::move(notifications);
  return result;
}

}  // namespace ae::web
