// signals.json construction (ENTER/HOLD/EXIT rules, gates, sector labels),
// its contract, and the pre-write checks.
#include <gtest/gtest.h>

#include "core/contracts/contract.h"
#include "research/errors.h"
#include "research/research_parameters.h"
#include "research/signals_builder.h"

namespace ae::research {
namespace {

using core::parse_date;

ScoredName scored(const std::string& t, market::Sector sector, double final_score,
                  core::Rating rating) {
  ScoredName s;
  s.ticker = t;
  s.sector = sector;
  s.team = std::string(team_of(sector));
  s.quant_score = final_score;
  s.technical_score = final_score;
  s.composite.final_score = final_score;
  s.composite.rating = rating;
  s.conviction = conviction_label(final_score);
  s.thesis_summary = t + " thesis";
  s.catalysts = {"bullish MACD cross"};
  s.price_target_upside = 0.12;
  return s;
}

Member member_of(const ScoredName& s) {
  return {s.ticker,           s.sector,     parse_date("2026-06-12"), s.composite.final_score,
          s.composite.rating, s.conviction, s.thesis_summary};
}

struct Fixture {
  MacroView macro;
  std::map<std::string, ScoredName> names;
  PopulationUpdate population;

  Fixture() {
    macro.regime = core::MarketRegime::kBull;
    macro.sectors[static_cast<int>(market::Sector::kTechnology)] = {
        1.2, core::SectorRating::kOverweight, "XLK strong"};
    macro.sectors[static_cast<int>(market::Sector::kUtilities)] = {
        0.8, core::SectorRating::kUnderweight, "XLU weak"};
    for (auto s : {scored("TECH", market::Sector::kTechnology, 80, core::Rating::kBuy),
                   scored("UTIL", market::Sector::kUtilities, 70, core::Rating::kBuy),
                   scored("MEH", market::Sector::kFinancial, 55, core::Rating::kHold),
                   scored("GONE", market::Sector::kEnergy, 30, core::Rating::kSell)}) {
      names.emplace(s.ticker, s);
    }
    population.population = {member_of(names.at("MEH")), member_of(names.at("TECH")),
                             member_of(names.at("UTIL"))};
    population.exits = {{member_of(names.at("GONE")), ExitReason::kThesisCollapse, "score 30"}};
  }

  core::Signals build(const core::ParameterSet& p) const {
    SignalsInputs in;
    in.date = parse_date("2026-06-26");
    in.generated_at = "2026-06-27T12:00:00.000000Z";
    in.macro = &macro;
    in.scored = &names;
    in.population = &population;
    return build_signals(in, p);
  }
};

const core::SignalEntry& entry(const core::Signals& s, const std::string& ticker) {
  for (const auto& e : s.universe)
    if (e.ticker == ticker) return e;
  throw std::runtime_error("no entry " + ticker);
}

TEST(Signals, EnterHoldExitAndBuyCandidates) {
  const Fixture f;
  const auto s = f.build(research_parameters());
  EXPECT_EQ(entry(s, "TECH").signal, core::SignalAction::kEnter);
  EXPECT_EQ(entry(s, "UTIL").signal, core::SignalAction::kEnter);
  EXPECT_EQ(entry(s, "MEH").signal, core::SignalAction::kHold);
  const auto& gone = entry(s, "GONE");
  EXPECT_EQ(gone.signal, core::SignalAction::kExit);
  EXPECT_EQ(gone.rating, core::Rating::kSell);
  EXPECT_EQ(gone.conviction, core::Conviction::kDeclining);
  EXPECT_EQ(*gone.thesis_summary, "thesis_collapse: score 30");
  ASSERT_EQ(s.buy_candidates.size(), 2u);
  EXPECT_EQ(s.buy_candidates[0].ticker, "TECH");
  EXPECT_EQ(*s.buy_candidates[0].catalysts, std::vector<std::string>{"bullish MACD cross"});
  EXPECT_EQ(*s.population, (std::vector<std::string>{"MEH", "TECH", "UTIL"}));
  EXPECT_EQ(s.universe.front().signal, core::SignalAction::kEnter);  // ENTER first
}

TEST(Signals, SectorLabelsNeverMissTheirModifier) {
  // GICS label in the entry, canonical key in the maps, and the rating that
  // goes with the entry's sector (the reference lost Tech/Health/Financials).
  const Fixture f;
  const auto s = f.build(research_parameters());
  const auto& tech = entry(s, "TECH");
  EXPECT_EQ(tech.sector, "Information Technology");
  EXPECT_EQ(tech.sector_rating, core::SectorRating::kOverweight);
  EXPECT_DOUBLE_EQ(s.sector_modifiers.at("Technology"), 1.2);
  EXPECT_EQ(s.sector_ratings.at("Technology").rating, core::SectorRating::kOverweight);
  EXPECT_EQ(s.sector_modifiers.size(), 11u);
  EXPECT_DOUBLE_EQ(*tech.price_target_upside, 0.12);
}

TEST(Signals, DocumentSatisfiesTheContractAndCarriesTheLegacyDict) {
  const Fixture f;
  const auto s = f.build(research_parameters());
  const auto doc = signals_document(s, f.names);
  EXPECT_NO_THROW(core::validate_contract(core::Contract::kSignals, doc, "test"));
  EXPECT_EQ(doc["signals"]["TECH"]["team_id"], "technology");
  EXPECT_EQ(doc["architecture_version"], "sector_teams");
  EXPECT_EQ(doc.at("buy_candidates").size(), 2u);
}

TEST(Signals, OptionalGates) {
  const Fixture f;
  auto p = research_parameters();
  p.apply_yaml_text("gates: {coherence_enabled: true, coherence_min_score: 75}\n", "t.yaml");
  auto s = f.build(p);
  ASSERT_EQ(s.buy_candidates.size(), 1u);  // UTIL: underweight and 70 < 75
  EXPECT_EQ((*s.metadata)["gates_blocked"][0]["gate"], "coherence");

  Fixture g;
  g.names.at("TECH").factors.score[static_cast<int>(Factor::kQuality)] = 5;
  g.names.at("UTIL").factors.score[static_cast<int>(Factor::kQuality)] = 5;
  auto q = research_parameters();
  q.apply_yaml_text("gates: {quality_floor_enabled: true}\n", "t.yaml");
  s = g.build(q);
  ASSERT_EQ(s.buy_candidates.size(), 1u);  // Utilities is exempt, Technology is not
  EXPECT_EQ(s.buy_candidates[0].ticker, "UTIL");
}

TEST(Signals, PreWriteChecksRefuseBadEntries) {
  const Fixture f;
  auto s = f.build(research_parameters());
  const auto all_present = [](std::string_view) { return true; };
  EXPECT_NO_THROW(check_signals(s, all_present));

  auto unknown_sector = s;
  unknown_sector.universe[0].sector = "Unknown";
  try {
    check_signals(unknown_sector, all_present);
    FAIL() << "expected SignalsRejected";
  } catch (const SignalsRejected& e) {
    EXPECT_NE(std::string(e.what()).find("unknown sector 'Unknown'"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(check_signals(s, [](std::string_view t) { return t != "MEH"; }), SignalsRejected);
  auto bad_score = s;
  bad_score.universe[0].score = 101;
  EXPECT_THROW(check_signals(bad_score, all_present), SignalsRejected);
  bad_score.universe[0].score = NAN;
  EXPECT_THROW(check_signals(bad_score, all_present), SignalsRejected);
}

}  // namespace
}  // namespace ae::research
