// Dataset, training, registry and inference on a small simulated market
// (60 tickers x 4 years, planted signal 4x the default so that a short
// history shows it clearly). The market is generated once per suite.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>

#include "core/contracts/contract.h"
#include "core/contracts/health.h"
#include "fixtures.h"
#include "predictor/coverage_check.h"
#include "predictor/errors.h"
#include "predictor/inference.h"
#include "predictor/parameters.h"
#include "predictor/store_keys.h"
#include "predictor/training_run.h"
#include "support/market_support.h"
#include "support/test_support.h"

namespace ae::predictor {
namespace {

const core::Date kEnd = core::parse_date("2026-11-27");

core::ParameterSet test_parameters() {
  auto p = predictor_parameters();
  p.apply_yaml_text(
      "training:\n  max_rounds: 50\n  early_stopping_rounds: 10\n"
      "xgboost:\n  min_child_weight: 20\n  max_depth: 4\n  eta: 0.1\n",
      "test");
  return p;
}

class Pipeline : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ae::test::TempDir();
    ae::test::write_simulated_market(dir_->path() / "market", 60, 4, 11, kEnd);
    market::BarStore bars(dir_->path() / "market");
    // One promoted model, copied into each test's store that needs a champion.
    core::FileSystemStore trained(dir_->path() / "trained");
    core::VirtualClock clock(core::parse_timestamp("2026-11-30T14:00:00Z"));
    TrainingRequest request;
    request.promote = true;
    champion_ =
        new std::string(run_training(bars, trained, clock, test_parameters(), request).version);
  }
  static void TearDownTestSuite() {
    delete champion_;
    delete dir_;
    dir_ = nullptr;
  }

  static ae::test::TempDir* dir_;
  static std::string* champion_;
  ae::test::TempDir scratch;
  market::BarStore bars{dir_->path() / "market"};
  core::FileSystemStore store{scratch.path()};
  core::VirtualClock clock{core::parse_timestamp("2026-11-30T14:00:00Z")};
  core::ParameterSet parameters = test_parameters();

  std::vector<std::string> members(core::Date date, std::size_t n) {
    auto all = bars.read_universe().members_on(date);
    std::vector<std::string> out;
    for (const auto& t : all) {
      if (out.size() == n) break;
      if (std::isfinite(bars.read(t).value_on(market::Field::kClose, date))) out.push_back(t);
    }
    return out;
  }
  // kEnd's signals in `target`: the first two of 30 members with a bar are
  // buy candidates, the other 28 the population. Returns the 30.
  std::vector<std::string> put_day_signals(core::ArtifactStore& target) {
    const auto tickers = members(kEnd, 30);
    auto signals = test::make_signals(kEnd, {tickers[0], tickers[1]}, core::MarketRegime::kBull);
    signals.population = std::vector<std::string>(tickers.begin() + 2, tickers.end());
    test::put_signals(target, signals_key(kEnd), signals);
    return tickers;
  }
  std::string trained_champion() {
    std::filesystem::copy(dir_->path() / "trained", scratch.path(),
                          std::filesystem::copy_options::recursive);
    EXPECT_EQ(champion_version(store), *champion_);
    return *champion_;
  }
};
ae::test::TempDir* Pipeline::dir_ = nullptr;
std::string* Pipeline::champion_ = nullptr;

TEST_F(Pipeline, NoLookAheadFeaturesAtTIgnoreLaterBars) {
  const core::Date t = core::parse_date("2026-06-01");
  const auto features = parameters.get_string_list("features");
  const auto before = build_cross_section(bars, t, features, {}, "momentum_20d");

  // A copy of the market whose bars after t are scrambled.
  ae::test::TempDir copy;
  std::filesystem::copy(dir_->path() / "market", copy.path() / "market",
                        std::filesystem::copy_options::recursive);
  ae::test::perturb_bars_after(copy.path() / "market", t, 3);
  market::BarStore perturbed(copy.path() / "market");
  const auto after = build_cross_section(perturbed, t, features, {}, "momentum_20d");
  ASSERT_GT(before.data.rows(), 50u);
  EXPECT_EQ(before.data.x, after.data.x);
  EXPECT_EQ(before.raw, after.raw);

  // Training rows whose label window ends by t are identical too.
  auto options = dataset_options(parameters);
  const auto a = build_training_dataset(bars, options);
  const auto b = build_training_dataset(perturbed, options);
  const std::int32_t last_day = bars.calendar().index_of(t) - options.horizon;
  std::size_t compared = 0;
  for (std::size_t r = 0; r < a.rows() && a.day[r] <= last_day; ++r, ++compared) {
    ASSERT_EQ(a.day[r], b.day[r]);
    ASSERT_EQ(a.y[r], b.y[r]) << r;
  }
  EXPECT_GT(compared, 1000u);
}

