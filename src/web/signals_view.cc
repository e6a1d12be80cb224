#include "web/signals_view.h"

#include <cmath>
#include <filesystem>
#include <set>

#include "charts/chart.h"
#include "core/contracts/contract.h"
#include "core/error.h"
#include "market/bar_store.h"
#include "web/coverage_view.h"

namespace ae::web {
namespace {

std::vector<std::string> signal_days(const HomeReader& home) {
  std::vector<std::string> days;
  for (const auto& key : home.store().list("signals/"))
    if (key.size() == 8 + 10 + 13 && key.ends_with("/signals.json"))
      days.push_back(key.substr(8, 10));
  return days;
}

std::optional<Json> read_signals(const HomeReader& home, const std::string& key) {
  try {
    return home.contract(core::Contract::kSignals, key);
  } catch (const core::NotFound&) {
    return std::nullopt;
  }
}

std::optional<Json> read_predictions(const HomeReader& home, const std::string& day) {
  try {
    return home.contract(core::Contract::kPredictions, "predictor/predictions/" + day + ".json");
  } catch (const core::NotFound&) {
    return std::nullopt;
  }
}

// Research rows by ticker: buy candidates first, then the rest of the universe.
std::map<std::string, Json> research_rows(const Json& signals) {
  std::map<std::string, Json> rows;
  for (const char* list : {"buy_candidates", "universe"})
    if (signals.contains(list) && signals[list].is_array())
      for (const auto& entry : signals[list])
        if (entry.contains("ticker")) {
          Json row = entry;
          row["buy_candidate"] = std::string(list) == "buy_candidates";
          rows.try_emplace(entry["ticker"].get<std::string>(), std::move(row));
        }
  return rows;
}

}  // namespace

std::optional<std::string> signals_key_for(const HomeReader& home, const std::string& day) {
  std::optional<std::string> best;
  for (const auto& candidate : signal_days(home))
    if (candidate < day) best = candidate;
  if (!best) return std::nullopt;
  return "signals/" + *best + "/signals.json";
}

Json signals_day(const HomeReader& home, const std::optional<core::Date>& date) {
  const auto predicted = prediction_days(home);
  const auto researched = signal_days(home);
  std::string day;
  if (date)
    day = core::format_date(*date);
  else if (!predicted.empty())
    day = predicted.back();
  else if (!researched.empty())
    day = researched.back();
  Json result{{"date", day.empty() ? Json() : Json(day)},
              {"days", predicted},
              {"signals_key", nullptr},
              {"rows", Json::array()},
              {"model_version", nullptr},
              {"market_regime", nullptr}};
  if (day.empty()) return result;
  std::map<std::string, Json> research;
  if (const auto key = signals_key_for(home, day)) {
    if (const auto signals = read_signals(home, *key)) {
      result["signals_key"] = *key;
      result["market_regime"] = signals->value("market_regime", Json());
      research = research_rows(*signals);
    }
  }
  std::map<std::string, Json> predictions;
  if (const auto document = read_predictions(home, day)) {
    result["model_version"] = document->value("model_version", Json());
    result["veto_threshold"] = document->value("veto_threshold", Json());
    for (const auto& entry : (*document)["predictions"])
      predictions[entry["ticker"].get<std::string>()] = entry;
  }
  std::set<std::string> tickers;
  for (const auto& [ticker, row] : research)
    if (row["buy_candidate"].get<bool>()) tickers.insert(ticker);
  for (const auto& [ticker, row] : predictions) tickers.insert(ticker);
  Json rows = Json::array();
  for (const auto& ticker : tickers) {
    Json row{{"ticker", ticker}};
    if (const auto found = research.find(ticker); found != research.end()) {
      for (const char* field :
           {"sector", "signal", "rating", "score", "conviction", "buy_candidate", "thesis_summary"})
        row[field] = found->second.value(field, Json());
    }
    if (const auto found = predictions.find(ticker); found != predictions.end()) {
      for (const char* field :
           {"predicted_direction", "p_up", "p_down", "predicted_alpha", "prediction_confidence",
            "combined_rank", "gbm_veto", "momentum_veto", "watchlist_source"})
        row[field] = found->second.value(field, Json());
    }
    row["predicted"] = predictions.count(ticker) > 0;
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const Json& a, const Json& b) {
    const double ra =
        a.value("combined_rank", Json()).is_number() ? a["combined_rank"].get<double>() : 1e9;
    const double rb =
        b.value("combined_rank", Json()).is_number() ? b["combined_rank"].get<double>() : 1e9;
    return ra != rb ? ra < rb : a["ticker"] < b["ticker"];
  });
  result["rows"] = std::move(rows);
  return result;
}

