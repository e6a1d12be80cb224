#include "market/import/importer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <streambuf>

#include "core/atomic_file.h"
#include "core/error.h"
#include "market/import/csv_reader.h"
#include "support/test_support.h"

namespace ae::market {
namespace {

using core::parse_date;

std::string data(const std::string& name) {
  return ae::test::source_path("tests/market/data/" + name).string();
}

TEST(Importer, PerTickerCsvWithASplitGivesContinuousAdjustedPrices) {
  ae::test::TempDir dir;
  BarStore store(dir.path());
  ImportRequest request;
  request.per_ticker_files = {data("import/AAPL.csv")};
  const auto result = import_files(store, request);
  EXPECT_EQ(result.symbols, 1u);
  EXPECT_EQ(result.bars, 10u);
  EXPECT_TRUE(result.warnings.empty());  // the adjusted series has no 50% "move"

  const SeriesView view = store.read("AAPL");
  ASSERT_EQ(view.size(), 10u);
  const auto close = view.field(Field::kClose);
  const auto factor = view.field(Field::kFactor);
  EXPECT_DOUBLE_EQ(close[4], 102.5);  // 205 raw * 0.5
  EXPECT_DOUBLE_EQ(close[5], 103.0);  // first post-split day
  EXPECT_DOUBLE_EQ(factor[0], 0.5);
  EXPECT_DOUBLE_EQ(factor[9], 1.0);
  EXPECT_DOUBLE_EQ(view.field(Field::kHigh)[0], 100.5);
  // Raw price = adjusted / factor; raw volume = volume * factor.
  EXPECT_DOUBLE_EQ(close[0] / factor[0], 200.0);
  EXPECT_DOUBLE_EQ(view.field(Field::kVolume)[0] * factor[0], 1000000.0);
  EXPECT_TRUE(std::isnan(view.field(Field::kVwap)[0]));
  for (std::size_t i = 1; i < close.size(); ++i) {
    EXPECT_LT(std::abs(close[i] / close[i - 1] - 1.0), 0.05) << "row " << i;
  }
}

TEST(Importer, LongCsvAppendsAndOverwritesAndWithoutAdjCloseFactorIsOne) {
  ae::test::TempDir dir;
  BarStore store(dir.path());
  ImportRequest first;
  first.per_ticker_files = {data("import/MSFT.csv")};
  import_files(store, first);
  EXPECT_DOUBLE_EQ(store.read("MSFT").field(Field::kFactor)[2], 1.0);

  ImportRequest update;
  update.long_files = {data("import/long.csv")};
  const auto result = import_files(store, update);
  EXPECT_EQ(result.symbols, 2u);
  const SeriesView msft = store.read("MSFT");
  ASSERT_EQ(msft.size(), 4u);
  EXPECT_DOUBLE_EQ(msft.value_on(Field::kClose, parse_date("2026-03-02")), 404);  // kept
  EXPECT_DOUBLE_EQ(msft.value_on(Field::kClose, parse_date("2026-03-04")), 403);  // overwritten
  EXPECT_DOUBLE_EQ(msft.value_on(Field::kVwap, parse_date("2026-03-05")), 405);   // appended
  const SeriesView spy = store.read("SPY");
  EXPECT_EQ(spy.size(), 2u);
  EXPECT_TRUE(std::isnan(spy.value_on(Field::kVwap, parse_date("2026-03-05"))));
}

TEST(Importer, UniverseCsvCanonicalisesSectorsAndKeepsMembershipHistory) {
  const Universe universe = parse_universe_csvs({data("import/universe.csv")});
  ASSERT_EQ(universe.constituents.size(), 3u);
  const Constituent* aapl = universe.find("AAPL");
  ASSERT_NE(aapl, nullptr);
  EXPECT_EQ(aapl->name, "Apple, Inc.");
  EXPECT_EQ(aapl->sector, Sector::kTechnology);
  EXPECT_EQ(universe.find("MSFT")->sector, Sector::kTechnology);
  const Constituent* xyz = universe.find("XYZ");
  ASSERT_EQ(xyz->memberships.size(), 2u);
  EXPECT_EQ(xyz->index_on(parse_date("2019-01-02")), "SP400");
  EXPECT_EQ(xyz->index_on(parse_date("2021-01-04")), "SP500");
  EXPECT_FALSE(xyz->member_on(parse_date("2024-02-01")));
  EXPECT_EQ(universe.members_on(parse_date("2025-01-02")).size(), 2u);

  ae::test::TempDir dir;
  BarStore store(dir.path());
  ImportRequest request;
  request.universe_files = {data("import/universe.csv")};
  EXPECT_EQ(import_files(store, request).universe_tickers, 3u);
  EXPECT_EQ(store.read_universe().constituents.size(), 3u);
}

// A reader over `text`, named `origin`.
CsvReader reader_of(const std::string& text, const std::string& origin,
                    std::size_t max_bytes = kMaxCsvBytes) {
  return CsvReader(std::make_unique<std::istringstream>(text), origin, max_bytes);
}

std::vector<CsvRow> rows_of(CsvReader reader) {
  std::vector<CsvRow> rows;
  for (CsvRow row; reader.next(row);) rows.push_back(row);
  return rows;
}

// An endless CSV (a header, then the same row again and again), handed out
// in 4 KiB chunks; counts the bytes it handed out.
class EndlessCsv : public std::streambuf {
 public:
  std::size_t handed_out() const { return handed_out_; }

