#include "backtest/oracle_world_fixture.h"

#include "backtest/oracle.h"
#include "support/market_support.h"

namespace ae::backtest::test_world {

OracleWorld::OracleWorld() {
  test::write_simulated_market(dir.path(), 40, 2, 5, core::parse_date("2025-06-06"), 1);
  bars = std::make_unique<market::BarStore>(dir.path());
  series = std::make_unique<SeriesCache>(*bars);
  inputs =
      oracle_decisions(*series, core::parse_date("2024-11-01"), core::parse_date("2025-06-06"));
}

const OracleWorld& oracle_world() {
  static const OracleWorld world;
  return world;
}

}  // namespace ae::backtest::test_world
