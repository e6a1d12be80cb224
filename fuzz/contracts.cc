// Fuzzes the contract readers (core/contracts/): the first byte picks the
// contract, the rest is the document's text, read as the stages read it
// (parse_stored_contract under the contract's store key; the coverage result,
// which has no key, with parse_contract), then into its struct.
// Asserts: never crashes; a bad document is a ContractViolation; a document
// the contract accepts reads into its struct without error, and the struct
// written back is accepted by the contract again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/contracts/contract.h"
#include "core/contracts/coverage.h"
#include "core/contracts/health.h"
#include "core/contracts/order_book.h"
#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"

namespace {

using ae::core::Contract;

template <class Struct>
void read_and_write_back(Contract contract, std::string_view text, std::string_view key) {
  nlohmann::json document;
  try {
    document = contract == Contract::kCoverageResult
                   ? ae::core::parse_contract(contract, text, key)
                   : ae::core::parse_stored_contract(contract, text, key);
  } catch (const ae::core::ContractViolation&) {
    return;
  }
  const nlohmann::json written = document.get<Struct>();
  ae::core::validate_contract(contract, written, "the document written back");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ae::core;
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0:
      read_and_write_back<Signals>(Contract::kSignals, text, "signals/2026-04-20/signals.json");
      break;
    case 1:
      read_and_write_back<Predictions>(Contract::kPredictions, text,
                                       "predictor/predictions/2026-04-20.json");
      break;
    case 2:
      read_and_write_back<OrderBook>(Contract::kOrderBook, text,
                                     "trades/order_book/2026-04-20.json");
      break;
    case 3:
      read_and_write_back<HealthRecord>(Contract::kHealth, text, "health/executor.json");
      break;
    case 4:
      read_and_write_back<CoverageResult>(Contract::kCoverageResult, text, "coverage_result.json");
      break;
  }
  return 0;
}
