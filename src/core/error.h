// Internal error type. Inside the library failures are thrown as kefu::Error;
// the C boundary (src/capi) turns them into a kefu_status plus message.
#pragma once

#include <stdexcept>
#include <string>

#include "kefu/kefu.h"

namespace kefu {

class Error : public std::runtime_error {
 public:
  Error(kefu_status status, std::string message)
      : std::runtime_error(std::move(message)), status_(status) {}
  kefu_status status() const noexcept { return status_; }

 private:
  kefu_status status_;
};

[[noreturn]] inline void fail(kefu_status status, std::string message) {
  throw Error(status, std::move(message));
}

}  // namespace kefu
