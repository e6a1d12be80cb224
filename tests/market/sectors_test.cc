#include "market/sectors.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "market/universe.h"

namespace ae::market {
namespace {

TEST(Sectors, EverySpellingMapsToOneSector) {
  const std::vector<std::pair<const char*, Sector>> cases = {
      {"Information Technology", Sector::kTechnology},
      {"Technology", Sector::kTechnology},
      {"information  technology", Sector::kTechnology},
      {"Health Care", Sector::kHealthcare},
      {"Healthcare", Sector::kHealthcare},
      {"Financials", Sector::kFinancial},
      {"Financial", Sector::kFinancial},
      {"Financial Services", Sector::kFinancial},
      {"Consumer Discretionary", Sector::kConsumerDiscretionary},
      {"Consumer Cyclical", Sector::kConsumerDiscretionary},
      {"Consumer Staples", Sector::kConsumerStaples},
      {"Consumer Defensive", Sector::kConsumerStaples},
      {"Energy", Sector::kEnergy},
      {"Industrials", Sector::kIndustrials},
      {"Materials", Sector::kMaterials},
      {"Basic Materials", Sector::kMaterials},
      {"Real Estate", Sector::kRealEstate},
      {"Utilities", Sector::kUtilities},
      {"Communication Services", Sector::kCommunicationServices},
      {"Telecommunication Services", Sector::kCommunicationServices},
  };
  for (const auto& [label, sector] : cases) {
    EXPECT_EQ(canonical_sector(label), sector) << label;
  }
}

TEST(Sectors, CanonicalAndGicsNamesRoundTrip) {
  for (Sector sector : all_sectors()) {
    EXPECT_EQ(canonical_sector(sector_name(sector)), sector);
    EXPECT_EQ(canonical_sector(gics_name(sector)), sector);
    EXPECT_EQ(sector_of_etf(sector_etf(sector)), sector);
  }
  EXPECT_EQ(sector_etf(Sector::kTechnology), "XLK");
  EXPECT_EQ(sector_etf(Sector::kRealEstate), "XLRE");
  EXPECT_EQ(sector_name(Sector::kHealthcare), "Healthcare");
  EXPECT_EQ(gics_name(Sector::kFinancial), "Financials");
}

TEST(Sectors, UnknownLabelIsAnErrorNamingIt) {
  EXPECT_FALSE(try_canonical_sector("Crypto").has_value());
  try {
    canonical_sector("Crypto");
    FAIL();
  } catch (const core::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("'Crypto'"), std::string::npos);
  }
  EXPECT_FALSE(sector_of_etf("SPY").has_value());
}

TEST(Universe, MembershipIsHalfOpen) {
  Constituent c;
  c.memberships.push_back(
      {"SP400", core::parse_date("2020-01-02"), core::parse_date("2022-06-01")});
  c.memberships.push_back({"SP500", core::parse_date("2022-06-01"), std::nullopt});
  EXPECT_FALSE(c.member_on(core::parse_date("2019-12-31")));
  EXPECT_EQ(c.index_on(core::parse_date("2022-05-31")), "SP400");
  EXPECT_EQ(c.index_on(core::parse_date("2022-06-01")), "SP500");
  EXPECT_TRUE(c.member_on(core::parse_date("2030-01-02")));
}

TEST(Universe, SymbolsAreValidated) {
  EXPECT_NO_THROW(validate_symbol("BRK-B"));
  EXPECT_NO_THROW(validate_symbol("BF.B"));
  EXPECT_THROW(validate_symbol(""), core::InvalidInput);
  EXPECT_THROW(validate_symbol("a"), core::InvalidInput);
  EXPECT_THROW(validate_symbol("../X"), core::InvalidInput);
  EXPECT_THROW(validate_symbol("TOOLONGSYMBOL"), core::InvalidInput);
}

}  // namespace
}  // namespace ae::market
