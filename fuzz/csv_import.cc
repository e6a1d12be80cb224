// Fuzzes the CSV importer (market/import/importer.h, csv_reader.h): the first
// byte picks the kind of file (a per-ticker file AAPL.csv, a long file, a
// universe file), the rest is the file; import_files reads it, row by row, as
// `ae data import` does, into an empty bar store under $TMPDIR (`make fuzz`
// sets it to /dev/shm when it can).
// Asserts: never crashes; a bad file is InvalidInput and leaves the store
// empty; an import that succeeds wrote one readable series per symbol it
// counts, and a universe that reads back.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.h"
#include "fuzz_check.h"
#include "fuzz_scratch.h"
#include "market/bar_store.h"
#include "market/import/importer.h"

namespace {

namespace fs = std::filesystem;

void check_store(const ae::market::BarStore& store, const ae::market::ImportResult& result) {
  const auto symbols = store.symbols();
  AE_FUZZ_CHECK(symbols.size() == result.symbols);
  for (const auto& symbol : symbols) store.read(symbol).to_series();
  store.read_quarantine();
  if (result.universe_tickers > 0) store.read_universe();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ae::market;
  static const FuzzScratch scratch("ae-fuzz-csv");
  static BarStore store(scratch.root() / "store");  // its calendar is built once
  if (size == 0) return 0;
  fs::remove_all(store.root());
  fs::create_directories(store.root());
  ImportRequest request;
  const int kind = data[0] % 3;
  const fs::path file = scratch.root() / (kind == 0   ? "AAPL.csv"
                                          : kind == 1 ? "long.csv"
                                                      : "universe.csv");
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(data) + 1, static_cast<std::streamsize>(size - 1));
  (kind == 0   ? request.per_ticker_files
   : kind == 1 ? request.long_files
               : request.universe_files)
      .push_back(file.string());
  try {
    check_store(store, import_files(store, request));
  } catch (const ae::core::InvalidInput&) {
    AE_FUZZ_CHECK(store.symbols().empty() && !store.has_universe());
  }
  return 0;
}
