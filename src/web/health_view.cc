#include "web/health_view.h"

#include <chrono>
#include <fstream>
#include <optional>

#include "core/date.h"
#include "ops/health.h"

namespace ae::web {
namespace {

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
  auto rows = ops::read_health(home.store(), ops::default_freshness_rules());
  std::optional<core::Timestamp> newest;
  for (const auto& row : rows)
    if (row.record && row.record->written_at)
      newest = newest ? std::max(*newest, *row.record->written_at) : *row.record->written_at;
  Json modules = Json::array();
  if (!newest) return {{"modules", modules}, {"as_of", Json()}};
  static const core::NyseCalendar calendar;
  ops::judge_health(rows, *newest, calendar);
  for (const auto& row : rows) {
    Json module = row.record ? Json(*row.record) : Json{{"module", row.module}};
    if (row.verdict == ops::HealthVerdict::kUnreadable) module["status"] = "unreadable";
    module["badge"] = ops::health_verdict_name(row.verdict);
    module["age_hours"] =
        row.age ? Json(std::chrono::duration<double, std::ratio<3600>>(*row.age).count()) : Json();
    module["fresh_by"] = row.rule ? Json(row.rule->describe()) : Json();
    module["detail"] = row.detail;
    modules.push_back(std::move(module));
  }
  return {{"modules", modules}, {"as_of", core::format_timestamp(*newest)}};
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
