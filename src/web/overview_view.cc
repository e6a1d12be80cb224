#include "web/overview_view.h"

#include "core/error.h"
#include "web/coverage_view.h"
#include "web/executions_view.h"
#include "web/health_view.h"
#include "web/portfolio_view.h"

namespace ae::web {

Json overview(const HomeReader& home) {
  const Json recent = list_executions(home, std::nullopt, DateRange{}, 200);
  std::string day;
  for (const auto& execution : recent["executions"])
    day = std::max(day, execution["date"].get<std::string>());
  const auto predicted = prediction_days(home);
  if (!predicted.empty()) day = std::max(day, predicted.back());

  Json result{{"date", day.empty() ? Json() : Json(day)},
              {"executions", Json::array()},
              {"coverage", nullptr},
              {"activity", nullptr},
              {"kpis", Json::object()},
              {"health", module_health(home)},
              {"alarms_firing", Json::array()},
              {"empty", recent["total"] == 0 && predicted.empty()}};
  for (const auto& execution : recent["executions"])
    if (execution["date"] == day) result["executions"].push_back(execution);
  const Json book = portfolio(home, DateRange{}, kMaxRows);

  if (!day.empty()) {
    const core::Date date = core::parse_date(day);
    const Json days = coverage(home, DateRange{date, date}, 1)["days"];
    if (!days.empty()) result["coverage"] = days[0];

    Json activity{{"entries_approved", Json::array()},
                  {"entries_blocked", Json::array()},
                  {"exits", Json::array()},
                  {"vetoes", Json::array()},
                  {"trades", 0}};
    if (const auto summary = store_json(home, "order_books/" + day + "/summary.json")) {
      for (const char* field : {"entries_approved", "entries_blocked", "exits"})
        activity[field] = summary->value(field, Json::array());
    }
    try {
      const Json predictions =
          home.contract(core::Contract::kPredictions, "predictor/predictions/" + day + ".json");
      for (const auto& row : predictions["predictions"])
        if (row.value("gbm_veto", false)) activity["vetoes"].push_back(row["ticker"]);
    } catch (const core::NotFound&) {
    }
    int trades = 0;
    for (const auto& trade : book["trades"]) trades += trade["date"] == day ? 1 : 0;
    activity["trades"] = trades;
    result["activity"] = std::move(activity);
  }
  result["kpis"] = book["kpis"];
  result["nav_chart"] = book["charts"]["nav"];
  if (const auto alarms = home.alarms()) result["alarms_firing"] = alarms->firing();
  return result;
}

}  // namespace ae::web
