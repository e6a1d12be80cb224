#include "market/sectors.h"

#include <cctype>
#include <string>
#include <utility>

#include "core/error.h"

namespace ae::market {
namespace {

struct SectorInfo {
  std::string_view name;
  std::string_view gics;
  std::string_view etf;
};

constexpr std::array<SectorInfo, kSectorCount> kSectors = {{
    {"Technology", "Information Technology", "XLK"},
    {"Healthcare", "Health Care", "XLV"},
    {"Financial", "Financials", "XLF"},
    {"Consumer Discretionary", "Consumer Discretionary", "XLY"},
    {"Consumer Staples", "Consumer Staples", "XLP"},
    {"Energy", "Energy", "XLE"},
    {"Industrials", "Industrials", "XLI"},
    {"Materials", "Materials", "XLB"},
    {"Real Estate", "Real Estate", "XLRE"},
    {"Utilities", "Utilities", "XLU"},
    {"Communication Services", "Communication Services", "XLC"},
}};

// Normalised aliases: lower-case words joined, the word "and" and "&" dropped.
constexpr std::array<std::pair<std::string_view, Sector>, 32> kAliases = {{
    {"informationtechnology", Sector::kTechnology},
    {"technology", Sector::kTechnology},
    {"tech", Sector::kTechnology},
    {"it", Sector::kTechnology},
    {"healthcare", Sector::kHealthcare},
    {"health", Sector::kHealthcare},
    {"financials", Sector::kFinancial},
    {"financial", Sector::kFinancial},
    {"financialservices", Sector::kFinancial},
    {"finance", Sector::kFinancial},
    {"consumerdiscretionary", Sector::kConsumerDiscretionary},
    {"consumercyclical", Sector::kConsumerDiscretionary},
    {"discretionary", Sector::kConsumerDiscretionary},
    {"consumerstaples", Sector::kConsumerStaples},
    {"consumerdefensive", Sector::kConsumerStaples},
    {"staples", Sector::kConsumerStaples},
    {"energy", Sector::kEnergy},
    {"industrials", Sector::kIndustrials},
    {"industrial", Sector::kIndustrials},
    {"materials", Sector::kMaterials},
    {"basicmaterials", Sector::kMaterials},
    {"realestate", Sector::kRealEstate},
    {"reit", Sector::kRealEstate},
    {"reits", Sector::kRealEstate},
    {"utilities", Sector::kUtilities},
    {"utility", Sector::kUtilities},
    {"communicationservices", Sector::kCommunicationServices},
    {"communication", Sector::kCommunicationServices},
    {"communications", Sector::kCommunicationServices},
    {"telecommunicationservices", Sector::kCommunicationServices},
    {"telecommunications", Sector::kCommunicationServices},
    {"telecom", Sector::kCommunicationServices},
}};

std::string normalise(std::string_view label) {
  std::string out;
  std::string word;
  auto flush = [&] {
    if (word != "and") out += word;
    word.clear();
  };
  for (const char raw : label) {
    const auto c = static_cast<unsigned char>(raw);
    if (std::isalnum(c)) {
      word += static_cast<char>(std::tolower(c));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace

std::array<Sector, kSectorCount> all_sectors() {
  std::array<Sector, kSectorCount> out{};
  for (int i = 0; i < kSectorCount; ++i) out[i] = static_cast<Sector>(i);
  return out;
}

std::string_view sector_name(Sector sector) { return kSectors[static_cast<int>(sector)].name; }
std::string_view gics_name(Sector sector) { return kSectors[static_cast<int>(sector)].gics; }
std::string_view sector_etf(Sector sector) { return kSectors[static_cast<int>(sector)].etf; }

std::optional<Sector> try_canonical_sector(std::string_view label) {
  const std::string key = normalise(label);
  for (const auto& [alias, sector] : kAliases) {
    if (alias == key) return sector;
  }
  return std::nullopt;
}

Sector canonical_sector(std::string_view label) {
  if (auto sector = try_canonical_sector(label)) return *sector;
  throw core::InvalidInput("unknown sector '" + std::string(label) + "'");
}

std::optional<Sector> sector_of_etf(std::string_view symbol) {
  for (Sector sector : all_sectors()) {
    if (sector_etf(sector) == symbol) return sector;
  }
  return std::nullopt;
}

}  // namespace ae::market
