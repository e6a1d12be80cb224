#include "executor/portfolio.h"

namespace ae::executor {

const Position* Portfolio::find(const std::string& ticker) const {
  for (const auto& position : positions)
    if (position.ticker == ticker) return &position;
  return nullptr;
}

double Portfolio::invested() const {
  double total = 0;
  for (const auto& position : positions) total += position.market_value;
  return total;
}

double Portfolio::sector_exposure(const std::string& sector) const {
  double total = 0;
  for (const auto& position : positions)
    if (!sector.empty() && position.sector == sector) total += position.market_value;
  return total;
}

}  // namespace ae::executor
