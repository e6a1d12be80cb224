#include "executor/broker/paper_broker.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>

#include "core/market_time.h"
#include "executor/broker/order_row.h"

namespace ae::executor {
namespace {

const std::vector<std::string> kPaperBrokerMigrations = {
    std::string(kBookTablesSql) +
        R"(CREATE TABLE orders(seq INTEGER PRIMARY KEY, client_order_id TEXT NOT NULL UNIQUE,
                               date TEXT NOT NULL, ticker TEXT NOT NULL, side TEXT NOT NULL,
                               requested INTEGER NOT NULL, filled INTEGER NOT NULL,
                               avg_price REAL NOT NULL, commission REAL NOT NULL,
                               status TEXT NOT NULL, reason TEXT NOT NULL, time TEXT NOT NULL);)",
    // Limit orders, time in force and resting orders.
    R"(ALTER TABLE orders ADD COLUMN leaves INTEGER NOT NULL DEFAULT 0;
       ALTER TABLE orders ADD COLUMN order_type TEXT NOT NULL DEFAULT 'MARKET';
       ALTER TABLE orders ADD COLUMN limit_price REAL NOT NULL DEFAULT 0;
       ALTER TABLE orders ADD COLUMN time_in_force TEXT NOT NULL DEFAULT 'DAY';
       ALTER TABLE orders ADD COLUMN trail REAL;)"};

// A limit order takes a priced fill at or better than its limit.
bool within_limit(const OrderResult& order, double price) {
  if (order.type == OrderType::kMarket) return true;
  return order.side == Side::kBuy ? price <= order.limit_price : price >= order.limit_price;
}

}  // namespace

PaperBroker::PaperBroker(const std::filesystem::path& database, double initial_cash,
                         core::Clock& clock, MinutePriceSource& prices, ExecutionModels models)
    : db_((std::filesystem::create_directories(database.parent_path()), database),
          core::Durability::kNormal),
      clock_(clock),
      prices_(prices),
      models_(std::move(models)) {
  db_.migrate(kPaperBrokerMigrations);
  db_.prepare("INSERT OR IGNORE INTO account(id, cash) VALUES(1, ?)").bind(1, initial_cash).run();
  auto s = db_.prepare("SELECT client_order_id FROM orders WHERE leaves > 0");
  while (s.step()) working_.insert(s.column_text(0));
}

void PaperBroker::load_account() {
  Account account;
  auto cash = statements_.use("SELECT cash FROM account WHERE id = 1");
  cash->step();
  account.cash = cash->column_double(0);
  auto positions = statements_.use("SELECT ticker, shares, avg_cost FROM positions");
  while (positions->step())
    account.positions[positions->column_text(0)] = {positions->column_text(0),
                                                    static_cast<int>(positions->column_int(1)),
                                                    positions->column_double(2)};
  auto stops = statements_.use("SELECT ticker, trail, high_water FROM stops");
  while (stops->step())
    account.stops[stops->column_text(0)] = {stops->column_double(1), stops->column_double(2)};
  account_ = std::move(account);
}

double PaperBroker::cash() {
  load_account();
  return account_.cash;
}

std::vector<BrokerPosition> PaperBroker::positions() {
  load_account();
  std::vector<BrokerPosition> out;
  out.reserve(account_.positions.size());
  for (const auto& [ticker, position] : account_.positions) out.push_back(position);
  return out;
}

Quote PaperBroker::quote(const std::string& ticker) {
  const auto state = prices_.at(ticker, clock_.now());
  if (!state || !std::isfinite(state->last) || state->last <= 0)
    throw core::NotFound(fmt::format("paper broker: no price for {} at {}", ticker,
                                     core::format_timestamp(clock_.now())));
  return {ticker, state->last, state->day_high, state->day_low, state->day_open, state->bar_volume};
}

std::optional<OrderResult> PaperBroker::order_status(const std::string& id) {
  auto s = statements_.use(std::string("SELECT ") + kOrderRowColumns +
                           " FROM orders WHERE client_order_id = ?");
  s->bind(1, id);
  if (!s->step()) return std::nullopt;
  return read_order_row(*s);
}

OrderResult PaperBroker::wait_done(const std::string& id, std::chrono::milliseconds) {
  auto order = order_status(id);
  if (!order) throw core::NotFound("paper broker: no order " + id);
  return *order;
}

std::optional<double> PaperBroker::trail_of(const std::string& id) {
  auto s = statements_.use("SELECT trail FROM orders WHERE client_order_id = ?");
  s->bind(1, id);
  if (!s->step() || s->is_null(0)) return std::nullopt;
  return s->column_double(0);
}

