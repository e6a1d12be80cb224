// What a cache of computed results must key on besides its inputs, so that a
// different build never reuses them: the SHA-256 of the running executable
// (read once per process) and the C library's version (its maths).
#pragma once

#include <string>

namespace ae::core {

const std::string& build_identity();

}  // namespace ae::core
