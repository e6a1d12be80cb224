#include "executor/intraday/daemon.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "core/contracts/health_writer.h"
#include "core/market_time.h"
#include "core/repeated_warnings.h"
#include "executor/intraday/day_journal.h"
#include "executor/intraday/intraday_rules.h"

namespace ae::executor {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

std::string action_of(const OrderResult& r) {
  if (r.side == Side::kBuy) {
    return r.client_order_id.find(":COVER") != std::string::npos ? "COVER" : "ENTER";
  }
  const auto intent = r.client_order_id.substr(r.client_order_id.rfind(':') + 1);
  return intent.rfind("REDUCE", 0) == 0 || intent.rfind("PROFIT_TAKE", 0) == 0 ? "REDUCE" : "EXIT";
}

std::optional<double> spy_price(Broker& broker) {
  try {
    return broker.quote("SPY").last;
  } catch (const core::NotFound&) {
    return std::nullopt;
  }
}

TradeRecord trade_from(const OrderResult& r, Broker& broker) {
  TradeRecord t;
  t.trade_id = r.client_order_id;
  t.date = r.date;
  t.ticker = r.ticker;
  t.action = action_of(r);
  t.shares = r.filled_shares;
  t.fill_price = r.avg_price;
  t.commission = r.commission;
  t.created_at = r.time;
  t.spy_price_at_order = spy_price(broker);
  t.source = broker.source();
  return t;
}

nlohmann::json record_of(const std::string& ticker, const std::string& action, const OrderResult& r,
                         const std::string& reason) {
  return executed_record(ticker, action, r.filled_shares, r.avg_price, r.client_order_id, reason,
                         r.time);
}

double round_cents(double value) { return std::round(value * 100) / 100; }

// One trading day of the daemon over an in-memory copy of the book.
class Day {
 public:
  Day(core::Date date, const DaemonDeps& d) : date_(date), d_(d), journal_(d.ledger, date) {}

  void start(DaemonSummary& summary) {
    journal_.prune_older();
    summary.broker_fills += sync_ledger_with_broker(date_, d_.broker, d_.ledger);
    load_book();
    // A fill that reached the ledger without its book change (a crash after
    // the broker filled) gets its executed_today record now.
    journal_.record_ledger_trades(book_);
    journal_.commit(book_);
    refresh_positions();
    // Entries the broker already has an order for (placed before a crash)
    // are settled at the first minute, whatever their trigger says.
    std::set<std::string> placed;
    for (const auto& r : d_.broker.orders(date_)) placed.insert(r.client_order_id);
    for (const auto& e : book_.approved_entries)
      if (placed.count(client_order_id(date_, e.ticker, "ENTER"))) restarted_.insert(e.ticker);
  }

  void urgent_exits(DaemonSummary& summary) {
    const auto exits = book_.urgent_exits;
    for (const auto& x : exits) {
      if (x.status != core::OrderStatus::kNew) continue;
      const auto intent = nlohmann::json(x.signal).get<std::string>();
      const Side side = x.signal == core::ExitAction::kCover ? Side::kBuy : Side::kSell;
      int shares = x.shares;
      if (side == Side::kSell) shares = std::min(shares, held(x.ticker));
      const auto fill =
          shares > 0 ? execute(x.ticker, side, shares, intent, 3, std::nullopt) : std::nullopt;
      journal_.exit_done(x.ticker, x.signal);
      std::optional<TradeRecord> trade;
      if (fill) {
        TradeRecord note;
        note.exit_reason = x.reason;
        trade = trade_of(*fill, note);
        journal_.executed(record_of(x.ticker, intent, *fill, x.reason));
        if (x.signal == core::ExitAction::kExit) journal_.remove_stop(x.ticker);
      }
      journal_.commit(book_, trade);
      if (!fill) continue;
      ++summary.exits;
      refresh_positions();
      if (x.signal == core::ExitAction::kExit) d_.broker.cancel_stop(x.ticker);
    }
  }

