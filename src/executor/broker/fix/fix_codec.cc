#include "executor/broker/fix/fix_codec.h"

#include <fmt/format.h>

#include <charconv>
#include <sstream>

namespace ae::executor::fix {
namespace {

std::string common_settings(const FixSessionConfig& c, const std::filesystem::path& folder) {
  std::filesystem::create_directories(folder / "store");
  std::filesystem::create_directories(folder / "log");
  return fmt::format(
      "[DEFAULT]\nFileStorePath={}\nFileLogPath={}\nUseDataDictionary=N\n"
      "StartTime=00:00:00\nEndTime=00:00:00\nPersistMessages=Y\nValidateUserDefinedFields=N\n"
      "ResetOnLogon={}\nLogonTimeout={}\nHeartBtInt={}\nReconnectInterval={}\n"
      "SocketNodelay=Y\nSocketReuseAddress=Y\n",
      (folder / "store").string(), (folder / "log").string(), c.reset_on_logon ? "Y" : "N",
      c.logon_timeout_seconds, c.heartbeat_seconds, c.reconnect_seconds);
}

FIX::SessionSettings parse_settings(const std::string& text) {
  std::istringstream in(text);
  return FIX::SessionSettings(in);
}

}  // namespace

FIX::SessionSettings initiator_settings(const FixSessionConfig& c,
                                        const std::filesystem::path& folder) {
  return parse_settings(common_settings(c, folder) +
                        fmt::format("ConnectionType=initiator\n[SESSION]\nBeginString=FIX.4.4\n"
                                    "SenderCompID={}\nTargetCompID={}\nSocketConnectHost={}\n"
                                    "SocketConnectPort={}\n",
                                    c.sender_comp_id, c.target_comp_id, c.host, c.port));
}

FIX::SessionSettings acceptor_settings(const FixSessionConfig& c,
                                       const std::filesystem::path& folder) {
  return parse_settings(common_settings(c, folder) +
                        fmt::format("ConnectionType=acceptor\nSocketAcceptPort={}\n[SESSION]\n"
                                    "BeginString=FIX.4.4\nSenderCompID={}\nTargetCompID={}\n",
                                    c.port, c.target_comp_id, c.sender_comp_id));
}

std::string fix_time(core::Timestamp instant) {
  // core's "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" -> "YYYYMMDD-HH:MM:SS[.sss]"
  const auto text = core::format_timestamp(instant);
  auto time = text.substr(11, text.size() - 12);
  if (time.size() > 12) time.resize(12);
  return text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2) + "-" + time;
}

core::Timestamp parse_fix_time(const std::string& text) {
  if (text.size() < 17)
    throw core::InvalidInput(
        fmt::format("fix: TransactTime (60) '{}' is not YYYYMMDD-HH:MM:SS", text));
  // "YYYYMMDD-HH:MM:SS[.sss]" -> "YYYY-MM-DDTHH:MM:SS[.sss]Z"
  return core::parse_timestamp(text.substr(0, 4) + "-" + text.substr(4, 2) + "-" +
                               text.substr(6, 2) + "T" + text.substr(9) + "Z");
}

std::string fix_float(double value) {
  char text[400];  // any double in fixed notation (the longest, the tiniest, is ~342 characters)
  const auto end = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed).ptr;
  return std::string(text, end);
}

char fix_side(Side side) { return side == Side::kBuy ? FIX::Side_BUY : FIX::Side_SELL; }

char fix_ord_status(core::OrderStatus status) {
  switch (status) {
    case core::OrderStatus::kNew:
      return FIX::OrdStatus_NEW;
    case core::OrderStatus::kPartiallyFilled:
      return FIX::OrdStatus_PARTIALLY_FILLED;
    case core::OrderStatus::kFilled:
      return FIX::OrdStatus_FILLED;
    case core::OrderStatus::kRejected:
      return FIX::OrdStatus_REJECTED;
    case core::OrderStatus::kCanceled:
      return FIX::OrdStatus_CANCELED;
    case core::OrderStatus::kExpired:
      return FIX::OrdStatus_EXPIRED;
  }
  return FIX::OrdStatus_NEW;
}

