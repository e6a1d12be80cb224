#include "research/scoring.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "research/parameter_tables.h"

namespace ae::research {
namespace {

double round1(double x) { return std::round(x * 10.0) / 10.0; }

std::string thesis_for(const Indicators& x, const ScoredName& s) {
  std::string text = fmt::format("{} ({}): technical {:.0f}", s.ticker,
                                 market::sector_name(s.sector), s.technical_score);
  if (s.factor_subscore) text += fmt::format(", factor blend {:.0f}", *s.factor_subscore);
  if (!std::isnan(x.rsi_14)) text += fmt::format("; RSI {:.0f}", x.rsi_14);
  if (!std::isnan(x.momentum_20d)) text += fmt::format(", 20d {:+.1f}%", x.momentum_20d * 100);
  if (!std::isnan(x.price_vs_ma200))
    text += fmt::format(", {:+.1f}% vs MA200", x.price_vs_ma200 * 100);
  text += fmt::format("; final {:.1f}", s.composite.final_score);
  return text;
}

std::vector<std::string> catalysts_for(const Indicators& x) {
  std::vector<std::string> out;
  if (x.macd_cross == MacdCross::kBullish) out.emplace_back("bullish MACD cross");
  if (x.rsi_14 <= 35) out.emplace_back("oversold RSI");
  if (x.dist_from_52w_high > -0.03) out.emplace_back("near 52-week high");
  if (x.price_vs_ma50 > 0 && x.price_vs_ma200 > 0) out.emplace_back("above MA50 and MA200");
  if (x.momentum_20d > 0.05) out.emplace_back("strong 20-day momentum");
  return out;
}

}  // namespace

std::string_view team_of(market::Sector sector) {
  using market::Sector;
  switch (sector) {
    case Sector::kTechnology:
      return "technology";
    case Sector::kHealthcare:
      return "healthcare";
    case Sector::kFinancial:
      return "financials";
    case Sector::kIndustrials:
    case Sector::kMaterials:
      return "industrials";
    case Sector::kConsumerDiscretionary:
    case Sector::kConsumerStaples:
    case Sector::kCommunicationServices:
      return "consumer";
    case Sector::kEnergy:
    case Sector::kUtilities:
    case Sector::kRealEstate:
      return "defensives";
  }
  return "defensives";
}

const std::vector<std::string>& team_ids() {
  static const std::vector<std::string> ids = {"technology",  "healthcare", "financials",
                                               "industrials", "consumer",   "defensives"};
  return ids;
}

CompositeWeights composite_weights(const core::ParameterSet& p) {
  return core::bound_config<CompositeWeights>(p, composite_parameter_table());
}

Composite compute_composite(double quant, std::optional<double> qual, std::optional<double> factor,
                            double sector_modifier, const CompositeWeights& w) {
  double wq = w.quant, wql = w.qual, wf = w.factor;
  if (!qual) {
    wq += wql;
    wql = 0;
  }
  if (!factor) {
    const double side = wq + wql;
    if (side > 0) {
      wq += wf * wq / side;
      wql += wf * wql / side;
    }
    wf = 0;
  }
  Composite c;
  c.weighted_base = wq * quant + wql * qual.value_or(0) + wf * factor.value_or(0);
  c.macro_shift = (sector_modifier - 1.0) / 0.30 * 10.0;
  c.final_score = round1(std::clamp(c.weighted_base + c.macro_shift, 0.0, 100.0));
  if (c.final_score >= w.buy_threshold) {
    c.rating = core::Rating::kBuy;
  } else if (c.final_score <= w.sell_threshold) {
    c.rating = core::Rating::kSell;
  }
  return c;
}

core::Conviction conviction_label(double conviction) {
  if (conviction >= 70) return core::Conviction::kRising;
  if (conviction >= 40) return core::Conviction::kStable;
  return core::Conviction::kDeclining;
}

void rescore(ScoredName& s, const MacroView& macro, const CompositeWeights& weights,
             std::optional<double> conviction) {
  const double modifier = macro.sectors[static_cast<int>(s.sector)].modifier;
  s.composite =
      compute_composite(s.quant_score, s.qual_score, s.factor_subscore, modifier, weights);
  s.conviction_value = conviction.value_or(s.composite.final_score);
  s.conviction = conviction_label(s.conviction_value);
}

ScoredName score_name(const Indicators& x, const FactorProfile& factors, double technical,
                      const MacroView& macro, const core::ParameterSet& p) {
  ScoredName s;
  s.ticker = x.ticker;
  s.sector = x.sector;
  s.team = std::string(team_of(x.sector));
  s.price = x.price;
  s.technical_score = technical;
  s.quant_score = technical;
  s.factors = factors;
  s.qual_score = fundamental_qual_score(factors);
  s.factor_subscore = factor_subscore(factors, p, macro.regime);
  rescore(s, macro, composite_weights(p), std::nullopt);
  s.thesis_summary = thesis_for(x, s);
  s.catalysts = catalysts_for(x);
  if (!std::isnan(x.dist_from_52w_high))
    s.price_target_upside = std::max(0.0, 1.0 / (1.0 + x.dist_from_52w_high) - 1.0);
  return s;
}

std::vector<TeamSlate> build_team_slates(const std::vector<ScoredName>& input_set,
                                         std::size_t quant_top_n) {
  std::map<std::string, std::vector<const ScoredName*>> by_team;
  for (const auto& name : input_set) by_team[name.team].push_back(&name);
  std::vector<TeamSlate> slates;
  for (const auto& team : team_ids()) {
    TeamSlate slate{team, by_team[team]};
    std::sort(slate.names.begin(), slate.names.end(), [](const auto* a, const auto* b) {
      if (a->quant_score != b->quant_score) return a->quant_score > b->quant_score;
      return a->ticker < b->ticker;
    });
    if (slate.names.size() > quant_top_n) slate.names.resize(quant_top_n);
    slates.push_back(std::move(slate));
  }
  return slates;
}

std::vector<std::string> rule_team_picks(const TeamSlate& slate, std::size_t picks) {
  auto names = slate.names;
  std::sort(names.begin(), names.end(), [](const auto* a, const auto* b) {
    if (a->composite.final_score != b->composite.final_score)
      return a->composite.final_score > b->composite.final_score;
    return a->ticker < b->ticker;
  });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < names.size() && i < picks; ++i) out.push_back(names[i]->ticker);
  return out;
}

}  // namespace ae::research
