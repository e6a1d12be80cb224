#include "market/synth/install.h"

#include "core/directory_swap.h"
#include "core/error.h"

namespace ae::market::synth {
namespace {

constexpr const char* kReports = "reports";

void remove_staging(const std::filesystem::path& staging) {
  std::error_code error;
  std::filesystem::remove_all(staging, error);
  if (error)
    throw core::IoError("cannot remove the staging folder '" + staging.string() +
                        "': " + error.message());
}

}  // namespace

void install_market(const std::filesystem::path& market_root, const std::filesystem::path& staging,
                    const SyntheticMarket& market, const SynthOptions& options,
                    const WriteProgress& progress) {
  remove_staging(staging);
  try {
    BarStore store(staging);
    write_market(store, market, options, progress);
    std::error_code error;
    if (std::filesystem::is_directory(market_root / kReports, error)) {
      std::filesystem::copy(market_root / kReports, staging / kReports,
                            std::filesystem::copy_options::recursive, error);
      if (error)
        throw core::IoError("cannot copy the import reports of '" + market_root.string() +
                            "': " + error.message());
    }
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(staging, ignored);
    throw;
  }
  core::replace_directory(market_root, staging);
}

}  // namespace ae::market::synth