  void minute(core::Timestamp minute, DaemonSummary& summary) {
    reload_if_replanned();
    for (const auto& report : d_.broker.poll()) {
      if (report.client_order_id.find(":BROKER_TRAIL_STOP") == std::string::npos ||
          (report.type != ExecType::kFill && report.type != ExecType::kPartialFill))
        continue;
      if (const auto order = d_.broker.order_status(report.client_order_id);
          order && !is_working(*order))
        broker_fill(*order, summary);
    }
    stops(summary);
    entries(summary, static_cast<int>(core::new_york_time_of_day(minute).count()));
  }

  // Writes the book file back, with everything the journal holds: the
  // in-memory book when nobody rewrote the file meanwhile, else the file's
  // book brought up to date.
  void finish() {
    if (book_stamp_ && d_.order_books.save_if_unchanged(book_, *book_stamp_)) return;
    d_.order_books.update(date_, [&](core::OrderBook& book) { journal_.apply(book); });
  }

 private:
  void load_book() {
    book_stamp_ = d_.order_books.stamp();
    book_ = d_.order_books.load(date_);
    journal_.apply(book_);
  }

  // A re-plan rewrites the file; the journal is applied to the new plan.
  void reload_if_replanned() {
    const auto stamp = d_.order_books.stamp();
    if (!stamp || stamp == book_stamp_) return;
    spdlog::info("daemon: the order book of {} changed; reloading", core::format_date(date_));
    load_book();
  }

  void refresh_positions() {
    held_.clear();
    for (const auto& p : d_.broker.positions()) held_[p.ticker] = p;
  }

  int held(const std::string& ticker) const {
    const auto it = held_.find(ticker);
    return it == held_.end() ? 0 : it->second.shares;
  }

  double nav_at_cost() const {
    double nav = d_.broker.cash();
    for (const auto& [ticker, p] : held_) nav += p.shares * p.avg_cost;
    return nav;
  }

  std::optional<Quote> quote(const std::string& ticker) {
    try {
      return d_.broker.quote(ticker);
    } catch (const core::NotFound& e) {
      core::warn_repeated("daemon: no quote for " + ticker, e.what());
      return std::nullopt;
    }
  }

  TradeRecord trade_of(const OrderResult& r, const TradeRecord& note) {
    auto t = trade_from(r, d_.broker);
    t.signal_price = note.signal_price;
    t.trigger_type = note.trigger_type;
    t.portfolio_nav_at_order = note.portfolio_nav_at_order;
    t.exit_reason = note.exit_reason;
    return t;
  }

  // Places (or, after a restart, finds) the order of `intent`, trying up to
  // `attempts` ids; returns the first filled result, if any. Recording it is
  // the caller's (with its book change, in one transaction).
  std::optional<OrderResult> execute(const std::string& ticker, Side side, int shares,
                                     const std::string& intent, int attempts,
                                     std::optional<double> trail) {
    static constexpr int kDelays[] = {0, 2, 5};
    for (int attempt = 0; attempt < attempts; ++attempt) {
      const auto id = client_order_id(
          date_, ticker, attempt == 0 ? intent : fmt::format("{}#{}", intent, attempt + 1));
      auto result = d_.broker.order_status(id);
      if (!result) {
        if (attempt > 0) d_.clock.sleep_for(seconds(kDelays[std::min(attempt, 2)]));
        result = d_.broker.submit({id, ticker, side, shares, trail});
      }
      result = settle(d_.broker, *result, d_.order_timeout);
      if (result->filled_shares > 0) return result;
      spdlog::warn("daemon: {} {} {} rejected: {}", to_string(side), shares, ticker,
                   result->reason);
    }
    return std::nullopt;
  }

  // A fill the broker made by itself (its trailing stop), once: a venue may
  // report it in parts, each seen after the order finished.
  void broker_fill(const OrderResult& r, DaemonSummary& summary) {
    if (r.filled_shares <= 0 || d_.ledger.has_trade(r.client_order_id)) return;
    auto t = trade_from(r, d_.broker);
    t.exit_reason = "broker_trailing_stop";
    refresh_positions();
    if (held(r.ticker) == 0) journal_.remove_stop(r.ticker);
    journal_.executed(record_of(r.ticker, "EXIT", r, "broker_trailing_stop"));
    journal_.commit(book_, t);
    ++summary.broker_fills;
  }