// A training set cut from a longer one is the set built for the shorter span,
// bit for bit, for every label kind; a longer set cannot come from a shorter.
TEST_F(Pipeline, ATrainingSetCutFromALaterOneEqualsTheOneBuiltForItsSpan) {
  for (const auto label : {LabelKind::kSector, LabelKind::kVolCohort, LabelKind::kSpy}) {
    auto options = dataset_options(parameters);
    options.label = label;
    const auto later = build_training_dataset(bars, options);
    for (const char* to : {"2025-06-30", "2026-01-02", "2026-08-14"}) {
      options.to = core::parse_date(to);
      const auto built = build_training_dataset(bars, options);
      const auto cut = training_dataset_through(later, bars, options);
      ASSERT_GT(built.rows(), 100u) << to;
      ASSERT_LT(built.rows(), later.rows()) << to;
      EXPECT_EQ(cut.feature_names, built.feature_names);
      EXPECT_EQ(cut.tickers, built.tickers);
      EXPECT_EQ(cut.day, built.day) << to;
      EXPECT_EQ(cut.ticker_of, built.ticker_of) << to;
      EXPECT_EQ(cut.x, built.x) << to;
      EXPECT_EQ(cut.y, built.y) << to;
      EXPECT_EQ(cut.last_index, built.last_index);
      EXPECT_EQ(fingerprint(cut), fingerprint(built));
    }
    options.to = core::parse_date("2025-06-30");
    const auto shorter = build_training_dataset(bars, options);
    options.to.reset();
    EXPECT_THROW(training_dataset_through(shorter, bars, options), core::InvalidInput);
    options.features = {"momentum_20d"};
    EXPECT_THROW(training_dataset_through(later, bars, options), core::InvalidInput);
  }
}

// The backtester's many-day source gives each day exactly the cross-section
// the live predictor computes for that day alone, extras included.
TEST_F(Pipeline, CrossSectionSourceEqualsTheOneDayCrossSection) {
  const auto features = parameters.get_string_list("features");
  const std::vector<core::Date> dates = {core::parse_date("2026-03-02"),
                                         core::parse_date("2026-06-01"),
                                         core::parse_date("2026-09-01")};
  const CrossSectionSource source(bars, bars.symbols(), dates, features, "momentum_20d");
  for (const auto& date : dates) {
    const std::vector<std::string> extra = {"SPY", members(date, 3).back()};
    const auto alone = build_cross_section(bars, date, features, extra, "momentum_20d");
    const auto shared = source.at(date, extra, market::SymbolListing(bars));
    ASSERT_GT(alone.data.rows(), 20u);
    EXPECT_EQ(alone.data.tickers, shared.data.tickers);
    EXPECT_EQ(alone.data.ticker_of, shared.data.ticker_of);
    EXPECT_EQ(alone.data.x, shared.data.x);
    EXPECT_EQ(alone.raw, shared.raw);
  }
  EXPECT_THROW(source.at(core::parse_date("2026-03-03"), {}, market::SymbolListing(bars)),
               core::InvalidInput);
}

