// The parts every x/y chart shares: the plot area inside the margins, the
// title, the legend, a numeric y (or x) scale with its grid, the date axis,
// reference lines, the palette and the "no data" document. Internal to the
// charts layer.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "charts/chart.h"
#include "charts/scale.h"
#include "charts/svg.h"

namespace ae::charts {

struct PlotArea {
  double left = 0.0;
  double top = 0.0;
  double right = 0.0;
  double bottom = 0.0;
  double width() const { return right - left; }
  double height() const { return bottom - top; }
};

// Throws InvalidInput unless both sides are at least 100.
void validate_size(Size size, std::string_view chart);

// The plot rectangle: room for the title and the legend (as many rows as the
// names need; none when `legend_names` is empty) above, the axis labels left
// and below.
PlotArea plot_area(Size size, const std::vector<std::string>& legend_names);

// The i-th colour of the palette (cycles), or `chosen` if not empty.
std::string series_color(std::size_t i, const std::string& chosen);

void draw_title(SvgWriter& svg, Size size, std::string_view title);

// One swatch + name per entry, in rows above the plot (wrapping at its width).
void draw_legend(SvgWriter& svg, const PlotArea& area,
                 const std::vector<std::pair<std::string, std::string>>& names_and_colors);

// A linear map of values onto pixels between `pixel_low` (for ticks.low) and
// `pixel_high` (for ticks.high).
struct LinearScale {
  Ticks ticks;
  double pixel_low = 0.0;
  double pixel_high = 1.0;
  double operator()(double value) const {
    return pixel_low + (value - ticks.low) / (ticks.high - ticks.low) * (pixel_high - pixel_low);
  }
};

// Horizontal grid lines and labels at the y ticks, and the axis label.
void draw_y_axis(SvgWriter& svg, const PlotArea& area, const LinearScale& y, ValueFormat format,
                 std::string_view label);
// Vertical grid lines and labels at the x ticks, and the axis label.
void draw_x_axis(SvgWriter& svg, const PlotArea& area, const LinearScale& x, ValueFormat format,
                 std::string_view label);
// Tick marks and labels along the bottom at calendar boundaries; x_of maps a
// date index to its pixel.
void draw_date_axis(SvgWriter& svg, const PlotArea& area, const std::vector<core::Date>& dates,
                    const std::function<double(std::size_t)>& x_of);

void draw_reference_lines(SvgWriter& svg, const PlotArea& area, const LinearScale& y,
                          const std::vector<ReferenceLine>& lines, ValueFormat format);

// A whole SVG document with the title and "no data" in the middle.
std::string no_data_chart(std::string_view title, Size size);

// Finite minimum and maximum over `values` folded into [low, high]; returns
// false if there was nothing finite.
bool extend_range(const std::vector<double>& values, double& low, double& high);

}  // namespace ae::charts