  // Ratchets and intraday exits; ratchets of the minute are committed together.
  void stops(DaemonSummary& summary) {
    const auto stops = book_.active_stops;
    for (auto stop : stops) {
      const int shares = held(stop.ticker);
      if (shares <= 0) {
        journal_.remove_stop(stop.ticker);
        continue;
      }
      const auto q = quote(stop.ticker);
      if (!q) continue;
      const bool moved = update_trail(stop, q->last, date_, d_.config);
      const auto exit = intraday_exit(stop, *q, shares, d_.config);
      const bool reduce = exit && exit->action == core::ExitAction::kReduce;
      const auto fill = exit ? execute(stop.ticker, Side::kSell, exit->shares,
                                       reduce ? "PROFIT_TAKE" : "STOP_EXIT", 1, std::nullopt)
                             : std::nullopt;
      if (!fill) {
        if (moved) journal_.put_stop(stop);
        continue;
      }
      ++summary.exits;
      // What is left comes from the broker: after a restart the fill found
      // may be one the positions already reflected.
      refresh_positions();
      const int left = held(stop.ticker);
      if (reduce) {
        stop.profit_take_executed = true;
        stop.shares = left;
      }
      const bool remove = left <= 0 || !reduce;
      if (remove)
        journal_.remove_stop(stop.ticker);
      else
        journal_.put_stop(stop);
      journal_.executed(record_of(stop.ticker, left > 0 ? "REDUCE" : "EXIT", *fill, exit->reason));
      TradeRecord note;
      note.exit_reason = exit->reason;
      journal_.commit(book_, trade_of(*fill, note));
      if (remove) d_.broker.cancel_stop(stop.ticker);
    }
    journal_.commit(book_);
  }

  void entries(DaemonSummary& summary, int minute_of_day) {
    // By index: a committed entry leaves the book, the next one takes its place.
    for (std::size_t i = 0; i < book_.approved_entries.size();) {
      const auto& pending = book_.approved_entries[i];
      const auto q =
          pending.status == core::OrderStatus::kNew ? quote(pending.ticker) : std::nullopt;
      if (!q) {
        ++i;
        continue;
      }
      const auto trigger = entry_trigger(pending, *q, minute_of_day, d_.config);
      if (!trigger && (restarted_.empty() || !restarted_.count(pending.ticker))) {
        ++i;
        continue;
      }
      const auto e = pending;  // the book changes below
      TradeRecord note;
      note.signal_price = e.current_price;
      note.trigger_type = trigger.value_or("restart");
      note.portfolio_nav_at_order = nav_at_cost();
      const auto trail =
          e.atr_value
              ? std::optional<double>(round_cents(*e.atr_value * d_.config.stop_atr_multiple))
              : std::nullopt;
      const auto fill = execute(e.ticker, Side::kBuy, e.shares, "ENTER", 1, trail);
      restarted_.erase(e.ticker);
      journal_.entry_done(e.ticker);
      if (!fill) {
        journal_.executed({{"ticker", e.ticker},
                           {"action", "ENTER"},
                           {"status", "rejected"},
                           {"client_order_id", client_order_id(date_, e.ticker, "ENTER")}});
        journal_.commit(book_);
        continue;
      }
      journal_.executed(record_of(e.ticker, "ENTER", *fill, *note.trigger_type));
      core::ActiveStop stop;
      stop.ticker = e.ticker;
      stop.entry_price = fill->avg_price;
      stop.high_water = fill->avg_price;
      stop.entry_date = date_;
      stop.shares = fill->filled_shares;
      if (e.atr_value && *e.atr_value > 0) {
        stop.trail_atr = *e.atr_value;
        stop.atr_multiple = d_.config.stop_atr_multiple;
        stop.current_stop =
            round_cents(fill->avg_price - *e.atr_value * d_.config.stop_atr_multiple);
      } else {
        stop.trail_atr = 0;
        stop.current_stop = round_cents(fill->avg_price * (1 - d_.config.fallback_stop_pct));
      }
      journal_.put_stop(stop);
      journal_.commit(book_, trade_of(*fill, note));
      refresh_positions();
      ++summary.entries;
    }
  }

