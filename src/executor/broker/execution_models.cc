#include "executor/broker/execution_models.h"

#include <algorithm>
#include <cmath>

namespace ae::executor {

int VolumeCappedFill::fillable_shares(int requested, double bar_volume) const {
  if (!(bar_volume > 0)) return 0;
  const auto cap = static_cast<int>(std::floor(bar_volume * share_));
  return std::clamp(requested, 0, std::max(cap, 0));
}

double FixedBpsSlippage::slippage(double price, Side, int, double) const {
  return price * bps_ / 10000.0;
}

double VolumeShareSlippage::slippage(double price, Side, int shares, double bar_volume) const {
  if (!(bar_volume > 0)) return 0;
  const double share = std::min(shares / bar_volume, 1.0);
  return price * impact_ * share * share;
}

double SumSlippage::slippage(double price, Side side, int shares, double bar_volume) const {
  double total = 0;
  for (const auto& part : parts_) total += part->slippage(price, side, shares, bar_volume);
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
  m.slippage = std::make_unique<SumSlippage>(std::move(slippage));
  std::vector<std::unique_ptr<CommissionModel>> fees;
  fees.push_back(
      std::make_unique<PerShareCommission>(c.commission_per_share, c.commission_minimum));
  fees.push_back(std::make_unique<BpsCommission>(c.commission_bps));
  m.commission = std::make_unique<SumCommission>(std::move(fees));
  return m;
}

MarketFill price_market_order(const ExecutionModels& models, Side side, int requested, double last,
                              double bar_volume) {
  MarketFill fill;
  fill.shares = models.fill->fillable_shares(requested, bar_volume);
  if (fill.shares == 0) return fill;
  const double slip = models.slippage->slippage(last, side, fill.shares, bar_volume);
  fill.price = std::round((side == Side::kBuy ? last + slip : last - slip) * 10000) / 10000;
  fill.commission = std::round(models.commission->commission(fill.shares, fill.price) * 100) / 100;
  return fill;
}

}  // namespace ae::executor
