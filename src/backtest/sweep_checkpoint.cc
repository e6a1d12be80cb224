#include "backtest/sweep_checkpoint.h"

#include <spdlog/spdlog.h>

#include <bit>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "core/build_identity.h"
#include "core/date.h"
#include "core/error.h"

namespace ae::backtest {
namespace {

using Json = nlohmann::json;
constexpr int kFormat = 1;

std::uint64_t bits(double value) { return std::bit_cast<std::uint64_t>(value); }
double from_bits(const Json& value) { return std::bit_cast<double>(value.get<std::uint64_t>()); }

Json bits_of(const std::vector<double>& values) {
  Json out = Json::array();
  for (double v : values) out.push_back(bits(v));
  return out;
}
std::vector<double> doubles_of(const Json& values) {
  std::vector<double> out;
  out.reserve(values.size());
  for (const auto& v : values) out.push_back(from_bits(v));
  return out;
}

Json dates_of(const std::vector<core::Date>& dates) {
  Json out = Json::array();
  for (const auto& d : dates) out.push_back(core::format_date(d));
  return out;
}

Json book_json(const BookState& book) {
  Json holdings = Json::array();
  for (const auto& [ticker, held] : book.holdings)
    holdings.push_back({{"ticker", held.ticker},
                        {"shares", held.shares},
                        {"avg_cost", bits(held.avg_cost)},
                        {"entry_date", held.entry_date ? Json(core::format_date(*held.entry_date))
                                                       : Json(nullptr)}});
  return {{"cash", bits(book.cash)},
          {"holdings", std::move(holdings)},
          {"recent_navs", bits_of(book.recent_navs)},
          {"peak_nav", book.peak_nav ? Json(bits(*book.peak_nav)) : Json(nullptr)},
          {"nav", bits(book.nav)}};
}

BookState book_of(const Json& j) {
  BookState book;
  book.cash = from_bits(j.at("cash"));
  for (const auto& h : j.at("holdings")) {
    executor::HeldPosition held;
    held.ticker = h.at("ticker").get<std::string>();
    held.shares = h.at("shares").get<int>();
    held.avg_cost = from_bits(h.at("avg_cost"));
    if (!h.at("entry_date").is_null())
      held.entry_date = core::parse_date(h.at("entry_date").get<std::string>());
    book.holdings.emplace(held.ticker, std::move(held));
  }
  book.recent_navs = doubles_of(j.at("recent_navs"));
  if (!j.at("peak_nav").is_null()) book.peak_nav = from_bits(j.at("peak_nav"));
  book.nav = from_bits(j.at("nav"));
  return book;
}

Json result_json(const BacktestResult& r) {
  Json fills = Json::array();
  for (const auto& f : r.fills)
    fills.push_back({core::format_date(f.date), f.ticker, f.action, f.shares, bits(f.price),
                     bits(f.commission), bits(f.cost), f.reason});
  Json rejections = Json::array();
  for (const auto& x : r.rejections)
    rejections.push_back({core::format_date(x.date), x.ticker, x.action, x.reason});
  Json firings = Json::array();
  for (const auto& g : r.guard_firings)
    firings.push_back({core::format_date(g.date), g.guard, g.message});
  return {{"label", r.label},
          {"dates", dates_of(r.dates)},
          {"nav", bits_of(r.nav)},
          {"spy_close", bits_of(r.spy_close)},
          {"positions", r.positions},
          {"invested", bits_of(r.invested)},
          {"fills", std::move(fills)},
          {"rejections", std::move(rejections)},
          {"guard_firings", std::move(firings)}};
}

BacktestResult result_of(const Json& j) {
  BacktestResult r;
  r.label = j.at("label").get<std::string>();
  for (const auto& d : j.at("dates")) r.dates.push_back(core::parse_date(d.get<std::string>()));
  r.nav = doubles_of(j.at("nav"));
  r.spy_close = doubles_of(j.at("spy_close"));
  r.positions = j.at("positions").get<std::vector<int>>();
  r.invested = doubles_of(j.at("invested"));
  for (const auto& f : j.at("fills"))
    r.fills.push_back({core::parse_date(f.at(0).get<std::string>()), f.at(1).get<std::string>(),
                       f.at(2).get<std::string>(), f.at(3).get<int>(), from_bits(f.at(4)),
                       from_bits(f.at(5)), from_bits(f.at(6)), f.at(7).get<std::string>()});
  for (const auto& x : j.at("rejections"))
    r.rejections.push_back({core::parse_date(x.at(0).get<std::string>()),
                            x.at(1).get<std::string>(), x.at(2).get<std::string>(),
                            x.at(3).get<std::string>()});
  for (const auto& g : j.at("guard_firings"))
    r.guard_firings.push_back({core::parse_date(g.at(0).get<std::string>()),
                               g.at(1).get<std::string>(), g.at(2).get<std::string>()});
  return r;
}

Json configs_json(const std::vector<executor::RiskConfig>& configs) {
  Json out = Json::array();
  for (const auto& c : configs) out.push_back(executor::risk_config_json(c));
  return out;
}

// Why the checkpoint does not apply; empty when it does.
std::string mismatch(const Json& saved, const SeriesCache& series,
                     std::span<const DecisionDay> days,
                     const std::vector<executor::RiskConfig>& configs) {
  if (saved.value("format", 0) != kFormat) return "another format";
  if (saved.at("build").get<std::string>() != core::build_identity()) return "another build";
  if (saved.at("configs") != configs_json(configs)) return "other configurations";
  const auto& saved_days = saved.at("days");
  if (saved_days.empty() || saved_days.size() > days.size()) return "other days";
  for (std::size_t d = 0; d < saved_days.size(); ++d)
    if (days[d].digest.empty() || saved_days[d].get<std::string>() != days[d].digest)
      return "day " + core::format_date(days[d].date) + " decides otherwise";
  if (saved.at("market").get<std::string>() !=
      series.digest_through(days[saved_days.size() - 1].date))
    return "the market data changed";
  return "";
}

}  // namespace

std::optional<SweepCheckpoint> load_checkpoint(const CheckpointPlace& place,
                                               const SeriesCache& series,
                                               std::span<const DecisionDay> days,
                                               const std::vector<executor::RiskConfig>& configs) {
  if (!place.store) return std::nullopt;
  const auto text = place.store->try_get(place.key);
  if (!text) return std::nullopt;
  try {
    const auto saved = Json::parse(*text);
    if (const auto why = mismatch(saved, series, days, configs); !why.empty()) {
      spdlog::debug("sweep: checkpoint {} not used: {}", place.key, why);
      return std::nullopt;
    }
    SweepCheckpoint state;
    state.days = saved.at("days").size();
    for (const auto& b : saved.at("books")) state.books.push_back(book_of(b));
    for (const auto& r : saved.at("results")) state.results.push_back(result_of(r));
    if (state.books.size() != configs.size() || state.results.size() != configs.size())
      throw core::InvalidInput("one book per configuration expected");
    return state;
  } catch (const std::exception& error) {
    spdlog::warn("sweep: checkpoint {} is unreadable ({}); stepping every day", place.key,
                 error.what());
    return std::nullopt;
  }
}

void save_checkpoint(const CheckpointPlace& place, const SeriesCache& series,
                     std::span<const DecisionDay> days,
                     const std::vector<executor::RiskConfig>& configs,
                     const SweepCheckpoint& state) {
  if (!place.store || days.empty() || state.days != days.size()) return;
  Json day_digests = Json::array();
  for (const auto& day : days) {
    if (day.digest.empty()) return;
    day_digests.push_back(day.digest);
  }
  Json books = Json::array(), results = Json::array();
  for (const auto& book : state.books) books.push_back(book_json(book));
  for (const auto& result : state.results) results.push_back(result_json(result));
  const Json saved = {{"format", kFormat},
                      {"build", core::build_identity()},
                      {"configs", configs_json(configs)},
                      {"days", std::move(day_digests)},
                      {"market", series.digest_through(days.back().date)},
                      {"books", std::move(books)},
                      {"results", std::move(results)}};
  place.store->put(place.key, saved.dump());
}

}  // namespace ae::backtest
