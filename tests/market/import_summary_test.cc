// The import's summary (counts per kind, the worst of each by magnitude) and
// its CSV report of every warning and quarantined day.
#include "market/import/import_summary.h"

#include <gtest/gtest.h>

#include "market_test_util.h"
#include "support/test_support.h"

namespace ae::market {
namespace {

using core::parse_date;

using test::calendar;

QualityIssue warning(IssueKind kind, std::string symbol, double magnitude) {
  return {Severity::kWarning, kind,     std::move(symbol), parse_date("2015-03-02"),
          "volume",           "a test", magnitude};
}

TEST(ImportSummary, CountsEachKindAndKeepsItsTenWorstFirst) {
  std::vector<QualityIssue> warnings;
  for (int i = 0; i < 12; ++i) {
    warnings.push_back(warning(IssueKind::kLargeMove, "M" + std::to_string(i), 0.5 + 0.01 * i));
  }
  warnings.push_back(warning(IssueKind::kVolumeSpike, "A", 12));
  warnings.push_back(warning(IssueKind::kZeroVolume, "Z", 0));
  warnings.push_back(warning(IssueKind::kVolumeSpike, "B", 30));
  warnings.push_back(warning(IssueKind::kVolumeSpike, "C", 15));
  warnings.push_back(warning(IssueKind::kVolumeSpike, "D", 15));

  const auto summary = summarize_warnings(warnings);
  ASSERT_EQ(summary.size(), 3u);
  EXPECT_EQ(summary[0].kind, IssueKind::kLargeMove);
  EXPECT_EQ(summary[0].count, 12u);
  ASSERT_EQ(summary[0].worst.size(), kWorstShown);
  EXPECT_EQ(summary[0].worst.front().symbol, "M11");
  EXPECT_EQ(summary[0].worst.back().symbol, "M2");
  EXPECT_EQ(summary[1].kind, IssueKind::kVolumeSpike);
  EXPECT_EQ(summary[1].count, 4u);
  std::vector<std::string> order;
  for (const auto& w : summary[1].worst) order.push_back(w.symbol);
  EXPECT_EQ(order, (std::vector<std::string>{"B", "C", "D", "A"}));  // a tie keeps its order
  EXPECT_EQ(issue_kind_name(summary[2].kind), "zero_volume");
  EXPECT_EQ(summary[2].count, 1u);
}

TEST(ImportSummary, AnImportCountsItsPlantedWarningsAndReportsThemAll) {
  ae::test::TempDir data;
  auto days = test::flat_days(40);
  days[25].volume = 2.5e7;  // 25x the 20-day median
  days[30].volume = 0;
  test::write_yahoo_csv(data.path() / "AAA.csv", calendar(), parse_date("2015-01-05"), days);
  ae::test::TempDir home;
  BarStore store(home.path());
  ImportRequest request;
  request.per_ticker_files = {(data.path() / "AAA.csv").string()};
  ImportResult result = import_files(store, request);
  const auto summary = summarize_warnings(result.warnings);
  ASSERT_EQ(summary.size(), 2u);  // equal counts: in the order of quality.h
  EXPECT_EQ(issue_kind_name(summary[0].kind), "zero_volume");
  EXPECT_EQ(issue_kind_name(summary[1].kind), "volume_spike");
  EXPECT_EQ(summary[1].count, 1u);
  EXPECT_DOUBLE_EQ(summary[1].worst[0].magnitude, 25.0);

  result.quarantined.push_back({"DXC", parse_date("2015-11-30"), 0.701, 0.083});
  const std::string csv = import_report_csv(result);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "kind,severity,symbol,date,field,magnitude,message");
  EXPECT_NE(csv.find("\nvolume_spike,warning,AAA,2015-02-10,volume,25,\"volume 25000000 is 25x "
                     "the 20-day median\"\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\nzero_volume,warning,AAA,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nadjustment_jump,quarantine,DXC,2015-11-30,close,0.618,\"DXC 2015-11-30: "
                     "adjusted return +70.1%, raw return +8.3%"),
            std::string::npos)
      << csv;
}

}  // namespace
}  // namespace ae::market