 protected:
  int_type underflow() override {
    chunk_.clear();
    if (handed_out_ == 0) chunk_ = "Date,Close\n";
    while (chunk_.size() < 4096) chunk_ += "2026-03-02,101.25\n";
    handed_out_ += chunk_.size();
    setg(chunk_.data(), chunk_.data(), chunk_.data() + chunk_.size());
    return traits_type::to_int_type(chunk_[0]);
  }

 private:
  std::string chunk_;
  std::size_t handed_out_ = 0;
};

struct EndlessStream : std::istream {
  EndlessStream() : std::istream(&buffer) {}
  EndlessCsv buffer;
};

TEST(Importer, CsvReaderHandlesQuotesAndCrlf) {
  const auto rows = rows_of(reader_of("a,b\r\n\"x, \"\"y\"\"\",2\r\n\r\n", "mem.csv"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields[0], "x, \"y\"");
  EXPECT_EQ(rows[0].line, 2u);
  EXPECT_THROW(rows_of(reader_of("a\n\"open", "mem.csv")), core::InvalidInput);
  const auto multiline = rows_of(reader_of("a,b\n\"two\nlines\",1\n3,4\n", "mem.csv"));
  ASSERT_EQ(multiline.size(), 2u);
  EXPECT_EQ(multiline[0].fields[0], "two\nlines");
  EXPECT_EQ(multiline[1].line, 4u);
}

TEST(Importer, CsvReaderIgnoresAByteOrderMark) {
  const CsvReader reader = reader_of(
      "\xEF\xBB\xBF"
      "Date,Close\n2026-03-02,1\n",
      "bom.csv");
  EXPECT_EQ(reader.header().front(), "Date");
  EXPECT_EQ(reader.require_column("Date"), 0u);
  // U+FEFE starts as the mark does: its bytes are read again, kept.
  EXPECT_EQ(reader_of("\xEF\xBB\xBE"
                      "a,b\n",
                      "not-a-bom.csv")
                .header()
                .front(),
            "\xEF\xBB\xBE"
            "a");
  EXPECT_THROW(reader_of("\xEF\xBB"
                         "a,b\n",
                         "half-a-bom.csv"),
               core::InvalidInput);  // not UTF-8
  EXPECT_EQ(reader_of("ab", "short.csv").header().front(), "ab");
}

TEST(Importer, CsvReaderRefusesANulByteNamingTheLine) {
  using namespace std::string_literals;
  try {
    rows_of(reader_of("Date,Close\n2026-03-02,1\n2026-03-03,\0\x01\n"s, "bin.csv"));
    ADD_FAILURE() << "expected InvalidInput";
  } catch (const core::InvalidInput& e) {
    EXPECT_STREQ(e.what(), "bin.csv:3: a NUL byte (not a text CSV file)");
  }
}

TEST(Importer, CsvReaderRefusesAFieldThatIsNotUtf8NamingTheLine) {
  try {
    rows_of(reader_of("ticker,name\nSAN,Soci\xE9t\xE9 G\xE9n\xE9rale\n", "latin1.csv"));
    ADD_FAILURE() << "expected InvalidInput";
  } catch (const core::InvalidInput& e) {
    EXPECT_STREQ(e.what(), "latin1.csv:2: a field that is not UTF-8 text");
  }
  EXPECT_EQ(rows_of(reader_of("ticker,name\nSAN,Soci\xC3\xA9t\xC3\xA9\n", "utf8.csv")).size(), 1u);
}

// A universe name that is not UTF-8 ended the import with a JSON type_error
// when the universe was written.
TEST(Importer, AUniverseFileThatIsNotUtf8IsRefusedAndWritesNothing) {
  ae::test::TempDir dir;
  const auto file = dir.path() / "universe.csv";
  core::write_file_atomically(
      file, "ticker,name,sector,index\nAAPL,Appl\xE9,Information Technology,SP500\n");
  BarStore store(dir.path() / "store");
  ImportRequest request;
  request.universe_files = {file.string()};
  EXPECT_THROW(import_files(store, request), core::InvalidInput);
  EXPECT_FALSE(store.has_universe());
}

TEST(Importer, CsvReaderRefusesAnOverlongRow) {
  const std::string text = "a,b\n1," + std::string(kMaxCsvLineBytes + 10, '9') + "\n";
  try {
    rows_of(reader_of(text, "long.csv"));
    ADD_FAILURE() << "expected InvalidInput";
  } catch (const core::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("long.csv:2: a row longer than"), std::string::npos)
        << e.what();
  }
}

// The reader holds one row, not the file: after the header and one row of
// an endless input it has taken a chunk or two from it.
TEST(Importer, CsvReaderStreamsTheInputRowByRow) {
  auto stream = std::make_unique<EndlessStream>();
  const EndlessCsv& source = stream->buffer;
  CsvReader reader(std::move(stream), "endless.csv");
  CsvRow row;
  ASSERT_TRUE(reader.next(row));
  EXPECT_EQ(row.fields, (std::vector<std::string>{"2026-03-02", "101.25"}));
  EXPECT_LE(source.handed_out(), 2u * 4096);
  for (int i = 0; i < 100000; ++i) ASSERT_TRUE(reader.next(row));
  EXPECT_EQ(row.line, 100002u);
}

// Input of unknown size (a pipe) is cut off at the byte limit as it is read.
TEST(Importer, CsvReaderStopsAtTheByteLimitOfAStream) {
  auto stream = std::make_unique<EndlessStream>();
  const EndlessCsv& source = stream->buffer;
  CsvReader reader(std::move(stream), "pipe.csv", std::size_t{1} << 20);
  try {
    for (CsvRow row; reader.next(row);) {
    }
    ADD_FAILURE() << "expected InvalidInput";
  } catch (const core::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("pipe.csv:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("the input goes on past the importer's limit of 1 MiB"),
              std::string::npos)
        << e.what();
  }
  EXPECT_LE(source.handed_out(), (std::size_t{1} << 20) + 4096);
}

// A regular file over the limit is refused from its size, before a byte of
// it is read (a sparse file: no disk space needed).
TEST(Importer, AFileOverTheSizeLimitIsRefusedBeforeItIsRead) {
  ae::test::TempDir dir;
  const auto path = dir.path() / "HUGE.csv";
  std::ofstream(path) << "Date,Open,High,Low,Close,Volume\n";
  std::filesystem::resize_file(path, kMaxCsvBytes + (std::size_t{1} << 20));
  BarStore store(dir.path() / "market");
  ImportRequest request;
  request.per_ticker_files = {path.string()};
  try {
    import_files(store, request);
    ADD_FAILURE() << "expected InvalidInput";
  } catch (const core::InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()),
              path.string() + ": 513 MiB is larger than the importer's limit of 512 MiB");
  }
  EXPECT_TRUE(store.symbols().empty());
}

