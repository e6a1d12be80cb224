// The FIX 4.4 side of the broker's domain, shared by the FIX broker (the
// initiator) and `ae exchange` (the acceptor): QuickFIX session settings from
// a FixSessionConfig, and the translation of orders and execution reports to
// and from FIX 4.4 messages (NewOrderSingle 35=D, ExecutionReport 35=8).
// Fields: ClOrdID (11) is the order's client order id, its idempotency key;
// TransactTime (60) carries the sender's clock (the exchange prices an order
// at it); a time in force is 59=0 DAY, 3 IOC, 1 GTC; a limit order is 40=2
// with Price (44). Prices and amounts (44, 6, 31, 12) are written in the
// shortest fixed-point text that reads back as the same double (QuickFIX's own
// conversion keeps 15 digits), so a fill lands in the book exactly as the
// venue priced it. Only the broker's .cc files and the exchange include this
// header (it brings QuickFIX in).
#pragma once

#include <filesystem>

#include "executor/broker/broker.h"
#include "executor/broker/fix/fix_settings.h"
#include "executor/broker/fix/quickfix.h"

namespace ae::executor::fix {

// The initiator's settings (SocketConnectHost/Port, the store and the logs
// under `folder`); the acceptor's are the same session seen from the other
// side (comp ids swapped, SocketAcceptPort = config.port).
FIX::SessionSettings initiator_settings(const FixSessionConfig& config,
                                        const std::filesystem::path& folder);
FIX::SessionSettings acceptor_settings(const FixSessionConfig& config,
                                       const std::filesystem::path& folder);

std::string fix_time(core::Timestamp instant);  // "YYYYMMDD-HH:MM:SS.sss"
std::string fix_float(double value);            // 100.1, 0.005: exact, never 1e-05
core::Timestamp parse_fix_time(const std::string& text);

FIX44::NewOrderSingle new_order_single(const OrderRequest& request, core::Timestamp transact);
// The request a NewOrderSingle carries and its TransactTime. InvalidInput
// naming the tag for a field it lacks or a value out of the domain.
std::pair<OrderRequest, core::Timestamp> parse_new_order(const FIX::Message& message);

char fix_side(Side side);
char fix_ord_status(core::OrderStatus status);
core::OrderStatus parse_ord_status(char status);
char fix_exec_type(ExecType type);

FIX44::ExecutionReport fix_execution_report(const ExecutionReport& report,
                                            const std::string& order_id, int order_qty);
// nullopt for an order status answer (150=I): it carries the order's state,
// not an event.
ExecutionReport parse_execution_report(const FIX::Message& message);

// The text of a field if the message has it, else "".
std::string field_or_empty(const FIX::FieldMap& message, int tag);

}  // namespace ae::executor::fix
