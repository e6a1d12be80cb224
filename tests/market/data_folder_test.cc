// `ae data import DIR`: the request built from a data folder (universe.csv,
// stocks/, macro/, stocks_short_history/ with its own universe) and its
// errors; nothing is written when the import fails.
#include "market/import/data_folder.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "market_test_util.h"
#include "support/test_support.h"

namespace ae::market {
namespace {

using core::parse_date;

using test::calendar;

// AAA and BBB in stocks/, SPY in macro/, CCC in stocks_short_history/ with its
// own universe.csv.
void write_folder(const std::filesystem::path& root) {
  const Date from = parse_date("2015-01-05");
  test::write_universe_csv(root / "universe.csv", {"AAA", "BBB"});
  test::write_yahoo_csv(root / "stocks" / "AAA.csv", calendar(), from, test::flat_days(30));
  test::write_yahoo_csv(root / "stocks" / "BBB.csv", calendar(), from, test::flat_days(30, 50));
  test::write_yahoo_csv(root / "macro" / "SPY.csv", calendar(), from, test::flat_days(30, 200));
  test::write_universe_csv(root / "stocks_short_history" / "universe.csv", {"CCC"});
  test::write_yahoo_csv(root / "stocks_short_history" / "CCC.csv", calendar(),
                        parse_date("2015-02-02"), test::flat_days(10, 20));
}

// The InvalidInput message of folder_request + import_files, and the store
// left empty.
std::string failure(const std::filesystem::path& root) {
  ae::test::TempDir home;
  BarStore store(home.path());
  try {
    import_files(store, folder_request(root));
  } catch (const core::InvalidInput& e) {
    EXPECT_TRUE(store.symbols().empty());
    EXPECT_FALSE(store.has_universe());
    EXPECT_TRUE(store.read_quarantine().empty());
    return e.what();
  }
  ADD_FAILURE() << "expected InvalidInput";
  return "";
}

TEST(DataFolder, ImportsEveryFolderAndMergesTheShortHistoryUniverse) {
  ae::test::TempDir data;
  write_folder(data.path());
  const ImportRequest request = folder_request(data.path());
  EXPECT_EQ(request.per_ticker_files.size(), 4u);
  ASSERT_EQ(request.universe_files.size(), 2u);
  EXPECT_EQ(request.universe_files[0], (data.path() / "universe.csv").string());

  ae::test::TempDir home;
  BarStore store(home.path());
  const auto result = import_files(store, request);
  EXPECT_EQ(result.symbols, 4u);
  EXPECT_EQ(result.bars, 100u);
  EXPECT_EQ(result.universe_tickers, 3u);
  EXPECT_EQ(store.symbols(), (std::vector<std::string>{"AAA", "BBB", "CCC", "SPY"}));
  const Universe universe = store.read_universe();
  ASSERT_NE(universe.find("CCC"), nullptr);
  EXPECT_NE(universe.find("AAA"), nullptr);
  EXPECT_EQ(store.read("CCC").first_date(), parse_date("2015-02-02"));
}

TEST(DataFolder, ATickerInTwoUniverseFilesIsRefusedNamingBoth) {
  ae::test::TempDir data;
  write_folder(data.path());
  test::write_universe_csv(data.path() / "stocks_short_history" / "universe.csv", {"BBB", "CCC"});
  const std::string message = failure(data.path());
  EXPECT_NE(message.find("ticker BBB"), std::string::npos) << message;
  EXPECT_NE(message.find((data.path() / "universe.csv").string()), std::string::npos) << message;
  EXPECT_NE(message.find((data.path() / "stocks_short_history" / "universe.csv").string()),
            std::string::npos)
      << message;
}

TEST(DataFolder, MissingUniverseOrNoCsvOrNoFolderIsAClearError) {
  ae::test::TempDir data;
  write_folder(data.path());
  std::filesystem::remove(data.path() / "universe.csv");
  EXPECT_NE(failure(data.path()).find("has no universe.csv"), std::string::npos);

  ae::test::TempDir empty;
  test::write_universe_csv(empty.path() / "universe.csv", {"AAA"});
  EXPECT_NE(failure(empty.path()).find("has no per-ticker CSV in stocks/, macro/"),
            std::string::npos);

  EXPECT_NE(failure(empty.path() / "nope").find("is not a folder"), std::string::npos);
}

TEST(DataFolder, ABadFileWritesNothing) {
  ae::test::TempDir data;
  write_folder(data.path());
  std::ofstream(data.path() / "stocks" / "BBB.csv", std::ios::app) << "2015-02-30,1,1,1,1,1,1\n";
  EXPECT_NE(failure(data.path()).find("BBB.csv:32"), std::string::npos);
}

}  // namespace
}  // namespace ae::market