Json ticker_detail(const HomeReader& home, const std::string& ticker, int days) {
  Json result{{"ticker", ticker}, {"prices", Json::array()}, {"history", Json::array()}};
  std::vector<core::Date> dates;
  std::vector<double> close, ma20, ma50;
  const auto market = home.layout().market();
  std::error_code error;
  if (std::filesystem::is_directory(market / "bars", error)) {
    const market::BarStore bars(market);
    if (bars.contains(ticker)) {
      const auto view = bars.read(ticker);
      const auto closes = view.field(market::Field::kClose);
      const size_t first =
          view.size() > static_cast<size_t>(days) + 50 ? view.size() - days - 50 : 0;
      std::vector<core::Date> all_dates;
      std::vector<double> all_close;
      for (size_t row = first; row < view.size(); ++row)
        if (std::isfinite(closes[row])) {
          all_dates.push_back(view.date_at(row));
          all_close.push_back(closes[row]);
        }
      const auto average = [&](size_t end, size_t window) {
        if (end + 1 < window) return std::nan("");
        double sum = 0;
        for (size_t i = end + 1 - window; i <= end; ++i) sum += all_close[i];
        return sum / static_cast<double>(window);
      };
      const size_t shown = std::min(all_close.size(), static_cast<size_t>(days));
      for (size_t i = all_close.size() - shown; i < all_close.size(); ++i) {
        dates.push_back(all_dates[i]);
        close.push_back(all_close[i]);
        ma20.push_back(average(i, 20));
        ma50.push_back(average(i, 50));
        result["prices"].push_back(
            {{"date", core::format_date(all_dates[i])}, {"close", all_close[i]}});
      }
    }
  }
  charts::LineChart chart;
  chart.title = ticker + " close with 20- and 50-day averages";
  chart.dates = dates;
  chart.series = {{"close", close, "#1565c0"},
                  {"MA20", ma20, "#ef6c00", false, true},
                  {"MA50", ma50, "#6a1b9a", false, true}};
  chart.size = {760, 280};
  result["chart"] = charts::render_line_chart(chart);

  // Score and prediction history over the stored days.
  std::map<std::string, Json> history;
  for (const auto& day : signal_days(home)) {
    if (const auto signals = read_signals(home, "signals/" + day + "/signals.json")) {
      const auto rows = research_rows(*signals);
      if (const auto found = rows.find(ticker); found != rows.end())
        history[day] = {{"date", day},
                        {"score", found->second.value("score", Json())},
                        {"rating", found->second.value("rating", Json())},
                        {"signal", found->second.value("signal", Json())}};
    }
  }
  for (const auto& day : prediction_days(home)) {
    if (const auto document = read_predictions(home, day))
      for (const auto& entry : (*document)["predictions"])
        if (entry["ticker"] == ticker) {
          Json& row = history[day];
          row["date"] = day;
          for (const char* field :
               {"predicted_direction", "p_up", "predicted_alpha", "combined_rank", "gbm_veto"})
            row[field] = entry.value(field, Json());
        }
  }
  std::vector<core::Date> history_dates;
  std::vector<double> p_up;
  for (const auto& [day, row] : history) {
    result["history"].push_back(row);
    if (row.contains("p_up") && row["p_up"].is_number()) {
      history_dates.push_back(core::parse_date(day));
      p_up.push_back(row["p_up"].get<double>());
    }
  }
  charts::LineChart p_chart;
  p_chart.title = ticker + " p_up by day";
  p_chart.dates = history_dates;
  p_chart.series = {{"p_up", p_up, "#2e7d32"}};
  p_chart.reference_lines = {{0.5, "0.5", ""}};
  p_chart.y_format = charts::ValueFormat::kPercent;
  p_chart.size = {760, 220};
  result["p_up_chart"] = charts::render_line_chart(p_chart);
  return result;
}

}  // namespace ae::web
