#include "exchange/exchange.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include "core/market_time.h"
#include "executor/broker/fix/fix_codec.h"

namespace ae::exchange {
namespace {

using executor::ExecType;
using executor::OrderRequest;
using executor::OrderType;
using executor::TimeInForce;

// One order in the book: its request (ClOrdID follows replaces), its state.
struct BookOrder {
  OrderRequest request;
  core::Timestamp time;  // the TransactTime it is priced at
  std::string order_id;
  core::OrderStatus status = core::OrderStatus::kNew;
  int cum = 0;
  double avg = 0;
  int reports = 0;
  int leaves() const { return is_done() ? 0 : request.shares - cum; }
  bool is_done() const {
    return status != core::OrderStatus::kNew && status != core::OrderStatus::kPartiallyFilled;
  }
};

}  // namespace

class Exchange::Venue final : public FIX::Application {
 public:
  Venue(const executor::FixSessionConfig& session, const std::filesystem::path& folder,
        executor::MinutePriceSource& prices, executor::ExecutionModels models,
        ExchangeFaults faults)
      : session_(session),
        folder_(folder),
        prices_(prices),
        models_(std::move(models)),
        faults_(faults),
        nonce_(std::random_device{}()) {}

  ~Venue() override { stop(); }

  void start() {
    settings_ = executor::fix::acceptor_settings(session_, folder_);
    store_ = std::make_unique<FIX::FileStoreFactory>(settings_);
    log_ = std::make_unique<FIX::FileLogFactory>(settings_);
    acceptor_ = std::make_unique<FIX::ThreadedSocketAcceptor>(*this, *store_, settings_, *log_);
    try {
      acceptor_->start();
    } catch (const std::exception& error) {
      acceptor_.reset();
      throw core::IoError(
          fmt::format("exchange: cannot listen on port {}: {}", session_.port, error.what()));
    }
    worker_ = std::thread([this] { work(); });
    spdlog::info("exchange: listening on port {} as {} for {}", session_.port,
                 session_.target_comp_id, session_.sender_comp_id);
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      wake_.notify_all();
    }
    if (worker_.joinable()) worker_.join();
    if (acceptor_) acceptor_->stop();
    acceptor_.reset();
  }

  int orders_received() {
    std::lock_guard lock(mutex_);
    return orders_received_;
  }
  int duplicates_refused() {
    std::lock_guard lock(mutex_);
    return duplicates_refused_;
  }
  int fills_sent() {
    std::lock_guard lock(mutex_);
    return fills_sent_;
  }

  void onCreate(const FIX::SessionID&) override {}
  void onLogon(const FIX::SessionID& id) override {
    spdlog::info("exchange: {} logged on", id.toString());
  }
  void onLogout(const FIX::SessionID& id) override {
    spdlog::info("exchange: {} logged out", id.toString());
  }
  void toAdmin(FIX::Message&, const FIX::SessionID&) override {}
  void toApp(FIX::Message&, const FIX::SessionID&) override {}
  void fromAdmin(const FIX::Message&, const FIX::SessionID&) override {}

  void fromApp(const FIX::Message& m, const FIX::SessionID& id) override {
    const auto type = m.getHeader().getField(FIX::FIELD::MsgType);
    const bool resend = m.getHeader().isSetField(FIX::FIELD::PossDupFlag) &&
                        m.getHeader().getField(FIX::FIELD::PossDupFlag) == "Y";
    if (type == FIX::MsgType_NewOrderSingle)
      new_order(m, id, resend);
    else if (type == FIX::MsgType_OrderStatusRequest)
      order_status(m, id);
    else if (type == FIX::MsgType_OrderCancelRequest ||
             type == FIX::MsgType_OrderCancelReplaceRequest)
      cancel_or_replace(m, id, type == FIX::MsgType_OrderCancelReplaceRequest);
    else
      throw FIX::UnsupportedMessageType();
  }

 private:
  using Outgoing = std::vector<FIX::Message>;

