#include "market/panel.h"

#include <cmath>

#include "core/error.h"

namespace ae::market {

Panel load_panel(const BarStore& store, const std::vector<std::string>& symbols, Field field,
                 std::int32_t start_index, std::int32_t end_index) {
  Panel panel;
  panel.start_index = start_index;
  panel.days = end_index > start_index ? static_cast<std::size_t>(end_index - start_index) : 0;
  panel.symbols = symbols;
  panel.values.assign(symbols.size(), std::vector<double>(panel.days, NAN));
  for (std::size_t s = 0; s < symbols.size(); ++s) {
    if (!store.contains(symbols[s])) continue;
    const SeriesView view = store.read(symbols[s]);
    const auto column = view.field(field);
    const std::int32_t lo = std::max(start_index, view.start_index());
    const std::int32_t hi = std::min(end_index, view.end_index());
    for (std::int32_t i = lo; i < hi; ++i) {
      panel.values[s][static_cast<std::size_t>(i - start_index)] =
          column[static_cast<std::size_t>(i - view.start_index())];
    }
  }
  return panel;
}

std::vector<double> cross_section(const BarStore& store, const std::vector<std::string>& symbols,
                                  Field field, std::int32_t day_index) {
  std::vector<double> out(symbols.size(), NAN);
  for (std::size_t s = 0; s < symbols.size(); ++s) {
    if (!store.contains(symbols[s])) continue;
    const SeriesView view = store.read(symbols[s]);
    if (day_index >= view.start_index() && day_index < view.end_index()) {
      out[s] = view.field(field)[static_cast<std::size_t>(day_index - view.start_index())];
    }
  }
  return out;
}

}  // namespace ae::market
