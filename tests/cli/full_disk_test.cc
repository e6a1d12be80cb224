// A full disk, simulated by a file size limit (RLIMIT_FSIZE of 16 KiB in the
// child: any write past it fails): the commands that only read SQLite still
// answer and create no database, and a write that needs room fails with
// "disk full" naming the file, leaving what was there.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "support/test_support.h"

namespace ae {
namespace {

constexpr std::size_t kRoom = 16 << 10;

struct FullDisk : ::testing::Test {
  test::TempDir home;
  test::TempDir scratch;

  FullDisk() {
    const auto definition = scratch.path() / "pass.asl.json";
    std::ofstream(definition) << R"({"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})";
    const auto run = test::run_ae("sfn run '" + definition.string() + "' --name one", home.path());
    EXPECT_EQ(run.exit_code, 0) << run.err;
    const auto put = test::run_ae("metrics put AlphaEngine Probe 1", home.path());
    EXPECT_EQ(put.exit_code, 0) << put.err;
  }
};

TEST_F(FullDisk, ReadOnlyCommandsStillAnswerAndCreateNoDatabase) {
  const auto list = test::run_ae_on_full_disk("sfn list", home.path(), kRoom);
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out.rfind("one\tSUCCEEDED\tpass\t", 0), 0u) << list.out;
  for (const auto* command :
       {"sfn describe one", "sfn history one", "metrics list", "alarms history", "deploy list",
        "ledger trades", "ledger eod", "ledger shadow"}) {
    const auto result = test::run_ae_on_full_disk(command, home.path(), kRoom);
    EXPECT_EQ(result.exit_code, 0) << command << ": " << result.err;
  }
  EXPECT_NE(test::run_ae_on_full_disk("metrics list", home.path(), kRoom).out.find("Probe"),
            std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(home.path() / "state" / "executor" / "ledger.db"));
}

TEST_F(FullDisk, AWriteSaysDiskFullAndNamesTheFile) {
  const auto definition = scratch.path() / "pass.asl.json";
  const auto run = test::run_ae_on_full_disk("sfn run '" + definition.string() + "' --name two",
                                             home.path(), kRoom);
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("error: database '" + (home.path() / "state" / "states").string()),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(".sqlite': disk full (File too large): "), std::string::npos) << run.err;
  EXPECT_EQ(test::run_ae("sfn list", home.path()).out.find("two"), std::string::npos);

  const auto small = scratch.path() / "small.txt";
  const auto large = scratch.path() / "large.txt";
  std::ofstream(small) << "kept\n";
  std::ofstream(large) << std::string(2 * kRoom, 'x');
  ASSERT_EQ(test::run_ae("store put notes/a.txt '" + small.string() + "'", home.path()).exit_code,
            0);
  const auto put = test::run_ae_on_full_disk("store put notes/a.txt '" + large.string() + "'",
                                             home.path(), kRoom);
  EXPECT_EQ(put.exit_code, 3);
  EXPECT_NE(put.err.find("disk full (File too large): cannot write '"), std::string::npos)
      << put.err;
  EXPECT_NE(put.err.find("notes/a.txt'"), std::string::npos) << put.err;
  EXPECT_EQ(test::run_ae("store get notes/a.txt", home.path()).out, "kept\n");
}

// Every file under `root`, relative path -> bytes.
std::map<std::string, std::string> snapshot(const std::filesystem::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.is_regular_file()) {
      std::ifstream in(entry.path(), std::ios::binary);
      files[std::filesystem::relative(entry.path(), root).string()] =
          std::string(std::istreambuf_iterator<char>(in), {});
    }
  return files;
}

TEST(FullDiskSynth, ASynthThatRunsOutOfRoomLeavesThePreviousMarketAsItWas) {
  test::TempDir home;
  const std::string synth = "data synth --tickers 20 --years 2 --end 2026-11-27 --seed ";
  ASSERT_EQ(test::run_ae(synth + "7", home.path()).exit_code, 0);
  const auto before = snapshot(home.path() / "market");
  ASSERT_GT(before.size(), 20u);

  const auto full = test::run_ae_on_full_disk(synth + "8", home.path(), kRoom);
  EXPECT_EQ(full.exit_code, 3);
  EXPECT_NE(full.err.find("disk full (File too large): cannot write '" +
                          (home.path() / "market.staging" / "bars").string()),
            std::string::npos)
      << full.err;
  EXPECT_EQ(snapshot(home.path() / "market"), before);
  EXPECT_FALSE(std::filesystem::exists(home.path() / "market.staging"));
}

}  // namespace
}  // namespace ae