  void new_order(const FIX::Message& m, const FIX::SessionID& id, bool resend) {
    const auto cl_ord_id = executor::fix::field_or_empty(m, FIX::FIELD::ClOrdID);
    Outgoing out;
    std::optional<std::size_t> to_match;  // matched after the acknowledgement is sent
    {
      std::lock_guard lock(mutex_);
      if (by_client_id_.count(cl_ord_id)) {
        if (resend) return;  // already in the book
        ++duplicates_refused_;
        BookOrder dup;
        dup.request.client_order_id = cl_ord_id;
        dup.request.ticker = executor::fix::field_or_empty(m, FIX::FIELD::Symbol);
        dup.status = core::OrderStatus::kRejected;
        dup.order_id = "NONE";
        auto r = report(dup, ExecType::kRejected, 0, 0, 0, "duplicate ClOrdID " + cl_ord_id);
        r.set(FIX::OrdRejReason(FIX::OrdRejReason_DUPLICATE_ORDER));
        r.setField(FIX::FIELD::ExecID, fmt::format("{}:dup:{}:{}", cl_ord_id, nonce_, ++serial_));
        out.push_back(r);
      } else {
        BookOrder order;
        try {
          std::tie(order.request, order.time) = executor::fix::parse_new_order(m);
        } catch (const core::InvalidInput& error) {
          FIX44::BusinessMessageReject reject{
              FIX::RefMsgType(FIX::MsgType_NewOrderSingle),
              FIX::BusinessRejectReason(FIX::BusinessRejectReason_OTHER)};
          reject.set(FIX::BusinessRejectRefID(cl_ord_id));
          reject.set(FIX::Text(error.what()));
          out.push_back(reject);
          send_all(out, id);
          return;
        }
        ++orders_received_;
        order.order_id = fmt::format("X{}-{}", nonce_, orders_received_);
        expire_day_orders(core::new_york_date(order.time), out);
        const bool reject =
            faults_.reject_every > 0 && orders_received_ % faults_.reject_every == 0;
        if (reject) {
          order.status = core::OrderStatus::kRejected;
          out.push_back(report(order, ExecType::kRejected, 0, 0, 0,
                               "rejected by the exchange (fault drill)"));
        } else {
          out.push_back(report(order, ExecType::kNew, 0, 0, 0, ""));
        }
        book_.push_back(order);
        by_client_id_[cl_ord_id] = book_.size() - 1;
        if (!reject) to_match = book_.size() - 1;
        if (!reject && faults_.disconnect_after > 0 && orders_received_ == faults_.disconnect_after)
          disconnect_pending_ = true;
      }
    }
    send_all(out, id);
    if (to_match) schedule(*to_match, id);
  }

  void order_status(const FIX::Message& m, const FIX::SessionID& id) {
    const auto cl_ord_id = executor::fix::field_or_empty(m, FIX::FIELD::ClOrdID);
    Outgoing out;
    {
      std::lock_guard lock(mutex_);
      BookOrder unknown;
      const auto it = by_client_id_.find(cl_ord_id);
      if (it == by_client_id_.end()) {
        unknown.request.client_order_id = cl_ord_id;
        unknown.request.ticker = executor::fix::field_or_empty(m, FIX::FIELD::Symbol);
        unknown.request.side = executor::fix::field_or_empty(m, FIX::FIELD::Side) == "2"
                                   ? executor::Side::kSell
                                   : executor::Side::kBuy;
        unknown.status = core::OrderStatus::kRejected;
        unknown.order_id = "NONE";
      }
      auto& order = it == by_client_id_.end() ? unknown : book_[it->second];
      auto r =
          report(order, ExecType::kNew, 0, 0, 0, it == by_client_id_.end() ? "unknown order" : "");
      r.set(FIX::ExecType(FIX::ExecType_ORDER_STATUS));
      r.setField(FIX::FIELD::ExecID, fmt::format("{}:status:{}:{}", cl_ord_id, nonce_, ++serial_));
      if (it == by_client_id_.end()) r.set(FIX::OrdRejReason(FIX::OrdRejReason_UNKNOWN_ORDER));
      out.push_back(r);
    }
    send_all(out, id);
  }

