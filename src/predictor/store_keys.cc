#include "predictor/store_keys.h"

#include "core/contracts/contract.h"

namespace ae::predictor {
namespace {

std::optional<nlohmann::json> read_if_present(const core::ArtifactStore& store,
                                              core::Contract contract, const std::string& key) {
  try {
    return core::read_contract(store, contract, key);
  } catch (const core::NotFound&) {
    return std::nullopt;
  }
}

}  // namespace

std::string signals_key(core::Date date) {
  return "signals/" + core::format_date(date) + "/signals.json";
}

std::string predictions_key(core::Date date) {
  return "predictor/predictions/" + core::format_date(date) + ".json";
}

std::optional<core::Signals> read_day_signals(const core::ArtifactStore& store, core::Date date) {
  auto document = read_if_present(store, core::Contract::kSignals, signals_key(date));
  if (!document) document = read_if_present(store, core::Contract::kSignals, kLatestSignalsKey);
  if (!document) return std::nullopt;
  return document->get<core::Signals>();
}

std::optional<core::Predictions> read_day_predictions(const core::ArtifactStore& store,
                                                      core::Date date) {
  try {
    return core::read_predictions(store, predictions_key(date));
  } catch (const core::NotFound&) {
    return std::nullopt;
  }
}

}  // namespace ae::predictor
