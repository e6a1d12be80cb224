#include "backtest/sweep_checkpoint.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "core/build_identity.h"
#include "core/date.h"
#include "core/error.h"

namespace ae::backtest {
namespace {

using Json = nlohmann::json;
constexpr int kFormat = 3;

// A column of numbers as Base64 of their bytes: exact (NaN included) and a
// single JSON string instead of one value per number.
template <typename T>
std::string packed(const std::vector<T>& values) {
  return core::base64_encode(
      {reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T)});
}
template <typename T>
std::vector<T> unpacked(const Json& text) {
  const auto bytes = core::base64_decode(text.get<std::string>());
  if (!bytes || bytes->size() % sizeof(T) != 0)
    throw core::InvalidInput("a packed column is not Base64 of whole values");
  std::vector<T> out(bytes->size() / sizeof(T));
  if (!out.empty()) std::memcpy(out.data(), bytes->data(), bytes->size());
  return out;
}
template <typename T>
T single(const Json& text) {
  const auto values = unpacked<T>(text);
  if (values.size() != 1) throw core::InvalidInput("a packed value is not one value");
  return values.front();
}

std::vector<std::int32_t> day_numbers(const std::vector<core::Date>& dates) {
  std::vector<std::int32_t> out;
  out.reserve(dates.size());
  for (const auto& d : dates)
    out.push_back(static_cast<std::int32_t>(std::chrono::sys_days(d).time_since_epoch().count()));
  return out;
}
core::Date date_of(std::int32_t day) {
  return core::Date(std::chrono::sys_days(std::chrono::days(day)));
}

Json book_json(const BookState& book) {
  Json tickers = Json::array();
  std::vector<std::int32_t> shares, entry_days;
  std::vector<double> avg_costs;
  for (const auto& [ticker, held] : book.holdings) {
    tickers.push_back(held.ticker);
    shares.push_back(held.shares);
    avg_costs.push_back(held.avg_cost);
    entry_days.push_back(held.entry_date ? day_numbers({*held.entry_date}).front()
                                         : std::numeric_limits<std::int32_t>::min());
  }
  return {{"cash", packed(std::vector{book.cash})},
          {"tickers", std::move(tickers)},
          {"shares", packed(shares)},
          {"avg_costs", packed(avg_costs)},
          {"entry_days", packed(entry_days)},
          {"recent_navs", packed(book.recent_navs)},
          {"peak_nav", book.peak_nav ? Json(packed(std::vector{*book.peak_nav})) : Json(nullptr)},
          {"nav", packed(std::vector{book.nav})}};
}

BookState book_of(const Json& j) {
  BookState book;
  book.cash = single<double>(j.at("cash"));
  const auto& tickers = j.at("tickers");
  const auto shares = unpacked<std::int32_t>(j.at("shares"));
  const auto avg_costs = unpacked<double>(j.at("avg_costs"));
  const auto entry_days = unpacked<std::int32_t>(j.at("entry_days"));
  if (shares.size() != tickers.size() || avg_costs.size() != tickers.size() ||
      entry_days.size() != tickers.size())
    throw core::InvalidInput("holdings' columns of different lengths");
  for (std::size_t i = 0; i < tickers.size(); ++i) {
    executor::HeldPosition held;
    held.ticker = tickers[i].get<std::string>();
    held.shares = shares[i];
    held.avg_cost = avg_costs[i];
    if (entry_days[i] != std::numeric_limits<std::int32_t>::min())
      held.entry_date = date_of(entry_days[i]);
    book.holdings.emplace(held.ticker, std::move(held));
  }
  book.recent_navs = unpacked<double>(j.at("recent_navs"));
  if (!j.at("peak_nav").is_null()) book.peak_nav = single<double>(j.at("peak_nav"));
  book.nav = single<double>(j.at("nav"));
  return book;
}

Json result_json(const BacktestResult& r) {
  std::vector<core::Date> fill_dates;
  std::vector<std::int32_t> fill_shares;
  std::vector<double> prices, commissions, costs;
  Json fill_text = Json::array();
  for (const auto& f : r.fills) {
    fill_dates.push_back(f.date);
    fill_shares.push_back(f.shares);
    prices.push_back(f.price);
    commissions.push_back(f.commission);
    costs.push_back(f.cost);
    fill_text.push_back({f.ticker, f.action, f.reason});
  }
  Json rejections = Json::array();
  for (const auto& x : r.rejections)
    rejections.push_back({core::format_date(x.date), x.ticker, x.action, x.reason});
  Json firings = Json::array();
  for (const auto& g : r.guard_firings)
    firings.push_back({core::format_date(g.date), g.guard, g.message});
  return {
      {"dates", packed(day_numbers(r.dates))},   {"nav", packed(r.nav)},
      {"spy_close", packed(r.spy_close)},        {"positions", packed(r.positions)},
      {"invested", packed(r.invested)},          {"fill_dates", packed(day_numbers(fill_dates))},
      {"fill_shares", packed(fill_shares)},      {"fill_prices", packed(prices)},
      {"fill_commissions", packed(commissions)}, {"fill_costs", packed(costs)},
      {"fill_text", std::move(fill_text)},  // ticker, action, reason
      {"rejections", std::move(rejections)},     {"guard_firings", std::move(firings)}};
}

BacktestResult result_of(const Json& j) {
  BacktestResult r;
  for (const auto day : unpacked<std::int32_t>(j.at("dates"))) r.dates.push_back(date_of(day));
  r.nav = unpacked<double>(j.at("nav"));
  r.spy_close = unpacked<double>(j.at("spy_close"));
  r.positions = unpacked<int>(j.at("positions"));
  r.invested = unpacked<double>(j.at("invested"));
  const auto fill_days = unpacked<std::int32_t>(j.at("fill_dates"));
  const auto shares = unpacked<std::int32_t>(j.at("fill_shares"));
  const auto prices = unpacked<double>(j.at("fill_prices"));
  const auto commissions = unpacked<double>(j.at("fill_commissions"));
  const auto costs = unpacked<double>(j.at("fill_costs"));
  const auto& text = j.at("fill_text");
  const auto n = fill_days.size();
  if (shares.size() != n || prices.size() != n || commissions.size() != n || costs.size() != n ||
      text.size() != n)
    throw core::InvalidInput("fills' columns of different lengths");
  for (std::size_t i = 0; i < n; ++i)
    r.fills.push_back({date_of(fill_days[i]), text[i].at(0).get<std::string>(),
                       text[i].at(1).get<std::string>(), shares[i], prices[i], commissions[i],
                       costs[i], text[i].at(2).get<std::string>()});
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

// Why the checkpoint's days do not apply; empty when they do.
std::string mismatch(const Json& saved, const SeriesCache& series,
                     std::span<const DecisionDay> days) {
  if (saved.value("format", 0) != kFormat) return "another format";
  if (saved.at("build").get<std::string>() != core::build_identity()) return "another build";
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
    if (const auto why = mismatch(saved, series, days); !why.empty()) {
      spdlog::debug("sweep: checkpoint {} not used: {}", place.key, why);
      return std::nullopt;
    }
    const auto& saved_configs = saved.at("configs");
    const auto& saved_books = saved.at("books");
    const auto& saved_results = saved.at("results");
    if (saved_books.size() != saved_configs.size() || saved_results.size() != saved_configs.size())
      throw core::InvalidInput("one book per configuration expected");
    SweepCheckpoint state;
    state.days = saved.at("days").size();
    state.books.resize(configs.size());
    std::vector<char> taken(saved_configs.size(), 0);
    bool any = false;
    for (std::size_t i = 0; i < configs.size(); ++i) {
      const auto wanted = executor::risk_config_json(configs[i]);
      for (std::size_t j = 0; j < saved_configs.size(); ++j) {
        if (taken[j] || saved_configs[j] != wanted) continue;
        taken[j] = 1;
        state.books[i] = SavedBook{book_of(saved_books[j]), result_of(saved_results[j])};
        any = true;
        break;
      }
    }
    if (!any) {
      spdlog::debug("sweep: checkpoint {} not used: other configurations", place.key);
      return std::nullopt;
    }
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
                     std::span<const BookState> books,
                     std::span<const BacktestResult* const> results) {
  if (!place.store || days.empty()) return;
  Json day_digests = Json::array();
  for (const auto& day : days) {
    if (day.digest.empty()) return;
    day_digests.push_back(day.digest);
  }
  Json saved_books = Json::array(), saved_results = Json::array();
  for (const auto& book : books) saved_books.push_back(book_json(book));
  for (const auto* result : results) saved_results.push_back(result_json(*result));
  const Json saved = {{"format", kFormat},
                      {"build", core::build_identity()},
                      {"configs", configs_json(configs)},
                      {"days", std::move(day_digests)},
                      {"market", series.digest_through(days.back().date)},
                      {"books", std::move(saved_books)},
                      {"results", std::move(saved_results)}};
  place.store->put(place.key, saved.dump());
}

}  // namespace ae::backtest
