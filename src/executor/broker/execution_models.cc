#include "executor/broker/execution_models.h"

#include <algorithm>
#include <cmath>

#include "core/statistics.h"

namespace ae::executor {

double daily_volatility(std::span<const double> closes) {
  const std::size_t n = std::min<std::size_t>(closes.size(), kVolatilityReturns + 1);
  if (n < 6) return 0;
  const auto tail = closes.subspan(closes.size() - n);
  std::vector<double> returns;
  returns.reserve(n - 1);
  for (std::size_t i = 1; i < n; ++i) {
    if (!(tail[i - 1] > 0) || !(tail[i] > 0)) return 0;
    returns.push_back(tail[i] / tail[i - 1] - 1);
  }
  return core::summarize(returns).stdev;
}

int VolumeCappedFill::fillable_shares(int requested, double bar_volume) const {
  if (!(bar_volume > 0)) return 0;
  const auto cap = static_cast<int>(std::floor(bar_volume * share_));
  return std::clamp(requested, 0, std::max(cap, 0));
}

double FixedBpsSlippage::slippage(double price, Side, int, const Liquidity&) const {
  return price * bps_ / 10000.0;
}

double HalfSpread::slippage(double price, Side, int, const Liquidity&) const {
  return price * bps_ / 10000.0;
}

double SquareRootImpact::slippage(double price, Side, int shares,
                                  const Liquidity& liquidity) const {
  if (!(liquidity.volume > 0) || !(liquidity.daily_volatility > 0)) return 0;
  const double share = std::min(shares / liquidity.volume, 1.0);
  return price * coefficient_ * liquidity.daily_volatility * std::sqrt(share);
}

double VolumeShareSlippage::slippage(double price, Side, int shares,
                                     const Liquidity& liquidity) const {
  if (!(liquidity.volume > 0)) return 0;
  const double share = std::min(shares / liquidity.volume, 1.0);
  return price * impact_ * share * share;
}

double SumSlippage::slippage(double price, Side side, int shares,
                             const Liquidity& liquidity) const {
  double total = 0;
  for (const auto& part : parts_) total += part->slippage(price, side, shares, liquidity);
  return total;
}

double PerShareCommission::commission(int shares, double) const {
  if (shares <= 0) return 0;
  return std::max(minimum_, per_share_ * shares);
}

double BpsCommission::commission(int shares, double price) const {
  return shares * price * bps_ / 10000.0;
}

double SumCommission::commission(int shares, double price) const {
  double total = 0;
  for (const auto& part : parts_) total += part->commission(shares, price);
  return total;
}

ExecutionModels default_execution_models(const RiskConfig& c) {
  ExecutionModels m;
  m.fill = std::make_unique<VolumeCappedFill>(c.max_volume_share);
  std::vector<std::unique_ptr<SlippageModel>> slippage;
  slippage.push_back(std::make_unique<FixedBpsSlippage>(c.slippage_bps));
  slippage.push_back(std::make_unique<VolumeShareSlippage>(c.impact_coefficient));
  if (c.half_spread_bps > 0) slippage.push_back(std::make_unique<HalfSpread>(c.half_spread_bps));
  if (c.volatility_impact > 0)
    slippage.push_back(std::make_unique<SquareRootImpact>(c.volatility_impact));
  m.slippage = std::make_unique<SumSlippage>(std::move(slippage));
  std::vector<std::unique_ptr<CommissionModel>> fees;
  fees.push_back(
      std::make_unique<PerShareCommission>(c.commission_per_share, c.commission_minimum));
  fees.push_back(std::make_unique<BpsCommission>(c.commission_bps));
  m.commission = std::make_unique<SumCommission>(std::move(fees));
  return m;
}

MarketFill price_market_order(const ExecutionModels& models, Side side, int requested, double last,
                              const Liquidity& liquidity) {
  MarketFill fill;
  fill.shares = models.fill->fillable_shares(requested, liquidity.volume);
  if (fill.shares == 0) return fill;
  const double slip = models.slippage->slippage(last, side, fill.shares, liquidity);
  fill.price = std::round((side == Side::kBuy ? last + slip : last - slip) * 10000) / 10000;
  fill.commission = std::round(models.commission->commission(fill.shares, fill.price) * 100) / 100;
  fill.cost = std::abs(fill.price - last) * fill.shares + fill.commission;
  return fill;
}

double estimated_cost(const ExecutionModels& models, Side side, int shares, double last,
                      const Liquidity& liquidity) {
  if (shares <= 0 || !(last > 0)) return 0;
  const double slip = models.slippage->slippage(last, side, shares, liquidity);
  const double notional = shares * last;
  return (slip * shares + models.commission->commission(shares, last)) / notional;
}

}  // namespace ae::executor