core::OrderStatus parse_ord_status(char status) {
  switch (status) {
    case FIX::OrdStatus_PARTIALLY_FILLED:
      return core::OrderStatus::kPartiallyFilled;
    case FIX::OrdStatus_FILLED:
      return core::OrderStatus::kFilled;
    case FIX::OrdStatus_REJECTED:
      return core::OrderStatus::kRejected;
    case FIX::OrdStatus_CANCELED:
    case FIX::OrdStatus_REPLACED:
      return core::OrderStatus::kCanceled;
    case FIX::OrdStatus_EXPIRED:
      return core::OrderStatus::kExpired;
    default:
      return core::OrderStatus::kNew;
  }
}

char fix_exec_type(ExecType type) {
  switch (type) {
    case ExecType::kNew:
      return FIX::ExecType_NEW;
    case ExecType::kPartialFill:
    case ExecType::kFill:
      return FIX::ExecType_TRADE;
    case ExecType::kRejected:
      return FIX::ExecType_REJECTED;
    case ExecType::kCanceled:
      return FIX::ExecType_CANCELED;
    case ExecType::kReplaced:
      return FIX::ExecType_REPLACED;
    case ExecType::kExpired:
      return FIX::ExecType_EXPIRED;
  }
  return FIX::ExecType_NEW;
}

FIX44::NewOrderSingle new_order_single(const OrderRequest& r, core::Timestamp transact) {
  FIX44::NewOrderSingle m;
  m.set(FIX::ClOrdID(r.client_order_id));
  m.set(FIX::HandlInst(FIX::HandlInst_AUTOMATED_EXECUTION_ORDER_PRIVATE_NO_BROKER_INTERVENTION));
  m.set(FIX::Symbol(r.ticker));
  m.set(FIX::Side(fix_side(r.side)));
  m.setField(FIX::FIELD::TransactTime, fix_time(transact));
  m.set(FIX::OrderQty(r.shares));
  m.set(FIX::OrdType(r.type == OrderType::kMarket ? FIX::OrdType_MARKET : FIX::OrdType_LIMIT));
  if (r.type == OrderType::kLimit) m.setField(FIX::FIELD::Price, fix_float(r.limit_price));
  m.set(FIX::TimeInForce(r.time_in_force == TimeInForce::kDay ? FIX::TimeInForce_DAY
                         : r.time_in_force == TimeInForce::kIoc
                             ? FIX::TimeInForce_IMMEDIATE_OR_CANCEL
                             : FIX::TimeInForce_GOOD_TILL_CANCEL));
  return m;
}

std::string field_or_empty(const FIX::FieldMap& message, int tag) {
  return message.isSetField(tag) ? message.getField(tag) : std::string();
}

namespace {
std::string required(const FIX::Message& m, int tag, const char* name) {
  if (!m.isSetField(tag)) throw core::InvalidInput(fmt::format("fix: {} ({}) missing", name, tag));
  return m.getField(tag);
}
}  // namespace

std::pair<OrderRequest, core::Timestamp> parse_new_order(const FIX::Message& m) {
  OrderRequest r;
  r.client_order_id = required(m, FIX::FIELD::ClOrdID, "ClOrdID");
  r.ticker = required(m, FIX::FIELD::Symbol, "Symbol");
  const auto side = required(m, FIX::FIELD::Side, "Side");
  if (side != "1" && side != "2")
    throw core::InvalidInput(fmt::format("fix: Side (54) '{}' is not 1 (buy) or 2 (sell)", side));
  r.side = side == "1" ? Side::kBuy : Side::kSell;
  const double qty = std::stod(required(m, FIX::FIELD::OrderQty, "OrderQty"));
  if (qty != std::floor(qty) || qty <= 0)
    throw core::InvalidInput(
        fmt::format("fix: OrderQty (38) {} is not a positive whole number", qty));
  r.shares = static_cast<int>(qty);
  const auto type = required(m, FIX::FIELD::OrdType, "OrdType");
  if (type != "1" && type != "2")
    throw core::InvalidInput(
        fmt::format("fix: OrdType (40) '{}' is not 1 (market) or 2 (limit)", type));
  r.type = type == "1" ? OrderType::kMarket : OrderType::kLimit;
  if (r.type == OrderType::kLimit)
    r.limit_price = std::stod(required(m, FIX::FIELD::Price, "Price"));
  const auto tif = field_or_empty(m, FIX::FIELD::TimeInForce);
  if (tif.empty() || tif == "0")
    r.time_in_force = TimeInForce::kDay;
  else if (tif == "3")
    r.time_in_force = TimeInForce::kIoc;
  else if (tif == "1")
    r.time_in_force = TimeInForce::kGtc;
  else
    throw core::InvalidInput(fmt::format("fix: TimeInForce (59) '{}' is not 0, 1 or 3", tif));
  return {r, parse_fix_time(required(m, FIX::FIELD::TransactTime, "TransactTime"))};
}

