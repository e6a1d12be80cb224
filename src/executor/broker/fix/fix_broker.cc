#include "executor/broker/fix/fix_broker.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>

#include "core/market_time.h"
#include "core/sqlite.h"
#include "executor/broker/fix/fix_codec.h"
#include "executor/broker/fix/session_metrics.h"
#include "executor/broker/order_row.h"
#include "executor/broker/trailing_stop.h"

namespace ae::executor {
namespace {

const std::vector<std::string> kFixBrokerMigrations = {
    std::string(kBookTablesSql) +
    R"(CREATE TABLE orders(seq INTEGER PRIMARY KEY, client_order_id TEXT NOT NULL UNIQUE,
                           date TEXT NOT NULL, ticker TEXT NOT NULL, side TEXT NOT NULL,
                           requested INTEGER NOT NULL, filled INTEGER NOT NULL,
                           avg_price REAL NOT NULL, commission REAL NOT NULL,
                           status TEXT NOT NULL, reason TEXT NOT NULL, time TEXT NOT NULL,
                           leaves INTEGER NOT NULL, order_type TEXT NOT NULL,
                           limit_price REAL NOT NULL, time_in_force TEXT NOT NULL, trail REAL,
                           carried INTEGER NOT NULL DEFAULT 0,
                           carried_notional REAL NOT NULL DEFAULT 0,
                           carried_commission REAL NOT NULL DEFAULT 0);
       CREATE TABLE executions(exec_id TEXT PRIMARY KEY, client_order_id TEXT NOT NULL,
                               exec_type TEXT NOT NULL, cum INTEGER NOT NULL,
                               avg_price REAL NOT NULL, time TEXT NOT NULL);)"};

// The order row's columns, then what the FIX book adds.
const std::string kColumns =
    std::string(kOrderRowColumns) + ", trail, carried, carried_notional, carried_commission";

// An order row: the venue's cumulative view plus what a replaced
// predecessor had filled (carried), which the row's OrderResult leaves out.
struct Row {
  OrderResult order;  // cumulative over the replace chain
  std::optional<double> trail;
  int carried = 0;
  double carried_notional = 0;
  double carried_commission = 0;

  OrderResult own() const {
    OrderResult r = order;
    r.requested_shares -= carried;
    r.filled_shares -= carried;
    r.commission -= carried_commission;
    r.avg_price = r.filled_shares > 0
                      ? (order.avg_price * order.filled_shares - carried_notional) / r.filled_shares
                      : 0;
    if (carried == 0) r.avg_price = r.filled_shares > 0 ? order.avg_price : 0;
    return r;
  }
};

Row read_row(const core::Statement& s) {
  Row row;
  row.order = read_order_row(s);
  if (!s.is_null(15)) row.trail = s.column_double(15);
  row.carried = static_cast<int>(s.column_int(16));
  row.carried_notional = s.column_double(17);
  row.carried_commission = s.column_double(18);
  return row;
}

}  // namespace

class FixBroker::Session final : public FIX::Application {
 public:
  Session(const FixSessionConfig& config, const std::filesystem::path& folder, double initial_cash,
          core::Clock& clock, MinutePriceSource& prices, core::MetricSink* metrics)
      : config_(config),
        folder_(folder),
        db_((std::filesystem::create_directories(folder), folder / "orders.db"),
            core::Durability::kFull),
        clock_(clock),
        prices_(prices),
        metrics_(metrics) {
    db_.migrate(kFixBrokerMigrations);
    db_.prepare("INSERT OR IGNORE INTO account(id, cash) VALUES(1, ?)").bind(1, initial_cash).run();
  }

  ~Session() override { stop(); }

