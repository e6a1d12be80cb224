#include "predictor/parameters.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace ae::predictor {
namespace {

TEST(PredictorParameters, ShippedFileStatesEveryParameterAtItsBuiltInDefault) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path() / "store");
  const auto loaded = load_predictor_parameters("", store, core::kDefaultProfile);
  EXPECT_EQ(loaded.to_json(), predictor_parameters().to_json());
  for (const auto& spec : loaded.specs()) {
    EXPECT_EQ(loaded.source_of(spec.key), "config/predictor.yaml")
        << spec.key << " is missing from config/predictor.yaml";
  }
}

}  // namespace
}  // namespace ae::predictor
