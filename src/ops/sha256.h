// SHA-256 (FIPS 180-4) as lowercase hex, for deployment content hashes. The
// ops layer may depend on core only, so it carries its own small digest.
#pragma once

#include <string>
#include <string_view>

namespace ae::ops {

std::string sha256_hex(std::string_view data);

}  // namespace ae::ops