  void start() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = false;
    }
    settings_ = fix::initiator_settings(config_, folder_);
    store_ = std::make_unique<FIX::FileStoreFactory>(settings_);
    log_ = std::make_unique<FIX::FileLogFactory>(settings_);
    initiator_ = std::make_unique<FIX::ThreadedSocketInitiator>(*this, *store_, settings_, *log_);
    initiator_->start();
    const auto logon =
        std::chrono::seconds(2 * (config_.logon_timeout_seconds + config_.reconnect_seconds));
    {
      std::unique_lock lock(mutex_);
      if (!changed_.wait_for(lock, logon, [&] { return logged_on_; })) {
        const auto error = last_error_;
        lock.unlock();
        record_session_problem(metrics_, SessionProblem::kLogonFailure, clock_.now());
        throw core::IoError(fmt::format("fix: no logon to {} within {} s{}", describe(config_),
                                        logon.count(), error.empty() ? "" : " (" + error + ")"));
      }
    }
    reconcile();
  }

  void stop() {
    if (!initiator_) return;
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    initiator_->stop();
    initiator_.reset();
    std::lock_guard lock(mutex_);
    logged_on_ = false;
    ready_ = false;
  }

  bool logged_on() {
    std::lock_guard lock(mutex_);
    return logged_on_;
  }

  OrderResult submit(const OrderRequest& request) {
    Row row;
    {
      std::lock_guard lock(mutex_);
      require_ready(request.client_order_id);
      if (find(request.client_order_id))
        throw DuplicateOrderError("duplicate client order id " + request.client_order_id);
      row.order = new_order(request, request.shares);
      row.trail = request.trailing_stop_amount;
      // Refused here and never sent, as the paper broker refuses them: a
      // quantity that is not positive, a sell beyond the position (no shorts).
      const int held = held_locked(request.ticker);
      std::string refusal;
      if (request.shares <= 0)
        refusal = "non-positive quantity";
      else if (request.side == Side::kSell && request.shares > held)
        refusal = fmt::format("sell {} exceeds position {}", request.shares, held);
      if (!refusal.empty()) {
        row.order.status = core::OrderStatus::kRejected;
        row.order.reason = refusal;
        row.order.leaves_shares = 0;
        insert(row);
        return row.own();
      }
      insert(row);
    }
    send(fix::new_order_single(request, row.order.time));
    return row.own();
  }

  void cancel(const std::string& id) {
    FIX44::OrderCancelRequest m;
    {
      std::lock_guard lock(mutex_);
      const auto row = find(id);
      if (!row) throw core::NotFound("fix: cancel of unknown order " + id);
      if (!is_working(row->order)) {
        spdlog::warn("fix: cancel of {} not sent: the order is {}", id,
                     core::to_string(row->order.status));
        return;
      }
      m.set(FIX::OrigClOrdID(id));
      m.set(FIX::ClOrdID(fmt::format("{}:CANCEL#{}", id, ++cancels_)));
      m.set(FIX::Symbol(row->order.ticker));
      m.set(FIX::Side(fix::fix_side(row->order.side)));
      m.set(FIX::OrderQty(row->order.requested_shares));
      m.setField(FIX::FIELD::TransactTime, fix::fix_time(clock_.now()));
    }
    send(m);
  }

  void replace(const std::string& id, const OrderRequest& replacement) {
    FIX44::OrderCancelReplaceRequest m;
    {
      std::lock_guard lock(mutex_);
      require_ready(replacement.client_order_id);
      const auto old = find(id);
      if (!old) throw core::NotFound("fix: replace of unknown order " + id);
      if (find(replacement.client_order_id))
        throw DuplicateOrderError("duplicate client order id " + replacement.client_order_id);
      if (replacement.ticker != old->order.ticker || replacement.side != old->order.side)
        throw core::InvalidInput(
            fmt::format("fix: replace of {} may not change the ticker or the side", id));
      if (!is_working(old->order)) {
        spdlog::warn("fix: replace of {} not sent: the order is {}", id,
                     core::to_string(old->order.status));
        return;
      }
      Row row;
      row.order = new_order(replacement, replacement.shares);
      row.order.reason = "pending replace of " + id;
      row.trail = old->trail;
      insert(row);
      const auto sent = fix::new_order_single(replacement, row.order.time);
      m.set(FIX::OrigClOrdID(id));
      m.set(FIX::ClOrdID(replacement.client_order_id));
      for (int tag :
           {FIX::FIELD::HandlInst, FIX::FIELD::Symbol, FIX::FIELD::Side, FIX::FIELD::TransactTime,
            FIX::FIELD::OrderQty, FIX::FIELD::OrdType, FIX::FIELD::Price, FIX::FIELD::TimeInForce})
        if (sent.isSetField(tag)) m.setField(tag, sent.getField(tag));
    }
    send(m);
  }

  std::optional<OrderResult> status(const std::string& id) {
    std::lock_guard lock(mutex_);
    const auto row = find(id);
    if (!row) return std::nullopt;
    return row->own();
  }

  OrderResult wait_done(const std::string& id, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    std::optional<Row> row;
    changed_.wait_for(lock, timeout, [&] {
      row = find(id);
      return !row || !is_working(row->order);
    });
    if (!row) throw core::NotFound("fix: no order " + id);
    return row->own();
  }

  bool cancel_stop(const std::string& ticker) {
    std::lock_guard lock(mutex_);
    db_.prepare("DELETE FROM stops WHERE ticker = ?").bind(1, ticker).run();
    return db_.changes() > 0;
  }

  std::vector<BrokerPosition> positions() {
    std::lock_guard lock(mutex_);
    std::vector<BrokerPosition> out;
    auto s = db_.prepare("SELECT ticker, shares, avg_cost FROM positions ORDER BY ticker");
    while (s.step())
      out.push_back({s.column_text(0), static_cast<int>(s.column_int(1)), s.column_double(2)});
    return out;
  }

  double cash() {
    std::lock_guard lock(mutex_);
    return cash_locked();
  }

  Quote quote(const std::string& ticker) {
    std::lock_guard lock(mutex_);
    const auto state = prices_.at(ticker, clock_.now());
    if (!state || !std::isfinite(state->last) || state->last <= 0)
      throw core::NotFound(fmt::format("fix broker: no price for {} at {}", ticker,
                                       core::format_timestamp(clock_.now())));
    return {ticker,         state->last,     state->day_high,
            state->day_low, state->day_open, state->bar_volume};
  }

  std::vector<OrderResult> orders(core::Date date) {
    std::lock_guard lock(mutex_);
    std::vector<OrderResult> out;
    auto s = db_.prepare("SELECT " + kColumns + " FROM orders WHERE date = ? ORDER BY seq");
    s.bind(1, core::format_date(date));
    while (s.step()) out.push_back(read_row(s).own());
    return out;
  }

  std::vector<ExecutionReport> poll(FixBroker& broker) {
    std::vector<std::pair<std::string, int>> triggered;
    {
      std::lock_guard lock(mutex_);
      const auto now = clock_.now();
      auto s = db_.prepare(
          "SELECT s.ticker, s.trail, s.high_water, p.shares FROM stops s JOIN positions p "
          "ON p.ticker = s.ticker ORDER BY s.ticker");
      std::vector<std::pair<std::string, double>> raised;
      while (s.step()) {
        const auto state = prices_.at(s.column_text(0), now);
        if (!state) continue;
        const auto step = step_trailing_stop({s.column_double(1), s.column_double(2)}, state->last);
        if (step.raised) raised.emplace_back(s.column_text(0), step.high_water);
        if (step.triggered)
          triggered.emplace_back(s.column_text(0), static_cast<int>(s.column_int(3)));
      }
      for (const auto& [ticker, high] : raised)
        db_.prepare("UPDATE stops SET high_water = ? WHERE ticker = ?")
            .bind(1, high)
            .bind(2, ticker)
            .run();
    }
    const auto date = core::new_york_date(clock_.now());
    for (const auto& [ticker, shares] : triggered) {
      const auto id = client_order_id(date, ticker, "BROKER_TRAIL_STOP");
      if (shares <= 0 || status(id)) continue;
      broker.submit({id, ticker, Side::kSell, shares, std::nullopt});
      wait_done(id, config_.order_timeout);
    }
    std::lock_guard lock(mutex_);
    return std::exchange(reports_, {});
  }

  int executions() {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare("SELECT COUNT(*) FROM executions");
    s.step();
    return static_cast<int>(s.column_int(0));
  }

  // FIX::Application
  void onCreate(const FIX::SessionID& id) override { session_id_ = id; }
  void onLogon(const FIX::SessionID& id) override {
    spdlog::info("fix: logged on {}", id.toString());
    std::lock_guard lock(mutex_);
    logged_on_ = true;
    changed_.notify_all();
  }
  void onLogout(const FIX::SessionID& id) override {
    bool unasked = false;
    {
      std::lock_guard lock(mutex_);
      unasked = logged_on_ && !stopping_;
      logged_on_ = false;
      changed_.notify_all();
    }
    if (!unasked) {
      spdlog::info("fix: logged out of {}", id.toString());
      return;
    }
    spdlog::error(
        "fix: the session {} ended unasked (a Logout from the venue or a dropped "
        "connection); reconnecting every {} s",
        id.toString(), config_.reconnect_seconds);
    record_session_problem(metrics_, SessionProblem::kDisconnect, clock_.now());
  }
  void toAdmin(FIX::Message& m, const FIX::SessionID& id) override {
    if (m.getHeader().getField(FIX::FIELD::MsgType) != FIX::MsgType_Reject) return;
    spdlog::error("fix: session reject sent to {} of message {} (tag {}): {}", id.toString(),
                  fix::field_or_empty(m, FIX::FIELD::RefSeqNum),
                  fix::field_or_empty(m, FIX::FIELD::RefTagID),
                  fix::field_or_empty(m, FIX::FIELD::Text));
    record_session_problem(metrics_, SessionProblem::kSessionReject, clock_.now());
  }
  void toApp(FIX::Message&, const FIX::SessionID&) override {}
  void fromAdmin(const FIX::Message& m, const FIX::SessionID& id) override {
    const auto type = m.getHeader().getField(FIX::FIELD::MsgType);
    const auto text = fix::field_or_empty(m, FIX::FIELD::Text);
    if (type == FIX::MsgType_Logout && !text.empty()) {
      spdlog::error("fix: logout from {}: {}", id.toString(), text);
      std::lock_guard lock(mutex_);
      last_error_ = "logout: " + text;
    } else if (type == FIX::MsgType_Reject) {
      spdlog::error("fix: session reject by {} of message {} (tag {}): {}", id.toString(),
                    fix::field_or_empty(m, FIX::FIELD::RefSeqNum),
                    fix::field_or_empty(m, FIX::FIELD::RefTagID), text);
      record_session_problem(metrics_, SessionProblem::kSessionReject, clock_.now());
    }
  }
  void fromApp(const FIX::Message& m, const FIX::SessionID& id) override {
    const auto type = m.getHeader().getField(FIX::FIELD::MsgType);
    try {
      if (type == FIX::MsgType_ExecutionReport) {
        apply(fix::parse_execution_report(m));
      } else if (type == FIX::MsgType_OrderCancelReject) {
        cancel_rejected(m);
      } else if (type == FIX::MsgType_BusinessMessageReject) {
        const auto ref = fix::field_or_empty(m, FIX::FIELD::BusinessRejectRefID);
        spdlog::error("fix: business reject by {} of {} {}: {}", id.toString(),
                      fix::field_or_empty(m, FIX::FIELD::RefMsgType), ref,
                      fix::field_or_empty(m, FIX::FIELD::Text));
        record_session_problem(metrics_, SessionProblem::kBusinessReject, clock_.now());
        std::lock_guard lock(mutex_);
        if (auto row = find(ref); row && is_working(row->order))
          finish(*row, core::OrderStatus::kRejected,
                 "business reject: " + fix::field_or_empty(m, FIX::FIELD::Text));
      }
    } catch (const std::exception& error) {
      spdlog::error("fix: message {} from {} not applied: {}", type, id.toString(), error.what());
    }
  }

 private:
  void require_ready(const std::string& id) {
    if (!ready_)
      throw core::IoError(fmt::format("fix: {} is not logged on and reconciled; order {} not sent",
                                      describe(config_), id));
  }

  OrderResult new_order(const OrderRequest& request, int shares) {
    auto r = opened_order(request, shares, clock_.now());
    r.reason = "pending new";
    return r;
  }

  void send(FIX::Message message) {
    if (!FIX::Session::sendToTarget(message, session_id_))
      throw core::IoError(fmt::format("fix: {} refused to send {} {}", describe(config_),
                                      message.getHeader().getField(FIX::FIELD::MsgType),
                                      fix::field_or_empty(message, FIX::FIELD::ClOrdID)));
  }

  std::optional<Row> find(const std::string& id) {
    auto s = db_.prepare("SELECT " + kColumns + " FROM orders WHERE client_order_id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_row(s);
  }

  void insert(const Row& row) {
    const auto& r = row.order;
    auto s = db_.prepare("INSERT INTO orders(" + kColumns +
                         ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, r.client_order_id).bind(2, core::format_date(r.date)).bind(3, r.ticker);
    s.bind(4, to_string(r.side)).bind(5, r.requested_shares).bind(6, r.filled_shares);
    s.bind(7, r.avg_price).bind(8, r.commission).bind(9, to_string(r.status)).bind(10, r.reason);
    s.bind(11, core::format_timestamp(r.time)).bind(12, r.leaves_shares);
    s.bind(13, to_string(r.type)).bind(14, r.limit_price).bind(15, to_string(r.time_in_force));
    if (row.trail)
      s.bind(16, *row.trail);
    else
      s.bind_null(16);
    s.bind(17, row.carried).bind(18, row.carried_notional).bind(19, row.carried_commission);
    s.run();
  }

  void update(const Row& row) {
    const auto& r = row.order;
    db_.prepare(
           "UPDATE orders SET filled = ?, avg_price = ?, commission = ?, status = ?, reason = ?, "
           "leaves = ?, carried = ?, carried_notional = ?, carried_commission = ? "
           "WHERE client_order_id = ?")
        .bind(1, r.filled_shares)
        .bind(2, r.avg_price)
        .bind(3, r.commission)
        .bind(4, to_string(r.status))
        .bind(5, r.reason)
        .bind(6, r.leaves_shares)
        .bind(7, row.carried)
        .bind(8, row.carried_notional)
        .bind(9, row.carried_commission)
        .bind(10, r.client_order_id)
        .run();
  }

  void finish(Row& row, core::OrderStatus status, const std::string& reason) {
    row.order.status = status;
    row.order.reason = reason;
    row.order.leaves_shares = 0;
    update(row);
    changed_.notify_all();
  }

  int held_locked(const std::string& ticker) {
    auto s = db_.prepare("SELECT shares FROM positions WHERE ticker = ?");
    s.bind(1, ticker);
    return s.step() ? static_cast<int>(s.column_int(0)) : 0;
  }

  double cash_locked() {
    auto s = db_.prepare("SELECT cash FROM account WHERE id = 1");
    s.step();
    return s.column_double(0);
  }

  // The account effect of `shares` more filled at `price`.
  void book_fill(const Row& row, int shares, double price, double commission) {
    const auto& r = row.order;
    const double notional = shares * price;
    db_.prepare("UPDATE account SET cash = cash + ? WHERE id = 1")
        .bind(1, (r.side == Side::kBuy ? -notional : notional) - commission)
        .run();
    auto s = db_.prepare("SELECT shares, avg_cost FROM positions WHERE ticker = ?");
    s.bind(1, r.ticker);
    const int held = s.step() ? static_cast<int>(s.column_int(0)) : 0;
    const double cost = held > 0 ? s.column_double(1) : 0;
    if (r.side == Side::kBuy) {
      db_.prepare("INSERT OR REPLACE INTO positions(ticker, shares, avg_cost) VALUES(?, ?, ?)")
          .bind(1, r.ticker)
          .bind(2, held + shares)
          .bind(3, (cost * held + price * shares) / (held + shares))
          .run();
      if (row.trail && *row.trail > 0) {
        const auto state = prices_.at(r.ticker, r.time);
        db_.prepare("INSERT OR REPLACE INTO stops(ticker, trail, high_water) VALUES(?, ?, ?)")
            .bind(1, r.ticker)
            .bind(2, *row.trail)
            .bind(3, state ? state->last : price)
            .run();
      }
    } else if (held - shares <= 0) {
      db_.prepare("DELETE FROM positions WHERE ticker = ?").bind(1, r.ticker).run();
      db_.prepare("DELETE FROM stops WHERE ticker = ?").bind(1, r.ticker).run();
    } else {
      db_.prepare("UPDATE positions SET shares = ? WHERE ticker = ?")
          .bind(1, held - shares)
          .bind(2, r.ticker)
          .run();
    }
  }

  void apply(const ExecutionReport& e) {
    std::lock_guard lock(mutex_);
    core::Transaction tx(db_);
    if (!e.exec_id.empty()) {
      auto seen = db_.prepare("SELECT 1 FROM executions WHERE exec_id = ?");
      seen.bind(1, e.exec_id);
      if (seen.step()) return;  // a resent or duplicated report
      db_.prepare(
             "INSERT INTO executions(exec_id, client_order_id, exec_type, cum, avg_price, time) "
             "VALUES(?, ?, ?, ?, ?, ?)")
          .bind(1, e.exec_id)
          .bind(2, e.client_order_id)
          .bind(3, to_string(e.type))
          .bind(4, e.cum_shares)
          .bind(5, e.avg_price)
          .bind(6, core::format_timestamp(e.time))
          .run();
    }
    // A cancel's report names the cancel request; the order is its OrigClOrdID.
    const auto& key = e.type == ExecType::kCanceled && !e.orig_client_order_id.empty()
                          ? e.orig_client_order_id
                          : e.client_order_id;
    pending_status_.erase(key);
    auto row = find(key);
    if (!row) {
      spdlog::error("fix: execution report {} for unknown ClOrdID {}", e.exec_id,
                    e.client_order_id);
      tx.commit();
      changed_.notify_all();
      return;
    }
    if (e.type == ExecType::kReplaced && !e.orig_client_order_id.empty()) {
      if (auto old = find(e.orig_client_order_id)) {
        row->carried = old->order.filled_shares;
        row->carried_notional = old->order.avg_price * old->order.filled_shares;
        row->carried_commission = old->order.commission;
        if (row->order.filled_shares < old->order.filled_shares) {
          row->order.filled_shares = old->order.filled_shares;
          row->order.avg_price = old->order.avg_price;
          row->order.commission = old->order.commission;
        }
        old->order.status = core::OrderStatus::kCanceled;
        old->order.reason = "replaced by " + e.client_order_id;
        old->order.leaves_shares = 0;
        update(*old);
      }
    }
    auto& r = row->order;
    if (e.cum_shares > r.filled_shares) {
      const int delta = e.cum_shares - r.filled_shares;
      // The price of what is new: the average when nothing was filled before,
      // the report's own fill (LastQty/LastPx) when that is all of it, else
      // (reports missed) what the averages imply.
      const double price =
          r.filled_shares == 0 ? e.avg_price
          : e.last_shares == delta && e.last_price > 0
              ? e.last_price
              : (e.avg_price * e.cum_shares - r.avg_price * r.filled_shares) / delta;
      book_fill(*row, delta, price, e.commission);
      r.filled_shares = e.cum_shares;
      r.avg_price = e.avg_price;
      r.commission += e.commission;
    }
    // A done order stays done; a stale report does not move it back.
    if (is_working(r) && e.cum_shares >= r.filled_shares) {
      r.status = e.status;
      r.leaves_shares = e.leaves_shares;
    }
    r.reason = e.text.empty() ? (r.reason.rfind("pending", 0) == 0 ? "" : r.reason) : e.text;
    update(*row);
    tx.commit();
    reports_.push_back(e);
    changed_.notify_all();
  }

  void cancel_rejected(const FIX::Message& m) {
    const auto id = fix::field_or_empty(m, FIX::FIELD::ClOrdID);
    const auto orig = fix::field_or_empty(m, FIX::FIELD::OrigClOrdID);
    const auto text = fix::field_or_empty(m, FIX::FIELD::Text);
    const bool replace = fix::field_or_empty(m, FIX::FIELD::CxlRejResponseTo) == "2";
    spdlog::warn("fix: {} of {} refused by the venue: {}", replace ? "replace" : "cancel", orig,
                 text);
    std::lock_guard lock(mutex_);
    if (!replace) return;
    if (auto row = find(id); row && is_working(row->order))
      finish(*row, core::OrderStatus::kRejected, "replace refused: " + text);
  }

  void reconcile() {
    std::vector<std::pair<std::string, Row>> working;
    {
      std::lock_guard lock(mutex_);
      auto s = db_.prepare("SELECT " + kColumns + " FROM orders WHERE leaves > 0");
      while (s.step()) {
        auto row = read_row(s);
        working.emplace_back(row.order.client_order_id, row);
        pending_status_.insert(row.order.client_order_id);
      }
    }
    for (const auto& [id, row] : working) {
      FIX44::OrderStatusRequest m;
      m.set(FIX::ClOrdID(id));
      m.set(FIX::Symbol(row.order.ticker));
      m.set(FIX::Side(fix::fix_side(row.order.side)));
      send(m);
    }
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, config_.reconcile_timeout,
                           [&] { return pending_status_.empty(); }))
      throw core::IoError(fmt::format(
          "fix: {} did not answer the status of {} open order(s) within {} s", describe(config_),
          pending_status_.size(),
          std::chrono::duration_cast<std::chrono::seconds>(config_.reconcile_timeout).count()));
    if (!working.empty())
      spdlog::info("fix: reconciled {} open order(s) with {}", working.size(), describe(config_));
    ready_ = true;
  }

  FixSessionConfig config_;
  std::filesystem::path folder_;
  std::mutex mutex_;
  std::condition_variable changed_;
  core::Database db_;
  core::Clock& clock_;
  MinutePriceSource& prices_;
  core::MetricSink* metrics_;
  FIX::SessionSettings settings_;
  std::unique_ptr<FIX::FileStoreFactory> store_;
  std::unique_ptr<FIX::FileLogFactory> log_;
  std::unique_ptr<FIX::ThreadedSocketInitiator> initiator_;
  FIX::SessionID session_id_;
  bool logged_on_ = false;
  bool stopping_ = false;  // stop() asked for the logout
  bool ready_ = false;
  std::string last_error_;
  std::set<std::string> pending_status_;
  std::vector<ExecutionReport> reports_;
  int cancels_ = 0;
};

