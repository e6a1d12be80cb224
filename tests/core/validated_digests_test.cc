// ValidatedDigests: a document is validated on its first read and its digest
// remembered (in memory, and in the index after save()), as is a document
// just written with write_contract; the same bytes are
// then parsed without the schema, while changed bytes, an unknown key or an
// unreadable index send the read through the full contract check again.
#include "core/contracts/validated_digests.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/artifact_store.h"
#include "core/digest.h"
#include "core/error.h"
#include "support/test_support.h"

namespace ae::core {
namespace {

constexpr const char* kKey = "predictor/predictions/2026-04-20.json";
constexpr const char* kIndex = "backtest/validated.json";

std::string example_predictions() {
  std::ifstream in(test::source_path("docs/examples/incident-predictions.json"));
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The example with one prediction's direction made invalid (an enum the
// schema refuses), still well-formed JSON.
std::string invalid_predictions() {
  auto document = nlohmann::json::parse(example_predictions());
  document["predictions"][0]["predicted_direction"] = "SIDEWAYS";
  return document.dump(2);
}

class ValidatedDigestsTest : public ::testing::Test {
 protected:
  test::TempDir root;
  FileSystemStore store{root.path()};
};

TEST_F(ValidatedDigestsTest, FirstReadValidatesAndTheIndexRemembersTheBytes) {
  store.put(kKey, example_predictions());
  {
    ValidatedDigests digests(store, kIndex);
    EXPECT_EQ(digests.read(Contract::kPredictions, kKey), example_predictions());
    EXPECT_FALSE(store.exists(kIndex));
    digests.save();
  }
  const auto index = nlohmann::json::parse(store.get(kIndex));
  EXPECT_EQ(index.at(kKey), "predictions:" + sha256_hex(example_predictions()));

  // Nothing new: save() writes nothing.
  store.remove(kIndex);
  ValidatedDigests again(store, kIndex);
  again.save();
  EXPECT_FALSE(store.exists(kIndex));
}

TEST_F(ValidatedDigestsTest, ARememberedDigestSkipsTheSchema) {
  // An index that vouches for invalid bytes is believed: the schema is not
  // run for them (which is the point, and why only a validating read or a
  // validated write adds to the index).
  const auto invalid = invalid_predictions();
  store.put(kKey, invalid);
  EXPECT_THROW(read_contract(store, Contract::kPredictions, kKey), ContractViolation);
  store.put(kIndex, nlohmann::json({{kKey, "predictions:" + sha256_hex(invalid)}}).dump());
  ValidatedDigests digests(store, kIndex);
  EXPECT_EQ(digests.read(Contract::kPredictions, kKey), invalid);
}

TEST_F(ValidatedDigestsTest, AWrittenDocumentIsRememberedWithoutReadingItBack) {
  const auto bytes = write_contract(store, Contract::kPredictions, kKey,
                                    nlohmann::json::parse(example_predictions()));
  {
    ValidatedDigests digests(store, kIndex);
    digests.remember_written(Contract::kPredictions, kKey, sha256_hex(bytes));
    digests.save();
  }
  EXPECT_EQ(nlohmann::json::parse(store.get(kIndex)).at(kKey), "predictions:" + sha256_hex(bytes));
  ValidatedDigests reopened(store, kIndex);
  EXPECT_EQ(reopened.read(Contract::kPredictions, kKey), bytes);
  // Bytes changed after the write are not vouched for.
  store.put(kKey, invalid_predictions());
  EXPECT_THROW(reopened.read(Contract::kPredictions, kKey), ContractViolation);
}

TEST_F(ValidatedDigestsTest, ChangedBytesAreValidatedAgain) {
  store.put(kKey, example_predictions());
  ValidatedDigests digests(store, kIndex);
  digests.read(Contract::kPredictions, kKey);
  digests.save();
  store.put(kKey, invalid_predictions());
  EXPECT_THROW(digests.read(Contract::kPredictions, kKey), ContractViolation);
  ValidatedDigests reopened(store, kIndex);
  EXPECT_THROW(reopened.read(Contract::kPredictions, kKey), ContractViolation);
  // The digest is the contract's too: the same bytes read as another
  // contract are checked against that one's schema.
  store.put(kKey, example_predictions());
  EXPECT_THROW(reopened.read(Contract::kSignals, kKey), ContractViolation);
}

TEST_F(ValidatedDigestsTest, MissingDocumentIsNotFoundAndABrokenIndexIsRebuilt) {
  ValidatedDigests empty(store, kIndex);
  EXPECT_THROW(empty.read(Contract::kPredictions, kKey), NotFound);
  store.put(kIndex, "{ torn");
  store.put(kKey, invalid_predictions());
  ValidatedDigests rebuilt(store, kIndex);
  EXPECT_THROW(rebuilt.read(Contract::kPredictions, kKey), ContractViolation);
  store.put(kKey, example_predictions());
  rebuilt.read(Contract::kPredictions, kKey);
  rebuilt.save();
  EXPECT_TRUE(nlohmann::json::parse(store.get(kIndex)).contains(kKey));
}

}  // namespace
}  // namespace ae::core
