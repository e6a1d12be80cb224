#include "market/import/csv_reader.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>

#include "core/atomic_file.h"
#include "core/error.h"

namespace ae::market {
namespace {

std::string trim(std::string_view text) {
  std::size_t a = 0, b = text.size();
  while (a < b && std::isspace(static_cast<unsigned char>(text[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(text[b - 1]))) --b;
  return std::string(text.substr(a, b - a));
}

std::string header_key(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c == ' ' || c == '_') continue;
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

}  // namespace

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
  const std::string key = header_key(name);
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header_key(header[i]) == key) return i;
  }
  return std::nullopt;
}

std::size_t CsvTable::require_column(std::string_view name) const {
  if (auto c = column(name)) return *c;
  throw core::InvalidInput(file + ": missing column '" + std::string(name) + "'");
}

std::string CsvTable::where(const CsvRow& row, std::string_view field) const {
  return file + ":" + std::to_string(row.line) + ": field " + std::string(field) + ": ";
}

CsvTable read_csv(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (!error && size > kMaxCsvBytes)
    throw core::InvalidInput(path + ": " + std::to_string(size >> 20) +
                             " MiB is larger than the importer's limit of " +
                             std::to_string(kMaxCsvBytes >> 20) + " MiB");
  return parse_csv(core::read_file(path), path);
}

CsvTable parse_csv(std::string_view text, const std::string& origin) {
  CsvTable table;
  table.file = origin;
  std::size_t line = 1;
  std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a UTF-8 byte-order mark
  bool have_header = false;
  while (i < text.size()) {
    const std::size_t row_line = line;
    const std::size_t row_start = i;
    std::vector<std::string> fields;
    std::string field;
    bool quoted_field = false;
    bool in_quotes = false;
    bool row_done = false;
    while (i < text.size() && !row_done) {
      const char c = text[i++];
      if (c == '\0')
        throw core::InvalidInput(origin + ":" + std::to_string(line) +
                                 ": a NUL byte (not a text CSV file)");
      if (i - row_start > kMaxCsvLineBytes)
        throw core::InvalidInput(origin + ":" + std::to_string(row_line) + ": a row longer than " +
                                 std::to_string(kMaxCsvLineBytes) + " bytes");
      if (in_quotes) {
        if (c == '"') {
          if (i < text.size() && text[i] == '"') {
            field += '"';
            ++i;
          } else {
            in_quotes = false;
          }
        } else {
          if (c == '\n') ++line;
          field += c;
        }
      } else if (c == '"') {
        in_quotes = true;
        quoted_field = true;
      } else if (c == ',') {
        fields.push_back(quoted_field ? field : trim(field));
        field.clear();
        quoted_field = false;
      } else if (c == '\n') {
        ++line;
        row_done = true;
      } else if (c != '\r') {
        field += c;
      }
    }
    if (in_quotes) {
      throw core::InvalidInput(origin + ":" + std::to_string(row_line) + ": unterminated quote");
    }
    fields.push_back(quoted_field ? field : trim(field));
    const bool blank = fields.size() == 1 && fields[0].empty();
    if (blank) continue;
    if (!have_header) {
      table.header = std::move(fields);
      have_header = true;
      continue;
    }
    if (fields.size() != table.header.size()) {
      throw core::InvalidInput(origin + ":" + std::to_string(row_line) + ": expected " +
                               std::to_string(table.header.size()) + " fields, found " +
                               std::to_string(fields.size()));
    }
    table.rows.push_back({row_line, std::move(fields)});
  }
  if (!have_header) throw core::InvalidInput(origin + ": empty file (no header)");
  return table;
}

double parse_number(const CsvTable& table, const CsvRow& row, std::size_t column,
                    std::string_view field) {
  const std::string& text = row.fields[column];
  double value = 0;
  const auto* begin = text.data();
  const auto* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(begin, end, value);
  if (text.empty() || error != std::errc() || ptr != end) {
    throw core::InvalidInput(table.where(row, field) + "'" + text + "' is not a number");
  }
  if (!std::isfinite(value)) {
    throw core::InvalidInput(table.where(row, field) + "'" + text + "' is not a finite number");
  }
  return value;
}

}  // namespace ae::market
