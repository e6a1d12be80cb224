// render_heat_map: a rows x columns grid on a diverging red-white-green scale
// centred on `center`, blank cells for non-finite values, and a colour key.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "charts/chart.h"
#include "charts/frame.h"
#include "core/error.h"

namespace ae::charts {
namespace {

struct Rgb {
  double r, g, b;
};
constexpr Rgb kNegative{215, 48, 39};
constexpr Rgb kMiddle{255, 255, 255};
constexpr Rgb kPositive{26, 152, 80};

std::string hex(Rgb c) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", static_cast<int>(std::lround(c.r)),
                static_cast<int>(std::lround(c.g)), static_cast<int>(std::lround(c.b)));
  return buffer;
}

// t in [-1, 1]: -1 red, 0 white, +1 green.
std::string diverging(double t) {
  t = std::clamp(t, -1.0, 1.0);
  const Rgb end = t < 0 ? kNegative : kPositive;
  const double a = std::fabs(t);
  return hex({kMiddle.r + (end.r - kMiddle.r) * a, kMiddle.g + (end.g - kMiddle.g) * a,
              kMiddle.b + (end.b - kMiddle.b) * a});
}

void validate(const HeatMap& chart) {
  const std::string what = "heat map '" + chart.title + "'";
  validate_size(chart.size, what);
  if (chart.values.size() != chart.row_labels.size()) {
    throw core::InvalidInput(what + ": " + std::to_string(chart.values.size()) + " rows for " +
                             std::to_string(chart.row_labels.size()) + " row labels");
  }
  for (std::size_t r = 0; r < chart.values.size(); ++r) {
    if (chart.values[r].size() != chart.column_labels.size()) {
      throw core::InvalidInput(what + ": row '" + chart.row_labels[r] + "' has " +
                               std::to_string(chart.values[r].size()) + " values for " +
                               std::to_string(chart.column_labels.size()) + " columns");
    }
  }
  if (chart.scale_limit && !(*chart.scale_limit > 0.0)) {
    throw core::InvalidInput(what + ": scale_limit must be positive");
  }
}

}  // namespace

