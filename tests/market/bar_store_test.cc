#include "market/bar_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <fstream>

#include "core/atomic_file.h"
#include "core/error.h"
#include "market/series_file.h"
#include "market_test_util.h"
#include "support/test_support.h"

namespace ae::market {
namespace {

using core::parse_date;
using test::make_bar;
using test::make_bars;

class BarStoreTest : public ::testing::Test {
 protected:
  ae::test::TempDir dir;
  BarStore store{dir.path() / "market"};
};

TEST_F(BarStoreTest, WriteThenReadRoundTripsEveryField) {
  auto bars = make_bars(store.calendar(), parse_date("2026-04-13"), {10, 11, 12, 13});
  bars[2].vwap = NAN;
  bars[3].factor = 0.5;
  store.write("AAPL", series_from_bars(bars, store.calendar(), "AAPL"));

  const SeriesView view = store.read("AAPL");
  ASSERT_EQ(view.size(), 4u);
  EXPECT_EQ(view.first_date(), parse_date("2026-04-13"));
  EXPECT_EQ(view.last_date(), parse_date("2026-04-16"));
  EXPECT_EQ(view.start_index(), store.calendar().index_of(parse_date("2026-04-13")));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar got = view.bar(i);
    EXPECT_EQ(got.date, bars[i].date);
    EXPECT_DOUBLE_EQ(got.open, bars[i].open);
    EXPECT_DOUBLE_EQ(got.high, bars[i].high);
    EXPECT_DOUBLE_EQ(got.low, bars[i].low);
    EXPECT_DOUBLE_EQ(got.close, bars[i].close);
    EXPECT_DOUBLE_EQ(got.volume, bars[i].volume);
    EXPECT_DOUBLE_EQ(got.factor, bars[i].factor);
  }
  EXPECT_TRUE(std::isnan(view.bar(2).vwap));
  EXPECT_EQ(store.symbols(), std::vector<std::string>{"AAPL"});
}

TEST_F(BarStoreTest, SeriesSkipsHolidaysAndKeepsGapsAsMissingRows) {
  // 2026-04-03 is Good Friday: 04-02 and 04-06 are adjacent trading days.
  std::vector<Bar> bars = {make_bar(parse_date("2026-04-01"), 10),
                           make_bar(parse_date("2026-04-06"), 11)};
  store.write("MSFT", series_from_bars(bars, store.calendar(), "MSFT"));
  const SeriesView view = store.read("MSFT");
  ASSERT_EQ(view.size(), 3u);  // 04-01, 04-02 (missing), 04-06
  EXPECT_EQ(view.date_at(1), parse_date("2026-04-02"));
  EXPECT_TRUE(view.bar(1).missing());
  EXPECT_TRUE(std::isnan(view.value_on(Field::kClose, parse_date("2026-04-02"))));
  EXPECT_DOUBLE_EQ(view.value_on(Field::kClose, parse_date("2026-04-06")), 11);
  EXPECT_EQ(view.last_present_row(), 2u);
}

TEST_F(BarStoreTest, MergeAppendsNextDayAndOverwritesTheSameDay) {
  store.write("IBM",
              series_from_bars(make_bars(store.calendar(), parse_date("2026-04-13"), {10, 11}),
                               store.calendar(), "IBM"));
  // End of day: a provisional bar for 04-15.
  store.merge("IBM", {make_bar(parse_date("2026-04-15"), 12)});
  EXPECT_EQ(store.read("IBM").size(), 3u);
  EXPECT_DOUBLE_EQ(store.read("IBM").value_on(Field::kClose, parse_date("2026-04-15")), 12);
  // Next morning: the final bar replaces it.
  store.merge("IBM", {make_bar(parse_date("2026-04-15"), 12.5)});
  const SeriesView view = store.read("IBM");
  EXPECT_EQ(view.size(), 3u);
  EXPECT_DOUBLE_EQ(view.value_on(Field::kClose, parse_date("2026-04-15")), 12.5);
  EXPECT_DOUBLE_EQ(view.value_on(Field::kClose, parse_date("2026-04-13")), 10);
}

TEST_F(BarStoreTest, MergeCanExtendBackwardsAndCreateSymbols) {
  store.merge("NEW", {make_bar(parse_date("2026-04-15"), 5)});
  store.merge("NEW", {make_bar(parse_date("2026-04-13"), 4)});
  const SeriesView view = store.read("NEW");
  EXPECT_EQ(view.first_date(), parse_date("2026-04-13"));
  EXPECT_EQ(view.size(), 3u);
  EXPECT_TRUE(view.bar(1).missing());
}

TEST_F(BarStoreTest, RejectsNonTradingAndDuplicateDates) {
  EXPECT_THROW(store.merge("X", {make_bar(parse_date("2026-04-18"), 5)}), core::InvalidInput);
  std::vector<Bar> dup = {make_bar(parse_date("2026-04-13"), 5),
                          make_bar(parse_date("2026-04-13"), 6)};
  EXPECT_THROW(series_from_bars(dup, store.calendar(), "X"), core::InvalidInput);
  EXPECT_FALSE(store.contains("X"));
}

TEST_F(BarStoreTest, ASymbolListingAnswersAsContainsDidWhenItWasTaken) {
  const auto bars = make_bars(store.calendar(), parse_date("2026-04-13"), {10, 11});
  store.write("AAPL", series_from_bars(bars, store.calendar(), "AAPL"));
  store.write("BRK-B", series_from_bars(bars, store.calendar(), "BRK-B"));
  const SymbolListing listing(store);
  for (const std::string symbol : {"AAPL", "BRK-B", "AAP", "AAPLX", "MSFT"})
    EXPECT_EQ(listing.contains(symbol), store.contains(symbol)) << symbol;
  EXPECT_THROW(listing.contains("../etc"), core::InvalidInput);
  EXPECT_THROW(listing.contains("aapl"), core::InvalidInput);
  // A snapshot: what is written or removed afterwards is not seen.
  store.write("MSFT", series_from_bars(bars, store.calendar(), "MSFT"));
  store.remove("AAPL");
  EXPECT_FALSE(listing.contains("MSFT"));
  EXPECT_TRUE(listing.contains("AAPL"));
  EXPECT_TRUE(SymbolListing(store).contains("MSFT"));
  EXPECT_FALSE(SymbolListing(store).contains("AAPL"));
}

TEST_F(BarStoreTest, UnknownSymbolIsNotFoundAndBadSymbolIsInvalid) {
  EXPECT_THROW(store.read("NOPE"), core::NotFound);
  EXPECT_THROW(store.read("../etc"), core::InvalidInput);
  EXPECT_THROW(store.read("aapl"), core::InvalidInput);
}

TEST_F(BarStoreTest, AMappedViewSurvivesAReplaceOfItsFile) {
  store.write("AAPL", series_from_bars(make_bars(store.calendar(), parse_date("2026-04-13"), {10}),
                                       store.calendar(), "AAPL"));
  const SeriesView before = store.read("AAPL");
  store.merge("AAPL", {make_bar(parse_date("2026-04-13"), 20)});
  EXPECT_DOUBLE_EQ(before.field(Field::kClose)[0], 10);  // the old mapping
  EXPECT_DOUBLE_EQ(store.read("AAPL").field(Field::kClose)[0], 20);
}

TEST_F(BarStoreTest, ARepeatedReadReusesTheMappingUntilTheFileIsReplaced) {
  store.write("AAPL", series_from_bars(make_bars(store.calendar(), parse_date("2026-04-13"), {10}),
                                       store.calendar(), "AAPL"));
  const SeriesView first = store.read("AAPL");
  EXPECT_EQ(store.read("AAPL").field(Field::kClose).data(), first.field(Field::kClose).data());

  // Another store (another process, as far as this one can tell) replaces
  // the file, then removes it: each read sees the path's current file.
  BarStore other(dir.path() / "market");
  other.merge("AAPL", {make_bar(parse_date("2026-04-13"), 20)});
  const SeriesView second = store.read("AAPL");
  EXPECT_NE(second.field(Field::kClose).data(), first.field(Field::kClose).data());
  EXPECT_DOUBLE_EQ(second.field(Field::kClose)[0], 20);
  EXPECT_DOUBLE_EQ(first.field(Field::kClose)[0], 10);  // its own mapping
  other.remove("AAPL");
  EXPECT_THROW(store.read("AAPL"), core::NotFound);

  // A file replaced in place (same inode, another size) is mapped anew too.
  store.write("MSFT", series_from_bars(make_bars(store.calendar(), parse_date("2026-04-13"), {10}),
                                       store.calendar(), "MSFT"));
  ASSERT_EQ(store.read("MSFT").size(), 1u);
  const auto two_days = encode_series(series_from_bars(
      make_bars(store.calendar(), parse_date("2026-04-13"), {10, 11}), store.calendar(), "MSFT"));
  std::ofstream(dir.path() / "market" / "bars" / "MSFT.bin", std::ios::binary | std::ios::trunc)
      << two_days;
  EXPECT_EQ(store.read("MSFT").size(), 2u);
}

TEST_F(BarStoreTest, CorruptFilesAreIoErrorsNamingTheFile) {
  const auto path = dir.path() / "market" / "bars" / "BAD.bin";
  core::write_file_atomically(path, "AEBARS\0\1 short");
  try {
    store.read("BAD");
    FAIL() << "expected IoError";
  } catch (const core::IoError& e) {
    EXPECT_NE(std::string(e.what()).find("BAD.bin"), std::string::npos) << e.what();
  }
  // A file whose size disagrees with its header.
  std::string bytes = encode_series(series_from_bars(
      make_bars(store.calendar(), parse_date("2026-04-13"), {10, 11}), store.calendar(), "BAD"));
  bytes.resize(bytes.size() - 3);
  core::write_file_atomically(path, bytes);
  EXPECT_THROW(store.read("BAD"), core::IoError);
}

TEST_F(BarStoreTest, LeftoverTemporaryFromACrashIsInvisible) {
  store.write("AAPL", series_from_bars(make_bars(store.calendar(), parse_date("2026-04-13"), {10}),
                                       store.calendar(), "AAPL"));
  // What a crash between "write temporary" and "rename" leaves behind.
  std::ofstream(dir.path() / "market" / "bars" / (std::string(core::kTempPrefix) + "AAPL.bin.x"))
      << "half a file";
  EXPECT_EQ(store.symbols(), std::vector<std::string>{"AAPL"});
  EXPECT_DOUBLE_EQ(store.read("AAPL").field(Field::kClose)[0], 10);
}

TEST_F(BarStoreTest, KilledMidAppendLeavesAReadableStore) {
  const auto& calendar = store.calendar();
  const std::int32_t first = calendar.index_of(parse_date("2020-01-02"));
  store.write("SPY", series_from_bars({make_bar(calendar.date_at(first), 100)}, calendar, "SPY"));
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Append day after day (each append rewrites the file) until killed.
    BarStore writer(dir.path() / "market");
    for (std::int32_t i = 1; i < 1500; ++i) {
      writer.merge("SPY", {make_bar(calendar.date_at(first + i), 100 + i)});
      if (i == 50) {
        std::ofstream(dir.path() / "started") << "1";
      }
    }
    _exit(0);
  }
  // Wait until the child is well into its appends, then kill it mid-write.
  while (!std::filesystem::exists(dir.path() / "started")) usleep(1000);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);

  const SeriesView view = store.read("SPY");  // must decode: old or new file, never torn
  ASSERT_GE(view.size(), 51u);
  const auto close = view.field(Field::kClose);
  for (std::size_t i = 0; i < view.size(); ++i)
    EXPECT_DOUBLE_EQ(close[i], 100.0 + static_cast<double>(i));
  // And the store accepts the next append.
  store.merge("SPY", {make_bar(calendar.date_at(view.end_index()), 1)});
  EXPECT_EQ(store.read("SPY").size(), view.size() + 1);
}

TEST_F(BarStoreTest, UniverseRoundTrips) {
  Universe universe;
  Constituent c;
  c.ticker = "AAPL";
  c.name = "Apple, Inc.";
  c.sector = Sector::kTechnology;
  c.memberships.push_back({"SP500", parse_date("2010-01-04"), std::nullopt});
  universe.constituents.push_back(c);
  universe.macro_symbols = default_macro_symbols();
  EXPECT_FALSE(store.has_universe());
  EXPECT_THROW(store.read_universe(), core::NotFound);
  store.write_universe(universe);
  const Universe back = store.read_universe();
  ASSERT_EQ(back.constituents.size(), 1u);
  EXPECT_EQ(back.constituents[0].name, "Apple, Inc.");
  EXPECT_EQ(back.constituents[0].sector, Sector::kTechnology);
  EXPECT_FALSE(back.constituents[0].memberships[0].removed.has_value());
  EXPECT_EQ(back.macro_symbols.size(), 13u);
}

}  // namespace
}  // namespace ae::market
