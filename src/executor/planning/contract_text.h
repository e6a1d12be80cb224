// The contract's text of the planner's enum values (their JSON
// serialisation), computed once per enum type: the planner blocks many
// entries a day and a JSON round trip per field was a hot spot of the sweep.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <string>

#include "core/contracts/predictions.h"
#include "core/contracts/signals.h"

namespace ae::executor {

// Enums are dense from 0; N is the number of values.
template <typename E, int N>
const std::string& enum_text(E value) {
  static const auto table = [] {
    std::array<std::string, N> out;
    for (int i = 0; i < N; ++i) out[i] = nlohmann::json(static_cast<E>(i)).get<std::string>();
    return out;
  }();
  return table[static_cast<std::size_t>(value)];
}
inline const std::string& text_of(core::Conviction v) { return enum_text<core::Conviction, 3>(v); }
inline const std::string& text_of(core::SectorRating v) {
  return enum_text<core::SectorRating, 3>(v);
}
inline const std::string& text_of(core::Direction v) { return enum_text<core::Direction, 2>(v); }
inline const std::string& text_of(core::MarketRegime v) {
  return enum_text<core::MarketRegime, 3>(v);
}

}  // namespace ae::executor
