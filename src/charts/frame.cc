#include "charts/frame.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace ae::charts {
namespace {

constexpr double kTitleHeight = 30.0;
constexpr double kLegendHeight = 18.0;
constexpr double kLeftMargin = 72.0;
constexpr double kRightMargin = 24.0;
constexpr double kBottomMargin = 40.0;
const char* const kAxisColor = "#666666";
const char* const kGridColor = "#e5e5e5";

const std::array<const char*, 8> kPalette = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                             "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

// Where each legend entry goes: (row, x) for names laid out left to right
// from `left`, wrapping before `right`.
std::vector<std::pair<int, double>> legend_layout(const std::vector<std::string>& names,
                                                  double left, double right) {
  std::vector<std::pair<int, double>> out;
  int row = 0;
  double x = left;
  for (const auto& name : names) {
    const double width = 16 + 6.5 * static_cast<double>(name.size()) + 18;
    if (x > left && x + width > right) {
      ++row;
      x = left;
    }
    out.emplace_back(row, x);
    x += width;
  }
  return out;
}

}  // namespace

void validate_size(Size size, std::string_view chart) {
  if (size.width < 100 || size.height < 100) {
    throw core::InvalidInput(std::string(chart) + ": size " + std::to_string(size.width) + "x" +
                             std::to_string(size.height) + " is below the 100x100 minimum");
  }
}

PlotArea plot_area(Size size, const std::vector<std::string>& legend_names) {
  PlotArea area;
  area.left = kLeftMargin;
  const double right = size.width - kRightMargin;
  const auto layout = legend_layout(legend_names, area.left, right);
  const int rows = layout.empty() ? 0 : layout.back().first + 1;
  // Never let the legend take more than half of the height.
  area.top = kTitleHeight + std::min(kLegendHeight * rows, size.height / 2.0) + 8.0;
  area.right = size.width - kRightMargin;
  area.bottom = size.height - kBottomMargin;
  return area;
}

std::string series_color(std::size_t i, const std::string& chosen) {
  return chosen.empty() ? kPalette[i % kPalette.size()] : chosen;
}

void draw_title(SvgWriter& svg, Size size, std::string_view title) {
  if (title.empty()) return;
  svg.text({{"class", "ae-title"},
            {"x", svg_number(size.width / 2.0)},
            {"y", "20"},
            {"text-anchor", "middle"},
            {"font-size", "14"},
            {"font-weight", "bold"}},
           title);
}

void draw_legend(SvgWriter& svg, const PlotArea& area,
                 const std::vector<std::pair<std::string, std::string>>& names_and_colors) {
  std::vector<std::string> names;
  for (const auto& entry : names_and_colors) names.push_back(entry.first);
  const auto layout = legend_layout(names, area.left, area.right);
  svg.open("g", {{"class", "ae-legend"}});
  for (std::size_t i = 0; i < names_and_colors.size(); ++i) {
    const auto& [name, color] = names_and_colors[i];
    const double x = layout[i].second;
    const double y = kTitleHeight + 6.0 + kLegendHeight * layout[i].first;
    svg.element("rect", {{"x", svg_number(x)},
                         {"y", svg_number(y)},
                         {"width", "12"},
                         {"height", "8"},
                         {"fill", color}});
    svg.text({{"x", svg_number(x + 16)}, {"y", svg_number(y + 8)}}, name);
  }
  svg.close("g");
}

void draw_y_axis(SvgWriter& svg, const PlotArea& area, const LinearScale& y, ValueFormat format,
                 std::string_view label) {
  svg.open("g", {{"class", "ae-axis ae-y-axis"}});
  for (double tick : y.ticks.values) {
    const std::string py = svg_number(y(tick));
    svg.element("line", {{"class", "ae-grid"},
                         {"x1", svg_number(area.left)},
                         {"x2", svg_number(area.right)},
                         {"y1", py},
                         {"y2", py},
                         {"stroke", tick == 0.0 ? "#999999" : kGridColor}});
    svg.text({{"x", svg_number(area.left - 6)},
              {"y", svg_number(y(tick) + 4)},
              {"text-anchor", "end"},
              {"fill", kAxisColor}},
             format_tick(tick, format, y.ticks.step));
  }
  if (!label.empty()) {
    const double cy = (area.top + area.bottom) / 2.0;
    svg.text({{"x", "14"},
              {"y", svg_number(cy)},
              {"text-anchor", "middle"},
              {"fill", kAxisColor},
              {"transform", "rotate(-90 14 " + svg_number(cy) + ")"}},
             label);
  }
  svg.close("g");
}

