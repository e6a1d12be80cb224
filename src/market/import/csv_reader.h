// A small strict CSV reader for the importers: comma-separated, optional
// double-quoted fields ("" inside quotes is a quote), CRLF tolerated, blank
// lines skipped, a leading UTF-8 byte-order mark ignored. Every row remembers
// its 1-based line number so errors can name file, line and field. Limits:
// a file of at most kMaxCsvBytes (checked before it is read), lines of at
// most kMaxCsvLineBytes, and no NUL byte (a binary file): InvalidInput naming
// the file and line otherwise.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ae::market {

inline constexpr std::size_t kMaxCsvBytes = std::size_t{512} << 20;  // 512 MiB
inline constexpr std::size_t kMaxCsvLineBytes = 64 << 10;            // 64 KiB

struct CsvRow {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string file;
  std::vector<std::string> header;  // trimmed, as written
  std::vector<CsvRow> rows;

  // Column of a header name (case-insensitive, spaces and '_' ignored).
  std::optional<std::size_t> column(std::string_view name) const;
  // As column(); throws InvalidInput "FILE: missing column 'NAME'".
  std::size_t require_column(std::string_view name) const;
  // "FILE:LINE: field NAME: " - the prefix of every row error.
  std::string where(const CsvRow& row, std::string_view field) const;
};

// Parses a whole CSV file (header + rows). Throws core::NotFound if missing,
// InvalidInput on an unterminated quote or a row with the wrong field count.
CsvTable read_csv(const std::string& path);
CsvTable parse_csv(std::string_view text, const std::string& origin);

// Strict number parse of a field; throws InvalidInput with table.where(...).
double parse_number(const CsvTable& table, const CsvRow& row, std::size_t column,
                    std::string_view field);

}  // namespace ae::market
