// Pluggable execution models of the paper broker (after LEAN's fill,
// slippage and fee models and zipline's volume-share slippage):
//   FillModel       - how many of the requested shares fill against a bar
//                     (VolumeCappedFill: at most a share of the bar's volume);
//   SlippageModel   - the fill price given the quote, side, shares and the
//                     day's liquidity (FixedBpsSlippage; HalfSpread: half the
//                     bid-ask spread in bps; VolumeShareSlippage: zipline's
//                     price * impact * (shares/volume)^2; SquareRootImpact:
//                     price * k * daily volatility * sqrt(shares/volume);
//                     SumSlippage adds);
//   CommissionModel - the fee of a fill (PerShareCommission with a minimum,
//                     BpsCommission; SumCommission adds).
// All are pure and deterministic. Together they are the one cost model: the
// paper broker's fills, the backtester's fills and the planner's cost
// estimate (estimated_cost) all price through price_market_order.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "executor/broker/broker.h"
#include "executor/risk_config.h"

namespace ae::executor {

// What the market offers a fill: the bar's volume (the fill cap's and the
// impact's base) and the daily volatility of returns (0 when unknown: the
// volatility term is then 0).
struct Liquidity {
  double volume = 0;
  double daily_volatility = 0;
};

// The cost model's daily volatility: the sample standard deviation of the
// simple returns between the last kVolatilityReturns + 1 of `closes` (the
// closes before the day traded, oldest first); 0 with fewer than 5 returns
// or a non-positive close among them.
inline constexpr int kVolatilityReturns = 20;
double daily_volatility(std::span<const double> closes);

class FillModel {
 public:
  virtual ~FillModel() = default;
  virtual int fillable_shares(int requested, double bar_volume) const = 0;
};

class SlippageModel {
 public:
  virtual ~SlippageModel() = default;
  // Price movement against the order (>= 0), in currency per share.
  virtual double slippage(double price, Side side, int shares,
                          const Liquidity& liquidity) const = 0;
};

class CommissionModel {
 public:
  virtual ~CommissionModel() = default;
  virtual double commission(int shares, double price) const = 0;
};

class VolumeCappedFill final : public FillModel {
 public:
  explicit VolumeCappedFill(double max_volume_share) : share_(max_volume_share) {}
  int fillable_shares(int requested, double bar_volume) const override;

 private:
  double share_;
};

class FixedBpsSlippage final : public SlippageModel {
 public:
  explicit FixedBpsSlippage(double bps) : bps_(bps) {}
  double slippage(double price, Side side, int shares, const Liquidity& liquidity) const override;

 private:
  double bps_;
};

class HalfSpread final : public SlippageModel {
 public:
  explicit HalfSpread(double bps) : bps_(bps) {}
  double slippage(double price, Side side, int shares, const Liquidity& liquidity) const override;

 private:
  double bps_;
};

class SquareRootImpact final : public SlippageModel {
 public:
  explicit SquareRootImpact(double coefficient) : coefficient_(coefficient) {}
  double slippage(double price, Side side, int shares, const Liquidity& liquidity) const override;

 private:
  double coefficient_;
};

class VolumeShareSlippage final : public SlippageModel {
 public:
  explicit VolumeShareSlippage(double impact) : impact_(impact) {}
  double slippage(double price, Side side, int shares, const Liquidity& liquidity) const override;

 private:
  double impact_;
};

class SumSlippage final : public SlippageModel {
 public:
  explicit SumSlippage(std::vector<std::unique_ptr<SlippageModel>> parts)
      : parts_(std::move(parts)) {}
  double slippage(double price, Side side, int shares, const Liquidity& liquidity) const override;

 private:
  std::vector<std::unique_ptr<SlippageModel>> parts_;
};

class PerShareCommission final : public CommissionModel {
 public:
  PerShareCommission(double per_share, double minimum) : per_share_(per_share), minimum_(minimum) {}
  double commission(int shares, double price) const override;

 private:
  double per_share_, minimum_;
};

class BpsCommission final : public CommissionModel {
 public:
  explicit BpsCommission(double bps) : bps_(bps) {}
  double commission(int shares, double price) const override;

 private:
  double bps_;
};

class SumCommission final : public CommissionModel {
 public:
  explicit SumCommission(std::vector<std::unique_ptr<CommissionModel>> parts)
      : parts_(std::move(parts)) {}
  double commission(int shares, double price) const override;

 private:
  std::vector<std::unique_ptr<CommissionModel>> parts_;
};

struct ExecutionModels {
  std::unique_ptr<FillModel> fill;
  std::unique_ptr<SlippageModel> slippage;
  std::unique_ptr<CommissionModel> commission;
};

// A market order priced against a quote: the shares the fill model lets fill
// (0 = nothing fills), the price moved against the order by the slippage
// model and rounded to 1/100 cent, and the commission rounded to the cent.
// The paper broker and the backtester fill through this one function.
struct MarketFill {
  int shares = 0;
  double price = 0;
  double commission = 0;
  double cost = 0;  // against the quote: |price - last| x shares + commission
};
MarketFill price_market_order(const ExecutionModels& models, Side side, int requested, double last,
                              const Liquidity& liquidity);

// What a fill of `shares` at `last` would cost against the quote (slippage
// times shares plus commission), as a fraction of its notional, ignoring the
// volume cap; 0 for no shares or no price. The planner's cost hurdle.
double estimated_cost(const ExecutionModels& models, Side side, int shares, double last,
                      const Liquidity& liquidity);

// The models the parameters describe (broker.* keys).
ExecutionModels default_execution_models(const RiskConfig& config);

}  // namespace ae::executor