  void cancel_or_replace(const FIX::Message& m, const FIX::SessionID& id, bool replace) {
    const auto orig = executor::fix::field_or_empty(m, FIX::FIELD::OrigClOrdID);
    const auto cl_ord_id = executor::fix::field_or_empty(m, FIX::FIELD::ClOrdID);
    Outgoing out;
    std::optional<std::size_t> to_match;  // matched after the acknowledgement is sent
    {
      std::lock_guard lock(mutex_);
      const auto it = by_client_id_.find(orig);
      std::string refusal;
      if (it == by_client_id_.end())
        refusal = "unknown order";
      else if (book_[it->second].is_done())
        refusal =
            "too late: the order is " + std::string(core::to_string(book_[it->second].status));
      if (replace && refusal.empty()) {
        try {
          auto [request, when] = executor::fix::parse_new_order(m);
          auto& order = book_[it->second];
          if (request.shares <= order.cum) refusal = "new quantity not above the filled quantity";
          if (refusal.empty()) {
            order.request = request;
            order.time = when;
            by_client_id_[cl_ord_id] = it->second;
            out.push_back(report(order, ExecType::kReplaced, 0, 0, 0, "", orig));
            to_match = it->second;
          }
        } catch (const core::InvalidInput& error) {
          refusal = error.what();
        }
      } else if (refusal.empty()) {
        auto& order = book_[it->second];
        order.status = core::OrderStatus::kCanceled;
        auto r = report(order, ExecType::kCanceled, 0, 0, 0, "canceled", orig);
        r.set(FIX::ClOrdID(cl_ord_id));
        out.push_back(r);
      }
      if (!refusal.empty()) {
        FIX44::OrderCancelReject reject(
            FIX::OrderID(it == by_client_id_.end() ? "NONE" : book_[it->second].order_id),
            FIX::ClOrdID(cl_ord_id), FIX::OrigClOrdID(orig),
            FIX::OrdStatus(it == by_client_id_.end()
                               ? FIX::OrdStatus_REJECTED
                               : executor::fix::fix_ord_status(book_[it->second].status)),
            FIX::CxlRejResponseTo(replace ? FIX::CxlRejResponseTo_ORDER_CANCEL_REPLACE_REQUEST
                                          : FIX::CxlRejResponseTo_ORDER_CANCEL_REQUEST));
        reject.set(FIX::Text(refusal));
        out.push_back(reject);
      }
    }
    send_all(out, id);
    if (to_match) schedule(*to_match, id);
  }

  // Reports of `order` (its current state) as an ExecutionReport message.
  FIX44::ExecutionReport report(BookOrder& order, ExecType type, int last_shares, double last_price,
                                double commission, const std::string& text,
                                const std::string& orig = "") {
    executor::ExecutionReport e;
    e.exec_id = fmt::format("{}:{}", order.request.client_order_id, ++order.reports);
    e.client_order_id = order.request.client_order_id;
    e.orig_client_order_id = orig;
    e.type = type;
    e.status = order.status;
    e.ticker = order.request.ticker;
    e.side = order.request.side;
    e.last_shares = last_shares;
    e.last_price = last_price;
    e.cum_shares = order.cum;
    e.avg_price = order.avg;
    e.leaves_shares = order.leaves();
    e.commission = commission;
    e.text = text;
    e.time = order.time;
    auto m = executor::fix::fix_execution_report(e, order.order_id, order.request.shares);
    if (type == ExecType::kRejected) m.set(FIX::OrdRejReason(FIX::OrdRejReason_OTHER));
    return m;
  }

  void expire_day_orders(core::Date today, Outgoing& out) {
    for (auto& order : book_) {
      if (order.is_done() || order.request.time_in_force != TimeInForce::kDay ||
          core::new_york_date(order.time) >= today)
        continue;
      order.status = core::OrderStatus::kExpired;
      out.push_back(report(order, ExecType::kExpired, 0, 0, 0, "day order expired"));
    }
  }

  void schedule(std::size_t index, const FIX::SessionID& id) {
    std::lock_guard lock(mutex_);
    tasks_.push_back({index, id});
    wake_.notify_all();
  }

  // The matching thread: each task waits the latency, then matches.
  void work() {
    std::unique_lock lock(mutex_);
    while (true) {
      wake_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
      if (stopping_) return;
      const auto [index, id] = tasks_.front();
      tasks_.pop_front();
      const bool disconnect = std::exchange(disconnect_pending_, false);
      lock.unlock();
      if (disconnect) {
        if (auto* session = FIX::Session::lookupSession(id)) {
          spdlog::warn("exchange: dropping the connection of {} (fault drill)", id.toString());
          session->disconnect();
        }
      }
      lock.lock();
      if (faults_.latency.count() > 0 &&
          wake_.wait_for(lock, faults_.latency, [&] { return stopping_; }))
        return;
      Outgoing out = match(book_[index]);
      lock.unlock();
      send_all(out, id);
      lock.lock();
    }
  }

