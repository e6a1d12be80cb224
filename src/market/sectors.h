// The one sector canonicaliser used everywhere. The 11 GICS sectors have one
// canonical (internal) name each; every spelling seen in the wild ("Information
// Technology", "Technology", "Health Care", "Healthcare", "Financials",
// "Financial", "Consumer Cyclical", ...) maps to the same Sector, so a lookup by
// sector can never silently miss (the reference lost three sectors' macro
// adjustments to that). Each sector has its SPDR sector ETF.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace ae::market {

enum class Sector : int {
  kTechnology = 0,
  kHealthcare,
  kFinancial,
  kConsumerDiscretionary,
  kConsumerStaples,
  kEnergy,
  kIndustrials,
  kMaterials,
  kRealEstate,
  kUtilities,
  kCommunicationServices,
};
inline constexpr int kSectorCount = 11;

std::array<Sector, kSectorCount> all_sectors();
// Canonical name, e.g. "Technology".
std::string_view sector_name(Sector sector);
// Official GICS name, e.g. "Information Technology".
std::string_view gics_name(Sector sector);
// Sector ETF symbol, e.g. "XLK".
std::string_view sector_etf(Sector sector);

// Case-, space- and punctuation-insensitive; the word "and" and "&" are ignored.
std::optional<Sector> try_canonical_sector(std::string_view label);
// As above; throws core::InvalidInput naming the label if unknown.
Sector canonical_sector(std::string_view label);
// The sector whose ETF is `symbol`, if any.
std::optional<Sector> sector_of_etf(std::string_view symbol);

}  // namespace ae::market
