// The real collection (../shared/data/real-us-equities beside the source
// tree, README there) imports in one command: 476 stocks, 12 macro series and
// 11 short histories; the broken DXC 2015-11-30 spin-off adjustment is the
// one quarantined symbol-day. Skipped when the collection is absent.
#include <gtest/gtest.h>

#include "market/bar_store.h"
#include "market/import/data_folder.h"
#include "support/test_support.h"

namespace ae::market {
namespace {

TEST(RealData, ImportsTheSharedCollectionAndQuarantinesDxc) {
  const auto folder = ae::test::source_path("../shared/data/real-us-equities");
  if (!std::filesystem::is_directory(folder)) {
    GTEST_SKIP() << "no real data collection at " << folder.string();
  }
  ae::test::TempDir home;
  BarStore store(home.path());
  const auto result = import_files(store, folder_request(folder));
  EXPECT_EQ(result.symbols, 499u);
  EXPECT_EQ(result.universe_tickers, 487u);
  ASSERT_EQ(result.quarantined.size(), 1u);
  const QuarantinedDay& dxc = result.quarantined[0];
  EXPECT_EQ(dxc.symbol, "DXC");
  EXPECT_EQ(dxc.date, core::parse_date("2015-11-30"));
  EXPECT_NEAR(dxc.adjusted_return, 0.701, 0.001);
  EXPECT_NEAR(dxc.raw_return, 0.083, 0.001);
  EXPECT_EQ(store.read("DXC").first_date(), dxc.date);
  EXPECT_EQ(store.read_quarantine(), result.quarantined);
}

}  // namespace
}  // namespace ae::market