  Outgoing match(BookOrder& order) {
    Outgoing out;
    if (order.is_done()) return out;
    const auto& r = order.request;
    const auto state = prices_.at(r.ticker, order.time);
    if (!state || !std::isfinite(state->last) || state->last <= 0) {
      order.status = core::OrderStatus::kRejected;
      out.push_back(report(
          order, ExecType::kRejected, 0, 0, 0,
          fmt::format("no price for {} at {}", r.ticker, core::format_timestamp(order.time))));
      return out;
    }
    const int wanted = r.shares - order.cum;
    const auto priced = executor::price_market_order(
        models_, r.side, wanted, state->last,
        executor::Liquidity{state->bar_volume, state->daily_volatility});
    if (priced.shares == 0) {
      order.status = core::OrderStatus::kRejected;
      out.push_back(report(order, ExecType::kRejected, 0, 0, 0, "no volume"));
      return out;
    }
    const bool within = r.type == OrderType::kMarket ||
                        (r.side == executor::Side::kBuy ? priced.price <= r.limit_price
                                                        : priced.price >= r.limit_price);
    if (!within) {
      if (r.time_in_force == TimeInForce::kIoc) {
        order.status = core::OrderStatus::kCanceled;
        out.push_back(report(order, ExecType::kCanceled, 0, 0, 0, "limit not marketable"));
      }
      return out;  // DAY / GTC rest
    }
    const int parts = std::max(1, std::min(faults_.partial_fills, priced.shares));
    double commission_left = priced.commission;
    int shares_left = priced.shares;
    for (int part = 0; part < parts; ++part) {
      const int shares = part + 1 == parts ? shares_left : priced.shares / parts;
      const double commission =
          part + 1 == parts ? commission_left : priced.commission * shares / priced.shares;
      shares_left -= shares;
      commission_left -= commission;
      order.avg = order.cum == 0
                      ? priced.price
                      : (order.avg * order.cum + priced.price * shares) / (order.cum + shares);
      order.cum += shares;
      order.status =
          order.cum < r.shares ? core::OrderStatus::kPartiallyFilled : core::OrderStatus::kFilled;
      out.push_back(report(
          order,
          order.status == core::OrderStatus::kFilled ? ExecType::kFill : ExecType::kPartialFill,
          shares, priced.price, commission,
          order.cum < r.shares && part + 1 == parts ? "capped by volume share" : ""));
      ++fills_sent_;
    }
    if (order.cum < r.shares) {  // the volume-capped remainder is not worked
      order.status = core::OrderStatus::kCanceled;
      out.push_back(report(order, ExecType::kCanceled, 0, 0, 0, "capped by volume share"));
    }
    return out;
  }

  void send_all(Outgoing& out, const FIX::SessionID& id) {
    for (auto& message : out) {
      try {
        FIX::Session::sendToTarget(message, id);
      } catch (const FIX::SessionNotFound&) {
        spdlog::error("exchange: session {} not found; a report was not sent", id.toString());
      }
    }
  }

  executor::FixSessionConfig session_;
  std::filesystem::path folder_;
  executor::MinutePriceSource& prices_;
  executor::ExecutionModels models_;
  ExchangeFaults faults_;
  unsigned nonce_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<BookOrder> book_;
  std::map<std::string, std::size_t> by_client_id_;
  std::deque<std::pair<std::size_t, FIX::SessionID>> tasks_;
  int orders_received_ = 0;
  int duplicates_refused_ = 0;
  int fills_sent_ = 0;
  std::uint64_t serial_ = 0;
  bool disconnect_pending_ = false;
  bool stopping_ = false;
  std::thread worker_;
  FIX::SessionSettings settings_;
  std::unique_ptr<FIX::FileStoreFactory> store_;
  std::unique_ptr<FIX::FileLogFactory> log_;
  std::unique_ptr<FIX::ThreadedSocketAcceptor> acceptor_;
};

Exchange::Exchange(const executor::FixSessionConfig& session, const std::filesystem::path& folder,
                   executor::MinutePriceSource& prices, executor::ExecutionModels models,
                   ExchangeFaults faults)
    : venue_(std::make_unique<Venue>(session, folder, prices, std::move(models), faults)) {}
Exchange::~Exchange() = default;
void Exchange::start() { venue_->start(); }
void Exchange::stop() { venue_->stop(); }
int Exchange::orders_received() const { return venue_->orders_received(); }
int Exchange::duplicates_refused() const { return venue_->duplicates_refused(); }
int Exchange::fills_sent() const { return venue_->fills_sent(); }

ExchangeFaults exchange_faults(int latency_ms, int partial_fills, int reject_every,
                               int disconnect_after) {
  auto check = [](int value, int min, const char* flag) {
    if (value < min)
      throw core::InvalidInput(fmt::format("exchange: {} {} is below {}", flag, value, min));
  };
  check(latency_ms, 0, "--latency-ms");
  check(partial_fills, 1, "--partial-fills");
  check(reject_every, 0, "--reject-every");
  check(disconnect_after, 0, "--disconnect-after");
  return {std::chrono::milliseconds(latency_ms), partial_fills, reject_every, disconnect_after};
}

}  // namespace ae::exchange
