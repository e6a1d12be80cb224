// render_line_chart: lines over dates, gaps at non-finite values, optional
// fills under a line (to zero) or between two lines. Dates are placed by index
// (trading days evenly spaced, no weekend gaps).
#include <cmath>
#include <limits>

#include "charts/chart.h"
#include "charts/frame.h"
#include "core/error.h"

namespace ae::charts {
namespace {

void validate(const LineChart& chart) {
  validate_size(chart.size, "line chart '" + chart.title + "'");
  for (std::size_t i = 1; i < chart.dates.size(); ++i) {
    if (chart.dates[i] <= chart.dates[i - 1]) {
      throw core::InvalidInput("line chart '" + chart.title + "': dates are not increasing at " +
                               core::format_date(chart.dates[i]));
    }
  }
  for (const auto& series : chart.series) {
    if (series.values.size() != chart.dates.size()) {
      throw core::InvalidInput("line chart '" + chart.title + "': series '" + series.name +
                               "' has " + std::to_string(series.values.size()) + " values for " +
                               std::to_string(chart.dates.size()) + " dates");
    }
  }
  if (chart.fill_between && (chart.fill_between->upper >= chart.series.size() ||
                             chart.fill_between->lower >= chart.series.size())) {
    throw core::InvalidInput("line chart '" + chart.title +
                             "': fill_between names a series that does not exist");
  }
}

// Runs of consecutive indices where `finite(i)` holds.
template <typename Pred>
std::vector<std::pair<std::size_t, std::size_t>> runs(std::size_t n, Pred finite) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t i = 0;
  while (i < n) {
    if (!finite(i)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < n && finite(j + 1)) ++j;
    out.emplace_back(i, j);
    i = j + 1;
  }
  return out;
}

}  // namespace

std::string render_line_chart(const LineChart& chart) {
  validate(chart);
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  bool any = false;
  for (const auto& series : chart.series) any = extend_range(series.values, low, high) || any;
  if (!any) return no_data_chart(chart.title, chart.size);
  for (const auto& line : chart.reference_lines) extend_range({line.value}, low, high);
  bool fills = false;
  for (const auto& series : chart.series) fills = fills || series.fill;
  if (chart.include_zero || fills) extend_range({0.0}, low, high);

  const std::size_t n = chart.dates.size();
  const bool legend = chart.series.size() > 1;
  std::vector<std::string> legend_names;
  if (legend) {
    for (const auto& series : chart.series) legend_names.push_back(series.name);
  }
  const PlotArea area = plot_area(chart.size, legend_names);
  LinearScale y{nice_ticks(low, high, std::max(2, static_cast<int>(area.height() / 45.0))),
                area.bottom, area.top};
  auto x_of = [&](std::size_t i) {
    return n == 1 ? (area.left + area.right) / 2.0
                  : area.left + area.width() * static_cast<double>(i) / static_cast<double>(n - 1);
  };

  SvgWriter svg(chart.size.width, chart.size.height, chart.title);
  draw_title(svg, chart.size, chart.title);
  draw_y_axis(svg, area, y, chart.y_format, chart.y_label);
  draw_date_axis(svg, area, chart.dates, x_of);

  if (chart.fill_between) {
    const auto& upper = chart.series[chart.fill_between->upper].values;
    const auto& lower = chart.series[chart.fill_between->lower].values;
    const std::string color =
        chart.fill_between->color.empty() ? "#cccccc" : chart.fill_between->color;
    auto both = [&](std::size_t i) { return std::isfinite(upper[i]) && std::isfinite(lower[i]); };
    for (const auto& [first, last] : runs(n, both)) {
      std::string d;
      for (std::size_t i = first; i <= last; ++i) {
        d += (i == first ? "M" : "L") + svg_number(x_of(i)) + "," + svg_number(y(upper[i])) + " ";
      }
      for (std::size_t i = last + 1; i-- > first;) {
        d += "L" + svg_number(x_of(i)) + "," + svg_number(y(lower[i])) + " ";
      }
      svg.element("path", {{"class", "ae-fill"},
                           {"d", d + "Z"},
                           {"fill", color},
                           {"fill-opacity", "0.4"},
                           {"stroke", "none"}});
    }
  }

  std::vector<std::pair<std::string, std::string>> names;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const auto& series = chart.series[s];
    const std::string color = series_color(s, series.color);
    names.emplace_back(series.name, color);
    const auto& v = series.values;
    auto finite = [&](std::size_t i) { return std::isfinite(v[i]); };
    const auto segments = runs(n, finite);

    double last_value = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = n; i-- > 0;) {
      if (finite(i)) {
        last_value = v[i];
        break;
      }
    }
    svg.open("g", {{"class", "ae-series"}, {"data-name", series.name}});
    svg.title(series.name + (std::isfinite(last_value)
                                 ? ": last " + format_value(last_value, chart.y_format)
                                 : std::string()));
    if (series.fill) {
      for (const auto& [first, last] : segments) {
        std::string d = "M" + svg_number(x_of(first)) + "," + svg_number(y(0.0)) + " ";
        for (std::size_t i = first; i <= last; ++i) {
          d += "L" + svg_number(x_of(i)) + "," + svg_number(y(v[i])) + " ";
        }
        d += "L" + svg_number(x_of(last)) + "," + svg_number(y(0.0)) + " Z";
        svg.element("path", {{"class", "ae-area"},
                             {"d", d},
                             {"fill", color},
                             {"fill-opacity", "0.25"},
                             {"stroke", "none"}});
      }
    }
    for (const auto& [first, last] : segments) {
      if (first == last) {
        svg.element("circle", {{"cx", svg_number(x_of(first))},
                               {"cy", svg_number(y(v[first]))},
                               {"r", "2"},
                               {"fill", color}});
        continue;
      }
      std::string d;
      for (std::size_t i = first; i <= last; ++i) {
        d += (i == first ? "M" : "L") + svg_number(x_of(i)) + "," + svg_number(y(v[i])) + " ";
      }
      Attributes line = {{"class", "ae-line"},    {"d", d},
                         {"fill", "none"},        {"stroke", color},
                         {"stroke-width", "1.5"}, {"stroke-linejoin", "round"}};
      if (series.dashed) line.emplace_back("stroke-dasharray", "5 3");
      svg.element("path", line);
    }
    svg.close("g");
  }
  draw_reference_lines(svg, area, y, chart.reference_lines, chart.y_format);
  if (legend) draw_legend(svg, area, names);
  return svg.finish();
}

}  // namespace ae::charts
