// The error types every layer throws. Each carries one clear, human-readable
// line; callers catch the narrowest type they can act on. NotFound is kept
// distinct from every other failure (the reference treated a missing object as
// "absent" and anything else as a hard failure; so do we).
#pragma once

#include <stdexcept>
#include <string>

namespace ae::core {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A named thing (store key, ticker, execution, ...) does not exist.
class NotFound : public Error {
 public:
  using Error::Error;
};

// Input that breaks a rule: a malformed key, an out-of-range parameter, a
// document that fails its schema. The message names what and where.
class InvalidInput : public Error {
 public:
  using Error::Error;
};

// The operating system or a library failed (disk full, permission, SQLite).
class IoError : public Error {
 public:
  using Error::Error;
};

}  // namespace ae::core
