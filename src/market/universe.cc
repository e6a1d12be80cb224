#include "market/universe.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace ae::market {

bool Constituent::member_on(core::Date date) const {
  return std::any_of(memberships.begin(), memberships.end(),
                     [&](const Membership& m) { return m.covers(date); });
}

std::string Constituent::index_on(core::Date date) const {
  for (const auto& m : memberships) {
    if (m.covers(date)) return m.index;
  }
  return {};
}

const Constituent* Universe::find(std::string_view ticker) const {
  const auto it =
      std::lower_bound(constituents.begin(), constituents.end(), ticker,
                       [](const Constituent& c, std::string_view t) { return c.ticker < t; });
  if (it == constituents.end() || it->ticker != ticker) return nullptr;
  return &*it;
}

std::vector<std::string> Universe::members_on(core::Date date) const {
  std::vector<std::string> out;
  for (const auto& c : constituents) {
    if (c.member_on(date)) out.push_back(c.ticker);
  }
  return out;
}

std::vector<std::string> default_macro_symbols() {
  std::vector<std::string> out = {"SPY", "VIX"};
  for (Sector sector : all_sectors()) out.emplace_back(sector_etf(sector));
  return out;
}

void validate_symbol(std::string_view symbol) {
  const bool ok = !symbol.empty() && symbol.size() <= 10 &&
                  std::isalnum(static_cast<unsigned char>(symbol.front())) &&
                  std::all_of(symbol.begin(), symbol.end(), [](char c) {
                    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
                  });
  if (!ok) {
    throw core::InvalidInput("invalid symbol '" + std::string(symbol) +
                             "' (1-10 characters of A-Z, 0-9, '.', '-')");
  }
}

std::string universe_to_json(const Universe& universe) {
  nlohmann::json tickers = nlohmann::json::array();
  for (const auto& c : universe.constituents) {
    nlohmann::json memberships = nlohmann::json::array();
    for (const auto& m : c.memberships) {
      memberships.push_back({{"index", m.index},
                             {"added", core::format_date(m.added)},
                             {"removed", m.removed ? nlohmann::json(core::format_date(*m.removed))
                                                   : nlohmann::json(nullptr)}});
    }
    tickers.push_back({{"ticker", c.ticker},
                       {"name", c.name},
                       {"sector", sector_name(c.sector)},
                       {"sector_etf", sector_etf(c.sector)},
                       {"memberships", memberships}});
  }
  nlohmann::json doc = {{"tickers", tickers}, {"macro", universe.macro_symbols}};
  return doc.dump(1) + "\n";
}

Universe universe_from_json(std::string_view text, std::string_view origin) {
  const std::string where(origin);
  Universe universe;
  try {
    const auto doc = nlohmann::json::parse(text);
    for (const auto& t : doc.at("tickers")) {
      Constituent c;
      c.ticker = t.at("ticker").get<std::string>();
      validate_symbol(c.ticker);
      c.name = t.at("name").get<std::string>();
      c.sector = canonical_sector(t.at("sector").get<std::string>());
      for (const auto& m : t.at("memberships")) {
        Membership membership;
        membership.index = m.at("index").get<std::string>();
        membership.added = core::parse_date(m.at("added").get<std::string>());
        if (m.contains("removed") && !m.at("removed").is_null()) {
          membership.removed = core::parse_date(m.at("removed").get<std::string>());
        }
        c.memberships.push_back(std::move(membership));
      }
      universe.constituents.push_back(std::move(c));
    }
    for (const auto& s : doc.at("macro")) universe.macro_symbols.push_back(s.get<std::string>());
  } catch (const nlohmann::json::exception& e) {
    throw core::InvalidInput("universe " + where + " is malformed: " + e.what());
  } catch (const core::InvalidInput& e) {
    throw core::InvalidInput("universe " + where + ": " + e.what());
  }
  std::sort(universe.constituents.begin(), universe.constituents.end(),
            [](const Constituent& a, const Constituent& b) { return a.ticker < b.ticker; });
  return universe;
}

}  // namespace ae::market
