// parse_predictions, the one reading of a predictions document: every field
// of the contract comes back exactly as written (doubles to the last bit),
// optional fields absent or null read as absent, and bad documents fail
// with an error that names the object and the field.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "core/artifact_store.h"
#include "core/contracts/contract.h"
#include "core/contracts/predictions.h"
#include "core/error.h"
#include "support/test_support.h"

namespace ae::core {
namespace {

nlohmann::json valid_example() {
  std::ifstream in(test::source_path("tests/core/contracts/predictions.valid.json"));
  return nlohmann::json::parse(in);
}

// The message of the InvalidInput that parsing `document` throws.
std::string error_of(const std::string& document) {
  try {
    parse_predictions(document);
  } catch (const InvalidInput& error) {
    return error.what();
  }
  return "(no error)";
}

Predictions every_field() {
  Predictions p;
  p.date = parse_date("2026-04-20");
  p.model_version = "sector-20260418-abc";
  p.model_hit_rate_30d = 0.5433333333333333;
  p.n_predictions = 2;
  p.n_high_confidence = 1;
  p.veto_threshold = 0.65;
  p.output_distribution_gate = OutputDistributionGate{false, true, "p_up_spread", "too narrow"};
  Prediction full;
  full.ticker = "AAPL";
  full.predicted_direction = Direction::kDown;
  full.prediction_confidence = 0.1 + 0.2;  // 0.30000000000000004
  full.predicted_alpha = -std::numeric_limits<double>::min();
  full.p_up = 0.45;
  full.p_down = 0.55;
  full.p_flat = 0.0;
  full.combined_rank = 2;
  full.gbm_veto = true;
  full.momentum_veto = true;
  full.momentum_20d = 1e-300;
  full.expected_move = 123456.789;
  full.meta_model_version = "meta-1";
  full.price_data_age_days = 3;
  full.watchlist_source = WatchlistSource::kSupplemental;
  Prediction bare;  // only the required fields; momentum_20d written as null
  bare.ticker = "MSFT";
  bare.predicted_alpha = 0.0123;
  p.predictions = {full, bare};
  return p;
}

TEST(PredictionsReader, EveryFieldComesBackExactly) {
  const auto written = every_field();
  EXPECT_EQ(parse_predictions(nlohmann::json(written).dump()), written);
  EXPECT_EQ(parse_predictions(nlohmann::json(written).dump(2)), written);
}

TEST(PredictionsReader, TheContractsExampleReadsAsNlohmannReadsIt) {
  const auto example = valid_example();
  const auto parsed = parse_predictions(example.dump());
  ASSERT_FALSE(parsed.predictions.empty());
  EXPECT_EQ(nlohmann::json(parsed), example);
}

TEST(PredictionsReader, AbsentAndNullOptionalFieldsAreAbsent) {
  auto document = nlohmann::json(every_field());
  document["predictions"][0]["p_up"] = nullptr;
  document["predictions"][0].erase("expected_move");
  document.erase("veto_threshold");
  document["model_hit_rate_30d"] = nullptr;
  document["unknown_member"] = {1, 2};  // fields the contract does not know are ignored
  const auto parsed = parse_predictions(document.dump());
  EXPECT_FALSE(parsed.predictions[0].p_up);
  EXPECT_FALSE(parsed.predictions[0].expected_move);
  EXPECT_FALSE(parsed.veto_threshold);
  EXPECT_FALSE(parsed.model_hit_rate_30d);
  EXPECT_TRUE(parsed.predictions[0].p_down);
}

TEST(PredictionsReader, AnIntegerWhereANumberIsExpectedIsANumber) {
  auto document = nlohmann::json(every_field());
  document["predictions"][1]["predicted_alpha"] = 1;
  EXPECT_EQ(parse_predictions(document.dump()).predictions[1].predicted_alpha, 1.0);
}

TEST(PredictionsReader, BadDocumentsNameTheObjectAndTheField) {
  const auto with = [](auto change) {
    auto document = nlohmann::json(every_field());
    change(document);
    return error_of(document.dump());
  };
  EXPECT_EQ(error_of("{\"date\": "),
            "predictions: not JSON (The JSON document has an improper "
            "structure: missing or superfluous commas, braces, missing "
            "keys, etc.)");
  EXPECT_EQ(error_of("[]"), "predictions: the document is not an object");
  EXPECT_EQ(with([](auto& d) { d.erase("model_version"); }),
            "predictions: the document has no 'model_version'");
  EXPECT_EQ(with([](auto& d) { d["predictions"] = "none"; }),
            "predictions: the document has a 'predictions' that is not an array");
  EXPECT_EQ(with([](auto& d) { d["predictions"][1].erase("ticker"); }),
            "predictions: predictions[1] has no 'ticker'");
  EXPECT_EQ(with([](auto& d) { d["predictions"][0]["predicted_alpha"] = "0.1"; }),
            "predictions: predictions[0] has a 'predicted_alpha' that is not a number");
  EXPECT_EQ(with([](auto& d) { d["predictions"][0]["combined_rank"] = 1.5; }),
            "predictions: predictions[0] has a 'combined_rank' that is not an integer");
  EXPECT_EQ(with([](auto& d) { d["n_predictions"] = 4294967296; }),
            "predictions: the document has a 'n_predictions' that is not an integer");
  EXPECT_EQ(with([](auto& d) { d["predictions"][0]["gbm_veto"] = 1; }),
            "predictions: predictions[0] has a 'gbm_veto' that is not true or false");
  EXPECT_EQ(with([](auto& d) { d["predictions"][0]["predicted_direction"] = "SIDEWAYS"; }),
            "predictions: predictions[0] has an unknown 'predicted_direction': SIDEWAYS");
  EXPECT_EQ(with([](auto& d) { d["predictions"][1]["watchlist_source"] = "rumour"; }),
            "predictions: predictions[1] has an unknown 'watchlist_source': rumour");
  EXPECT_EQ(with([](auto& d) { d["output_distribution_gate"] = true; }),
            "predictions: output_distribution_gate is not an object");
  EXPECT_EQ(with([](auto& d) { d["predictions"][0] = 7; }),
            "predictions: predictions[0] is not an object");
}

TEST(PredictionsReader, ANlohmannDocumentReadsThroughTheSameMapping) {
  const auto written = every_field();
  EXPECT_EQ(nlohmann::json(written).get<Predictions>(), written);
  EXPECT_THROW((nlohmann::json{{"date", "2026-04-20"}}.get<Predictions>()), InvalidInput);
}

TEST(PredictionsReader, AStoredDocumentIsValidatedThenReadFromItsBytes) {
  test::TempDir root;
  FileSystemStore store{root.path()};
  const std::string key = "predictor/predictions/2026-04-20.json";
  EXPECT_THROW(read_predictions(store, key), NotFound);
  const auto written = every_field();
  store.put(key, nlohmann::json(written).dump(2));
  EXPECT_EQ(read_predictions(store, key), written);
  auto invalid = nlohmann::json(written);
  invalid["predictions"][0]["prediction_confidence"] = 7;  // the schema bounds it to [0, 1]
  store.put(key, invalid.dump());
  EXPECT_THROW(read_predictions(store, key), ContractViolation);
}

}  // namespace
}  // namespace ae::core
