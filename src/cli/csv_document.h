// The JSON form of a CSV table the CLI prints (the ledger's exports): an array
// of objects keyed by the header's column names. RFC 4180 quoting ("a,b",
// doubled quotes, line breaks inside quotes); an empty field is null, a field
// that is a whole number or a finite decimal is a number, anything else a
// string. InvalidInput on an unterminated quote or a row whose field count
// differs from the header's.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace ae::cli {

nlohmann::json csv_to_json(std::string_view csv);

}  // namespace ae::cli
