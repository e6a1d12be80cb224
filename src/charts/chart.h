// SVG charts drawn by the project: backtest reports and the dashboard both use
// these (one approach, used everywhere). Contract:
//   - pure functions: a plain description in, a complete standalone SVG
//     document out (`<svg xmlns=... viewBox=...>`), no script, no external
//     fonts or resources (font-family is the generic "sans-serif");
//   - the output is well-formed XML; every text (titles, names, labels) is
//     XML-escaped;
//   - non-finite values never break the drawing: a NaN/inf in a line series is
//     a gap in that line, in a bar chart a missing bar, in a heat map a blank
//     cell;
//   - a chart with nothing finite to draw is still a valid SVG that says
//     "no data";
//   - every series carries a <title> (hover tooltip), every bar, point and
//     heat-map cell its own <title> with label and formatted value;
//   - elements carry classes (ae-chart, ae-series, ae-bar, ae-cell, ae-axis,
//     ae-grid, ae-ref, ae-title, ae-legend) so a page may restyle them.
// Input errors (a series whose length differs from the dates, a heat-map row
// of the wrong width, width/height below 100) throw core::InvalidInput.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace ae::charts {

// How axis ticks, tooltips and cell labels print a value.
enum class ValueFormat {
  kNumber,    // 1234.5 -> "1,234.5" (significant digits chosen from the tick step)
  kPercent,   // fraction 0.0523 -> "5.2%"
  kCurrency,  // 1234567 -> "$1,234,567"; large values "$1.2M"
};

struct Size {
  int width = 800;
  int height = 360;
};

// One named line over the chart's dates (or x values). values[i] belongs to
// dates[i]; NaN or inf is a gap.
struct Series {
  std::string name{};
  std::vector<double> values{};
  std::string color{};  // "#rrggbb"; empty: the palette's next colour
  // Shade the area between this line and zero (a drawdown chart is one series
  // with fill = true).
  bool fill = false;
  bool dashed = false;
};

// A horizontal line across the plot at `value` with a label at its right end
// (e.g. the circuit breaker at -0.08).
struct ReferenceLine {
  double value = 0.0;
  std::string label{};
  std::string color{};  // empty: grey
};

// Shade between two series (indices into `series`), e.g. NAV vs SPY.
struct FillBetween {
  std::size_t upper = 0;
  std::size_t lower = 1;
  std::string color{};  // empty: light grey
};

// Lines over dates. Date axis ticks fall on month/quarter/year starts (or
// days for short spans); the y axis gets "nice" ticks (1, 2, 2.5, 5 x 10^k)
// that include every finite value and every reference line.
struct LineChart {
  std::string title{};
  std::vector<core::Date> dates{};  // strictly increasing
  std::vector<Series> series{};
  std::vector<ReferenceLine> reference_lines{};
  std::optional<FillBetween> fill_between{};
  ValueFormat y_format = ValueFormat::kNumber;
  std::string y_label{};
  bool include_zero = false;  // force 0 into the y range
  Size size{};
};
std::string render_line_chart(const LineChart& chart);

// Vertical bars, one per label (or date). Negative bars use negative_color.
// With cumulative_line, a line of the running sum over the finite values is
// drawn on the same y axis.
struct BarChart {
  std::string title{};
  // Either dates (date axis as the line chart) or labels (one per bar, thinned
  // when there are too many to print); exactly one of them must be non-empty.
  std::vector<core::Date> dates{};
  std::vector<std::string> labels{};
  std::vector<double> values{};
  std::string positive_color{};  // empty: green
  std::string negative_color{};  // empty: red
  bool cumulative_line = false;
  std::string cumulative_name = "cumulative";
  std::vector<ReferenceLine> reference_lines{};
  ValueFormat y_format = ValueFormat::kNumber;
  std::string y_label{};
  Size size{};
};
std::string render_bar_chart(const BarChart& chart);

// A grid of values[row][column] coloured on a diverging scale: negative red,
// `center` white, positive green, saturated at +-max|value - center| (or at
// `scale_limit` if given). Non-finite cells are blank (light grey) and print
// nothing. Cells print their value when show_values and they are big enough.
struct HeatMap {
  std::string title{};
  std::vector<std::string> row_labels{};     // e.g. years, or parameter A values
  std::vector<std::string> column_labels{};  // e.g. Jan..Dec, or parameter B values
  std::vector<std::vector<double>> values{};
  ValueFormat value_format = ValueFormat::kNumber;
  double center = 0.0;
  std::optional<double> scale_limit{};
  bool show_values = true;
  std::string row_axis_label{};
  std::string column_axis_label{};
  Size size{};
};
std::string render_heat_map(const HeatMap& chart);

// Points on numeric x and y axes (e.g. a calibration curve: predicted vs
// observed). Each series is drawn as markers, joined by a line if `connect`.
struct XYSeries {
  std::string name{};
  std::vector<double> x{};
  std::vector<double> y{};  // same length as x; a non-finite x or y skips the point
  std::string color{};
  bool connect = true;
};
struct ScatterChart {
  std::string title{};
  std::vector<XYSeries> series{};
  bool diagonal = false;  // draw y = x (the perfect-calibration line)
  ValueFormat x_format = ValueFormat::kNumber;
  ValueFormat y_format = ValueFormat::kNumber;
  std::string x_label{};
  std::string y_label{};
  Size size{};
};
std::string render_scatter_chart(const ScatterChart& chart);

// Formats one value as the charts do (exposed for tables next to charts).
std::string format_value(double value, ValueFormat format);

}  // namespace ae::charts