  core::Date date_;
  const DaemonDeps& d_;
  DayJournal journal_;
  core::OrderBook book_;
  std::optional<std::filesystem::file_time_type> book_stamp_;
  std::map<std::string, BrokerPosition> held_;
  std::set<std::string> restarted_;
};

bool past(const std::optional<core::Timestamp>& stop_at, core::Timestamp now) {
  return stop_at && now >= *stop_at;
}

}  // namespace

int sync_ledger_with_broker(core::Date date, Broker& broker, Ledger& ledger) {
  int recorded = 0;
  for (const auto& r : broker.orders(date)) {
    if (r.filled_shares <= 0 || is_working(r) || ledger.has_trade(r.client_order_id)) continue;
    auto t = trade_from(r, broker);
    if (r.client_order_id.find("BROKER_TRAIL_STOP") != std::string::npos)
      t.exit_reason = "broker_trailing_stop";
    if (ledger.record_trade(t)) ++recorded;
  }
  return recorded;
}

namespace {

DaemonSummary run_day(core::Date date, const DaemonDeps& d,
                      std::optional<core::Timestamp> stop_at) {
  DaemonSummary summary;
  if (!d.calendar.is_trading_day(date)) {
    spdlog::info("daemon: {} is not a trading day; nothing to do", core::format_date(date));
    return summary;
  }
  const auto session = d.calendar.session(date);
  while (!d.order_books.has_book(date)) {
    if (d.clock.now() >= session.close || past(stop_at, d.clock.now())) {
      spdlog::warn("daemon: no order book for {} before the close", core::format_date(date));
      core::write_health(d.store, "executor_daemon", core::HealthStatus::kDegraded, date,
                         d.clock.now(), {{"order_book", false}}, {"no order book for the day"},
                         std::nullopt);
      return summary;
    }
    d.clock.sleep_for(seconds(120));
  }
  summary.had_order_book = true;
  if (d.clock.now() < session.open) d.clock.sleep_until(session.open);
  Day day(date, d);
  day.start(summary);
  if (!past(stop_at, d.clock.now())) day.urgent_exits(summary);
  core::MetricDatum heartbeat{"AlphaEngine", "Heartbeat", {{"Process", "executor-daemon"}}, 1,
                              "Count",       {}};
  auto minute = std::chrono::floor<minutes>(std::max(d.clock.now(), session.open));
  for (; minute < session.close; minute += minutes(1)) {
    d.clock.sleep_until(minute);
    if (past(stop_at, d.clock.now())) return summary;
    ++summary.minutes;
    heartbeat.timestamp = minute;
    d.metrics.put_metric(heartbeat);
    day.minute(minute, summary);
  }
  day.finish();
  core::write_health(d.store, "executor_daemon", core::HealthStatus::kOk, date, d.clock.now(),
                     {{"minutes", summary.minutes},
                      {"entries", summary.entries},
                      {"exits", summary.exits},
                      {"broker_fills", summary.broker_fills}},
                     {}, std::nullopt);
  return summary;
}

}  // namespace

DaemonSummary run_daemon(core::Date date, const DaemonDeps& d,
                         std::optional<core::Timestamp> stop_at) {
  // The day's run: a ticker without a quote warns once, not every minute.
  const core::RepeatedWarningScope repeated_warnings;
  try {
    return run_day(date, d, stop_at);
  } catch (const std::exception& error) {
    try {
      core::write_health(d.store, "executor_daemon", core::HealthStatus::kFailed, date,
                         d.clock.now(), nlohmann::json::object(), {}, std::string(error.what()));
    } catch (const std::exception& health_error) {
      spdlog::error("daemon: could not write health/executor_daemon.json: {}", health_error.what());
    }
    throw;
  }
}

}  // namespace ae::executor
