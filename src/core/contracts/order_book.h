// The planner's order book for one trading date (schemas/order_book.schema.json):
// approved entries, urgent exits, active stops and what has executed.
// Written atomically by the planner; read by the intraday daemon. An entry's
// or exit's status is written "pending" (OrderStatus::kNew) or "executed"
// (kFilled); the contract has no word for the other statuses, so writing one
// throws InvalidInput.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"
#include "core/date.h"
#include "core/order_status.h"

namespace ae::core {

enum class ExitAction { kExit, kReduce, kCover };

NLOHMANN_JSON_SERIALIZE_ENUM(ExitAction, {{ExitAction::kExit, "EXIT"},
                                          {ExitAction::kReduce, "REDUCE"},
                                          {ExitAction::kCover, "COVER"}})

// The multiplicative sizing chain, each factor recorded for audit.
struct SizingFactors {
  double sector_adj = 1, conviction_adj = 1, upside_adj = 1, dd_multiplier = 1, atr_adj = 1,
         confidence_adj = 1, staleness_adj = 1, earnings_adj = 1;
  bool operator==(const SizingFactors&) const = default;
};

struct ApprovedEntry {
  std::string ticker;
  int shares = 0;
  double current_price = 0;
  double dollar_size = 0;
  double position_pct = 0;
  std::optional<double> atr_value;
  double atr_pct = 0;
  nlohmann::json triggers = nlohmann::json::object();  // intraday trigger levels
  std::optional<double> research_score;
  std::optional<Conviction> research_conviction;
  std::optional<Rating> research_rating;
  std::optional<SectorRating> sector_rating;
  std::optional<MarketRegime> market_regime;
  std::optional<double> price_target_upside;
  std::optional<std::string> thesis_summary;
  std::optional<Direction> predicted_direction;
  std::optional<double> prediction_confidence;
  std::optional<double> predicted_alpha;
  SizingFactors sizing_factors;
  OrderStatus status = OrderStatus::kNew;
  std::optional<std::string> trigger_reason;
  std::optional<std::string> executed_at;
  bool operator==(const ApprovedEntry&) const = default;
};

struct UrgentExit {
  std::string ticker;
  ExitAction signal = ExitAction::kExit;
  int shares = 0;
  std::string reason;
  std::optional<std::string> detail;
  OrderStatus status = OrderStatus::kNew;
  bool operator==(const UrgentExit&) const = default;
};

struct ActiveStop {
  std::string ticker;
  double entry_price = 0;
  double current_stop = 0;
  std::optional<double> trail_atr;
  std::optional<double> atr_multiple;
  double high_water = 0;
  Date entry_date;
  int shares = 0;
  std::optional<bool> profit_take_executed;
  bool operator==(const ActiveStop&) const = default;
};

struct OrderBook {
  Date date;
  std::vector<ApprovedEntry> approved_entries;
  std::vector<UrgentExit> urgent_exits;
  std::vector<ActiveStop> active_stops;
  std::vector<nlohmann::json> executed_today;  // fill records, each with "ticker"
  bool operator==(const OrderBook&) const = default;
};

void to_json(nlohmann::json& j, const SizingFactors& s);
void from_json(const nlohmann::json& j, SizingFactors& s);
void to_json(nlohmann::json& j, const ApprovedEntry& e);
void from_json(const nlohmann::json& j, ApprovedEntry& e);
void to_json(nlohmann::json& j, const UrgentExit& e);
void from_json(const nlohmann::json& j, UrgentExit& e);
void to_json(nlohmann::json& j, const ActiveStop& s);
void from_json(const nlohmann::json& j, ActiveStop& s);
void to_json(nlohmann::json& j, const OrderBook& b);
void from_json(const nlohmann::json& j, OrderBook& b);

}  // namespace ae::core