TEST_F(Pipeline, SpyLabelIsTheForwardLogReturnMinusSpys) {
  auto options = dataset_options(parameters);
  options.label = LabelKind::kSpy;
  options.clip = 1.0;
  const auto data = build_training_dataset(bars, options);
  ASSERT_GT(data.rows(), 100u);
  const std::size_t r = data.rows() / 2;
  const auto& calendar = bars.calendar();
  const core::Date t = calendar.date_at(data.day[r]);
  const core::Date th = calendar.date_at(data.day[r] + options.horizon);
  const auto stock = bars.read(data.tickers[data.ticker_of[r]]);
  const auto spy = bars.read("SPY");
  const double expected =
      std::log(stock.value_on(market::Field::kClose, th) /
               stock.value_on(market::Field::kClose, t)) -
      std::log(spy.value_on(market::Field::kClose, th) / spy.value_on(market::Field::kClose, t));
  EXPECT_NEAR(data.y[r], expected, 1e-6);
  // No row's label window passes the end of the data.
  EXPECT_LE(data.day.back() + options.horizon, calendar.index_of(kEnd));
}

TEST_F(Pipeline, VolCohortLabelsAverageZeroWithinEachDay) {
  auto options = dataset_options(parameters);
  options.label = LabelKind::kVolCohort;
  const auto data = build_training_dataset(bars, options);
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t r = 0; r < data.rows() && data.day[r] == data.day[0]; ++r, ++n) sum += data.y[r];
  EXPECT_GT(n, 20u);
  EXPECT_NEAR(sum / n, 0.0, 0.01);
}

TEST_F(Pipeline, SectorLabelsAverageZeroWithinEachSectorAndDay) {
  auto options = dataset_options(parameters);
  options.label = LabelKind::kSector;
  options.clip = 1.0;  // unclipped, so the sector means are exactly zero
  const auto data = build_training_dataset(bars, options);
  ASSERT_GT(data.rows(), 100u);
  const auto universe = bars.read_universe();
  std::map<std::pair<std::int32_t, int>, std::pair<double, int>> by_day_sector;
  for (std::size_t r = 0; r < data.rows(); ++r) {
    const auto sector = static_cast<int>(universe.find(data.tickers[data.ticker_of[r]])->sector);
    auto& [sum, n] = by_day_sector[{data.day[r], sector}];
    sum += data.y[r];
    ++n;
  }
  std::size_t groups = 0;
  for (const auto& [key, total] : by_day_sector) {
    EXPECT_GE(total.second, 2);
    EXPECT_NEAR(total.first / total.second, 0.0, 1e-6);
    ++groups;
  }
  EXPECT_GT(groups, 20u);
}

TEST_F(Pipeline, Alpha158ColumnsJoinTheReferenceOnesByName) {
  auto options = dataset_options(parameters);
  options.features = {"momentum_20d", "KMID", "ROC20"};
  const auto mixed = build_training_dataset(bars, options);
  options.features = {"momentum_20d"};
  const auto reference = build_training_dataset(bars, options);
  ASSERT_EQ(mixed.columns(), 3u);
  ASSERT_EQ(mixed.rows(), reference.rows());
  std::size_t finite = 0;
  for (std::size_t r = 0; r < mixed.rows(); ++r) {
    EXPECT_EQ(mixed.x[r * 3], reference.x[r]);  // the same rank-normalised column
    finite += std::isfinite(mixed.x[r * 3 + 1]) && std::isfinite(mixed.x[r * 3 + 2]);
  }
  EXPECT_GT(finite, mixed.rows() / 2);
  options.features = {"KMID", "NOT_A_FEATURE"};
  EXPECT_THROW(build_training_dataset(bars, options), core::InvalidInput);
}

TEST_F(Pipeline, ShuffledLabelsGiveNoIC) {
  auto data = build_training_dataset(bars, dataset_options(parameters));
  std::mt19937 rng(5);
  std::shuffle(data.y.begin(), data.y.end(), rng);
  const auto trained = train_walk_forward(data, train_options(parameters));
  EXPECT_LT(std::abs(trained.overall.rank_ic), 0.04);
  EXPECT_LT(std::abs(trained.overall.ic), 0.04);
}

