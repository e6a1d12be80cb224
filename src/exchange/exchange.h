// `ae exchange`: a local FIX 4.4 venue (QuickFIX acceptor) that matches
// orders against the bar store's intraday price model with the paper
// broker's execution models, so the FIX broker trades end to end on one
// machine.
//
// Matching: an order is priced at its TransactTime (60) on the minute price
// model, exactly as the paper broker prices it at its clock's now (the volume
// cap, slippage and commission models); a volume-capped remainder is
// canceled. A limit order fills when the priced fill is at or within its
// limit; else IOC is canceled and DAY / GTC rest until canceled or replaced
// (a DAY order expires when an order of a later day arrives). An unknown
// ticker or a day without a price is rejected. It answers OrderStatusRequest
// (an unknown ClOrdID: OrdStatus=Rejected, OrdRejReason=5), refuses a
// duplicate ClOrdID (OrdRejReason=6) unless it is a resend (PossDupFlag=Y:
// ignored), and refuses a cancel or replace of a done order (35=9).
// ExecIDs are "<ClOrdID>:<n>", n counting the order's reports, so a report
// keeps its id across resends.
// Faults, for drills and tests: a latency before each fill, each fill split
// into several partial fills, every n-th order rejected, and a forced
// disconnect after the n-th order is acknowledged (once), before its fill:
// the fill is sent when the initiator logs on again (resend).
// The book is in memory; the session's store and logs are in `folder`.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>

#include "executor/broker/execution_models.h"
#include "executor/broker/fix/fix_settings.h"
#include "executor/intraday/minute_prices.h"

namespace ae::exchange {

struct ExchangeFaults {
  std::chrono::milliseconds latency{0};  // before each fill
  int partial_fills = 1;                 // executions per fill (>= 1)
  int reject_every = 0;                  // every n-th order rejected; 0: none
  int disconnect_after = 0;              // drop the session after the n-th order; 0: never
};

class Exchange {
 public:
  // `session` is the initiator's view (the exchange swaps the comp ids and
  // listens on session.port).
  Exchange(const executor::FixSessionConfig& session, const std::filesystem::path& folder,
           executor::MinutePriceSource& prices, executor::ExecutionModels models,
           ExchangeFaults faults);
  ~Exchange();
  // Listens; IoError naming the port when it cannot.
  void start();
  void stop();

  // NewOrderSingles accepted (resends not counted), those refused as a
  // duplicate ClOrdID, and executions sent.
  int orders_received() const;
  int duplicates_refused() const;
  int fills_sent() const;

 private:
  class Venue;
  std::unique_ptr<Venue> venue_;
};

// Parses a fault flag set; InvalidInput naming the flag for a bad value.
ExchangeFaults exchange_faults(int latency_ms, int partial_fills, int reject_every,
                               int disconnect_after);

}  // namespace ae::exchange
