// Each deterministic rule of the research stage on small hand-made inputs.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "research/cio.h"
#include "research/factors.h"
#include "research/macro_rules.h"
#include "research/population.h"
#include "research/research_parameters.h"
#include "research/scanner.h"
#include "research/scoring.h"
#include "research/technical_score.h"

namespace ae::research {
namespace {

using core::parse_date;

Indicators liquid(const std::string& ticker, double rsi = 50, double atr = 0.02) {
  Indicators x;
  x.ticker = ticker;
  x.price = 50;
  x.avg_volume_20d = 1e6;
  x.rsi_14 = rsi;
  x.macd = 0.1;
  x.price_vs_ma50 = 0.02;
  x.price_vs_ma200 = 0.05;
  x.momentum_20d = 0.03;
  x.atr_14_pct = atr;
  return x;
}

// --- technical score ---------------------------------------------------------

TEST(TechnicalScore, RsiIsContrarianAndLinearBetweenAnchors) {
  const RsiAnchors a{70, 30, 100};
  EXPECT_DOUBLE_EQ(rsi_subscore(75, a), 0);
  EXPECT_DOUBLE_EQ(rsi_subscore(70, a), 0);
  EXPECT_DOUBLE_EQ(rsi_subscore(25, a), 100);
  EXPECT_DOUBLE_EQ(rsi_subscore(50, a), 50);
  EXPECT_DOUBLE_EQ(rsi_subscore(NAN, a), 50);
}

TEST(TechnicalScore, MacdStates) {
  EXPECT_EQ(macd_subscore(MacdCross::kBullish, 1), 100);
  EXPECT_EQ(macd_subscore(MacdCross::kBullish, -1), 70);
  EXPECT_EQ(macd_subscore(MacdCross::kBearish, 1), 30);
  EXPECT_EQ(macd_subscore(MacdCross::kBearish, -1), 0);
  EXPECT_EQ(macd_subscore(MacdCross::kNone, 1), 60);
  EXPECT_EQ(macd_subscore(MacdCross::kNone, -1), 40);
}

TEST(TechnicalScore, MovingAveragePiecesInPercent) {
  EXPECT_DOUBLE_EQ(ma_subscore(5), 80);
  EXPECT_DOUBLE_EQ(ma_subscore(20), 100);
  EXPECT_DOUBLE_EQ(ma_subscore(50), 100);
  EXPECT_DOUBLE_EQ(ma_subscore(2), 62);
  EXPECT_DOUBLE_EQ(ma_subscore(-2), 42);
  EXPECT_DOUBLE_EQ(ma_subscore(-5), 30);
  EXPECT_DOUBLE_EQ(ma_subscore(-15), 15);
  EXPECT_DOUBLE_EQ(ma_subscore(-40), 0);
  EXPECT_DOUBLE_EQ(momentum_subscore(10), 80);
  EXPECT_DOUBLE_EQ(momentum_subscore(-30), 0);
}

TEST(TechnicalScore, DecimalIndicatorsAreConvertedToPercent) {
  // A +10% distance above both averages must score like +10 percent, not
  // like +0.10 percent (the reference's units defect collapsed it to ~50).
  auto x = liquid("AAA");
  x.price_vs_ma50 = 0.10;
  x.price_vs_ma200 = 0.10;
  x.momentum_20d = 0.10;
  x.macd_cross = MacdCross::kNone;
  const TechnicalParams params{{}, {70, 30, 100}};
  // rsi 50 -> 50; macd none above -> 60; ma 10% -> 86.67 twice; momentum 10% -> 80
  const double expected = 0.2 * (50 + 60 + (80 + 5 * 20.0 / 15) * 2 + 80);
  EXPECT_NEAR(technical_score(x, params), std::round(expected * 100) / 100, 1e-9);
}

TEST(TechnicalScore, RegimeChangesRsiAnchors) {
  const auto p = research_parameters();
  EXPECT_EQ(technical_params(p, core::MarketRegime::kBear).rsi.oversold, 40);
  EXPECT_EQ(technical_params(p, core::MarketRegime::kBear).rsi.max_score, 75);
  EXPECT_EQ(technical_params(p, core::MarketRegime::kNeutral).rsi.oversold, 30);
}

// --- scanner -----------------------------------------------------------------

TEST(Scanner, FiltersPathsCapsAndReasons) {
  ScannerParams params;
  params.momentum_top_n = 2;
  params.deep_value_max_candidates = 1;
  params.min_combined_candidates = 0;
  auto thin = liquid("THIN");
  thin.avg_volume_20d = 1000;
  auto cheap = liquid("CHEAP");
  cheap.price = 5;
  auto wild = liquid("WILD", 50, 0.20);
  auto m1 = liquid("M1"), m2 = liquid("M2"), m3 = liquid("M3");
  auto broken = liquid("BROKEN");
  broken.price_vs_ma200 = -0.30;  // below the MA200 floor: not momentum
  auto dv1 = liquid("DV1", 20), dv2 = liquid("DV2", 25);
  auto dv_wild = liquid("DVW", 20, 0.30);
  auto meh = liquid("MEH");
  std::vector<ScanInput> in = {
      {"THIN", &thin, 80},     {"CHEAP", &cheap, 80}, {"WILD", &wild, 80},
      {"M1", &m1, 70},         {"M2", &m2, 90},       {"M3", &m3, 65},
      {"BROKEN", &broken, 90}, {"DV1", &dv1, 40},     {"DV2", &dv2, 40},
      {"DVW", &dv_wild, 40},   {"MEH", &meh, 55},     {"NODATA", nullptr, NAN}};
  const auto r = run_scanner(in, {"HELD"}, params);
  const auto fail = [&](const std::string& t) {
    for (const auto& row : r.rows)
      if (row.ticker == t) return std::string(scan_fail_name(row.fail));
    return std::string("?");
  };
  EXPECT_EQ(fail("THIN"), "liquidity");
  EXPECT_EQ(fail("CHEAP"), "liquidity");
  EXPECT_EQ(fail("WILD"), "volatility_momentum");
  EXPECT_EQ(fail("M3"), "rank_cutoff");
  EXPECT_EQ(fail("BROKEN"), "below_thresholds");  // rsi 50: not deep value either
  EXPECT_EQ(fail("DV2"), "rank_cutoff");
  EXPECT_EQ(fail("DVW"), "volatility_deep_value");
  EXPECT_EQ(fail("MEH"), "below_thresholds");
  EXPECT_EQ(fail("NODATA"), "no_data");
  EXPECT_EQ(r.candidates, (std::vector<std::string>{"M2", "M1", "DV1"}));
  EXPECT_EQ(r.input_set, (std::vector<std::string>{"DV1", "HELD", "M1", "M2"}));
}

TEST(Scanner, BackfillsShortListsWithTheBestLiquidNames) {
  ScannerParams params;
  params.min_combined_candidates = 2;
  auto a = liquid("A"), b = liquid("B"), c = liquid("C");
  const auto r = run_scanner({{"A", &a, 50}, {"B", &b, 59}, {"C", &c, 61}}, {}, params);
  EXPECT_EQ(r.candidates, (std::vector<std::string>{"C", "B"}));
  EXPECT_EQ(r.rows[1].path, ScanPath::kBackfill);
}

// --- factors -----------------------------------------------------------------

TEST(Factors, PercentileRanksAverageTies) {
  const auto pct = percentile_ranks({3, 1, 2, 2, NAN});
  EXPECT_DOUBLE_EQ(pct[0], 100);
  EXPECT_DOUBLE_EQ(pct[1], 25);
  EXPECT_DOUBLE_EQ(pct[2], 62.5);
  EXPECT_DOUBLE_EQ(pct[3], 62.5);
  EXPECT_TRUE(std::isnan(pct[4]));
}

TEST(Factors, RankedWithinSectorAndUnavailableWithoutFundamentals) {
  auto a = liquid("A"), b = liquid("B"), c = liquid("C");
  a.sector = b.sector = market::Sector::kEnergy;
  c.sector = market::Sector::kUtilities;
  a.realized_vol_20d = 0.1;
  b.realized_vol_20d = 0.3;
  c.realized_vol_20d = 0.9;                          // alone in its sector
  a.atr_14_pct = b.atr_14_pct = c.atr_14_pct = NAN;  // one low-vol component only
  const Fundamentals fa = {{"roe", 0.2}}, fb = {{"roe", 0.1}};
  const auto profiles = compute_factor_profiles({{&a, &fa}, {&b, &fb}, {&c, nullptr}});
  // Low vol: A is the calmer of two -> inverted pct 100 - 50 = 50; B -> 0.
  EXPECT_DOUBLE_EQ(*profiles[0].get(Factor::kLowVol), 50);
  EXPECT_DOUBLE_EQ(*profiles[1].get(Factor::kLowVol), 0);
  EXPECT_EQ(profiles[0].count[static_cast<int>(Factor::kLowVol)], 1);
  EXPECT_DOUBLE_EQ(*profiles[2].get(Factor::kLowVol), 0);  // 1 of 1 -> 100, inverted
  EXPECT_DOUBLE_EQ(*profiles[0].get(Factor::kQuality), 100);
  EXPECT_FALSE(profiles[2].get(Factor::kQuality).has_value());
  EXPECT_FALSE(profiles[2].get(Factor::kValue).has_value());
  EXPECT_FALSE(fundamental_qual_score(profiles[2]).has_value());
  EXPECT_DOUBLE_EQ(*fundamental_qual_score(profiles[0]), 100);
}

TEST(Factors, SubscoreRenormalisesOverAvailableFactors) {
  const auto p = research_parameters();
  FactorProfile profile;
  profile.score[static_cast<int>(Factor::kMomentum)] = 80;
  profile.score[static_cast<int>(Factor::kLowVol)] = 40;
  // bull: momentum .40, low_vol .10 -> (32 + 4) / .5
  EXPECT_DOUBLE_EQ(*factor_subscore(profile, p, core::MarketRegime::kBull), 72);
  EXPECT_FALSE(factor_subscore(FactorProfile{}, p, core::MarketRegime::kBull).has_value());
}

// --- composite -----------------------------------------------------------------

TEST(Composite, LegacyFormulaAndWeightMoves) {
  const CompositeWeights w;
  auto c = compute_composite(80, 60, 50, 1.0, w);
  EXPECT_DOUBLE_EQ(c.final_score, std::round((0.35 * 80 + 0.35 * 60 + 0.30 * 50) * 10) / 10);
  // qual missing: its weight moves to quant.
  c = compute_composite(80, std::nullopt, 50, 1.0, w);
  EXPECT_DOUBLE_EQ(c.final_score, 0.70 * 80 + 0.30 * 50);
  // factor missing too: everything on quant.
  c = compute_composite(80, std::nullopt, std::nullopt, 1.0, w);
  EXPECT_DOUBLE_EQ(c.final_score, 80);
  // macro shift: 1.3 -> +10, 0.7 -> -10, clamped to 0..100.
  EXPECT_DOUBLE_EQ(compute_composite(95, std::nullopt, std::nullopt, 1.3, w).final_score, 100);
  EXPECT_DOUBLE_EQ(compute_composite(50, std::nullopt, std::nullopt, 0.7, w).final_score, 40);
  EXPECT_EQ(compute_composite(50, std::nullopt, std::nullopt, 0.7, w).rating, core::Rating::kSell);
  EXPECT_EQ(compute_composite(65, std::nullopt, std::nullopt, 1.0, w).rating, core::Rating::kBuy);
  EXPECT_EQ(compute_composite(64.9, std::nullopt, std::nullopt, 1.0, w).rating,
            core::Rating::kHold);
}

TEST(Composite, ConvictionBuckets) {
  EXPECT_EQ(conviction_label(70), core::Conviction::kRising);
  EXPECT_EQ(conviction_label(69.9), core::Conviction::kStable);
  EXPECT_EQ(conviction_label(40), core::Conviction::kStable);
  EXPECT_EQ(conviction_label(39), core::Conviction::kDeclining);
}

TEST(Composite, TeamsCoverEverySector) {
  EXPECT_EQ(team_of(market::Sector::kMaterials), "industrials");
  EXPECT_EQ(team_of(market::Sector::kCommunicationServices), "consumer");
  EXPECT_EQ(team_of(market::Sector::kRealEstate), "defensives");
  EXPECT_EQ(team_ids().size(), 6u);
}

// --- macro -----------------------------------------------------------------------

MacroInputs calm_market() {
  MacroInputs in;
  in.spy_price = 500;
  in.spy_vs_ma200 = 0.08;
  in.spy_return_30d = 0.03;
  in.spy_drawdown = 0.02;
  in.vix = 14;
  in.breadth_above_ma200 = 0.7;
  in.sector_relative.fill(0);
  return in;
}

TEST(Macro, PointsDecideTheRegime) {
  const auto p = research_parameters();
  EXPECT_EQ(macro_rule(calm_market(), p).regime, core::MarketRegime::kBull);
  auto in = calm_market();
  in.spy_vs_ma200 = -0.05;
  in.spy_drawdown = 0.22;
  in.vix = 28;
  in.breadth_above_ma200 = 0.3;
  EXPECT_EQ(macro_rule(in, p).regime, core::MarketRegime::kBear);
  in = calm_market();
  in.vix = 22;
  in.breadth_above_ma200 = 0.5;
  EXPECT_EQ(macro_rule(in, p).regime, core::MarketRegime::kNeutral);  // 1 point
}

TEST(Macro, GuardrailForcesBearWhateverThePoints) {
  const auto p = research_parameters();
  auto in = calm_market();
  in.vix = 31;
  in.spy_return_30d = -0.11;
  const auto view = macro_rule(in, p);
  EXPECT_EQ(view.regime, core::MarketRegime::kBear);
  EXPECT_TRUE(view.guardrail_fired);
  in.spy_return_30d = -0.09;  // not both conditions
  EXPECT_FALSE(macro_rule(in, p).guardrail_fired);
}

TEST(Macro, SectorModifiersClampedAndRated) {
  const auto p = research_parameters();
  auto in = calm_market();
  in.sector_relative[static_cast<int>(market::Sector::kTechnology)] = 0.5;
  in.sector_relative[static_cast<int>(market::Sector::kEnergy)] = -0.05;
  in.sector_relative[static_cast<int>(market::Sector::kUtilities)] = 0.03;
  const auto view = macro_rule(in, p);
  const auto& tech = view.sectors[static_cast<int>(market::Sector::kTechnology)];
  EXPECT_DOUBLE_EQ(tech.modifier, 1.30);
  EXPECT_EQ(tech.rating, core::SectorRating::kOverweight);
  const auto& energy = view.sectors[static_cast<int>(market::Sector::kEnergy)];
  EXPECT_DOUBLE_EQ(energy.modifier, 0.90);
  EXPECT_EQ(energy.rating, core::SectorRating::kUnderweight);
  EXPECT_EQ(view.sectors[static_cast<int>(market::Sector::kUtilities)].rating,
            core::SectorRating::kMarketWeight);  // 1.06
  EXPECT_DOUBLE_EQ(clamp_modifier(0.1), 0.70);
}

// --- CIO -------------------------------------------------------------------------

CioCandidate candidate(const std::string& t, double quant, double final_score, bool held = false) {
  return {t, quant, std::nullopt, final_score, core::SectorRating::kMarketWeight, held};
}

TEST(Cio, RuleVetoes) {
  CioParams params;
  std::vector<CioCandidate> c = {candidate("LOWQ", 45, 70), candidate("OK", 80, 75)};
  c.push_back({"DUAL", 55, 58.0, 70, core::SectorRating::kMarketWeight, false});
  c.push_back({"UW", 80, std::nullopt, 65, core::SectorRating::kUnderweight, false});
  const auto d = rule_cio(c, params);
  EXPECT_EQ(d[0].verdict, CioVerdict::kReject);
  EXPECT_EQ(d[0].rule_tags.front(), "quant_veto");
  EXPECT_EQ(d[1].verdict, CioVerdict::kAdvance);
  EXPECT_EQ(d[2].rule_tags.front(), "dual_score_floor");
  EXPECT_EQ(d[3].rule_tags.front(), "macro_alignment");
}

TEST(Cio, CapKeepsTheHighestConvictionNetNew) {
  CioParams params;
  params.max_new_entrants = 2;
  std::vector<CioCandidate> c = {candidate("A", 80, 70), candidate("B", 80, 90),
                                 candidate("C", 80, 80), candidate("H", 80, 60, true)};
  const auto out = post_process(rule_cio(c, params), c, params);
  EXPECT_EQ(out.advanced, (std::vector<std::string>{"B", "C", "H"}));  // held: unbounded
  EXPECT_EQ(out.net_new, 2u);
  EXPECT_EQ(out.decisions[0].verdict, CioVerdict::kReject);
}

TEST(Cio, ForceFillToTheFloorAboveTheConvictionFloor) {
  CioParams params;  // floor 2, force-fill conviction >= 60
  std::vector<CioDecision> raw = {{"A", CioVerdict::kReject, 1, 75, "", {}},
                                  {"B", CioVerdict::kReject, 2, 65, "", {}},
                                  {"C", CioVerdict::kReject, 3, 55, "", {}}};
  std::vector<CioCandidate> c = {candidate("A", 80, 75), candidate("B", 80, 65),
                                 candidate("C", 80, 55)};
  auto out = post_process(raw, c, params);
  EXPECT_EQ(out.advanced, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(out.decisions[0].verdict, CioVerdict::kAdvanceForced);
  EXPECT_FALSE(out.tripwire);
  raw[1].conviction = 59;  // only one eligible -> tripwire
  out = post_process(raw, c, params);
  EXPECT_EQ(out.advanced, (std::vector<std::string>{"A"}));
  EXPECT_TRUE(out.tripwire);
}

TEST(Cio, ReconcileDropsStrangersKeepsTheConservativeDuplicateAndNeedsEveryCandidate) {
  CioParams params;
  params.min_new_entrants = 0;
  std::vector<CioCandidate> c = {candidate("A", 80, 75)};
  std::vector<CioDecision> raw = {{"A", CioVerdict::kAdvance, 1, 75, "", {}},
                                  {"A", CioVerdict::kReject, 1, 75, "", {}},
                                  {"ZZZ", CioVerdict::kAdvance, 1, 99, "", {}}};
  const auto out = post_process(raw, c, params);
  EXPECT_TRUE(out.advanced.empty());
  EXPECT_THROW(post_process({}, c, params), core::InvalidInput);
}

TEST(Cio, LaxFallbackAdvancesExactlyTheFloor) {
  CioParams params;
  std::vector<CioCandidate> c = {candidate("A", 60, 0), candidate("B", 90, 0),
                                 candidate("C", 70, 0)};
  const auto d = lax_fallback(c, params);
  const auto out = post_process(d, c, params);
  EXPECT_EQ(out.advanced, (std::vector<std::string>{"B", "C"}));
  EXPECT_EQ(d[1].conviction, 90);
}

// --- population ------------------------------------------------------------------

Member member(const std::string& t, double score, const char* entry = "2026-01-02") {
  return {t,     market::Sector::kEnergy, parse_date(entry),
          score, core::Rating::kHold,     core::Conviction::kStable,
          ""};
}

TEST(Population, ExitRules) {
  PopulationParams params;
  const auto run = parse_date("2026-06-26");
  const std::vector<Member> current = {member("GONE", 90), member("COLLAPSE", 39),
                                       member("OLDWEAK", 44), member("NEWWEAK", 44, "2026-06-19"),
                                       member("FINE", 70)};
  const auto r = evaluate_exits(current, {"COLLAPSE", "OLDWEAK", "NEWWEAK", "FINE"}, run, params);
  ASSERT_EQ(r.exits.size(), 3u);
  EXPECT_EQ(r.exits[0].reason, ExitReason::kUniverseDrop);
  EXPECT_EQ(r.exits[1].reason, ExitReason::kThesisCollapse);
  EXPECT_EQ(r.exits[2].reason, ExitReason::kScoreDegraded);
  EXPECT_EQ(r.exits[2].member.ticker, "OLDWEAK");
  EXPECT_EQ(r.remaining.size(), 2u);  // NEWWEAK has one week of tenure
  EXPECT_EQ(r.open_slots, 23u);
}

TEST(Population, RotationCapOnScoreDegraded) {
  PopulationParams params;
  params.max_rotations_per_run = 1;
  const auto r = evaluate_exits({member("A", 44), member("B", 42)}, {"A", "B"},
                                parse_date("2026-06-26"), params);
  ASSERT_EQ(r.exits.size(), 1u);
  EXPECT_EQ(r.exits[0].member.ticker, "B");  // the weakest goes first
}

TEST(Population, IncumbentReplacedOnlyByAStrongerEntrant) {
  PopulationParams params;
  params.target_size = 3;
  params.max_size = 4;
  ExitEvaluation e;
  e.remaining = {member("I1", 50), member("I2", 80), member("I3", 90)};
  // Entrant 70 beats I1 (50): I1 rotates out.
  auto u = apply_entries(e, {member("N1", 70)}, params);
  EXPECT_EQ(u.entered, (std::vector<std::string>{"N1"}));
  ASSERT_EQ(u.exits.size(), 1u);
  EXPECT_EQ(u.exits[0].member.ticker, "I1");
  EXPECT_EQ(u.exits[0].reason, ExitReason::kForcedRotation);
  EXPECT_EQ(u.population.size(), 3u);
  // Entrant 40 is weaker than every incumbent: the population runs over
  // target (within max_size) instead of ejecting quality for nothing.
  u = apply_entries(e, {member("N2", 40)}, params);
  EXPECT_TRUE(u.exits.empty());
  EXPECT_EQ(u.population.size(), 4u);
  // max_size caps admissions.
  u = apply_entries(e, {member("N3", 95), member("N4", 96)}, params);
  EXPECT_EQ(u.entered, (std::vector<std::string>{"N3"}));
}

// --- parameters ------------------------------------------------------------------

TEST(Parameters, ShippedDefaultsAreValidAndWeightGroupsMustSumToOne) {
  auto p = research_parameters();
  EXPECT_NO_THROW(check_research_parameters(p));
  p.apply_yaml_text("composite: {weight_quant: 0.5}\n", "test.yaml");
  EXPECT_THROW(check_research_parameters(p), core::InvalidInput);
  auto q = research_parameters();
  q.apply_yaml_text("cio: {agent_failure_policy: sometimes}\n", "test.yaml");
  EXPECT_THROW(check_research_parameters(q), core::InvalidInput);
}

}  // namespace
}  // namespace ae::research
