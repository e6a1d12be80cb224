// Contracts hold on every path a document takes: a document nested past the
// depth limit is refused without recursion, a dated key must hold that date,
// and put_store_object (`ae store put`) validates a contract key before it
// replaces anything.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <limits>

#include "core/artifact_store.h"
#include "core/contracts/contract.h"
#include "core/contracts/contract_keys.h"
#include "support/test_support.h"

namespace ae::core {
namespace {

std::string example(const std::string& file) {
  std::ifstream in(test::source_path(file));
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ContractViolation& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(ContractWritePaths, DocumentNestedTwentyThousandDeepIsRefusedNotACrash) {
  const std::string deep = "{\"date\": " + std::string(20000, '[') + std::string(20000, ']') + "}";
  const auto message =
      message_of([&] { parse_contract(Contract::kPredictions, deep, "deep.json"); });
  EXPECT_EQ(message,
            "deep.json is not a predictions document: JSON nested deeper than 1000 levels");
}

TEST(ContractWritePaths, NonFiniteCheckWalksTheDeepestAcceptedDocument) {
  nlohmann::json document = nlohmann::json::parse(example("docs/examples/incident-signals.json"));
  nlohmann::json deep = std::numeric_limits<double>::quiet_NaN();
  for (int i = 0; i < 990; ++i) deep = nlohmann::json::array({deep});
  document["extra"] = deep;
  const auto message = message_of([&] { validate_contract(Contract::kSignals, document, "s"); });
  EXPECT_NE(message.find("/extra/0/0/0/"), std::string::npos) << message.substr(0, 200);
  EXPECT_NE(message.find(": number is not finite"), std::string::npos);
}

TEST(ContractWritePaths, DatedKeyMustHoldThatDate) {
  test::TempDir root;
  FileSystemStore files(root.path());
  const std::string text = example("docs/examples/incident-predictions.json");  // 2026-04-20
  files.put("predictor/predictions/2026-04-21.json", text);
  const auto message = message_of([&] {
    read_contract(files, Contract::kPredictions, "predictor/predictions/2026-04-21.json");
  });
  EXPECT_EQ(message,
            "predictor/predictions/2026-04-21.json violates the predictions contract:\n"
            "  /date: 2026-04-20 differs from the key's date 2026-04-21");
  files.put("predictor/predictions/2026-04-20.json", text);
  EXPECT_NO_THROW(
      read_contract(files, Contract::kPredictions, "predictor/predictions/2026-04-20.json"));
  files.put("predictor/predictions/latest.json", text);  // no date in the key
  EXPECT_NO_THROW(
      read_contract(files, Contract::kPredictions, "predictor/predictions/latest.json"));
}

TEST(ContractWritePaths, WriteToADatedKeyRefusesAnotherDate) {
  test::TempDir root;
  FileSystemStore files(root.path());
  const auto document = nlohmann::json::parse(example("docs/examples/incident-signals.json"));
  EXPECT_THROW(
      write_contract(files, Contract::kSignals, "signals/2026-04-17/signals.json", document),
      ContractViolation);
  EXPECT_FALSE(files.exists("signals/2026-04-17/signals.json"));
}

TEST(ContractWritePaths, KeysMapToTheirContracts) {
  EXPECT_EQ(match_contract_key("signals/2026-04-20/signals.json")->contract, Contract::kSignals);
  EXPECT_EQ(*match_contract_key("signals/2026-04-20/signals.json")->date, "2026-04-20");
  EXPECT_EQ(match_contract_key("signals/latest.json")->contract, Contract::kSignals);
  EXPECT_EQ(match_contract_key("predictor/predictions/latest.json")->contract,
            Contract::kPredictions);
  EXPECT_EQ(match_contract_key("trades/order_book/2026-04-20.json")->contract,
            Contract::kOrderBook);
  EXPECT_EQ(match_contract_key("health/executor.json")->contract, Contract::kHealth);
  EXPECT_FALSE(match_contract_key("health/a/b.json"));
  EXPECT_FALSE(match_contract_key("signals/notes.txt"));
  EXPECT_FALSE(match_contract_key("config/executor_params.json"));
  EXPECT_FALSE(match_contract_key("predictor/predictions/April.json"));
}

TEST(ContractWritePaths, StorePutOfABrokenContractFileLeavesTheGoodObject) {
  test::TempDir root;
  FileSystemStore files(root.path());
  const std::string good = example("docs/examples/incident-signals.json");
  put_store_object(files, "signals/latest.json", good);
  const std::string broken[] = {
      "",                                               // empty
      good.substr(0, good.size() / 2),                  // truncated
      R"({"date": "2026-04-20"})",                      // schema-violating
      std::string(5000, '[') + std::string(5000, ']'),  // too deep
  };
  for (const auto& bytes : broken) {
    EXPECT_THROW(put_store_object(files, "signals/latest.json", bytes), ContractViolation)
        << bytes.substr(0, 40);
    EXPECT_EQ(files.get("signals/latest.json"), good);
  }
  put_store_object(files, "notes/free-form.txt", "anything");  // not a contract key
  EXPECT_EQ(files.get("notes/free-form.txt"), "anything");
}

}  // namespace
}  // namespace ae::core
