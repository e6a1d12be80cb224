#include "executor/planning/candidate_ranking.h"

#include <algorithm>
#include <optional>

#include "executor/planning/market_data.h"

namespace ae::executor {
namespace {

// The rule of a candidate: a predicted ticker but SPY with a positive price
// and an ATR%. Its values, or none when it is not one.
struct CandidateValues {
  double price = 0;
  double atr_pct = 0;
  std::string_view sector;

  bool operator==(const CandidateValues&) const = default;
};

std::optional<CandidateValues> candidate_of(const std::string& ticker, bool predicted,
                                            const double* price, const double* atr,
                                            const std::string* sector) {
  if (ticker == kBenchmarkSymbol || !predicted || !price || !(*price > 0) || !atr)
    return std::nullopt;
  return CandidateValues{*price, *atr, sector ? std::string_view(*sector) : std::string_view()};
}

std::optional<CandidateValues> candidate_values(const PredictionsByTicker& predictions,
                                                const TickerValues<double>& prices,
                                                const TickerValues<double>& atr_pct,
                                                const TickerValues<std::string>& sectors,
                                                const std::string& ticker) {
  return candidate_of(ticker, predictions.count(ticker) > 0, prices.find(ticker),
                      atr_pct.find(ticker), sectors.find(ticker));
}

}  // namespace

CandidateRanking::CandidateRanking(const PlanInput& input)
    : predictions_(input.predictions),
      prices_(input.prices),
      atr_pct_(input.atr_pct),
      sectors_(input.sector_of) {
  by_ticker_.reserve(predictions_->size());
  // The predictions are in ticker order: one walk over each of the values.
  TickerValues<double>::Cursor prices(prices_), atrs(atr_pct_);
  TickerValues<std::string>::Cursor sectors(sectors_);
  for (const auto& [ticker, prediction] : *predictions_) {
    const auto values =
        candidate_of(ticker, true, prices.seek(ticker), atrs.seek(ticker), sectors.seek(ticker));
    if (!values) continue;
    RankedCandidate candidate;
    candidate.ticker = ticker;
    candidate.prediction = &prediction;
    candidate.price = values->price;
    candidate.atr_pct = values->atr_pct;
    candidate.sector = values->sector;
    by_ticker_.push_back(std::move(candidate));
  }
  std::vector<RankedCandidate*> order;
  order.reserve(by_ticker_.size());
  for (auto& candidate : by_ticker_) order.push_back(&candidate);
  std::sort(order.begin(), order.end(), [](const RankedCandidate* a, const RankedCandidate* b) {
    if (a->prediction->predicted_alpha != b->prediction->predicted_alpha)
      return a->prediction->predicted_alpha > b->prediction->predicted_alpha;
    return a->ticker < b->ticker;
  });
  ranked_.reserve(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i]->rank = i;
    ranked_.push_back(order[i]);
  }
  for (const auto* candidate : ranked_)
    sector_share_[candidate->sector] += 1.0 / static_cast<double>(ranked_.size());
}

const RankedCandidate* CandidateRanking::find(const std::string& ticker) const {
  const auto it =
      std::lower_bound(by_ticker_.begin(), by_ticker_.end(), ticker,
                       [](const RankedCandidate& c, const std::string& t) { return c.ticker < t; });
  return it != by_ticker_.end() && it->ticker == ticker ? &*it : nullptr;
}

double CandidateRanking::sector_share(std::string_view sector) const {
  const auto it = sector_share_.find(sector);
  return it == sector_share_.end() ? 0 : it->second;
}

bool CandidateRanking::holds_for(const PlanInput& input) const {
  if (input.predictions != predictions_ || !input.prices.shares_part_with(prices_) ||
      !input.atr_pct.shares_part_with(atr_pct_) || !input.sector_of.shares_part_with(sectors_))
    return false;
  const auto same = [&](const std::string& ticker) {
    return candidate_values(*predictions_, input.prices, input.atr_pct, input.sector_of, ticker) ==
           candidate_values(*predictions_, prices_, atr_pct_, sectors_, ticker);
  };
  const auto all_same = [&](const auto& own) {
    return std::all_of(own.begin(), own.end(), [&](const auto& kv) { return same(kv.first); });
  };
  return all_same(input.prices.own()) && all_same(input.atr_pct.own()) &&
         all_same(input.sector_of.own()) && all_same(prices_.own()) && all_same(atr_pct_.own()) &&
         all_same(sectors_.own());
}

std::shared_ptr<const CandidateRanking> ranking_for(const PlanInput& input) {
  if (input.candidates && input.candidates->holds_for(input)) return input.candidates;
  return std::make_shared<const CandidateRanking>(input);
}

}  // namespace ae::executor
