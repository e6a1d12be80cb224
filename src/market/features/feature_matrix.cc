#include "market/features/feature_matrix.h"

#include "core/error.h"

namespace ae::market::features {

std::span<const double> FeatureMatrix::column(std::string_view name) const {
  for (std::size_t i = 0; i < names_->size(); ++i) {
    if ((*names_)[i] == name) return column(i);
  }
  throw core::NotFound("no feature '" + std::string(name) + "'");
}

}  // namespace ae::market::features
