// render_scatter_chart: markers (optionally joined) on numeric x and y axes,
// with an optional y = x diagonal.
#include <algorithm>
#include <cmath>
#include <limits>

#include "charts/chart.h"
#include "charts/frame.h"
#include "core/error.h"

namespace ae::charts {

std::string render_scatter_chart(const ScatterChart& chart) {
  const std::string what = "scatter chart '" + chart.title + "'";
  validate_size(chart.size, what);
  double x_low = std::numeric_limits<double>::infinity();
  double x_high = -x_low;
  double y_low = x_low;
  double y_high = -x_low;
  bool any = false;
  for (const auto& series : chart.series) {
    if (series.x.size() != series.y.size()) {
      throw core::InvalidInput(what + ": series '" + series.name + "' has " +
                               std::to_string(series.x.size()) + " x and " +
                               std::to_string(series.y.size()) + " y values");
    }
    for (std::size_t i = 0; i < series.x.size(); ++i) {
      if (!std::isfinite(series.x[i]) || !std::isfinite(series.y[i])) continue;
      any = true;
      x_low = std::min(x_low, series.x[i]);
      x_high = std::max(x_high, series.x[i]);
      y_low = std::min(y_low, series.y[i]);
      y_high = std::max(y_high, series.y[i]);
    }
  }
  if (!any) return no_data_chart(chart.title, chart.size);
  if (chart.diagonal) {
    // The diagonal needs a shared range on both axes to be meaningful.
    x_low = y_low = std::min(x_low, y_low);
    x_high = y_high = std::max(x_high, y_high);
  }
  const bool legend = chart.series.size() > 1;
  std::vector<std::string> legend_names;
  if (legend) {
    for (const auto& series : chart.series) legend_names.push_back(series.name);
  }
  PlotArea area = plot_area(chart.size, legend_names);
  if (!chart.x_label.empty()) area.bottom -= 8.0;
  LinearScale x{nice_ticks(x_low, x_high, std::max(2, static_cast<int>(area.width() / 80.0))),
                area.left, area.right};
  LinearScale y{nice_ticks(y_low, y_high, std::max(2, static_cast<int>(area.height() / 45.0))),
                area.bottom, area.top};

  SvgWriter svg(chart.size.width, chart.size.height, chart.title);
  draw_title(svg, chart.size, chart.title);
  draw_y_axis(svg, area, y, chart.y_format, chart.y_label);
  draw_x_axis(svg, area, x, chart.x_format, chart.x_label);
  if (chart.diagonal) {
    const double lo = std::max(x.ticks.low, y.ticks.low);
    const double hi = std::min(x.ticks.high, y.ticks.high);
    svg.element("line", {{"class", "ae-ref"},
                         {"x1", svg_number(x(lo))},
                         {"y1", svg_number(y(lo))},
                         {"x2", svg_number(x(hi))},
                         {"y2", svg_number(y(hi))},
                         {"stroke", "#999999"},
                         {"stroke-dasharray", "6 4"}});
  }
  std::vector<std::pair<std::string, std::string>> names;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const auto& series = chart.series[s];
    const std::string color = series_color(s, series.color);
    names.emplace_back(series.name, color);
    svg.open("g", {{"class", "ae-series"}, {"data-name", series.name}});
    svg.title(series.name);
    std::string d;
    for (std::size_t i = 0; i < series.x.size(); ++i) {
      if (!std::isfinite(series.x[i]) || !std::isfinite(series.y[i])) {
        d += " ";  // a gap: the next point starts a new sub-path
        continue;
      }
      const bool start = d.empty() || d.back() == ' ';
      d += (start ? "M" : " L") + svg_number(x(series.x[i])) + "," + svg_number(y(series.y[i]));
    }
    if (series.connect) {
      svg.element("path", {{"class", "ae-line"},
                           {"d", d},
                           {"fill", "none"},
                           {"stroke", color},
                           {"stroke-width", "1.5"}});
    }
    for (std::size_t i = 0; i < series.x.size(); ++i) {
      if (!std::isfinite(series.x[i]) || !std::isfinite(series.y[i])) continue;
      svg.element("circle",
                  {{"class", "ae-point"},
                   {"cx", svg_number(x(series.x[i]))},
                   {"cy", svg_number(y(series.y[i]))},
                   {"r", "3"},
                   {"fill", color}},
                  series.name + ": (" + format_value(series.x[i], chart.x_format) + ", " +
                      format_value(series.y[i], chart.y_format) + ")");
    }
    svg.close("g");
  }
  if (legend) draw_legend(svg, area, names);
  return svg.finish();
}

}  // namespace ae::charts
