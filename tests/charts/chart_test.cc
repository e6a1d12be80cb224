// The charts: well-formed SVG, values at the right coordinates, escaping,
// gaps for non-finite values, "no data" for empty input, input errors.
#include "charts/chart.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <sstream>

#include "charts/scale.h"
#include "charts/svg.h"
#include "charts/xml_check.h"
#include "core/error.h"

namespace ae::charts {
namespace {

using core::parse_date;
using test::parse_xml;
using test::XmlElement;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<core::Date> weekdays(const char* first, int count) {
  std::vector<core::Date> out;
  for (core::Date d = parse_date(first); static_cast<int>(out.size()) < count;
       d = core::add_days(d, 1)) {
    const auto wd = core::weekday_of(d);
    if (wd != std::chrono::Saturday && wd != std::chrono::Sunday) out.push_back(d);
  }
  return out;
}

// "M72,320 L248,249.5 " -> {{72,320},{248,249.5}} for one sub-path.
std::vector<std::pair<double, double>> points_of(const std::string& d) {
  std::vector<std::pair<double, double>> out;
  std::string text = d;
  for (char& c : text) {
    if (c == 'M' || c == 'L' || c == ',' || c == 'Z') c = ' ';
  }
  std::istringstream in(text);
  double x = 0, y = 0;
  while (in >> x >> y) out.emplace_back(x, y);
  return out;
}

std::vector<std::string> texts(const XmlElement& root) {
  std::vector<std::string> out;
  for (const auto* e : root.find_all("text")) out.push_back(e->text);
  return out;
}

bool contains(const std::vector<std::string>& all, const std::string& wanted) {
  for (const auto& s : all) {
    if (s == wanted) return true;
  }
  return false;
}

TEST(Svg, EscapesEverySpecialCharacter) {
  EXPECT_EQ(escape_xml("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  EXPECT_EQ(escape_xml(std::string("x\x01y")), "x y");
  // Valid UTF-8 passes through; a bad byte, an overlong form or a truncated
  // sequence becomes U+FFFD.
  EXPECT_EQ(escape_xml("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x93\x88"),
            "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x93\x88");
  EXPECT_EQ(escape_xml("a\xFF"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(escape_xml("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(escape_xml("x\xE2\x82"), "x\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(svg_number(1.0 / 3.0), "0.33");
  EXPECT_EQ(svg_number(-0.001), "0");
  EXPECT_EQ(svg_number(2.5), "2.5");
}

TEST(LineChart, MapsValuesToCoordinates) {
  LineChart chart;
  chart.title = "NAV";
  chart.dates = weekdays("2026-04-20", 5);
  chart.series = {{.name = "nav", .values = {0, 25, 50, 75, 100}}};
  const auto root = parse_xml(render_line_chart(chart));
  EXPECT_EQ(root.name, "svg");
  EXPECT_EQ(root.attr("viewBox"), "0 0 800 360");
  // Plot: x from 72 to 776 (five dates evenly), y ticks 0..100 step 20 from
  // 320 (bottom) to 38 (top: title 30 + 8, no legend with one series).
  const auto lines = root.find_class("ae-line");
  ASSERT_EQ(lines.size(), 1u);
  const auto p = points_of(lines[0]->attr("d"));
  const std::vector<std::pair<double, double>> expected = {
      {72, 320}, {248, 249.5}, {424, 179}, {600, 108.5}, {776, 38}};
  EXPECT_EQ(p, expected);
  const auto labels = texts(root);
  for (const char* tick : {"0", "20", "40", "60", "80", "100"}) {
    EXPECT_TRUE(contains(labels, tick)) << tick;
  }
  EXPECT_TRUE(contains(labels, "Apr 20"));
  EXPECT_TRUE(root.find_all("script").empty());
}

TEST(LineChart, NonFiniteValuesAreGaps) {
  LineChart chart;
  chart.dates = weekdays("2026-04-20", 6);
  chart.series = {
      {.name = "a", .values = {1, kNaN, 3, 4, std::numeric_limits<double>::infinity(), 2}}};
  const std::string svg = render_line_chart(chart);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("inf"), std::string::npos);
  const auto root = parse_xml(svg);
  // {1} and {2} are lone points (circles), {3, 4} one line of two points.
  const auto lines = root.find_class("ae-line");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(points_of(lines[0]->attr("d")).size(), 2u);
  EXPECT_EQ(root.find_all("circle").size(), 2u);
}

TEST(LineChart, EmptyOrAllMissingSaysNoData) {
  LineChart empty;
  empty.title = "Nothing";
  for (const auto& chart : {empty, [] {
                              LineChart c;
                              c.dates = weekdays("2026-04-20", 3);
                              c.series = {{.name = "a", .values = {kNaN, kNaN, kNaN}}};
                              return c;
                            }()}) {
    const auto root = parse_xml(render_line_chart(chart));
    EXPECT_TRUE(contains(texts(root), "no data"));
    EXPECT_TRUE(root.find_class("ae-line").empty());
  }
}

TEST(LineChart, EscapesTitlesAndNames) {
  LineChart chart;
  chart.title = "NAV <vs> \"SPY\" & co's";
  chart.dates = weekdays("2026-04-20", 3);
  chart.series = {{.name = "a<b", .values = {1, 2, 3}}, {.name = "c&d", .values = {3, 2, 1}}};
  const std::string svg = render_line_chart(chart);
  const auto root = parse_xml(svg);
  EXPECT_EQ(root.children[0].name, "title");
  EXPECT_EQ(root.children[0].text, chart.title);
  EXPECT_TRUE(contains(texts(root), "a<b"));  // legend, decoded
  EXPECT_TRUE(contains(texts(root), "c&d"));
}

TEST(LineChart, ReferenceLinesWidenTheRangeAndCarryLabels) {
  LineChart chart;
  chart.dates = weekdays("2026-04-20", 4);
  chart.series = {{.name = "drawdown", .values = {0, -0.01, -0.03, -0.02}, .fill = true}};
  chart.reference_lines = {{-0.08, "circuit breaker", "#d62728"}};
  chart.y_format = ValueFormat::kPercent;
  const auto root = parse_xml(render_line_chart(chart));
  const auto labels = texts(root);
  EXPECT_TRUE(contains(labels, "circuit breaker (-8.0%)"));
  EXPECT_TRUE(contains(labels, "-8%"));  // a tick at or below the breaker
  EXPECT_TRUE(contains(labels, "0%"));
  EXPECT_EQ(root.find_class("ae-area").size(), 1u);
}

TEST(LineChart, FillBetweenTwoSeries) {
  LineChart chart;
  chart.dates = weekdays("2026-04-20", 4);
  chart.series = {{.name = "nav", .values = {1, 2, 3, 4}},
                  {.name = "spy", .values = {1, 1.5, kNaN, 2}}};
  chart.fill_between = FillBetween{0, 1, ""};
  const auto root = parse_xml(render_line_chart(chart));
  // Both finite on {0, 1} and {3}: two shaded polygons.
  EXPECT_EQ(root.find_class("ae-fill").size(), 2u);
  chart.fill_between = FillBetween{0, 2, ""};
  EXPECT_THROW(render_line_chart(chart), core::InvalidInput);
}

TEST(LineChart, ALongLegendWrapsAndPushesThePlotDown) {
  LineChart chart;
  chart.dates = weekdays("2026-04-20", 3);
  for (int i = 0; i < 12; ++i) {
    chart.series.push_back(
        {.name = "feature number " + std::to_string(i), .values = {1.0 * i, 2.0, 3.0}});
  }
  const auto root = parse_xml(render_line_chart(chart));
  const auto legend = root.find_class("ae-legend");
  ASSERT_EQ(legend.size(), 1u);
  std::set<std::string> rows;
  double widest = 0;
  for (const auto* rect : legend[0]->find_all("rect")) {
    rows.insert(rect->attr("y"));
    widest = std::max(widest, std::stod(rect->attr("x")));
  }
  EXPECT_GE(rows.size(), 3u);  // 12 names of ~140 px in a 704 px row
  EXPECT_LT(widest, 776);
  // The plot starts below the last legend row: the top grid line is lower
  // than with a one-row legend.
  auto top_grid = [](const XmlElement& svg) {
    double top = 1e9;
    for (const auto* line : svg.find_class("ae-grid"))
      top = std::min(top, std::stod(line->attr("y1")));
    return top;
  };
  LineChart two = chart;
  two.series.resize(2);
  EXPECT_GT(top_grid(root), top_grid(parse_xml(render_line_chart(two))) + 30);
}

TEST(LineChart, RejectsBadInput) {
  LineChart chart;
  chart.dates = weekdays("2026-04-20", 3);
  chart.series = {{.name = "a", .values = {1, 2}}};
  EXPECT_THROW(render_line_chart(chart), core::InvalidInput);
  chart.series = {{.name = "a", .values = {1, 2, 3}}};
  chart.size = {50, 300};
  EXPECT_THROW(render_line_chart(chart), core::InvalidInput);
  chart.size = {};
  std::swap(chart.dates[0], chart.dates[1]);
  EXPECT_THROW(render_line_chart(chart), core::InvalidInput);
}

TEST(BarChart, NegativeBarsUseTheirColourAndHeightsScale) {
  BarChart chart;
  chart.labels = {"a", "b", "c", "d"};
  chart.values = {0.02, -0.01, kNaN, 0.04};
  chart.y_format = ValueFormat::kPercent;
  chart.cumulative_line = true;
  const auto root = parse_xml(render_bar_chart(chart));
  const auto bars = root.find_class("ae-bar");
  ASSERT_EQ(bars.size(), 3u);  // the NaN has no bar
  EXPECT_EQ(bars[0]->attr("fill"), "#2ca02c");
  EXPECT_EQ(bars[1]->attr("fill"), "#d62728");
  const double h0 = std::stod(bars[0]->attr("height"));
  const double h1 = std::stod(bars[1]->attr("height"));
  const double h3 = std::stod(bars[2]->attr("height"));
  EXPECT_NEAR(h0, 2 * h1, 0.02);
  EXPECT_NEAR(h3, 4 * h1, 0.02);
  // Tooltips name the label and the value.
  EXPECT_EQ(bars[1]->children[0].text, "b: -1.0%");
  // Cumulative 0.02, 0.01, 0.01, 0.05: its line reaches above the last bar.
  const auto lines = root.find_class("ae-line");
  ASSERT_EQ(lines.size(), 1u);
  const auto p = points_of(lines[0]->attr("d"));
  ASSERT_EQ(p.size(), 4u);
  EXPECT_LT(p[3].second, std::stod(bars[2]->attr("y")));
}

TEST(BarChart, OverDatesAndErrors) {
  BarChart chart;
  chart.dates = weekdays("2026-01-05", 120);
  chart.values.assign(120, 1.0);
  const auto root = parse_xml(render_bar_chart(chart));
  EXPECT_EQ(root.find_class("ae-bar").size(), 120u);
  EXPECT_TRUE(contains(texts(root), "Feb 2026"));
  chart.labels = {"x"};
  EXPECT_THROW(render_bar_chart(chart), core::InvalidInput);
  chart.labels.clear();
  chart.values.pop_back();
  EXPECT_THROW(render_bar_chart(chart), core::InvalidInput);
  EXPECT_TRUE(contains(texts(parse_xml(render_bar_chart(BarChart{}))), "no data"));
}

TEST(HeatMap, DivergingColoursAndBlankCells) {
  HeatMap chart;
  chart.title = "Monthly returns";
  chart.row_labels = {"2025", "2026"};
  chart.column_labels = {"Jan", "Feb", "Mar"};
  chart.values = {{0.05, -0.05, 0.0}, {kNaN, 0.025, -0.025}};
  chart.value_format = ValueFormat::kPercent;
  const auto root = parse_xml(render_heat_map(chart));
  const auto cells = root.find_all("rect");
  std::vector<const XmlElement*> grid;
  for (const auto* c : cells) {
    if (c->has_class("ae-cell")) grid.push_back(c);
  }
  ASSERT_EQ(grid.size(), 6u);
  EXPECT_EQ(grid[0]->attr("fill"), "#1a9850");  // +limit: full green
  EXPECT_EQ(grid[1]->attr("fill"), "#d73027");  // -limit: full red
  EXPECT_EQ(grid[2]->attr("fill"), "#ffffff");  // centre: white
  EXPECT_TRUE(grid[3]->has_class("ae-blank"));
  EXPECT_EQ(grid[3]->children[0].text, "2026 / Jan: no value");
  EXPECT_EQ(grid[4]->children[0].text, "2026 / Feb: 2.5%");
  // Cells left to right, top to bottom.
  EXPECT_LT(std::stod(grid[0]->attr("x")), std::stod(grid[1]->attr("x")));
  EXPECT_LT(std::stod(grid[0]->attr("y")), std::stod(grid[3]->attr("y")));
  const auto labels = texts(root);
  EXPECT_TRUE(contains(labels, "5.0%"));
  EXPECT_TRUE(contains(labels, "-2.5%"));
  EXPECT_TRUE(contains(labels, "2026"));
  EXPECT_TRUE(contains(labels, "Mar"));
}

TEST(HeatMap, ShapeErrorsAndNoData) {
  HeatMap chart;
  chart.row_labels = {"a"};
  chart.column_labels = {"x", "y"};
  chart.values = {{1.0}};
  EXPECT_THROW(render_heat_map(chart), core::InvalidInput);
  chart.values = {{kNaN, kNaN}};
  EXPECT_TRUE(contains(texts(parse_xml(render_heat_map(chart))), "no data"));
}

TEST(HeatMap, CrowdedLabelsAreThinnedButEveryCellDrawn) {
  HeatMap chart;
  for (int r = 0; r < 60; ++r) chart.row_labels.push_back("row " + std::to_string(r));
  for (int c = 0; c < 40; ++c) chart.column_labels.push_back("column " + std::to_string(c));
  chart.values.assign(60, std::vector<double>(40, 1.0));
  const auto root = parse_xml(render_heat_map(chart));
  EXPECT_EQ(root.find_class("ae-cell").size(), 2400u);
  const auto labels = texts(root);
  EXPECT_TRUE(contains(labels, "row 0"));
  EXPECT_TRUE(contains(labels, "column 0"));
  EXPECT_FALSE(contains(labels, "column 1"));  // 40 columns of 17 px: every 4th or so
  EXPECT_FALSE(contains(labels, "row 1"));     // 60 rows of 5 px: every 3rd
  EXPECT_TRUE(contains(labels, "row 3"));
}

TEST(ScatterChart, PointsAndDiagonal) {
  ScatterChart chart;
  chart.series = {{.name = "calibration", .x = {0.1, 0.5, kNaN, 0.9}, .y = {0.2, 0.45, 0.3, 0.8}}};
  chart.diagonal = true;
  const auto root = parse_xml(render_scatter_chart(chart));
  EXPECT_EQ(root.find_class("ae-point").size(), 3u);
  EXPECT_EQ(root.find_class("ae-ref").size(), 1u);
  chart.series[0].y.pop_back();
  EXPECT_THROW(render_scatter_chart(chart), core::InvalidInput);
}

TEST(Charts, ExtremeAndRandomValuesStayWellFormed) {
  // Seeded random series with NaN, inf, huge and tiny values: every chart
  // must still parse, and print no "nan" or "inf".
  std::mt19937 rng(20260420);
  const std::vector<double> specials = {
      kNaN, std::numeric_limits<double>::infinity(), -1e308, 1e308, 1e-300, -0.0, 0.0, 5e-324};
  for (int round = 0; round < 40; ++round) {
    const int n = 1 + static_cast<int>(rng() % 30);
    std::vector<double> values;
    for (int i = 0; i < n; ++i) {
      values.push_back(rng() % 4 == 0 ? specials[rng() % specials.size()]
                                      : std::normal_distribution<double>(0, 1e3)(rng));
    }
    LineChart line;
    line.dates = weekdays("2026-01-05", n);
    line.series = {{.name = "x", .values = values, .fill = true}};
    BarChart bars;
    bars.dates = line.dates;
    bars.values = values;
    bars.cumulative_line = true;
    HeatMap heat;
    heat.row_labels = {"r"};
    for (int i = 0; i < n; ++i) heat.column_labels.push_back(std::to_string(i));
    heat.values = {values};
    ScatterChart scatter;
    scatter.series = {{.name = "s", .x = values, .y = values}};
    for (const std::string& svg : {render_line_chart(line), render_bar_chart(bars),
                                   render_heat_map(heat), render_scatter_chart(scatter)}) {
      EXPECT_NO_THROW(parse_xml(svg)) << "round " << round;
      EXPECT_EQ(svg.find("nan"), std::string::npos) << "round " << round;
      EXPECT_EQ(svg.find("inf"), std::string::npos) << "round " << round;
    }
  }
}

TEST(Scale, NiceTicks) {
  auto t = nice_ticks(0.0, 0.95, 5);
  EXPECT_DOUBLE_EQ(t.step, 0.2);
  EXPECT_DOUBLE_EQ(t.low, 0.0);
  EXPECT_NEAR(t.high, 1.0, 1e-12);
  EXPECT_EQ(t.values.size(), 6u);
  t = nice_ticks(-0.083, 0.012, 4);
  EXPECT_DOUBLE_EQ(t.step, 0.025);
  EXPECT_NEAR(t.low, -0.1, 1e-12);
  EXPECT_NEAR(t.high, 0.025, 1e-12);
  // A range that overflows a double (1e308 - -1e308) still gives finite ticks.
  t = nice_ticks(-1e308, 1e308, 6);
  EXPECT_TRUE(std::isfinite(t.step));
  EXPECT_TRUE(std::isfinite(t.low) && std::isfinite(t.high));
  EXPECT_FALSE(t.values.empty());
  t = nice_ticks(5.0, 5.0, 4);  // degenerate range widened
  EXPECT_LT(t.low, 5.0);
  EXPECT_GT(t.high, 5.0);
}

TEST(Scale, DateTicksOnCalendarBoundaries) {
  const auto two_years = weekdays("2024-01-02", 520);
  const auto ticks = date_ticks(two_years, 10);
  ASSERT_FALSE(ticks.empty());
  EXPECT_LE(ticks.size(), 10u);
  for (const auto& t : ticks) {
    const auto& d = two_years[t.index];
    EXPECT_TRUE(t.index == 0 || two_years[t.index - 1].month() != d.month());
    EXPECT_EQ(static_cast<unsigned>(d.month()) % 3, 1u) << t.label;  // quarters at least
  }
  const auto yearly = date_ticks(two_years, 3);
  ASSERT_EQ(yearly.size(), 2u);
  EXPECT_EQ(yearly[0].label, "2024");
  EXPECT_EQ(yearly[1].label, "2025");
}

TEST(Scale, Formats) {
  EXPECT_EQ(format_value(0.0523, ValueFormat::kPercent), "5.2%");
  EXPECT_EQ(format_value(-0.0012, ValueFormat::kPercent), "-0.12%");
  EXPECT_EQ(format_value(1234567, ValueFormat::kCurrency), "$1.2M");
  EXPECT_EQ(format_value(-98765, ValueFormat::kCurrency), "-$98,765");
  EXPECT_EQ(format_value(1234.5, ValueFormat::kNumber), "1,234.5");
  EXPECT_EQ(format_value(kNaN, ValueFormat::kNumber), "n/a");
  EXPECT_EQ(format_tick(0.025, ValueFormat::kPercent, 0.025), "2.5%");
  EXPECT_EQ(format_tick(1500000, ValueFormat::kCurrency, 500000), "$1.5M");
  EXPECT_EQ(format_tick(5000, ValueFormat::kCurrency, 5000), "$5k");
  EXPECT_EQ(format_tick(98500, ValueFormat::kCurrency, 500), "$98,500");
  EXPECT_EQ(format_tick(-0.0, ValueFormat::kNumber, 1), "0");
}

}  // namespace
}  // namespace ae::charts
