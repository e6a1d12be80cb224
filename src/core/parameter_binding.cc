#include "core/parameter_binding.h"

namespace ae::core {

ParameterValue parameter_value_of(const std::set<std::string>& value) {
  return std::vector<std::string>(value.begin(), value.end());
}

void assign_string_list(std::set<std::string>& field, const std::vector<std::string>& list) {
  field = std::set<std::string>(list.begin(), list.end());
}

}  // namespace ae::core
