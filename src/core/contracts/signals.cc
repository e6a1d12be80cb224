#include "core/contracts/signals.h"

#include "core/contracts/json_fields.h"

namespace ae::core {

using namespace json_fields;

void to_json(nlohmann::json& j, const SignalEntry& e) {
  j = nlohmann::json::object();
  j["ticker"] = e.ticker;
  j["signal"] = e.signal;
  write_nullable(j, "score", e.score);
  j["rating"] = e.rating;
  j["conviction"] = e.conviction;
  j["sector"] = e.sector;
  j["sector_rating"] = e.sector_rating;
  write_nullable(j, "price_target_upside", e.price_target_upside);
  write_optional(j, "thesis_summary", e.thesis_summary);
  write_optional(j, "sub_scores", e.sub_scores);
  write_optional(j, "factor_quality_score", e.factor_quality_score);
  write_optional(j, "catalysts", e.catalysts);
  write_optional(j, "next_earnings_days", e.next_earnings_days);
}

void from_json(const nlohmann::json& j, SignalEntry& e) {
  e.ticker = j.at("ticker").get<std::string>();
  e.signal = j.at("signal").get<SignalAction>();
  read_optional(j, "score", e.score);
  e.rating = j.at("rating").get<Rating>();
  e.conviction = j.at("conviction").get<Conviction>();
  e.sector = j.at("sector").get<std::string>();
  e.sector_rating = j.at("sector_rating").get<SectorRating>();
  read_optional(j, "price_target_upside", e.price_target_upside);
  read_optional(j, "thesis_summary", e.thesis_summary);
  read_optional(j, "sub_scores", e.sub_scores);
  read_optional(j, "factor_quality_score", e.factor_quality_score);
  read_optional(j, "catalysts", e.catalysts);
  read_optional(j, "next_earnings_days", e.next_earnings_days);
}

void to_json(nlohmann::json& j, const SectorView& v) {
  j = nlohmann::json::object();
  j["rating"] = v.rating;
  write_optional(j, "modifier", v.modifier);
  write_optional(j, "rationale", v.rationale);
}

void from_json(const nlohmann::json& j, SectorView& v) {
  v.rating = j.at("rating").get<SectorRating>();
  read_optional(j, "modifier", v.modifier);
  read_optional(j, "rationale", v.rationale);
}

void to_json(nlohmann::json& j, const Signals& s) {
  j = nlohmann::json::object();
  j["date"] = format_date(s.date);
  write_optional(j, "run_date", s.run_date);
  write_optional(j, "time", s.time);
  write_optional(j, "architecture_version", s.architecture_version);
  j["market_regime"] = s.market_regime;
  j["sector_modifiers"] = s.sector_modifiers;
  j["sector_ratings"] = s.sector_ratings;
  write_optional(j, "population", s.population);
  j["universe"] = s.universe;
  j["buy_candidates"] = s.buy_candidates;
  write_optional(j, "metadata", s.metadata);
}

void from_json(const nlohmann::json& j, Signals& s) {
  s.date = read_date(j, "date");
  read_optional(j, "run_date", s.run_date);
  read_optional(j, "time", s.time);
  read_optional(j, "architecture_version", s.architecture_version);
  s.market_regime = j.at("market_regime").get<MarketRegime>();
  s.sector_modifiers = j.at("sector_modifiers").get<std::map<std::string, double>>();
  s.sector_ratings = j.at("sector_ratings").get<std::map<std::string, SectorView>>();
  read_optional(j, "population", s.population);
  s.universe = j.at("universe").get<std::vector<SignalEntry>>();
  s.buy_candidates = j.at("buy_candidates").get<std::vector<SignalEntry>>();
  read_optional(j, "metadata", s.metadata);
}

}  // namespace ae::core
