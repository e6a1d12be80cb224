#include "executor/daemon.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <vector>

#include "core/market_time.h"
#include "executor/health_file.h"
#include "executor/intraday_rules.h"

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
  return t;
}

class Day {
 public:
  Day(core::Date date, const DaemonDeps& d) : date_(date), d_(d) {}

  // Places (or finds, after a restart) the order of `intent`, trying up to
  // `attempts` ids; returns the first filled result, if any.
  std::optional<OrderResult> execute(const std::string& ticker, Side side, int shares,
                                     const std::string& intent, int attempts,
                                     std::optional<double> trail, TradeRecord annotations) {
    static constexpr int kDelays[] = {0, 2, 5};
    for (int attempt = 0; attempt < attempts; ++attempt) {
      const auto id = client_order_id(
          date_, ticker, attempt == 0 ? intent : fmt::format("{}#{}", intent, attempt + 1));
      auto result = d_.broker.find_order(id);
      if (!result) {
        if (attempt > 0) d_.clock.sleep_for(seconds(kDelays[std::min(attempt, 2)]));
        result = d_.broker.place({id, ticker, side, shares, trail});
      }
      if (result->filled_shares > 0) {
        auto t = trade_from(*result, d_.broker);
        t.signal_price = annotations.signal_price;
        t.trigger_type = annotations.trigger_type;
        t.portfolio_nav_at_order = annotations.portfolio_nav_at_order;
        t.exit_reason = annotations.exit_reason;
        d_.ledger.record_trade(t);
        refresh_positions();
        return result;
      }
      spdlog::warn("daemon: {} {} {} rejected: {}", to_string(side), shares, ticker,
                   result->reason);
    }
    return std::nullopt;
  }

  // Positions are read from the broker once per minute and after each fill.
  void refresh_positions() {
    held_.clear();
    for (const auto& p : d_.broker.positions()) held_[p.ticker] = p.shares;
  }

  int held(const std::string& ticker) const {
    const auto it = held_.find(ticker);
    return it == held_.end() ? 0 : it->second;
  }

  // The order book, re-read only when the file changed (a re-plan); the
  // daemon's own updates replace the cached copy.
  const core::OrderBook& book() {
    const auto stamp = std::filesystem::last_write_time(d_.order_books.path());
    if (!book_ || stamp != book_stamp_) {
      book_ = d_.order_books.load(date_);
      book_stamp_ = stamp;
    }
    return *book_;
  }

  void update_book(const std::function<void(core::OrderBook&)>& change) {
    book_ = d_.order_books.update(date_, change);
    book_stamp_ = std::filesystem::last_write_time(d_.order_books.path());
  }

  std::optional<Quote> quote(const std::string& ticker) {
    try {
      return d_.broker.quote(ticker);
    } catch (const core::NotFound& e) {
      spdlog::warn("daemon: {}", e.what());
      return std::nullopt;
    }
  }

  nlohmann::json executed_record(const std::string& ticker, const std::string& action,
                                 const OrderResult& r, const std::string& reason) {
    return {{"ticker", ticker},
            {"action", action},
            {"shares", r.filled_shares},
            {"fill_price", r.avg_price},
            {"client_order_id", r.client_order_id},
            {"trigger_reason", reason},
            {"executed_at", core::format_timestamp(r.time)}};
  }

  void urgent_exits(DaemonSummary& summary) {
    const auto exits = book().urgent_exits;
    for (const auto& x : exits) {
      if (x.status != core::OrderStatus::kPending) continue;
      const auto intent = nlohmann::json(x.signal).get<std::string>();
      Side side = x.signal == core::ExitAction::kCover ? Side::kBuy : Side::kSell;
      int shares = x.shares;
      if (side == Side::kSell) shares = std::min(shares, held(x.ticker));
      std::optional<OrderResult> fill;
      if (shares > 0) {
        TradeRecord note;
        note.exit_reason = x.reason;
        fill = execute(x.ticker, side, shares, intent, 3, std::nullopt, note);
      }
      update_book([&](core::OrderBook& b) {
        std::erase_if(b.urgent_exits, [&](const core::UrgentExit& u) {
          return u.ticker == x.ticker && u.signal == x.signal;
        });
        if (fill) {
          b.executed_today.push_back(executed_record(x.ticker, intent, *fill, x.reason));
          if (x.signal == core::ExitAction::kExit)
            std::erase_if(b.active_stops, [&](const auto& s) { return s.ticker == x.ticker; });
        }
      });
      if (fill) {
        ++summary.exits;
        if (x.signal == core::ExitAction::kExit) d_.broker.cancel_stop(x.ticker);
      }
    }
  }

