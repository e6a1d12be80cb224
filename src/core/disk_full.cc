#include "core/disk_full.h"

#include <cerrno>
#include <cstring>

namespace ae::core {

bool is_out_of_space(int error_number) {
  return error_number == ENOSPC || error_number == EDQUOT || error_number == EFBIG;
}

std::string disk_full_text(int error_number) {
  return std::string("disk full (") + std::strerror(error_number) + ")";
}

}  // namespace ae::core
