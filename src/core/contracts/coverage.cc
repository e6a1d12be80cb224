#include "core/contracts/coverage.h"

#include <algorithm>
#include <set>

#include "core/contracts/json_fields.h"
#include "core/text.h"

namespace ae::core {
CoverageResult compute_coverage(Date date, const std::optional<Signals>& signals,
                                const std::optional<Predictions>& predictions) {
  return compute_coverage(date, signals ? &*signals : nullptr,
                          predictions ? &*predictions : nullptr);
}

CoverageResult compute_coverage(Date date, const Signals* signals, const Predictions* predictions) {
  CoverageResult result;
  result.date = date;
  result.signals_present = signals != nullptr;
  result.predictions_present = predictions != nullptr;

  std::set<std::string> candidates;
  if (signals) {
    for (const auto& entry : signals->buy_candidates) candidates.insert(to_upper(entry.ticker));
  }
  std::set<std::string> scored;
  if (predictions) {
    for (const auto& row : predictions->predictions) scored.insert(to_upper(row.ticker));
  }
  std::set_difference(candidates.begin(), candidates.end(), scored.begin(), scored.end(),
                      std::back_inserter(result.missing_tickers));
  result.missing_count = static_cast<int>(result.missing_tickers.size());
  result.n_buy_candidates = static_cast<int>(candidates.size());
  result.n_predictions = predictions ? static_cast<int>(predictions->predictions.size()) : 0;
  result.has_gap = result.missing_count > 0;
  return result;
}

void to_json(nlohmann::json& j, const CoverageResult& c) {
  j = nlohmann::json{
      {"date", format_date(c.date)},          {"missing_tickers", c.missing_tickers},
      {"missing_count", c.missing_count},     {"n_buy_candidates", c.n_buy_candidates},
      {"n_predictions", c.n_predictions},     {"has_gap", c.has_gap},
      {"signals_present", c.signals_present}, {"predictions_present", c.predictions_present}};
}

void from_json(const nlohmann::json& j, CoverageResult& c) {
  c.date = json_fields::read_date(j, "date");
  c.missing_tickers = j.at("missing_tickers").get<std::vector<std::string>>();
  c.missing_count = j.at("missing_count").get<int>();
  c.n_buy_candidates = j.at("n_buy_candidates").get<int>();
  c.n_predictions = j.at("n_predictions").get<int>();
  c.has_gap = j.at("has_gap").get<bool>();
  c.signals_present = j.at("signals_present").get<bool>();
  c.predictions_present = j.at("predictions_present").get<bool>();
}

}  // namespace ae::core
