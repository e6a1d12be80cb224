// The universe: every constituent ticker with its name, canonical sector and
// index membership over time (adds, removals, delistings), plus the macro
// symbols kept in the same bar store (SPY, VIX, the 11 sector ETFs).
// A membership covers added <= date < removed (removed empty = still a member).
// Stored as $AE_HOME/market/universe.json (written atomically).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "market/sectors.h"

namespace ae::market {

struct Membership {
  std::string index;  // e.g. "SP500", "SP400"
  core::Date added;
  std::optional<core::Date> removed;

  bool covers(core::Date date) const { return added <= date && (!removed || date < *removed); }
};

struct Constituent {
  std::string ticker;
  std::string name;
  Sector sector = Sector::kTechnology;
  std::vector<Membership> memberships;

  bool member_on(core::Date date) const;
  // Index name on `date`, or empty.
  std::string index_on(core::Date date) const;
};

struct Universe {
  std::vector<Constituent> constituents;  // sorted by ticker
  std::vector<std::string> macro_symbols;

  const Constituent* find(std::string_view ticker) const;
  std::vector<std::string> members_on(core::Date date) const;
};

// "SPY", "VIX" and the sector ETFs, in that order.
std::vector<std::string> default_macro_symbols();

// Symbols: 1-10 characters of A-Z, 0-9, '.', '-', starting with a letter or
// digit. Throws core::InvalidInput naming the symbol otherwise.
void validate_symbol(std::string_view symbol);

std::string universe_to_json(const Universe& universe);
// `origin` names the source in error messages.
Universe universe_from_json(std::string_view text, std::string_view origin);

}  // namespace ae::market