std::string render_heat_map(const HeatMap& chart) {
  validate(chart);
  double limit = 0.0;
  bool any = false;
  for (const auto& row : chart.values) {
    for (double v : row) {
      if (!std::isfinite(v)) continue;
      any = true;
      limit = std::max(limit, std::fabs(v - chart.center));
    }
  }
  if (!any || chart.column_labels.empty()) return no_data_chart(chart.title, chart.size);
  if (chart.scale_limit) limit = *chart.scale_limit;
  if (limit == 0.0) limit = 1.0;

  std::size_t longest_row = 1;
  for (const auto& label : chart.row_labels) longest_row = std::max(longest_row, label.size());
  const double row_label_width = 7.0 * static_cast<double>(longest_row) + 12.0;
  const double left = (chart.row_axis_label.empty() ? 8.0 : 24.0) + row_label_width;
  const double top = (chart.title.empty() ? 12.0 : 36.0) + 18.0;
  const double key_width = 70.0;
  const double right = chart.size.width - key_width;
  const double bottom = chart.size.height - (chart.column_axis_label.empty() ? 12.0 : 30.0);
  const std::size_t rows = chart.values.size();
  const std::size_t cols = chart.column_labels.size();
  const double cell_w = (right - left) / static_cast<double>(cols);
  const double cell_h = (bottom - top) / static_cast<double>(rows);

  SvgWriter svg(chart.size.width, chart.size.height, chart.title);
  draw_title(svg, chart.size, chart.title);

  // Labels are thinned (every k-th) when the cells are too small to hold them.
  std::size_t longest_column = 1;
  for (const auto& label : chart.column_labels) {
    longest_column = std::max(longest_column, label.size());
  }
  const std::size_t column_every = std::max<std::size_t>(
      1, static_cast<std::size_t>(
             std::ceil((6.5 * static_cast<double>(longest_column) + 6.0) / cell_w)));
  const std::size_t row_every =
      std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(12.0 / cell_h)));
  svg.open("g", {{"class", "ae-axis"}});
  for (std::size_t c = 0; c < cols; c += column_every) {
    svg.text({{"x", svg_number(left + cell_w * (static_cast<double>(c) + 0.5))},
              {"y", svg_number(top - 6)},
              {"text-anchor", "middle"},
              {"fill", "#444444"}},
             chart.column_labels[c]);
  }
  for (std::size_t r = 0; r < rows; r += row_every) {
    svg.text({{"x", svg_number(left - 6)},
              {"y", svg_number(top + cell_h * (static_cast<double>(r) + 0.5) + 4)},
              {"text-anchor", "end"},
              {"fill", "#444444"}},
             chart.row_labels[r]);
  }
  if (!chart.column_axis_label.empty()) {
    svg.text({{"x", svg_number((left + right) / 2.0)},
              {"y", svg_number(chart.size.height - 10.0)},
              {"text-anchor", "middle"},
              {"fill", "#666666"}},
             chart.column_axis_label);
  }
  if (!chart.row_axis_label.empty()) {
    const double cy = (top + bottom) / 2.0;
    svg.text({{"x", "14"},
              {"y", svg_number(cy)},
              {"text-anchor", "middle"},
              {"fill", "#666666"},
              {"transform", "rotate(-90 14 " + svg_number(cy) + ")"}},
             chart.row_axis_label);
  }
  svg.close("g");

  const bool room_for_text = cell_w >= 34.0 && cell_h >= 14.0;
  svg.open("g", {{"class", "ae-cells"}});
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      const double v = chart.values[r][c];
      const double x = left + cell_w * static_cast<double>(c);
      const double y = top + cell_h * static_cast<double>(r);
      const bool finite = std::isfinite(v);
      const double t = finite ? (v - chart.center) / limit : 0.0;
      const std::string tooltip = chart.row_labels[r] + " / " + chart.column_labels[c] + ": " +
                                  (finite ? format_value(v, chart.value_format) : "no value");
      svg.element("rect",
                  {{"class", finite ? "ae-cell" : "ae-cell ae-blank"},
                   {"x", svg_number(x)},
                   {"y", svg_number(y)},
                   {"width", svg_number(cell_w)},
                   {"height", svg_number(cell_h)},
                   {"fill", finite ? diverging(t) : "#f4f4f4"},
                   {"stroke", "#ffffff"}},
                  tooltip);
      if (finite && chart.show_values && room_for_text) {
        svg.text({{"x", svg_number(x + cell_w / 2.0)},
                  {"y", svg_number(y + cell_h / 2.0 + 4)},
                  {"text-anchor", "middle"},
                  {"font-size", "10"},
                  {"pointer-events", "none"},
                  {"fill", std::fabs(t) > 0.6 ? "#ffffff" : "#222222"}},
                 format_value(v, chart.value_format));
      }
    }
  }
  svg.close("g");

  // Colour key: a vertical gradient from +limit (top) to -limit (bottom).
  const double key_x = right + 16.0;
  svg.open("defs", {});
  svg.open("linearGradient",
           {{"id", "ae-heat-key"}, {"x1", "0"}, {"y1", "0"}, {"x2", "0"}, {"y2", "1"}});
  svg.element("stop", {{"offset", "0"}, {"stop-color", diverging(1.0)}});
  svg.element("stop", {{"offset", "0.5"}, {"stop-color", diverging(0.0)}});
  svg.element("stop", {{"offset", "1"}, {"stop-color", diverging(-1.0)}});
  svg.close("linearGradient");
  svg.close("defs");
  svg.open("g", {{"class", "ae-legend"}});
  svg.element("rect", {{"x", svg_number(key_x)},
                       {"y", svg_number(top)},
                       {"width", "12"},
                       {"height", svg_number(bottom - top)},
                       {"fill", "url(#ae-heat-key)"},
                       {"stroke", "#cccccc"}});
  const double mid = (top + bottom) / 2.0;
  for (const auto& [py, value] :
       {std::pair{top + 8.0, chart.center + limit}, std::pair{mid + 4.0, chart.center},
        std::pair{bottom, chart.center - limit}}) {
    svg.text({{"x", svg_number(key_x + 16)},
              {"y", svg_number(py)},
              {"fill", "#444444"},
              {"font-size", "10"}},
             format_value(value, chart.value_format));
  }
  svg.close("g");
  return svg.finish();
}

}  // namespace ae::charts
