#include "cli/csv_document.h"

#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "core/error.h"

namespace ae::cli {
namespace {

using Row = std::vector<std::string>;

std::vector<Row> split_rows(std::string_view csv) {
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false;
  bool any = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    any = true;
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else if (c != '\r') {
      field += c;
    }
  }
  if (quoted) throw core::InvalidInput("CSV: unterminated quoted field");
  if (any) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

nlohmann::json typed(const std::string& field) {
  if (field.empty()) return nullptr;
  long long integer = 0;
  const char* end = field.data() + field.size();
  if (auto [ptr, ec] = std::from_chars(field.data(), end, integer); ec == std::errc() && ptr == end)
    return integer;
  double number = 0;
  if (auto [ptr, ec] = std::from_chars(field.data(), end, number);
      ec == std::errc() && ptr == end && std::isfinite(number))
    return number;
  return field;
}

}  // namespace

nlohmann::json csv_to_json(std::string_view csv) {
  const auto rows = split_rows(csv);
  nlohmann::json out = nlohmann::json::array();
  if (rows.empty()) return out;
  const Row& header = rows.front();
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() != header.size())
      throw core::InvalidInput("CSV: row " + std::to_string(r + 1) + " has " +
                               std::to_string(rows[r].size()) + " fields, the header " +
                               std::to_string(header.size()));
    nlohmann::json object = nlohmann::json::object();
    for (std::size_t c = 0; c < header.size(); ++c) object[header[c]] = typed(rows[r][c]);
    out.push_back(std::move(object));
  }
  return out;
}

}  // namespace ae::cli
