// signals.json: what Research tells the rest of the system
// (schemas/signals.schema.json). `buy_candidates` is the set the
// coverage invariant protects: every one must have a prediction row before
// the executor sizes a position.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace ae::core {

enum class SignalAction { kEnter, kExit, kReduce, kHold };
enum class Rating { kBuy, kHold, kSell };
enum class Conviction { kRising, kStable, kDeclining };
enum class SectorRating { kOverweight, kMarketWeight, kUnderweight };
enum class MarketRegime { kBull, kNeutral, kBear };

NLOHMANN_JSON_SERIALIZE_ENUM(SignalAction, {{SignalAction::kEnter, "ENTER"},
                                            {SignalAction::kExit, "EXIT"},
                                            {SignalAction::kReduce, "REDUCE"},
                                            {SignalAction::kHold, "HOLD"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Rating, {{Rating::kBuy, "BUY"},
                                      {Rating::kHold, "HOLD"},
                                      {Rating::kSell, "SELL"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Conviction, {{Conviction::kRising, "rising"},
                                          {Conviction::kStable, "stable"},
                                          {Conviction::kDeclining, "declining"}})
NLOHMANN_JSON_SERIALIZE_ENUM(SectorRating, {{SectorRating::kOverweight, "overweight"},
                                            {SectorRating::kMarketWeight, "market_weight"},
                                            {SectorRating::kUnderweight, "underweight"}})
NLOHMANN_JSON_SERIALIZE_ENUM(MarketRegime, {{MarketRegime::kBull, "bull"},
                                            {MarketRegime::kNeutral, "neutral"},
                                            {MarketRegime::kBear, "bear"}})

struct SignalEntry {
  std::string ticker;
  SignalAction signal = SignalAction::kHold;
  std::optional<double> score;  // 0..100, null when unscored
  Rating rating = Rating::kHold;
  Conviction conviction = Conviction::kStable;
  std::string sector;  // GICS label as in the universe
  SectorRating sector_rating = SectorRating::kMarketWeight;
  std::optional<double> price_target_upside;  // decimal, null when unknown
  std::optional<std::string> thesis_summary;
  std::optional<std::map<std::string, double>> sub_scores;
  std::optional<double> factor_quality_score;
  std::optional<std::vector<std::string>> catalysts;
  std::optional<int> next_earnings_days;

  bool operator==(const SignalEntry&) const = default;
};

struct SectorView {
  SectorRating rating = SectorRating::kMarketWeight;
  std::optional<double> modifier;
  std::optional<std::string> rationale;

  bool operator==(const SectorView&) const = default;
};

struct Signals {
  Date date;
  std::optional<std::string> run_date;  // ISO timestamp of generation
  std::optional<std::string> time;
  std::optional<std::string> architecture_version;
  MarketRegime market_regime = MarketRegime::kNeutral;
  std::map<std::string, double> sector_modifiers;
  std::map<std::string, SectorView> sector_ratings;
  std::optional<std::vector<std::string>> population;
  std::vector<SignalEntry> universe;
  std::vector<SignalEntry> buy_candidates;
  std::optional<nlohmann::json> metadata;

  bool operator==(const Signals&) const = default;
};

void to_json(nlohmann::json& j, const SignalEntry& entry);
void from_json(const nlohmann::json& j, SignalEntry& entry);
void to_json(nlohmann::json& j, const SectorView& view);
void from_json(const nlohmann::json& j, SectorView& view);
void to_json(nlohmann::json& j, const Signals& signals);
void from_json(const nlohmann::json& j, Signals& signals);

}  // namespace ae::core