FixBroker::FixBroker(const FixSessionConfig& config, const std::filesystem::path& folder,
                     double initial_cash, core::Clock& clock, MinutePriceSource& prices,
                     core::MetricSink* metrics)
    : session_(std::make_unique<Session>(config, folder, initial_cash, clock, prices, metrics)) {}
FixBroker::~FixBroker() = default;
void FixBroker::start() { session_->start(); }
void FixBroker::stop() { session_->stop(); }
bool FixBroker::logged_on() const { return session_->logged_on(); }
OrderResult FixBroker::submit(const OrderRequest& request) { return session_->submit(request); }
void FixBroker::cancel(const std::string& id) { session_->cancel(id); }
void FixBroker::replace(const std::string& id, const OrderRequest& replacement) {
  session_->replace(id, replacement);
}
std::optional<OrderResult> FixBroker::order_status(const std::string& id) {
  return session_->status(id);
}
OrderResult FixBroker::wait_done(const std::string& id, std::chrono::milliseconds timeout) {
  return session_->wait_done(id, timeout);
}
bool FixBroker::cancel_stop(const std::string& ticker) { return session_->cancel_stop(ticker); }
std::vector<BrokerPosition> FixBroker::positions() { return session_->positions(); }
double FixBroker::cash() { return session_->cash(); }
Quote FixBroker::quote(const std::string& ticker) { return session_->quote(ticker); }
std::vector<OrderResult> FixBroker::orders(core::Date date) { return session_->orders(date); }
std::vector<ExecutionReport> FixBroker::poll() { return session_->poll(*this); }
int FixBroker::executions() { return session_->executions(); }

}  // namespace ae::executor
