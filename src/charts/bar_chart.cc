// render_bar_chart: one bar per label or date from zero to its value, negative
// bars in their own colour, an optional running-sum line on the same axis.
#include <algorithm>
#include <cmath>
#include <limits>

#include "charts/chart.h"
#include "charts/frame.h"
#include "core/error.h"

namespace ae::charts {
namespace {

void validate(const BarChart& chart) {
  const std::string what = "bar chart '" + chart.title + "'";
  validate_size(chart.size, what);
  if (!chart.dates.empty() && !chart.labels.empty()) {
    throw core::InvalidInput(what + ": give dates or labels, not both");
  }
  const std::size_t n = chart.dates.empty() ? chart.labels.size() : chart.dates.size();
  if (chart.values.size() != n) {
    throw core::InvalidInput(what + ": " + std::to_string(chart.values.size()) + " values for " +
                             std::to_string(n) + (chart.dates.empty() ? " labels" : " dates"));
  }
}

}  // namespace

std::string render_bar_chart(const BarChart& chart) {
  validate(chart);
  const std::size_t n = chart.values.size();
  std::vector<double> cumulative(n, std::numeric_limits<double>::quiet_NaN());
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isfinite(chart.values[i])) sum += chart.values[i];
    cumulative[i] = sum;
  }
  double low = 0.0;
  double high = 0.0;
  if (!extend_range(chart.values, low, high)) return no_data_chart(chart.title, chart.size);
  if (chart.cumulative_line) extend_range(cumulative, low, high);
  for (const auto& line : chart.reference_lines) extend_range({line.value}, low, high);

  const bool legend = chart.cumulative_line;
  const PlotArea area =
      plot_area(chart.size, legend ? std::vector<std::string>{chart.cumulative_name}
                                   : std::vector<std::string>{});
  LinearScale y{nice_ticks(low, high, std::max(2, static_cast<int>(area.height() / 45.0))),
                area.bottom, area.top};
  const double slot = area.width() / static_cast<double>(n);
  auto center_of = [&](std::size_t i) { return area.left + slot * (static_cast<double>(i) + 0.5); };
  const double bar_width = std::max(0.5, slot * 0.8);
  const std::string positive = chart.positive_color.empty() ? "#2ca02c" : chart.positive_color;
  const std::string negative = chart.negative_color.empty() ? "#d62728" : chart.negative_color;

  SvgWriter svg(chart.size.width, chart.size.height, chart.title);
  draw_title(svg, chart.size, chart.title);
  draw_y_axis(svg, area, y, chart.y_format, chart.y_label);
  if (!chart.dates.empty()) {
    draw_date_axis(svg, area, chart.dates, center_of);
  } else {
    std::size_t longest = 1;
    for (const auto& label : chart.labels) longest = std::max(longest, label.size());
    const double label_width = 6.5 * static_cast<double>(longest) + 8.0;
    const std::size_t every =
        std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(label_width / slot)));
    svg.open("g", {{"class", "ae-axis ae-label-axis"}});
    for (std::size_t i = 0; i < n; i += every) {
      svg.text({{"x", svg_number(center_of(i))},
                {"y", svg_number(area.bottom + 16)},
                {"text-anchor", "middle"},
                {"fill", "#666666"}},
               chart.labels[i]);
    }
    svg.close("g");
  }

  svg.open("g", {{"class", "ae-series ae-bars"}});
  const double zero = y(0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double v = chart.values[i];
    if (!std::isfinite(v)) continue;
    const double top = std::min(zero, y(v));
    const double height = std::max(0.5, std::fabs(y(v) - zero));
    const std::string label =
        chart.dates.empty() ? chart.labels[i] : core::format_date(chart.dates[i]);
    svg.element("rect",
                {{"class", "ae-bar"},
                 {"x", svg_number(center_of(i) - bar_width / 2.0)},
                 {"y", svg_number(top)},
                 {"width", svg_number(bar_width)},
                 {"height", svg_number(height)},
                 {"fill", v < 0.0 ? negative : positive}},
                label + ": " + format_value(v, chart.y_format));
  }
  svg.close("g");

  std::vector<std::pair<std::string, std::string>> names;
  if (chart.cumulative_line) {
    const std::string color = "#1f77b4";
    names.emplace_back(chart.cumulative_name, color);
    std::string d;
    for (std::size_t i = 0; i < n; ++i) {
      d += (i == 0 ? "M" : "L") + svg_number(center_of(i)) + "," + svg_number(y(cumulative[i])) +
           " ";
    }
    svg.open("g", {{"class", "ae-series"}, {"data-name", chart.cumulative_name}});
    svg.title(chart.cumulative_name + ": " + format_value(sum, chart.y_format));
    svg.element("path", {{"class", "ae-line"},
                         {"d", d},
                         {"fill", "none"},
                         {"stroke", color},
                         {"stroke-width", "1.5"}});
    svg.close("g");
  }
  draw_reference_lines(svg, area, y, chart.reference_lines, chart.y_format);
  if (legend) draw_legend(svg, area, names);
  return svg.finish();
}

}  // namespace ae::charts