TEST_F(Pipeline, RecoversThePlantedSignalAndRegistersAVersion) {
  std::vector<std::size_t> seen;
  core::RecordingMetricSink sink;
  TrainingRequest request;
  request.metrics = &sink;
  const auto run = run_training(bars, store, clock, parameters, request,
                                [&](const FoldReport& report, std::size_t total) {
                                  seen.push_back(total);
                                  EXPECT_GT(report.test_rows, 0u);
                                });
  EXPECT_GE(seen.size(), 3u);
  const auto& m = run.metadata["metrics"];
  EXPECT_GT(m["overall"]["rank_ic"].get<double>(), 0.04) << m.dump();
  ASSERT_TRUE(m.contains("oracle_ic_recovered"));
  EXPECT_GT(m["oracle_ic_recovered"].get<double>(), 0.2) << m.dump();
  std::map<std::string, double> emitted;
  for (const auto& datum : sink.data()) emitted[datum.name] = datum.value;
  EXPECT_DOUBLE_EQ(emitted.at("training_oos_rank_ic"), m["overall"]["rank_ic"].get<double>());
  EXPECT_DOUBLE_EQ(emitted.at("training_oracle_ic_recovered"),
                   m["oracle_ic_recovered"].get<double>());
  EXPECT_GT(emitted.at("training_seconds"), 0);
  EXPECT_EQ(run.metadata["feature_names"], parameters.get_string_list("features"));
  // Per calendar year: the rows of the years add up to the overall rows.
  std::size_t year_rows = 0;
  for (const auto& [year, metrics] : m["years"].items())
    year_rows += metrics["rows"].get<std::size_t>();
  EXPECT_GE(m["years"].size(), 2u);
  EXPECT_EQ(year_rows, m["overall"]["rows"].get<std::size_t>());
  // Gain shares: one per feature, largest first, summing to 1; the planted
  // signal is momentum, reversal and volatility, so a momentum or
  // volatility column leads.
  const auto& importance = run.metadata["feature_importance"];
  ASSERT_EQ(importance.size(), parameters.get_string_list("features").size());
  double shares = 0;
  for (std::size_t i = 0; i < importance.size(); ++i) {
    shares += importance[i]["gain_share"].get<double>();
    if (i > 0) {
      EXPECT_GE(importance[i - 1]["gain_share"].get<double>(),
                importance[i]["gain_share"].get<double>());
    }
  }
  EXPECT_NEAR(shares, 1.0, 1e-9);
  const auto top = importance[0]["feature"].get<std::string>();
  EXPECT_TRUE(top.starts_with("momentum") || top.starts_with("realized_vol") ||
              top.starts_with("atr") || top.starts_with("dist_from"))
      << importance.dump();
  EXPECT_TRUE(store.exists(model_prefix(run.version) + "model.json"));
  EXPECT_FALSE(champion_version(store));  // training never promotes by itself
  // The calibrator fitted on the OOS history is monotone.
  const auto loaded = load_version(store, run.version);
  for (std::size_t i = 1; i < loaded.calibrator.y().size(); ++i)
    EXPECT_GE(loaded.calibrator.y()[i], loaded.calibrator.y()[i - 1]);
  // A version is never overwritten (the same data and parameters name the same version).
  EXPECT_THROW(save_version(store, run.version, loaded.model, loaded.calibrator, loaded.metadata),
               core::InvalidInput);
}

TEST_F(Pipeline, PromotionRuleAndRollback) {
  const auto first = trained_champion();
  EXPECT_EQ(*champion_version(store), first);
  TrainingRequest request;
  request.to = core::parse_date("2026-10-30");
  const auto second = run_training(bars, store, clock, parameters, request).version;
  const double ic1 = oos_ic(load_version(store, first).metadata);
  const double ic2 = oos_ic(load_version(store, second).metadata);
  const auto decision = promote(store, clock, second, 0.0, 1.0);  // margin 1.0: impossible
  EXPECT_FALSE(decision.promoted) << ic1 << " " << ic2;
  EXPECT_EQ(*champion_version(store), first);
  EXPECT_TRUE(promote(store, clock, second, 0.0, 1.0, /*force=*/true).promoted);
  EXPECT_EQ(*champion_version(store), second);
  EXPECT_EQ(rollback(store, clock), first);
  EXPECT_EQ(*champion_version(store), first);
  EXPECT_THROW(rollback(store, clock), core::InvalidInput);
  EXPECT_EQ(list_versions(store).size(), 2u);
}