FIX44::ExecutionReport fix_execution_report(const ExecutionReport& e, const std::string& order_id,
                                            int order_qty) {
  FIX44::ExecutionReport m(
      FIX::OrderID(order_id), FIX::ExecID(e.exec_id), FIX::ExecType(fix_exec_type(e.type)),
      FIX::OrdStatus(fix_ord_status(e.status)), FIX::Side(fix_side(e.side)),
      FIX::LeavesQty(e.leaves_shares), FIX::CumQty(e.cum_shares), FIX::AvgPx(e.avg_price));
  m.setField(FIX::FIELD::AvgPx, fix_float(e.avg_price));
  m.set(FIX::ClOrdID(e.client_order_id));
  if (!e.orig_client_order_id.empty()) m.set(FIX::OrigClOrdID(e.orig_client_order_id));
  m.set(FIX::Symbol(e.ticker));
  m.set(FIX::OrderQty(order_qty));
  if (e.last_shares > 0) {
    m.set(FIX::LastQty(e.last_shares));
    m.setField(FIX::FIELD::LastPx, fix_float(e.last_price));
    m.setField(FIX::FIELD::Commission, fix_float(e.commission));
    m.set(FIX::CommType(FIX::CommType_ABSOLUTE));
  }
  if (!e.text.empty()) m.set(FIX::Text(e.text));
  m.setField(FIX::FIELD::TransactTime, fix_time(e.time));
  return m;
}

ExecutionReport parse_execution_report(const FIX::Message& m) {
  ExecutionReport e;
  e.exec_id = field_or_empty(m, FIX::FIELD::ExecID);
  e.client_order_id = field_or_empty(m, FIX::FIELD::ClOrdID);
  e.orig_client_order_id = field_or_empty(m, FIX::FIELD::OrigClOrdID);
  const auto exec_type = field_or_empty(m, FIX::FIELD::ExecType);
  const auto status = field_or_empty(m, FIX::FIELD::OrdStatus);
  e.status = parse_ord_status(status.empty() ? '0' : status[0]);
  const double cum = std::stod(
      field_or_empty(m, FIX::FIELD::CumQty).empty() ? "0" : field_or_empty(m, FIX::FIELD::CumQty));
  e.cum_shares = static_cast<int>(cum);
  auto number = [&](int tag) {
    const auto text = field_or_empty(m, tag);
    return text.empty() ? 0.0 : std::stod(text);
  };
  e.avg_price = number(FIX::FIELD::AvgPx);
  e.leaves_shares = static_cast<int>(number(FIX::FIELD::LeavesQty));
  e.last_shares = static_cast<int>(number(FIX::FIELD::LastQty));
  e.last_price = number(FIX::FIELD::LastPx);
  e.commission = number(FIX::FIELD::Commission);
  e.ticker = field_or_empty(m, FIX::FIELD::Symbol);
  e.side = field_or_empty(m, FIX::FIELD::Side) == "2" ? Side::kSell : Side::kBuy;
  e.text = field_or_empty(m, FIX::FIELD::Text);
  const auto when = field_or_empty(m, FIX::FIELD::TransactTime);
  if (!when.empty()) e.time = parse_fix_time(when);
  const char t = exec_type.empty() ? '0' : exec_type[0];
  switch (t) {
    case FIX::ExecType_TRADE:
      e.type = e.leaves_shares > 0 || e.status == core::OrderStatus::kPartiallyFilled
                   ? ExecType::kPartialFill
                   : ExecType::kFill;
      break;
    case FIX::ExecType_REJECTED:
      e.type = ExecType::kRejected;
      break;
    case FIX::ExecType_CANCELED:
      e.type = ExecType::kCanceled;
      break;
    case FIX::ExecType_REPLACED:
      e.type = ExecType::kReplaced;
      break;
    case FIX::ExecType_EXPIRED:
      e.type = ExecType::kExpired;
      break;
    default:
      e.type = ExecType::kNew;  // 0 New, I Order status
  }
  return e;
}

}  // namespace ae::executor::fix
