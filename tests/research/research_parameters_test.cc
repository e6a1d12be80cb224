#include "research/research_parameters.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace ae::research {
namespace {

TEST(ResearchParameters, ShippedFileStatesEveryParameterAtItsBuiltInDefault) {
  test::TempDir dir;
  core::FileSystemStore store(dir.path() / "store");
  const auto loaded = load_research_parameters("", store, core::kDefaultProfile);
  EXPECT_EQ(loaded.to_json(), research_parameters().to_json());
  for (const auto& spec : loaded.specs()) {
    EXPECT_EQ(loaded.source_of(spec.key), "config/research.yaml")
        << spec.key << " is missing from config/research.yaml";
  }
}

}  // namespace
}  // namespace ae::research