// Exit 2 is the usage errors': a refusal is a check that came out negative.
TEST_F(Pipeline, ModelPromoteRefusedByTheRuleExitsOneWithTheReason) {
  const ae::test::TempDir home;
  std::filesystem::copy(dir_->path() / "trained", home.path() / "store",
                        std::filesystem::copy_options::recursive);
  core::FileSystemStore home_store(home.path() / "store");
  home_store.remove(kChampionKey);
  std::filesystem::create_directories(home.path() / "config");
  std::ofstream(home.path() / "config" / "predictor.yaml") << "promotion:\n  min_ic: 0.99\n";

  const auto refused = ae::test::run_ae("model promote " + *champion_, home.path());
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.out.find("not promoted: OOS IC "), std::string::npos) << refused.out;
  EXPECT_NE(refused.out.find("is not above the minimum 0.9900"), std::string::npos) << refused.out;
  EXPECT_FALSE(champion_version(home_store));

  const auto forced = ae::test::run_ae("model promote --force " + *champion_, home.path());
  EXPECT_EQ(forced.exit_code, 0) << forced.out << forced.err;
  const auto again = ae::test::run_ae("model promote " + *champion_, home.path());
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("is already the champion"), std::string::npos) << again.out;
}

TEST_F(Pipeline, PredictScoresPopulationAndEveryBuyCandidate) {
  trained_champion();
  const auto tickers = put_day_signals(store);
  core::RecordingMetricSink sink;
  PredictRequest request;
  request.date = kEnd;
  request.metrics = &sink;
  auto watchlist_only = parameters;  // the reference profile's watchlist
  watchlist_only.apply_yaml_text("inference:\n  score_universe: false\n", "test");
  const auto result = predict(bars, store, clock, watchlist_only, request);
  EXPECT_EQ(result.written.predictions.n_predictions, 30);
  std::map<std::string, double> emitted;
  for (const auto& datum : sink.data()) emitted[datum.name] = datum.value;
  EXPECT_EQ(emitted.at("predictions_count"), 30);
  EXPECT_EQ(emitted.at("output_gate_passed"), result.written.health.passed ? 1 : 0);
  EXPECT_GT(emitted.at("inference_seconds"), 0);
  EXPECT_GE(emitted.at("inference_seconds"),
            emitted.at("inference_feature_seconds") + emitted.at("inference_scoring_seconds"));
  EXPECT_GT(result.cross_section_size, 30u);  // ranked across the whole universe
  const auto coverage = check_coverage(store, kEnd);
  EXPECT_FALSE(coverage.has_gap);
  const auto doc = core::read_contract(store, core::Contract::kPredictions, predictions_key(kEnd));
  std::set<std::string> sources;
  for (const auto& p : doc["predictions"]) {
    sources.insert(p["watchlist_source"].get<std::string>());
    const double alpha = p["predicted_alpha"];
    EXPECT_EQ(p["predicted_direction"], alpha > 0 ? "UP" : "DOWN");
    EXPECT_DOUBLE_EQ(p["prediction_confidence"].get<double>(),
                     round_to(std::abs(p["p_up"].get<double>() - 0.5) * 2, 4));
  }
  EXPECT_EQ(sources, (std::set<std::string>{"population", "buy_candidate"}));
  EXPECT_NEAR(doc["veto_threshold"].get<double>(), 0.30, 1e-12);
}

TEST_F(Pipeline, PredictScoresTheWholeUniverseByDefault) {
  trained_champion();
  const auto tickers = put_day_signals(store);
  PredictRequest request;
  request.date = kEnd;
  const auto result = predict(bars, store, clock, parameters, request);
  const auto universe = bars.read_universe().members_on(kEnd);
  EXPECT_GT(universe.size(), 30u);
  EXPECT_EQ(result.written.predictions.n_predictions, static_cast<int>(universe.size()));
  std::map<std::string, std::string> source;
  for (const auto& p : result.written.predictions.predictions)
    source[p.ticker] = nlohmann::json(p.watchlist_source.value()).get<std::string>();
  EXPECT_EQ(source.at(tickers[0]), "buy_candidate");
  EXPECT_EQ(source.at(tickers[2]), "population");
  for (const auto& member : universe) {
    ASSERT_TRUE(source.contains(member)) << member;
    if (std::find(tickers.begin(), tickers.end(), member) == tickers.end()) {
      EXPECT_EQ(source.at(member), "universe") << member;
    }
  }
  EXPECT_FALSE(check_coverage(store, kEnd).has_gap);
}

