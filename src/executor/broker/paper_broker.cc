#include "executor/broker/paper_broker.h"

#include <fmt/format.h>

#include <cmath>

#include "core/market_time.h"

namespace ae::executor {
namespace {

const std::vector<std::string> kMigrations = {
    R"(CREATE TABLE account(id INTEGER PRIMARY KEY CHECK(id = 1), cash REAL NOT NULL);
       CREATE TABLE positions(ticker TEXT PRIMARY KEY, shares INTEGER NOT NULL,
                              avg_cost REAL NOT NULL);
       CREATE TABLE orders(seq INTEGER PRIMARY KEY, client_order_id TEXT NOT NULL UNIQUE,
                           date TEXT NOT NULL, ticker TEXT NOT NULL, side TEXT NOT NULL,
                           requested INTEGER NOT NULL, filled INTEGER NOT NULL,
                           avg_price REAL NOT NULL, commission REAL NOT NULL,
                           status TEXT NOT NULL, reason TEXT NOT NULL, time TEXT NOT NULL);
       CREATE TABLE stops(ticker TEXT PRIMARY KEY, trail REAL NOT NULL, high_water REAL NOT NULL);)"};

OrderResult read_order(const core::Statement& s) {
  OrderResult r;
  r.client_order_id = s.column_text(0);
  r.date = core::parse_date(s.column_text(1));
  r.ticker = s.column_text(2);
  r.side = s.column_text(3) == "BUY" ? Side::kBuy : Side::kSell;
  r.requested_shares = static_cast<int>(s.column_int(4));
  r.filled_shares = static_cast<int>(s.column_int(5));
  r.avg_price = s.column_double(6);
  r.commission = s.column_double(7);
  r.status = core::parse_order_status(s.column_text(8)).value_or(core::OrderStatus::kRejected);
  r.reason = s.column_text(9);
  r.time = core::parse_timestamp(s.column_text(10));
  return r;
}

constexpr const char* kOrderColumns =
    "client_order_id, date, ticker, side, requested, filled, avg_price, commission, status, "
    "reason, time";

}  // namespace

PaperBroker::PaperBroker(const std::filesystem::path& database, double initial_cash,
                         core::Clock& clock, MinutePriceSource& prices, ExecutionModels models)
    : db_((std::filesystem::create_directories(database.parent_path()), database),
          core::Durability::kNormal),
      clock_(clock),
      prices_(prices),
      models_(std::move(models)) {
  db_.migrate(kMigrations);
  db_.prepare("INSERT OR IGNORE INTO account(id, cash) VALUES(1, ?)").bind(1, initial_cash).run();
  {
    auto s = db_.prepare("SELECT cash FROM account WHERE id = 1");
    s.step();
    account_.cash = s.column_double(0);
  }
  {
    auto s = db_.prepare("SELECT ticker, shares, avg_cost FROM positions");
    while (s.step())
      account_.positions[s.column_text(0)] = {s.column_text(0), static_cast<int>(s.column_int(1)),
                                              s.column_double(2)};
  }
  auto s = db_.prepare("SELECT ticker, trail, high_water FROM stops");
  while (s.step()) account_.stops[s.column_text(0)] = {s.column_double(1), s.column_double(2)};
}

double PaperBroker::cash() { return account_.cash; }

std::vector<BrokerPosition> PaperBroker::positions() {
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

std::optional<OrderResult> PaperBroker::find_order(const std::string& id) {
  auto s = statements_.use(std::string("SELECT ") + kOrderColumns +
                           " FROM orders WHERE client_order_id = ?");
  s->bind(1, id);
  if (!s->step()) return std::nullopt;
  return read_order(*s);
}

std::vector<OrderResult> PaperBroker::orders(core::Date date) {
  std::vector<OrderResult> out;
  auto s = db_.prepare(std::string("SELECT ") + kOrderColumns +
                       " FROM orders WHERE date = ? ORDER BY seq");
  s.bind(1, core::format_date(date));
  while (s.step()) out.push_back(read_order(s));
  return out;
}

void PaperBroker::store_order(const OrderResult& r) {
  auto s = statements_.use(std::string("INSERT INTO orders(") + kOrderColumns +
                           ") VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  s->bind(1, r.client_order_id).bind(2, core::format_date(r.date)).bind(3, r.ticker);
  s->bind(4, to_string(r.side)).bind(5, r.requested_shares).bind(6, r.filled_shares);
  s->bind(7, r.avg_price).bind(8, r.commission).bind(9, to_string(r.status)).bind(10, r.reason);
  s->bind(11, core::format_timestamp(r.time));
  s->run();
}

OrderResult PaperBroker::execute(const OrderRequest& request, core::Date date, Account& next) {
  OrderResult r;
  r.client_order_id = request.client_order_id;
  r.date = date;
  r.ticker = request.ticker;
  r.side = request.side;
  r.requested_shares = request.shares;
  r.time = clock_.now();
  const auto state = prices_.at(request.ticker, r.time);
  const auto position = next.positions.find(request.ticker);
  const int held = position == next.positions.end() ? 0 : position->second.shares;
  if (request.shares <= 0) {
    r.reason = "non-positive quantity";
  } else if (!state || !std::isfinite(state->last) || state->last <= 0) {
    r.reason = "no price";
  } else if (request.side == Side::kSell && request.shares > held) {
    r.reason = fmt::format("sell {} exceeds position {}", request.shares, held);
  } else {
    const auto priced = price_market_order(models_, request.side, request.shares, state->last,
                                           Liquidity{state->bar_volume, state->daily_volatility});
    const int fill = priced.shares;
    if (fill == 0) {
      r.reason = "no volume";
    } else {
      const double price = priced.price;
      const double fee = priced.commission;
      const double notional = fill * price;
      if (request.side == Side::kBuy && notional + fee > next.cash) {
        r.reason = fmt::format("insufficient cash {:.2f} for {:.2f}", next.cash, notional + fee);
      } else {
        r.filled_shares = fill;
        r.avg_price = price;
        r.commission = fee;
        r.status = fill < request.shares ? core::OrderStatus::kPartiallyFilled
                                         : core::OrderStatus::kFilled;
        if (fill < request.shares) r.reason = "capped by volume share";
        next.cash += (request.side == Side::kBuy ? -notional : notional) - fee;
        statements_.use("UPDATE account SET cash = ? WHERE id = 1")->bind(1, next.cash).run();
        if (request.side == Side::kBuy) {
          auto& p = next.positions[request.ticker];
          p.ticker = request.ticker;
          p.avg_cost = (p.avg_cost * p.shares + price * fill) / (p.shares + fill);
          p.shares += fill;
          statements_
              .use("INSERT OR REPLACE INTO positions(ticker, shares, avg_cost) VALUES(?, ?, ?)")
              ->bind(1, request.ticker)
              .bind(2, p.shares)
              .bind(3, p.avg_cost)
              .run();
          if (request.trailing_stop_amount && *request.trailing_stop_amount > 0) {
            next.stops[request.ticker] = {*request.trailing_stop_amount, state->last};
            statements_
                .use("INSERT OR REPLACE INTO stops(ticker, trail, high_water) VALUES(?, ?, ?)")
                ->bind(1, request.ticker)
                .bind(2, *request.trailing_stop_amount)
                .bind(3, state->last)
                .run();
          }
        } else if (fill == held) {
          next.positions.erase(request.ticker);
          next.stops.erase(request.ticker);
          statements_.use("DELETE FROM positions WHERE ticker = ?")->bind(1, request.ticker).run();
          statements_.use("DELETE FROM stops WHERE ticker = ?")->bind(1, request.ticker).run();
        } else {
          auto& p = next.positions[request.ticker];
          p.shares -= fill;
          statements_.use("UPDATE positions SET shares = ? WHERE ticker = ?")
              ->bind(1, p.shares)
              .bind(2, request.ticker)
              .run();
        }
      }
    }
  }
  store_order(r);
  return r;
}

OrderResult PaperBroker::place(const OrderRequest& request) {
  core::Transaction tx(db_);
  if (find_order(request.client_order_id))
    throw DuplicateOrderError("duplicate client order id " + request.client_order_id);
  Account next = account_;
  auto result = execute(request, core::new_york_date(clock_.now()), next);
  tx.commit();
  account_ = std::move(next);
  return result;
}

bool PaperBroker::cancel_stop(const std::string& ticker) {
  if (!account_.stops.count(ticker)) return false;
  statements_.use("DELETE FROM stops WHERE ticker = ?")->bind(1, ticker).run();
  account_.stops.erase(ticker);
  return true;
}

std::vector<OrderResult> PaperBroker::poll() {
  const auto now = clock_.now();
  std::map<std::string, double> raised;  // new high-water marks
  std::vector<std::string> triggered;
  for (const auto& [ticker, stop] : account_.stops) {
    const auto state = prices_.at(ticker, now);
    if (!state) continue;
    const double high = std::max(stop.high_water, state->last);
    if (high > stop.high_water) raised[ticker] = high;
    if (state->last <= high - stop.trail) triggered.push_back(ticker);
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
  std::vector<OrderResult> fills;
  const auto date = core::new_york_date(now);
  for (const auto& ticker : triggered) {
    const auto position = account_.positions.find(ticker);
    const auto id = client_order_id(date, ticker, "BROKER_TRAIL_STOP");
    if (position == account_.positions.end() || position->second.shares <= 0 || find_order(id))
      continue;
    fills.push_back(place({id, ticker, Side::kSell, position->second.shares, std::nullopt}));
  }
  return fills;
}

}  // namespace ae::executor