std::vector<OrderResult> PaperBroker::orders(core::Date date) {
  std::vector<OrderResult> out;
  auto s = db_.prepare(std::string("SELECT ") + kOrderRowColumns +
                       " FROM orders WHERE date = ? ORDER BY seq");
  s.bind(1, core::format_date(date));
  while (s.step()) out.push_back(read_order_row(s));
  return out;
}

void PaperBroker::store_order(const OrderResult& r, std::optional<double> trail) {
  auto s = statements_.use(std::string("INSERT INTO orders(") + kOrderRowColumns +
                           ", trail) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s->bind(1, r.client_order_id).bind(2, core::format_date(r.date)).bind(3, r.ticker);
  s->bind(4, to_string(r.side)).bind(5, r.requested_shares).bind(6, r.filled_shares);
  s->bind(7, r.avg_price).bind(8, r.commission).bind(9, to_string(r.status)).bind(10, r.reason);
  s->bind(11, core::format_timestamp(r.time)).bind(12, r.leaves_shares);
  s->bind(13, to_string(r.type)).bind(14, r.limit_price).bind(15, to_string(r.time_in_force));
  if (trail)
    s->bind(16, *trail);
  else
    s->bind_null(16);
  s->run();
}

void PaperBroker::update_order(const OrderResult& r) {
  statements_
      .use(
          "UPDATE orders SET filled = ?, avg_price = ?, commission = ?, status = ?, reason = ?, "
          "time = ?, leaves = ? WHERE client_order_id = ?")
      ->bind(1, r.filled_shares)
      .bind(2, r.avg_price)
      .bind(3, r.commission)
      .bind(4, to_string(r.status))
      .bind(5, r.reason)
      .bind(6, core::format_timestamp(r.time))
      .bind(7, r.leaves_shares)
      .bind(8, r.client_order_id)
      .run();
}

void PaperBroker::report(const OrderResult& order, ExecType type, int last_shares,
                         double last_price, double commission, const std::string& orig) {
  ExecutionReport e;
  e.exec_id = fmt::format("paper-{}", ++report_seq_);
  e.client_order_id = order.client_order_id;
  e.orig_client_order_id = orig;
  e.type = type;
  e.status = order.status;
  e.ticker = order.ticker;
  e.side = order.side;
  e.last_shares = last_shares;
  e.last_price = last_price;
  e.cum_shares = order.filled_shares;
  e.avg_price = order.avg_price;
  e.leaves_shares = order.leaves_shares;
  e.commission = commission;
  e.text = order.reason;
  e.time = order.time;
  reports_.push_back(std::move(e));
}

void PaperBroker::execute(OrderResult& r, std::optional<double> trail, Account& next) {
  r.time = clock_.now();
  const auto state = prices_.at(r.ticker, r.time);
  const auto position = next.positions.find(r.ticker);
  const int held = position == next.positions.end() ? 0 : position->second.shares;
  const int wanted = r.leaves_shares;
  const bool resting = r.status == core::OrderStatus::kNew && r.reason == "resting";
  auto done = [&](core::OrderStatus status, std::string reason) {
    r.status = status;
    r.reason = std::move(reason);
    r.leaves_shares = 0;
  };
  if (wanted <= 0) {
    done(core::OrderStatus::kRejected, "non-positive quantity");
    return;
  }
  if (!state || !std::isfinite(state->last) || state->last <= 0) {
    if (!resting) done(core::OrderStatus::kRejected, "no price");
    return;
  }
  if (r.side == Side::kSell && wanted > held) {
    done(core::OrderStatus::kRejected, fmt::format("sell {} exceeds position {}", wanted, held));
    return;
  }
  const auto priced = price_market_order(models_, r.side, wanted, state->last,
                                         Liquidity{state->bar_volume, state->daily_volatility});
  const int fill = priced.shares;
  if (fill == 0) {
    if (!resting) done(core::OrderStatus::kRejected, "no volume");
    return;
  }
  if (!within_limit(r, priced.price)) {
    if (r.time_in_force == TimeInForce::kIoc)
      done(core::OrderStatus::kCanceled, "limit not marketable");
    else
      r.reason = "resting";
    return;
  }
  const double price = priced.price;
  const double fee = priced.commission;
  const double notional = fill * price;
  if (r.side == Side::kBuy && notional + fee > next.cash) {
    done(core::OrderStatus::kRejected,
         fmt::format("insufficient cash {:.2f} for {:.2f}", next.cash, notional + fee));
    return;
  }
  r.avg_price = r.filled_shares == 0
                    ? price
                    : (r.avg_price * r.filled_shares + price * fill) / (r.filled_shares + fill);
  r.filled_shares += fill;
  r.commission += fee;
  r.status = fill < wanted ? core::OrderStatus::kPartiallyFilled : core::OrderStatus::kFilled;
  r.reason = fill < wanted ? "capped by volume share" : "";
  r.leaves_shares = 0;  // a volume-capped remainder is not worked
  settle_shares(r.side, r.ticker, fill, price, fee, next);
  if (r.side == Side::kBuy && trail && *trail > 0) {
    next.stops[r.ticker] = {*trail, state->last};
    statements_.use("INSERT OR REPLACE INTO stops(ticker, trail, high_water) VALUES(?, ?, ?)")
        ->bind(1, r.ticker)
        .bind(2, *trail)
        .bind(3, state->last)
        .run();
  }
}

void PaperBroker::settle_shares(Side side, const std::string& ticker, int shares, double price,
                                double fee, Account& next) {
  const double notional = shares * price;
  next.cash += (side == Side::kBuy ? -notional : notional) - fee;
  statements_.use("UPDATE account SET cash = ? WHERE id = 1")->bind(1, next.cash).run();
  auto& p = next.positions[ticker];
  if (side == Side::kBuy) {
    p.ticker = ticker;
    p.avg_cost = (p.avg_cost * p.shares + price * shares) / (p.shares + shares);
    p.shares += shares;
    statements_.use("INSERT OR REPLACE INTO positions(ticker, shares, avg_cost) VALUES(?, ?, ?)")
        ->bind(1, ticker)
        .bind(2, p.shares)
        .bind(3, p.avg_cost)
        .run();
  } else if (shares == p.shares) {
    next.positions.erase(ticker);
    next.stops.erase(ticker);
    statements_.use("DELETE FROM positions WHERE ticker = ?")->bind(1, ticker).run();
    statements_.use("DELETE FROM stops WHERE ticker = ?")->bind(1, ticker).run();
  } else {
    p.shares -= shares;
    statements_.use("UPDATE positions SET shares = ? WHERE ticker = ?")
        ->bind(1, p.shares)
        .bind(2, ticker)
        .run();
  }
}

OrderResult PaperBroker::book_corporate_action(const CorporateActionLeg& leg) {
  core::Transaction tx(db_);
  load_account();
  if (order_status(leg.client_order_id))
    throw DuplicateOrderError("duplicate client order id " + leg.client_order_id);
  const auto position = account_.positions.find(leg.ticker);
  const int held = position == account_.positions.end() ? 0 : position->second.shares;
  if (leg.shares <= 0 || (leg.side == Side::kSell && leg.shares > held))
    throw core::InvalidInput(fmt::format("paper broker: corporate action {} moves {} {} (held {})",
                                         leg.client_order_id, leg.shares, leg.ticker, held));
  OrderRequest request;
  request.client_order_id = leg.client_order_id;
  request.ticker = leg.ticker;
  request.side = leg.side;
  request.shares = leg.shares;
  OrderResult r = opened_order(request, leg.shares, clock_.now());
  r.date = leg.date;
  r.filled_shares = leg.shares;
  r.avg_price = leg.price;
  r.status = core::OrderStatus::kFilled;
  r.reason = leg.reason;
  r.leaves_shares = 0;
  Account next = account_;
  settle_shares(leg.side, leg.ticker, leg.shares, leg.price, 0.0, next);
  store_order(r, std::nullopt);
  tx.commit();
  account_ = std::move(next);
  return r;
}

// The reports of one execution: what `order` became after `before`.
namespace {
ExecType exec_type_of(const OrderResult& order) {
  switch (order.status) {
    case core::OrderStatus::kFilled:
      return ExecType::kFill;
    case core::OrderStatus::kPartiallyFilled:
      return ExecType::kPartialFill;
    case core::OrderStatus::kRejected:
      return ExecType::kRejected;
    case core::OrderStatus::kCanceled:
      return ExecType::kCanceled;
    case core::OrderStatus::kExpired:
      return ExecType::kExpired;
    case core::OrderStatus::kNew:
      return ExecType::kNew;
  }
  return ExecType::kNew;
}
}  // namespace

OrderResult PaperBroker::open_order(const OrderRequest& request, int shares) {
  auto r = opened_order(request, shares, clock_.now());
  Account next = account_;
  execute(r, request.trailing_stop_amount, next);
  store_order(r, request.trailing_stop_amount);
  return (account_ = std::move(next), r);
}

OrderResult PaperBroker::submit(const OrderRequest& request) {
  core::Transaction tx(db_);
  load_account();
  if (order_status(request.client_order_id))
    throw DuplicateOrderError("duplicate client order id " + request.client_order_id);
  const Account before = account_;
  OrderResult result;
  try {
    result = open_order(request, request.shares);
    tx.commit();
  } catch (...) {
    account_ = before;
    throw;
  }
  if (is_working(result)) working_.insert(result.client_order_id);
  return result;
}

void PaperBroker::cancel(const std::string& id) {
  auto order = order_status(id);
  if (!order) throw core::NotFound("paper broker: cancel of unknown order " + id);
  if (!is_working(*order)) {
    spdlog::warn("paper broker: cancel of {} refused: the order is {}", id,
                 core::to_string(order->status));
    return;
  }
  order->status = core::OrderStatus::kCanceled;
  order->reason = "canceled";
  order->leaves_shares = 0;
  order->time = clock_.now();
  update_order(*order);
  working_.erase(id);
  report(*order, ExecType::kCanceled, 0, 0, 0);
}

void PaperBroker::replace(const std::string& id, const OrderRequest& replacement) {
  core::Transaction tx(db_);
  auto order = order_status(id);
  if (!order) throw core::NotFound("paper broker: replace of unknown order " + id);
  if (order_status(replacement.client_order_id))
    throw DuplicateOrderError("duplicate client order id " + replacement.client_order_id);
  if (!is_working(*order)) {
    spdlog::warn("paper broker: replace of {} refused: the order is {}", id,
                 core::to_string(order->status));
    return;
  }
  if (replacement.ticker != order->ticker || replacement.side != order->side)
    throw core::InvalidInput(
        fmt::format("paper broker: replace of {} may not change the ticker or the side", id));
  order->status = core::OrderStatus::kCanceled;
  order->reason = "replaced by " + replacement.client_order_id;
  order->leaves_shares = 0;
  order->time = clock_.now();
  update_order(*order);
  load_account();
  const Account before = account_;
  OrderResult next;
  try {
    next = open_order(replacement, replacement.shares - order->filled_shares);
    tx.commit();
  } catch (...) {
    account_ = before;
    throw;
  }
  working_.erase(id);
  if (is_working(next)) working_.insert(next.client_order_id);
  report(next, ExecType::kReplaced, 0, 0, 0, id);
  if (next.status != core::OrderStatus::kNew)
    report(next, exec_type_of(next), next.filled_shares, next.avg_price, next.commission);
}

bool PaperBroker::cancel_stop(const std::string& ticker) {
  load_account();
  if (!account_.stops.count(ticker)) return false;
  statements_.use("DELETE FROM stops WHERE ticker = ?")->bind(1, ticker).run();
  account_.stops.erase(ticker);
  return true;
}

std::vector<ExecutionReport> PaperBroker::poll() {
  const auto now = clock_.now();
  load_account();
  std::map<std::string, double> raised;  // new high-water marks
  std::vector<std::string> triggered;
  for (const auto& [ticker, stop] : account_.stops) {
    const auto state = prices_.at(ticker, now);
    if (!state) continue;
    const auto step = step_trailing_stop(stop, state->last);
    if (step.raised) raised[ticker] = step.high_water;
    if (step.triggered) triggered.push_back(ticker);
  }
  if (!raised.empty()) {
    core::Transaction tx(db_);
    for (const auto& [ticker, high] : raised)
      statements_.use("UPDATE stops SET high_water = ? WHERE ticker = ?")
          ->bind(1, high)
          .bind(2, ticker)
          .run();
    tx.commit();
    for (const auto& [ticker, high] : raised) account_.stops[ticker].high_water = high;
  }
  const auto date = core::new_york_date(now);
  for (const auto& ticker : triggered) {
    const auto position = account_.positions.find(ticker);
    const auto id = client_order_id(date, ticker, "BROKER_TRAIL_STOP");
    if (position == account_.positions.end() || position->second.shares <= 0 || order_status(id))
      continue;
    const auto fill = submit({id, ticker, Side::kSell, position->second.shares, std::nullopt});
    report(fill, exec_type_of(fill), fill.filled_shares, fill.avg_price, fill.commission);
  }
  const auto resting = working_;
  for (const auto& id : resting) {
    auto order = order_status(id);
    if (!order || !is_working(*order)) continue;
    if (order->time_in_force == TimeInForce::kDay && order->date < date) {
      order->status = core::OrderStatus::kExpired;
      order->reason = "day order expired";
      order->leaves_shares = 0;
      order->time = now;
      update_order(*order);
      working_.erase(id);
      report(*order, ExecType::kExpired, 0, 0, 0);
      continue;
    }
    core::Transaction tx(db_);
    load_account();
    Account next = account_;
    execute(*order, trail_of(id), next);
    if (order->reason == "resting") continue;  // not marketable this minute
    update_order(*order);
    tx.commit();
    account_ = std::move(next);
    working_.erase(id);
    report(*order, exec_type_of(*order), order->filled_shares, order->avg_price, order->commission);
  }
  return std::exchange(reports_, {});
}

}  // namespace ae::executor