TEST_F(Pipeline, SupplementalRescoreClosesTheGap) {
  trained_champion();
  const auto tickers = members(kEnd, 12);
  auto signals = test::make_signals(kEnd, {tickers[10], tickers[11]});
  signals.population = std::vector<std::string>(tickers.begin(), tickers.begin() + 10);
  // The morning file misses the two buy candidates (the 2026-04-20 shape).
  std::vector<core::Prediction> morning;
  for (int i = 0; i < 10; ++i) morning.push_back(test::row(tickers[i], 0.001 * (i - 5)));
  test::put_predictions(store, predictions_key(kEnd), test::make_predictions(kEnd, morning));
  test::put_signals(store, signals_key(kEnd), signals);
  ASSERT_TRUE(check_coverage(store, kEnd).has_gap);
  predict(bars, store, clock, parameters, {kEnd, {tickers[10], tickers[11]}});
  const auto coverage = check_coverage(store, kEnd);
  EXPECT_FALSE(coverage.has_gap);
  EXPECT_EQ(coverage.n_predictions, 12);
}

TEST_F(Pipeline, UnknownTickerStaleRowAndStaleSpyWriteNothing) {
  trained_champion();
  EXPECT_THROW(predict(bars, store, clock, parameters, {kEnd, {"NOSUCH"}}), core::NotFound);
  // A constituent delisted before kEnd has no bar on kEnd.
  std::string delisted;
  for (const auto& c : bars.read_universe().constituents) {
    if (!std::isfinite(bars.read(c.ticker).value_on(market::Field::kClose, kEnd))) {
      delisted = c.ticker;
      break;
    }
  }
  ASSERT_FALSE(delisted.empty());
  EXPECT_THROW(predict(bars, store, clock, parameters, {kEnd, {delisted}}), core::InvalidInput);
  // A later, closed trading day with no market data: SPY is not fresh.
  core::VirtualClock later(core::parse_timestamp("2026-12-15T14:00:00Z"));
  EXPECT_THROW(predict(bars, store, later, parameters, {core::parse_date("2026-12-14"), {}}),
               PipelineAbort);
  // More than one session ahead of the last closed one (2026-11-27 at the clock's now).
  EXPECT_THROW(predict(bars, store, clock, parameters, {core::parse_date("2026-12-01"), {}}),
               core::InvalidInput);
  EXPECT_FALSE(store.exists(predictions_key(kEnd)));
  EXPECT_FALSE(store.exists(kLatestPredictionsKey));
}

TEST_F(Pipeline, AnUnpublishedRunWritesTheDatedFileAndNothingElse) {
  trained_champion();
  PredictRequest request{kEnd, members(kEnd, 3)};
  request.publish = false;
  predict(bars, store, clock, parameters, request);
  EXPECT_TRUE(store.exists(predictions_key(kEnd)));
  EXPECT_FALSE(store.exists(kLatestPredictionsKey));
  EXPECT_FALSE(store.exists(kMetricsKey));
  EXPECT_FALSE(store.exists(core::health_key("predictor_inference")));
  request.date = core::parse_date("2026-12-14");  // no bars: fails under way
  core::VirtualClock later(core::parse_timestamp("2026-12-15T14:00:00Z"));
  EXPECT_THROW(predict(bars, store, later, parameters, request), PipelineAbort);
  EXPECT_FALSE(store.exists(core::health_key("predictor_inference")));
}