// Data-driven: every file in bad_inputs.json fails with file, line and field
// named, and leaves the store exactly as it was.
TEST(Importer, BadInputsFailCleanlyAndWriteNothing) {
  const auto cases = nlohmann::json::parse(core::read_file(data("bad_inputs.json")));
  ASSERT_GE(cases.size(), 10u);
  for (const auto& c : cases) {
    const std::string file = c.at("file").get<std::string>();
    SCOPED_TRACE(file);
    ae::test::TempDir dir;
    BarStore store(dir.path());
    ImportRequest seed;
    seed.per_ticker_files = {data("import/MSFT.csv")};
    import_files(store, seed);
    const std::string before = core::read_file(dir.path() / "bars" / "MSFT.bin");

    ImportRequest request;
    const std::string kind = c.at("kind").get<std::string>();
    // Each bad file rides along with a good one, which must not be written either.
    request.per_ticker_files = {data("import/AAPL.csv")};
    if (kind == "per-ticker") request.per_ticker_files.push_back(data(file));
    if (kind == "long") request.long_files = {data(file)};
    if (kind == "universe") request.universe_files = {data(file)};
    try {
      import_files(store, request);
      ADD_FAILURE() << "expected InvalidInput";
    } catch (const core::InvalidInput& e) {
      const std::string message = e.what();
      for (const auto& expected : c.at("expect")) {
        EXPECT_NE(message.find(expected.get<std::string>()), std::string::npos)
            << "message: " << message << "\nmissing: " << expected;
      }
    }
    EXPECT_EQ(store.symbols(), std::vector<std::string>{"MSFT"});
    EXPECT_EQ(core::read_file(dir.path() / "bars" / "MSFT.bin"), before);
    EXPECT_FALSE(store.has_universe());
  }
}

}  // namespace
}  // namespace ae::market
