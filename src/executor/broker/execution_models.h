// Pluggable execution models of the paper broker (after LEAN's fill,
// slippage and fee models and zipline's volume-share slippage):
//   FillModel       - how many of the requested shares fill against a bar
//                     (VolumeCappedFill: at most a share of the bar's volume);
//   SlippageModel   - the fill price given the quote, side, shares and volume
//                     (FixedBpsSlippage; VolumeShareSlippage: zipline's
//                     price * impact * (shares/volume)^2; SumSlippage adds);
//   CommissionModel - the fee of a fill (PerShareCommission with a minimum,
//                     BpsCommission; SumCommission adds).
// All are pure and deterministic.
#pragma once

#include <memory>
#include <vector>

#include "executor/broker/broker.h"
#include "executor/risk_config.h"

namespace ae::executor {

class FillModel {
 public:
  virtual ~FillModel() = default;
  virtual int fillable_shares(int requested, double bar_volume) const = 0;
};

class SlippageModel {
 public:
  virtual ~SlippageModel() = default;
  // Price movement against the order (>= 0), in currency per share.
  virtual double slippage(double price, Side side, int shares, double bar_volume) const = 0;
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
  double slippage(double price, Side side, int shares, double bar_volume) const override;

 private:
  double bps_;
};

class VolumeShareSlippage final : public SlippageModel {
 public:
  explicit VolumeShareSlippage(double impact) : impact_(impact) {}
  double slippage(double price, Side side, int shares, double bar_volume) const override;

 private:
  double impact_;
};

class SumSlippage final : public SlippageModel {
 public:
  explicit SumSlippage(std::vector<std::unique_ptr<SlippageModel>> parts)
      : parts_(std::move(parts)) {}
  double slippage(double price, Side side, int shares, double bar_volume) const override;

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
};
MarketFill price_market_order(const ExecutionModels& models, Side side, int requested, double last,
                              double bar_volume);

// The models the parameters describe (broker.* keys).
ExecutionModels default_execution_models(const RiskConfig& config);

}  // namespace ae::executor
