// Data-driven contract tests: for each contract, tests/core/contracts/<name>.valid.json
// must validate and round-trip through its typed struct, and every mutation in
// <name>.mutations.json must be rejected with a message naming the JSON pointer.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "core/contracts/contract.h"
#include "core/contracts/coverage.h"
#include "core/contracts/health.h"
#include "core/contracts/order_book.h"
#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"
#include "support/test_support.h"

namespace ae::core {
namespace {

nlohmann::json load(const std::string& file) {
  std::ifstream in(test::source_path("tests/core/contracts/" + file));
  EXPECT_TRUE(in.good()) << file;
  return nlohmann::json::parse(in);
}

template <typename T>
nlohmann::json round_trip(const nlohmann::json& document) {
  return nlohmann::json(document.get<T>());
}

struct ContractCase {
  Contract contract;
  nlohmann::json (*round_trip)(const nlohmann::json&);
};

const ContractCase kCases[] = {
    {Contract::kSignals, &round_trip<Signals>},
    {Contract::kPredictions, &round_trip<Predictions>},
    {Contract::kCoverageResult, &round_trip<CoverageResult>},
    {Contract::kOrderBook, &round_trip<OrderBook>},
    {Contract::kHealth, &round_trip<HealthRecord>},
};

class ContractTest : public ::testing::TestWithParam<ContractCase> {};

TEST_P(ContractTest, ValidExampleValidatesAndRoundTrips) {
  const auto name = std::string(contract_name(GetParam().contract));
  const auto valid = load(name + ".valid.json");
  EXPECT_NO_THROW(validate_contract(GetParam().contract, valid, name + ".valid.json"));
  EXPECT_EQ(GetParam().round_trip(valid), valid);
}

TEST_P(ContractTest, EveryMutationIsRejectedNamingThePointer) {
  const auto name = std::string(contract_name(GetParam().contract));
  const auto valid = load(name + ".valid.json");
  const auto mutations = load(name + ".mutations.json");
  ASSERT_GE(mutations.size(), 5u);
  for (const auto& mutation : mutations) {
    nlohmann::json document = valid;
    const nlohmann::json::json_pointer path(mutation["path"].get<std::string>());
    const std::string op = mutation["op"];
    std::string field = path.back();
    if (op == "remove") {
      document[path.parent_pointer()].erase(field);
    } else if (op == "set") {
      document[path] = mutation["value"];
    } else if (op == "nan") {
      document[path] = std::numeric_limits<double>::quiet_NaN();
    } else if (op == "inf") {
      document[path] = std::numeric_limits<double>::infinity();
    } else {
      FAIL() << "unknown op " << op;
    }
    const std::string description = op + " " + path.to_string();
    try {
      validate_contract(GetParam().contract, document, "test/" + name + ".json");
      ADD_FAILURE() << description << " was accepted";
    } catch (const ContractViolation& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find("test/" + name + ".json violates the " + name + " contract"),
                std::string::npos)
          << message;
      const std::string pointer = mutation["expect"];
      EXPECT_NE(message.find("\n  " + pointer + ": "), std::string::npos)
          << description << " should name " << pointer << ":\n"
          << message;
      if (op == "remove") {
        EXPECT_NE(message.find(field), std::string::npos) << message;
      }
      if (op == "nan" || op == "inf") {
        EXPECT_NE(message.find("not finite"), std::string::npos) << message;
      }
    }
  }
}

std::string case_name(const ::testing::TestParamInfo<ContractCase>& param) {
  return std::string(contract_name(param.param.contract));
}

INSTANTIATE_TEST_SUITE_P(AllContracts, ContractTest, ::testing::ValuesIn(kCases), case_name);

TEST(Contracts, MalformedJsonTextIsAClearViolation) {
  for (const char* text : {"", "{", "{\"date\": NaN}", "[1,]", "{\"a\":1} trailing"}) {
    try {
      parse_contract(Contract::kSignals, text, "signals/latest.json");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const ContractViolation& e) {
      EXPECT_NE(std::string(e.what()).find("signals/latest.json is not valid JSON"),
                std::string::npos)
          << e.what();
    }
  }
}

TEST(Contracts, ANumberPastADoublesRangeIsAViolation) {
  // nlohmann's out_of_range escaped: only its parse_error was caught.
  try {
    parse_contract(Contract::kHealth, R"({"module": 8E888, "status": "ok"})", "health/x.json");
    FAIL() << "accepted";
  } catch (const ContractViolation& e) {
    EXPECT_NE(std::string(e.what()).find("health/x.json is not valid JSON (health contract): "),
              std::string::npos)
        << e.what();
  }
}

TEST(Contracts, WriteValidatesFirstAndWritesNothingOnViolation) {
  test::TempDir dir;
  FileSystemStore store(dir.path());
  auto document = load("predictions.valid.json");
  document["predictions"][0]["predicted_direction"] = "SIDEWAYS";
  EXPECT_THROW(write_contract(store, Contract::kPredictions,
                              "predictor/predictions/2026-04-20.json", document),
               ContractViolation);
  EXPECT_FALSE(store.exists("predictor/predictions/2026-04-20.json"));

  const auto valid = load("predictions.valid.json");
  write_contract(store, Contract::kPredictions, "predictor/predictions/2026-04-20.json", valid);
  EXPECT_EQ(read_contract(store, Contract::kPredictions, "predictor/predictions/2026-04-20.json"),
            valid);
  EXPECT_THROW(
      read_contract(store, Contract::kPredictions, "predictor/predictions/2026-04-21.json"),
      NotFound);

  store.put("predictor/predictions/latest.json",
            R"({"date": "2026-04-20"})");  // written around the contract
  try {
    read_contract(store, Contract::kPredictions, "predictor/predictions/latest.json");
    FAIL();
  } catch (const ContractViolation& e) {
    EXPECT_NE(std::string(e.what()).find("predictor/predictions/latest.json"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("model_version"), std::string::npos);
  }
}

TEST(Contracts, WriteUnderSeveralKeysPutsTheSameBytesUnderEachOrNothing) {
  test::TempDir dir;
  FileSystemStore store(dir.path());
  const auto valid = load("predictions.valid.json");
  write_contract(store, Contract::kPredictions,
                 {"predictor/predictions/2026-04-20.json", "predictor/predictions/latest.json"},
                 valid);
  const auto dated = store.get("predictor/predictions/2026-04-20.json");
  EXPECT_EQ(dated, store.get("predictor/predictions/latest.json"));
  EXPECT_EQ(dated, valid.dump(2) + "\n");

  test::TempDir other;
  FileSystemStore empty(other.path());
  auto broken = valid;
  broken["predictions"][0]["predicted_direction"] = "SIDEWAYS";
  EXPECT_THROW(
      write_contract(empty, Contract::kPredictions,
                     {"predictor/predictions/2026-04-20.json", "predictor/predictions/latest.json"},
                     broken),
      ContractViolation);
  // A later key's date that disagrees refuses the write before the first put.
  EXPECT_THROW(
      write_contract(empty, Contract::kPredictions,
                     {"predictor/predictions/latest.json", "predictor/predictions/2026-04-21.json"},
                     valid),
      ContractViolation);
  EXPECT_FALSE(empty.exists("predictor/predictions/2026-04-20.json"));
  EXPECT_FALSE(empty.exists("predictor/predictions/2026-04-21.json"));
  EXPECT_FALSE(empty.exists("predictor/predictions/latest.json"));
}

TEST(Contracts, HealthOfAModuleThatNeverSucceededHasNullLastSuccess) {
  auto document = load("health.valid.json");
  document["status"] = "failed";
  document["last_success"] = nullptr;
  EXPECT_NO_THROW(validate_contract(Contract::kHealth, document, "health/executor.json"));
  EXPECT_EQ(round_trip<HealthRecord>(document), document);
}

// A violation, naming the pointer, where each was an error escaping from the
// validator (valijson's date format on an object), a stack overflow (its
// "[0-9]+" regex over a long string: ae contracts validate died of SIGSEGV) or a
// document the contract accepted and its reader then refused.
std::string violation_of(Contract contract, const nlohmann::json& document) {
  try {
    validate_contract(contract, document, "test.json");
  } catch (const ContractViolation& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(Contracts, ADateThatIsNotAStringIsAViolation) {
  auto health = load("health.valid.json");
  health["written_at"] = {{"n", 1}};
  EXPECT_NE(violation_of(Contract::kHealth, health).find("\n  /written_at: "), std::string::npos);
  auto signals = load("signals.valid.json");
  signals["date"] = nlohmann::json::array();
  EXPECT_NE(violation_of(Contract::kSignals, signals).find("\n  /date: "), std::string::npos);
}

TEST(Contracts, AMegabyteStringInAPatternCheckedFieldIsAViolationNotAStackOverflow) {
  const std::string digits(1 << 20, '2');
  auto signals = load("signals.valid.json");
  signals["date"] = digits;
  EXPECT_NE(violation_of(Contract::kSignals, signals).find("\n  /date: "), std::string::npos);
  auto health = load("health.valid.json");
  health["module"] = "m" + std::string(1 << 20, 'a');
  EXPECT_NE(violation_of(Contract::kHealth, health).find("\n  /module: "), std::string::npos);
  auto book = load("order_book.valid.json");
  book["approved_entries"][0]["executed_at"] = "2026-04-20T14:30:00." + digits + "Z";
  EXPECT_NE(violation_of(Contract::kOrderBook, book).find("/executed_at: "), std::string::npos);
}

TEST(Contracts, ADocumentItsReaderRefusesIsAViolation) {
  auto signals = load("signals.valid.json");
  signals["date"] = "2026-02-30";  // the shape of a date, not a day
  EXPECT_NE(violation_of(Contract::kSignals, signals).find("\n  /: invalid date (no such day)"),
            std::string::npos);
  auto health = load("health.valid.json");
  health["last_success"] = "2026-04-20T15:05:00+02:00";  // read as UTC only
  EXPECT_NE(violation_of(Contract::kHealth, health).find("\n  /: invalid timestamp"),
            std::string::npos);
}

TEST(Contracts, SchemasAreCompiledIn) {
  EXPECT_EQ(contract_schema(Contract::kSignals)["title"], "signals.json");
  EXPECT_EQ(contract_schema(Contract::kCoverageResult)["additionalProperties"], false);
}

// --- the coverage invariant ---------------------------------------------------

Signals signals_with(std::vector<std::string> tickers) {
  Signals s;
  s.date = parse_date("2026-04-20");
  for (auto& t : tickers) {
    SignalEntry e;
    e.ticker = t;
    e.signal = SignalAction::kEnter;
    e.sector = "Information Technology";
    s.buy_candidates.push_back(e);
  }
  return s;
}

Predictions predictions_for(std::vector<std::string> tickers) {
  Predictions p;
  p.date = parse_date("2026-04-20");
  p.model_version = "m";
  for (auto& t : tickers) {
    Prediction row;
    row.ticker = t;
    p.predictions.push_back(row);
  }
  return p;
}

TEST(Coverage, TheIncidentOfApril20) {
  const auto result =
      compute_coverage(parse_date("2026-04-20"),
                       signals_with({"SNDK", "WDC", "BIIB", "XEL", "PODD", "AAPL", "MSFT"}),
                       predictions_for({"PODD", "AAPL", "MSFT", "NVDA"}));
  EXPECT_EQ(result.missing_tickers, (std::vector<std::string>{"BIIB", "SNDK", "WDC", "XEL"}));
  EXPECT_EQ(result.missing_count, 4);
  EXPECT_EQ(result.n_buy_candidates, 7);
  EXPECT_EQ(result.n_predictions, 4);
  EXPECT_TRUE(result.has_gap);
  EXPECT_NO_THROW(validate_contract(Contract::kCoverageResult, result, "coverage"));
}

TEST(Coverage, ComparesUpperCasedAndDeduplicates) {
  const auto result =
      compute_coverage(parse_date("2026-04-20"), signals_with({"aapl", "AAPL", "msft"}),
                       predictions_for({"AAPL", "Msft"}));
  EXPECT_FALSE(result.has_gap);
  EXPECT_EQ(result.n_buy_candidates, 2);
  EXPECT_TRUE(result.missing_tickers.empty());
}

TEST(Coverage, NoSignalsMeansNoGap) {
  const auto result =
      compute_coverage(parse_date("2026-04-20"), std::nullopt, predictions_for({"AAPL"}));
  EXPECT_FALSE(result.has_gap);
  EXPECT_FALSE(result.signals_present);
  EXPECT_TRUE(result.predictions_present);
}

TEST(Coverage, NoPredictionsMeansEveryCandidateIsMissing) {
  const auto result =
      compute_coverage(parse_date("2026-04-20"), signals_with({"B", "A"}), std::nullopt);
  EXPECT_TRUE(result.has_gap);
  EXPECT_EQ(result.missing_tickers, (std::vector<std::string>{"A", "B"}));
  EXPECT_FALSE(result.predictions_present);
  EXPECT_EQ(result.n_predictions, 0);
}

TEST(Coverage, EmptyCandidatesAreCovered) {
  const auto result =
      compute_coverage(parse_date("2026-04-20"), signals_with({}), predictions_for({}));
  EXPECT_FALSE(result.has_gap);
  EXPECT_EQ(result.missing_count, 0);
}

}  // namespace
}  // namespace ae::core