TEST_F(Pipeline, ARefusedRequestLeavesTheHealthRecordAlone) {
  trained_champion();
  const auto tickers = members(kEnd, 3);
  predict(bars, store, clock, parameters, {kEnd, tickers});
  const auto healthy = store.get(core::health_key("predictor_inference"));
  // The caller's errors: an unknown supplemental ticker (with a hint), a
  // date that is not a trading day, one too far ahead.
  try {
    predict(bars, store, clock, parameters, {kEnd, {tickers[0] + "X"}});
    FAIL() << "an unknown ticker must be refused";
  } catch (const core::NotFound& error) {
    EXPECT_NE(std::string(error.what()).find("did you mean '" + tickers[0] + "'"),
              std::string::npos)
        << error.what();
  }
  EXPECT_THROW(predict(bars, store, clock, parameters, {core::parse_date("2026-11-28"), {}}),
               core::InvalidInput);
  EXPECT_THROW(predict(bars, store, clock, parameters, {core::parse_date("2026-12-01"), {}}),
               core::InvalidInput);
  EXPECT_EQ(store.get(core::health_key("predictor_inference")), healthy);
  // A run that fails once under way is the module's failure.
  core::VirtualClock later(core::parse_timestamp("2026-12-15T14:00:00Z"));
  EXPECT_THROW(predict(bars, store, later, parameters, {core::parse_date("2026-12-14"), {}}),
               PipelineAbort);
  const auto failed =
      core::read_contract(store, core::Contract::kHealth, core::health_key("predictor_inference"))
          .get<core::HealthRecord>();
  EXPECT_EQ(failed.status, core::HealthStatus::kFailed);
}

TEST_F(Pipeline, CorruptModelOrMissingFeatureIsAClearError) {
  const auto version = trained_champion();
  const auto key = model_prefix(version) + "model.json";
  const auto good = store.get(key);
  store.put(key, "{\"learner\": 42}");
  EXPECT_THROW(predict(bars, store, clock, parameters, {kEnd, {}}), core::InvalidInput);
  store.put(key, good);
  auto metadata = nlohmann::json::parse(store.get(model_prefix(version) + "metadata.json"));
  metadata["feature_names"][0] = "no_such_feature";
  store.put(model_prefix(version) + "metadata.json", metadata.dump());
  EXPECT_THROW(predict(bars, store, clock, parameters, {kEnd, {}}), core::InvalidInput);
  EXPECT_FALSE(store.exists(predictions_key(kEnd)));
  store.remove(kChampionKey);
  EXPECT_THROW(predict(bars, store, clock, parameters, {kEnd, {}}), core::NotFound);
}

TEST_F(Pipeline, MorningRunScoresTheDayFromThePreviousClose) {
  trained_champion();
  // 2026-11-30 (a Monday) before its open: the last closed session is Friday 2026-11-27.
  const core::Date monday = core::parse_date("2026-11-30");
  const auto tickers = members(kEnd, 5);
  predict(bars, store, clock, parameters, {monday, tickers});
  const auto written =
      core::read_contract(store, core::Contract::kPredictions, predictions_key(monday));
  ASSERT_EQ(written.at("predictions").size(), tickers.size());
  for (const auto& row : written.at("predictions"))
    EXPECT_EQ(row.at("price_data_age_days").get<int>(), 3) << row.dump();
  // The same scores as a run for Friday itself, made from the same close.
  core::FileSystemStore friday_store(scratch.path() / "friday");
  std::filesystem::copy(scratch.path() / "predictor", scratch.path() / "friday" / "predictor",
                        std::filesystem::copy_options::recursive);
  predict(bars, friday_store, clock, parameters, {kEnd, tickers});
  const auto friday =
      core::read_contract(friday_store, core::Contract::kPredictions, predictions_key(kEnd));
  std::map<std::string, double> friday_alpha;
  for (const auto& row : friday.at("predictions"))
    friday_alpha[row.at("ticker").get<std::string>()] = row.at("predicted_alpha").get<double>();
  for (const auto& row : written.at("predictions"))
    EXPECT_DOUBLE_EQ(row.at("predicted_alpha").get<double>(),
                     friday_alpha.at(row.at("ticker").get<std::string>()));
}

TEST_F(Pipeline, TrainingTheSameDataAgainTrainsNothingAndKeepsTheVersion) {
  const auto first = trained_champion();
  const auto before = store.get(model_prefix(first) + "model.json");
  TrainingRequest request;
  request.promote = true;
  const auto again = run_training(bars, store, clock, test_parameters(), request);
  EXPECT_EQ(again.version, first);
  EXPECT_EQ(again.training_seconds, 0);
  EXPECT_EQ(store.get(model_prefix(first) + "model.json"), before);
  ASSERT_TRUE(again.promotion.has_value());
  EXPECT_FALSE(again.promotion->promoted);
  EXPECT_NE(again.promotion->reason.find("already the champion"), std::string::npos);
}

