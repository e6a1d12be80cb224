#include "core/contracts/order_book.h"

#include <utility>

#include "core/contracts/json_fields.h"
#include "core/error.h"

namespace ae::core {

using namespace json_fields;

namespace {

nlohmann::json status_json(OrderStatus status) {
  if (status == OrderStatus::kNew) return "pending";
  if (status == OrderStatus::kFilled) return "executed";
  throw InvalidInput("order book: status " + std::string(to_string(status)) +
                     " cannot be written (only pending or executed)");
}

OrderStatus status_from_json(const nlohmann::json& j) {
  const auto text = j.get<std::string>();
  if (text == "pending") return OrderStatus::kNew;
  if (text == "executed") return OrderStatus::kFilled;
  throw InvalidInput("order book: unknown status '" + text + "'");
}

}  // namespace

void to_json(nlohmann::json& j, const SizingFactors& s) {
  j = nlohmann::json{{"sector_adj", s.sector_adj},
                     {"conviction_adj", s.conviction_adj},
                     {"upside_adj", s.upside_adj},
                     {"dd_multiplier", s.dd_multiplier},
                     {"atr_adj", s.atr_adj},
                     {"confidence_adj", s.confidence_adj},
                     {"staleness_adj", s.staleness_adj},
                     {"earnings_adj", s.earnings_adj}};
}

void from_json(const nlohmann::json& j, SizingFactors& s) {
  s.sector_adj = j.at("sector_adj").get<double>();
  s.conviction_adj = j.at("conviction_adj").get<double>();
  s.upside_adj = j.at("upside_adj").get<double>();
  s.dd_multiplier = j.at("dd_multiplier").get<double>();
  s.atr_adj = j.at("atr_adj").get<double>();
  s.confidence_adj = j.at("confidence_adj").get<double>();
  s.staleness_adj = j.at("staleness_adj").get<double>();
  s.earnings_adj = j.at("earnings_adj").get<double>();
}

// An entry or exit with a status the order book cannot hold throws before j
// holds anything: nlohmann's converting constructor does not free a value
// that to_json had partly written when it throws.
void to_json(nlohmann::json& j, const ApprovedEntry& e) {
  auto status = status_json(e.status);
  j = nlohmann::json::object();
  j["ticker"] = e.ticker;
  j["signal"] = "ENTER";
  j["shares"] = e.shares;
  j["current_price"] = e.current_price;
  j["dollar_size"] = e.dollar_size;
  j["position_pct"] = e.position_pct;
  write_nullable(j, "atr_value", e.atr_value);
  j["atr_pct"] = e.atr_pct;
  j["triggers"] = e.triggers;
  write_nullable(j, "research_score", e.research_score);
  write_nullable(j, "research_conviction", e.research_conviction);
  write_nullable(j, "research_rating", e.research_rating);
  write_nullable(j, "sector_rating", e.sector_rating);
  write_nullable(j, "market_regime", e.market_regime);
  write_nullable(j, "price_target_upside", e.price_target_upside);
  write_nullable(j, "thesis_summary", e.thesis_summary);
  write_optional(j, "predicted_direction", e.predicted_direction);
  write_optional(j, "prediction_confidence", e.prediction_confidence);
  write_optional(j, "predicted_alpha", e.predicted_alpha);
  j["sizing_factors"] = e.sizing_factors;
  j["status"] = std::move(status);
  write_optional(j, "trigger_reason", e.trigger_reason);
  write_optional(j, "executed_at", e.executed_at);
}

void from_json(const nlohmann::json& j, ApprovedEntry& e) {
  e.ticker = j.at("ticker").get<std::string>();
  e.shares = j.at("shares").get<int>();
  e.current_price = j.at("current_price").get<double>();
  e.dollar_size = j.at("dollar_size").get<double>();
  e.position_pct = j.at("position_pct").get<double>();
  read_optional(j, "atr_value", e.atr_value);
  e.atr_pct = j.at("atr_pct").get<double>();
  e.triggers = j.value("triggers", nlohmann::json::object());
  read_optional(j, "research_score", e.research_score);
  read_optional(j, "research_conviction", e.research_conviction);
  read_optional(j, "research_rating", e.research_rating);
  read_optional(j, "sector_rating", e.sector_rating);
  read_optional(j, "market_regime", e.market_regime);
  read_optional(j, "price_target_upside", e.price_target_upside);
  read_optional(j, "thesis_summary", e.thesis_summary);
  read_optional(j, "predicted_direction", e.predicted_direction);
  read_optional(j, "prediction_confidence", e.prediction_confidence);
  read_optional(j, "predicted_alpha", e.predicted_alpha);
  e.sizing_factors = j.at("sizing_factors").get<SizingFactors>();
  e.status = status_from_json(j.at("status"));
  read_optional(j, "trigger_reason", e.trigger_reason);
  read_optional(j, "executed_at", e.executed_at);
}

void to_json(nlohmann::json& j, const UrgentExit& e) {
  auto status = status_json(e.status);
  j = nlohmann::json::object();
  j["ticker"] = e.ticker;
  j["signal"] = e.signal;
  j["shares"] = e.shares;
  j["reason"] = e.reason;
  write_nullable(j, "detail", e.detail);
  j["status"] = std::move(status);
}

void from_json(const nlohmann::json& j, UrgentExit& e) {
  e.ticker = j.at("ticker").get<std::string>();
  e.signal = j.at("signal").get<ExitAction>();
  e.shares = j.at("shares").get<int>();
  e.reason = j.at("reason").get<std::string>();
  read_optional(j, "detail", e.detail);
  e.status = status_from_json(j.at("status"));
}

void to_json(nlohmann::json& j, const ActiveStop& s) {
  j = nlohmann::json::object();
  j["ticker"] = s.ticker;
  j["entry_price"] = s.entry_price;
  j["current_stop"] = s.current_stop;
  write_nullable(j, "trail_atr", s.trail_atr);
  write_nullable(j, "atr_multiple", s.atr_multiple);
  j["high_water"] = s.high_water;
  j["entry_date"] = format_date(s.entry_date);
  j["shares"] = s.shares;
  write_optional(j, "profit_take_executed", s.profit_take_executed);
}

void from_json(const nlohmann::json& j, ActiveStop& s) {
  s.ticker = j.at("ticker").get<std::string>();
  s.entry_price = j.at("entry_price").get<double>();
  s.current_stop = j.at("current_stop").get<double>();
  read_optional(j, "trail_atr", s.trail_atr);
  read_optional(j, "atr_multiple", s.atr_multiple);
  s.high_water = j.at("high_water").get<double>();
  s.entry_date = read_date(j, "entry_date");
  s.shares = j.at("shares").get<int>();
  read_optional(j, "profit_take_executed", s.profit_take_executed);
}

void to_json(nlohmann::json& j, const OrderBook& b) {
  j = nlohmann::json{{"date", format_date(b.date)},
                     {"approved_entries", b.approved_entries},
                     {"urgent_exits", b.urgent_exits},
                     {"active_stops", b.active_stops},
                     {"executed_today", b.executed_today}};
}

void from_json(const nlohmann::json& j, OrderBook& b) {
  b.date = read_date(j, "date");
  b.approved_entries = j.at("approved_entries").get<std::vector<ApprovedEntry>>();
  b.urgent_exits = j.at("urgent_exits").get<std::vector<UrgentExit>>();
  b.active_stops = j.at("active_stops").get<std::vector<ActiveStop>>();
  b.executed_today = j.at("executed_today").get<std::vector<nlohmann::json>>();
}

}  // namespace ae::core
