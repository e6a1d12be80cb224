// Helpers for the contract structs' to_json/from_json: optional fields that
// are omitted when absent, nullable fields that are written as null, and
// enums spelled exactly as the contracts spell them. from_json is only ever
// called on documents that already passed schema validation.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/date.h"

namespace ae::core::json_fields {

template <typename T>
void read_optional(const nlohmann::json& j, const char* key, std::optional<T>& out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    out.reset();
  } else {
    out = it->template get<T>();
  }
}

// Omitted when absent.
template <typename T>
void write_optional(nlohmann::json& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}

// Written as null when absent.
template <typename T>
void write_nullable(nlohmann::json& j, const char* key, const std::optional<T>& value) {
  j[key] = value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

inline Date read_date(const nlohmann::json& j, const char* key) {
  return parse_date(j.at(key).get<std::string>());
}

}  // namespace ae::core::json_fields