TEST_F(Pipeline, TrainingRecordsItsHealthAndAFailureKeepsTheLastSuccess) {
  const auto health = [&] {
    return core::read_contract(store, core::Contract::kHealth,
                               core::health_key("predictor_training"))
        .get<core::HealthRecord>();
  };
  const auto first = trained_champion();
  TrainingRequest request;
  request.promote = true;
  run_training(bars, store, clock, test_parameters(), request);
  const auto ok = health();
  EXPECT_EQ(ok.status, core::HealthStatus::kOk);
  EXPECT_EQ(ok.summary.at("model_version"), first);
  EXPECT_EQ(ok.summary.at("promoted"), false);  // already the champion
  EXPECT_TRUE(ok.summary.at("oos_ic").is_number());
  ASSERT_TRUE(ok.last_success.has_value());

  // Before the market's first bar: no row to train on is a clear error (it
  // read the last row of an empty set: a segmentation fault).
  request.to = core::parse_date("2015-01-02");
  EXPECT_THROW(run_training(bars, store, clock, test_parameters(), request), core::InvalidInput);
  const auto failed = health();
  EXPECT_EQ(failed.status, core::HealthStatus::kFailed);
  ASSERT_TRUE(failed.error.has_value());
  EXPECT_NE(failed.error->find("no labelled rows to train on through 2015-01-02"),
            std::string::npos)
      << *failed.error;
  EXPECT_EQ(failed.last_success, ok.last_success);
  EXPECT_EQ(failed.run_date, *request.to);
}

TEST_F(Pipeline, ANeutralisedModelScoresWithoutBetaExposureWhateverTheWatchlist) {
  auto neutral = parameters;
  neutral.apply_yaml_text("neutralize: [beta_60d]\n", "test");
  TrainingRequest training;
  training.promote = true;
  const auto run = run_training(bars, store, clock, neutral, training);
  EXPECT_EQ(run.metadata.at("neutralize"), nlohmann::json::array({"beta_60d"}));
  for (const auto& fold : run.metadata.at("metrics").at("folds"))
    EXPECT_TRUE(std::isfinite(fold.at("metrics").at("ic").get<double>()));
  // The same champion in a second store, for a watchlist-only run below.
  core::FileSystemStore other{scratch.path() / "other"};
  std::filesystem::copy(scratch.path() / "predictor", scratch.path() / "other" / "predictor",
                        std::filesystem::copy_options::recursive);

  put_day_signals(store);
  PredictRequest request;
  request.date = kEnd;
  std::map<std::string, double> universe_alpha;
  for (const auto& p :
       predict(bars, store, clock, neutral, request).written.predictions.predictions)
    universe_alpha[p.ticker] = p.predicted_alpha;

  // Residuals of the whole cross-section: no covariance with beta_60d
  // (within the 1e-6 rounding of the written alpha). The clock is past
  // kEnd's close, so the features are kEnd's.
  const auto cross = build_cross_section(bars, kEnd, {"beta_60d"}, {}, "momentum_20d");
  double n = 0, sum_a = 0, sum_b = 0, sum_ab = 0;
  for (std::size_t r = 0; r < cross.data.rows(); ++r) {
    const double a = universe_alpha.at(cross.data.tickers[cross.data.ticker_of[r]]);
    const double b = cross.data.x[r];
    n += 1, sum_a += a, sum_b += b, sum_ab += a * b;
  }
  ASSERT_GT(n, 30);
  EXPECT_NEAR(sum_ab / n - (sum_a / n) * (sum_b / n), 0.0, 1e-6);

  // A watchlist-only run neutralises over the same cross-section: the same
  // alpha for the tickers it scores.
  auto watchlist_only = neutral;
  watchlist_only.apply_yaml_text("inference:\n  score_universe: false\n", "test");
  put_day_signals(other);
  const auto few = predict(bars, other, clock, watchlist_only, request).written.predictions;
  EXPECT_EQ(few.n_predictions, 30);
  for (const auto& p : few.predictions) EXPECT_EQ(p.predicted_alpha, universe_alpha.at(p.ticker));
}

}  // namespace
}  // namespace ae::predictor