  void stops(DaemonSummary& summary) {
    const auto stops = book().active_stops;
    std::vector<core::ActiveStop> ratchets;  // persisted together, once per minute
    for (auto stop : stops) {
      const int shares = held(stop.ticker);
      const auto q = shares > 0 ? quote(stop.ticker) : std::nullopt;
      bool changed = false, remove = shares <= 0;
      std::optional<std::pair<OrderResult, std::string>> fill;
      if (q) {
        changed = update_trail(stop, q->last, date_, d_.config);
        if (const auto exit = intraday_exit(stop, *q, shares, d_.config)) {
          TradeRecord note;
          note.exit_reason = exit->reason;
          const bool reduce = exit->action == core::ExitAction::kReduce;
          const auto intent = reduce ? std::string("PROFIT_TAKE") : std::string("STOP_EXIT");
          if (auto r =
                  execute(stop.ticker, Side::kSell, exit->shares, intent, 1, std::nullopt, note)) {
            fill = std::make_pair(*r, exit->reason);
            ++summary.exits;
            if (reduce) {
              stop.profit_take_executed = true;
              stop.shares = shares - r->filled_shares;
            }
            remove = stop.shares <= 0 || !reduce || r->filled_shares >= shares;
            if (remove) d_.broker.cancel_stop(stop.ticker);
            changed = true;
          }
        }
      }
      if (!changed && !remove) continue;
      if (!fill && !remove) {
        ratchets.push_back(stop);
        continue;
      }
      update_book([&](core::OrderBook& b) {
        for (auto& s : b.active_stops)
          if (s.ticker == stop.ticker) s = stop;
        if (remove)
          std::erase_if(b.active_stops, [&](const auto& s) { return s.ticker == stop.ticker; });
        if (fill)
          b.executed_today.push_back(
              executed_record(stop.ticker, fill->first.filled_shares < shares ? "REDUCE" : "EXIT",
                              fill->first, fill->second));
      });
    }
    if (ratchets.empty()) return;
    update_book([&](core::OrderBook& b) {
      for (auto& s : b.active_stops)
        for (const auto& r : ratchets)
          if (s.ticker == r.ticker) s = r;
    });
  }

  void entries(DaemonSummary& summary, int minute_of_day) {
    const auto pending = book().approved_entries;
    double nav = d_.broker.cash();
    for (const auto& p : d_.broker.positions()) nav += p.shares * p.avg_cost;
    for (const auto& e : pending) {
      if (e.status != core::OrderStatus::kPending) continue;
      const auto q = quote(e.ticker);
      if (!q) continue;
      const auto trigger = entry_trigger(e, *q, minute_of_day, d_.config);
      const bool restarted =
          d_.broker.find_order(client_order_id(date_, e.ticker, "ENTER")).has_value();
      if (!trigger && !restarted) continue;
      TradeRecord note;
      note.signal_price = e.current_price;
      note.trigger_type = trigger.value_or("restart");
      note.portfolio_nav_at_order = nav;
      const auto trail =
          e.atr_value ? std::optional<double>(
                            std::round(*e.atr_value * d_.config.stop_atr_multiple * 100) / 100)
                      : std::nullopt;
      const auto fill = execute(e.ticker, Side::kBuy, e.shares, "ENTER", 1, trail, note);
      update_book([&](core::OrderBook& b) {
        std::erase_if(b.approved_entries, [&](const auto& a) { return a.ticker == e.ticker; });
        if (!fill) {
          b.executed_today.push_back(
              {{"ticker", e.ticker}, {"action", "ENTER"}, {"status", "rejected"}});
          return;
        }
        b.executed_today.push_back(executed_record(e.ticker, "ENTER", *fill, *note.trigger_type));
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
              std::round((fill->avg_price - *e.atr_value * d_.config.stop_atr_multiple) * 100) /
              100;
        } else {
          stop.trail_atr = 0;
          stop.current_stop =
              std::round(fill->avg_price * (1 - d_.config.fallback_stop_pct) * 100) / 100;
        }
        std::erase_if(b.active_stops, [&](const auto& s) { return s.ticker == e.ticker; });
        b.active_stops.push_back(stop);
      });
      if (fill) ++summary.entries;
    }
  }

 private:
  core::Date date_;
  const DaemonDeps& d_;
  std::map<std::string, int> held_;
  std::optional<core::OrderBook> book_;
  std::filesystem::file_time_type book_stamp_;
};

bool past(const std::optional<core::Timestamp>& stop_at, core::Timestamp now) {
  return stop_at && now >= *stop_at;
}

}  // namespace

int sync_ledger_with_broker(core::Date date, Broker& broker, Ledger& ledger) {
  int recorded = 0;
  for (const auto& r : broker.orders(date)) {
    if (r.filled_shares <= 0 || ledger.has_trade(r.client_order_id)) continue;
    auto t = trade_from(r, broker);
    if (r.client_order_id.find("BROKER_TRAIL_STOP") != std::string::npos)
      t.exit_reason = "broker_trailing_stop";
    if (ledger.record_trade(t)) ++recorded;
  }
  return recorded;
}

DaemonSummary run_daemon(core::Date date, const DaemonDeps& d,
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
      write_health(d.store, "executor_daemon", core::HealthStatus::kDegraded, date, d.clock.now(),
                   {{"order_book", false}}, {"no order book for the day"}, std::nullopt);
      return summary;
    }
    d.clock.sleep_for(seconds(120));
  }
  summary.had_order_book = true;
  if (d.clock.now() < session.open) d.clock.sleep_until(session.open);
  Day day(date, d);
  summary.broker_fills += sync_ledger_with_broker(date, d.broker, d.ledger);
  day.refresh_positions();
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
    d.broker.poll();
    summary.broker_fills += sync_ledger_with_broker(date, d.broker, d.ledger);
    day.refresh_positions();
    day.stops(summary);
    const auto minute_of_day = static_cast<int>(core::new_york_time_of_day(minute).count());
    day.entries(summary, minute_of_day);
  }
  write_health(d.store, "executor_daemon", core::HealthStatus::kOk, date, d.clock.now(),
               {{"minutes", summary.minutes},
                {"entries", summary.entries},
                {"exits", summary.exits},
                {"broker_fills", summary.broker_fills}},
               {}, std::nullopt);
  return summary;
}

}  // namespace ae::executor