void draw_x_axis(SvgWriter& svg, const PlotArea& area, const LinearScale& x, ValueFormat format,
                 std::string_view label) {
  svg.open("g", {{"class", "ae-axis ae-x-axis"}});
  for (double tick : x.ticks.values) {
    const std::string px = svg_number(x(tick));
    svg.element("line", {{"class", "ae-grid"},
                         {"x1", px},
                         {"x2", px},
                         {"y1", svg_number(area.top)},
                         {"y2", svg_number(area.bottom)},
                         {"stroke", kGridColor}});
    svg.text({{"x", px},
              {"y", svg_number(area.bottom + 16)},
              {"text-anchor", "middle"},
              {"fill", kAxisColor}},
             format_tick(tick, format, x.ticks.step));
  }
  if (!label.empty()) {
    svg.text({{"x", svg_number((area.left + area.right) / 2.0)},
              {"y", svg_number(area.bottom + 32)},
              {"text-anchor", "middle"},
              {"fill", kAxisColor}},
             label);
  }
  svg.close("g");
}

void draw_date_axis(SvgWriter& svg, const PlotArea& area, const std::vector<core::Date>& dates,
                    const std::function<double(std::size_t)>& x_of) {
  svg.open("g", {{"class", "ae-axis ae-date-axis"}});
  svg.element("line", {{"x1", svg_number(area.left)},
                       {"x2", svg_number(area.right)},
                       {"y1", svg_number(area.bottom)},
                       {"y2", svg_number(area.bottom)},
                       {"stroke", kAxisColor}});
  const int max_ticks = std::max(2, static_cast<int>(area.width() / 70.0));
  for (const auto& tick : date_ticks(dates, max_ticks)) {
    const std::string px = svg_number(x_of(tick.index));
    svg.element("line", {{"x1", px},
                         {"x2", px},
                         {"y1", svg_number(area.bottom)},
                         {"y2", svg_number(area.bottom + 4)},
                         {"stroke", kAxisColor}});
    svg.text({{"x", px},
              {"y", svg_number(area.bottom + 16)},
              {"text-anchor", "middle"},
              {"fill", kAxisColor}},
             tick.label);
  }
  svg.close("g");
}

void draw_reference_lines(SvgWriter& svg, const PlotArea& area, const LinearScale& y,
                          const std::vector<ReferenceLine>& lines, ValueFormat format) {
  for (const auto& line : lines) {
    if (!std::isfinite(line.value)) continue;
    const std::string color = line.color.empty() ? "#888888" : line.color;
    const std::string py = svg_number(y(line.value));
    const std::string text = line.label.empty()
                                 ? format_value(line.value, format)
                                 : line.label + " (" + format_value(line.value, format) + ")";
    svg.open("g", {{"class", "ae-ref"}});
    svg.title(text);
    svg.element("line", {{"x1", svg_number(area.left)},
                         {"x2", svg_number(area.right)},
                         {"y1", py},
                         {"y2", py},
                         {"stroke", color},
                         {"stroke-dasharray", "6 4"}});
    svg.text({{"x", svg_number(area.right - 4)},
              {"y", svg_number(y(line.value) - 4)},
              {"text-anchor", "end"},
              {"fill", color}},
             text);
    svg.close("g");
  }
}

std::string no_data_chart(std::string_view title, Size size) {
  SvgWriter svg(size.width, size.height, title);
  draw_title(svg, size, title);
  svg.text({{"class", "ae-no-data"},
            {"x", svg_number(size.width / 2.0)},
            {"y", svg_number(size.height / 2.0)},
            {"text-anchor", "middle"},
            {"fill", "#999999"},
            {"font-size", "14"}},
           "no data");
  return svg.finish();
}

bool extend_range(const std::vector<double>& values, double& low, double& high) {
  bool any = false;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    low = std::min(low, v);
    high = std::max(high, v);
    any = true;
  }
  return any;
}

}  // namespace ae::charts
