// AWS parity: runs every recorded case of the AWS-parity corpus (outcomes
// recorded against AWS Step Functions itself; data kept outside this
// repository, read from ../shared/conformance/aws-parity/jsonpath) in process
// on a virtual clock. Prints the pass count, fails if it drops below the floor in
// tests/states/conformance/floor.txt, and (with AE_UPDATE_CONFORMANCE=1)
// rewrites that floor and tests/states/conformance/failing.txt. Skipped when
// the data folder is absent. The JSONata cases beside them are only counted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "core/atomic_file.h"
#include "states/asl_case.h"
#include "support/test_support.h"

namespace ae::test {
namespace {

namespace fs = std::filesystem;

fs::path conformance_root() { return fs::path(AE_SOURCE_DIR) / ".." / "shared" / "conformance"; }

std::vector<fs::path> case_folders(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(root))
    if (entry.is_directory()) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(AwsParity, JsonPathCasesDoNotRegress) {
  const fs::path root = conformance_root() / "aws-parity" / "jsonpath";
  if (!fs::exists(root)) GTEST_SKIP() << "conformance data not found at " << root;
  const auto folders = case_folders(root);
  size_t passed = 0;
  std::string failing;
  for (const auto& folder : folders) {
    CaseVerdict verdict = run_asl_case(folder, ExpectedOrder::kRecordedByAws);
    if (verdict.passed) {
      ++passed;
    } else {
      failing += folder.filename().string() + "\t" + verdict.why.substr(0, 400) + "\n";
    }
  }
  const fs::path jsonata = conformance_root() / "aws-parity" / "jsonata";
  const size_t jsonata_cases = fs::exists(jsonata) ? case_folders(jsonata).size() : 0;
  std::cout << "AWS parity (JSONPath): " << passed << " / " << folders.size()
            << " cases pass; JSONata cases (not run): " << jsonata_cases << "\n";

  const fs::path floor_file = source_path("tests/states/conformance/floor.txt");
  if (const char* update = std::getenv("AE_UPDATE_CONFORMANCE"); update && *update == '1') {
    core::write_file_atomically(floor_file, std::to_string(passed) + "\n");
    core::write_file_atomically(source_path("tests/states/conformance/failing.txt"), failing);
  }
  size_t floor = std::stoul(core::read_file(floor_file));
  EXPECT_GE(passed, floor) << "conformance regressed; failing cases:\n" << failing;
}

}  // namespace
}  // namespace ae::test
