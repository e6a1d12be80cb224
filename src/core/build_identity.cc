#include "core/build_identity.h"

#include <gnu/libc-version.h>

#include <fstream>
#include <vector>

#include "core/digest.h"
#include "core/error.h"

namespace ae::core {

const std::string& build_identity() {
  static const std::string identity = [] {
    std::ifstream executable("/proc/self/exe", std::ios::binary);
    if (!executable) throw IoError("build identity: cannot read /proc/self/exe");
    Sha256 digest;
    std::vector<char> buffer(1 << 20);
    while (executable.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) ||
           executable.gcount() > 0)
      digest.update({buffer.data(), static_cast<std::size_t>(executable.gcount())});
    return digest.hex() + " glibc " + gnu_get_libc_version();
  }();
  return identity;
}

}  // namespace ae::core
