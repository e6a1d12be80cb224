#include "executor/paper_broker.h"

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

OrderStatus status_from(const std::string& text) {
  if (text == "Filled") return OrderStatus::kFilled;
  if (text == "PartialFill") return OrderStatus::kPartialFill;
  return OrderStatus::kRejected;
}

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
  r.status = status_from(s.column_text(8));
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
}

double PaperBroker::cash() {
  auto s = db_.prepare("SELECT cash FROM account WHERE id = 1");
  s.step();
  return s.column_double(0);
}

std::vector<BrokerPosition> PaperBroker::positions() {
  std::vector<BrokerPosition> out;
  auto s = db_.prepare("SELECT ticker, shares, avg_cost FROM positions ORDER BY ticker");
  while (s.step())
    out.push_back({s.column_text(0), static_cast<int>(s.column_int(1)), s.column_double(2)});
  return out;
}

int PaperBroker::held_shares(const std::string& ticker) {
  auto s = db_.prepare("SELECT shares FROM positions WHERE ticker = ?");
  s.bind(1, ticker);
  return s.step() ? static_cast<int>(s.column_int(0)) : 0;
}

Quote PaperBroker::quote(const std::string& ticker) {
  const auto state = prices_.at(ticker, clock_.now());
  if (!state || !std::isfinite(state->last) || state->last <= 0)
    throw core::NotFound(fmt::format("paper broker: no price for {} at {}", ticker,
                                     core::format_timestamp(clock_.now())));
  return {ticker, state->last, state->day_high, state->day_low, state->day_open, state->bar_volume};
}

std::optional<OrderResult> PaperBroker::find_order(const std::string& id) {
  auto s = db_.prepare(std::string("SELECT ") + kOrderColumns +
                       " FROM orders WHERE client_order_id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_order(s);
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
  auto s = db_.prepare(std::string("INSERT INTO orders(") + kOrderColumns +
                       ") VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, r.client_order_id).bind(2, core::format_date(r.date)).bind(3, r.ticker);
  s.bind(4, to_string(r.side)).bind(5, r.requested_shares).bind(6, r.filled_shares);
  s.bind(7, r.avg_price).bind(8, r.commission).bind(9, to_string(r.status)).bind(10, r.reason);
  s.bind(11, core::format_timestamp(r.time));
  s.run();
}

OrderResult PaperBroker::execute(const OrderRequest& request, core::Date date) {
  OrderResult r;
  r.client_order_id = request.client_order_id;
  r.date = date;
  r.ticker = request.ticker;
  r.side = request.side;
  r.requested_shares = request.shares;
  r.time = clock_.now();
  const auto state = prices_.at(request.ticker, r.time);
  const int held = held_shares(request.ticker);
  if (request.shares <= 0) {
    r.reason = "non-positive quantity";
  } else if (!state || !std::isfinite(state->last) || state->last <= 0) {
    r.reason = "no price";
  } else if (request.side == Side::kSell && request.shares > held) {
    r.reason = fmt::format("sell {} exceeds position {}", request.shares, held);
  } else {
    const int fill = models_.fill->fillable_shares(request.shares, state->bar_volume);
    if (fill == 0) {
      r.reason = "no volume";
    } else {
      const double slip =
          models_.slippage->slippage(state->last, request.side, fill, state->bar_volume);
      double price = request.side == Side::kBuy ? state->last + slip : state->last - slip;
      price = std::round(price * 10000) / 10000;
      const double fee = std::round(models_.commission->commission(fill, price) * 100) / 100;
      const double notional = fill * price;
      const double cash_now = cash();
      if (request.side == Side::kBuy && notional + fee > cash_now) {
        r.reason = fmt::format("insufficient cash {:.2f} for {:.2f}", cash_now, notional + fee);
      } else {
        r.filled_shares = fill;
        r.avg_price = price;
        r.commission = fee;
        r.status = fill < request.shares ? OrderStatus::kPartialFill : OrderStatus::kFilled;
        if (fill < request.shares) r.reason = "capped by volume share";
        const double delta_cash = (request.side == Side::kBuy ? -notional : notional) - fee;
        db_.prepare("UPDATE account SET cash = cash + ? WHERE id = 1").bind(1, delta_cash).run();
        if (request.side == Side::kBuy) {
          auto s = db_.prepare(
              "INSERT INTO positions(ticker, shares, avg_cost) VALUES(?, ?, ?) ON CONFLICT(ticker) "
              "DO UPDATE SET avg_cost = (avg_cost * shares + excluded.avg_cost * excluded.shares) "
              "/ (shares + excluded.shares), shares = shares + excluded.shares");
          s.bind(1, request.ticker).bind(2, fill).bind(3, price).run();
          if (request.trailing_stop_amount && *request.trailing_stop_amount > 0) {
            db_.prepare("INSERT OR REPLACE INTO stops(ticker, trail, high_water) VALUES(?, ?, ?)")
                .bind(1, request.ticker)
                .bind(2, *request.trailing_stop_amount)
                .bind(3, state->last)
                .run();
          }
        } else if (fill == held) {
          db_.prepare("DELETE FROM positions WHERE ticker = ?").bind(1, request.ticker).run();
          db_.prepare("DELETE FROM stops WHERE ticker = ?").bind(1, request.ticker).run();
        } else {
          db_.prepare("UPDATE positions SET shares = shares - ? WHERE ticker = ?")
              .bind(1, fill)
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
  auto result = execute(request, core::new_york_date(clock_.now()));
  tx.commit();
  return result;
}

bool PaperBroker::cancel_stop(const std::string& ticker) {
  db_.prepare("DELETE FROM stops WHERE ticker = ?").bind(1, ticker).run();
  return db_.changes() > 0;
}

std::vector<OrderResult> PaperBroker::poll() {
  std::vector<OrderResult> fills;
  struct Stop {
    std::string ticker;
    double trail, high_water;
  };
  std::vector<Stop> stops;
  {
    auto s = db_.prepare("SELECT ticker, trail, high_water FROM stops ORDER BY ticker");
    while (s.step()) stops.push_back({s.column_text(0), s.column_double(1), s.column_double(2)});
  }
  const auto now = clock_.now();
  const auto date = core::new_york_date(now);
  for (const auto& stop : stops) {
    const auto state = prices_.at(stop.ticker, now);
    if (!state) continue;
    const double high = std::max(stop.high_water, state->last);
    if (high > stop.high_water)
      db_.prepare("UPDATE stops SET high_water = ? WHERE ticker = ?")
          .bind(1, high)
          .bind(2, stop.ticker)
          .run();
    if (state->last > high - stop.trail) continue;
    const int held = held_shares(stop.ticker);
    const auto id = client_order_id(date, stop.ticker, "BROKER_TRAIL_STOP");
    if (held <= 0 || find_order(id)) continue;
    fills.push_back(place({id, stop.ticker, Side::kSell, held, std::nullopt}));
  }
  return fills;
}

}  // namespace ae::executor
