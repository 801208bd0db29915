// The C boundary: every exported function runs its body through guarded(),
// which turns kefu::Error and any other exception into a kefu_status and the
// thread-local message behind kefu_last_error(). Nothing escapes.
#pragma once

#include <cstring>
#include <new>
#include <string>
#include <string_view>

#include "core/error.h"
#include "kefu/kefu.h"

namespace kefu::capi {

void set_error(kefu_status status, std::string_view message);
void clear_error();

template <typename Body>
kefu_status guarded(Body&& body) noexcept {
  try {
    body();
    clear_error();
    return KEFU_OK;
  } catch (const Error& e) {
    set_error(e.status(), e.what());
    return e.status();
  } catch (const std::bad_alloc&) {
    set_error(KEFU_ERR_OUT_OF_MEMORY, "out of memory");
    return KEFU_ERR_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    set_error(KEFU_ERR_INTERNAL, std::string("internal error: ") + e.what());
    return KEFU_ERR_INTERNAL;
  } catch (...) {
    set_error(KEFU_ERR_INTERNAL, "internal error: unknown exception");
    return KEFU_ERR_INTERNAL;
  }
}

// Throws KEFU_ERR_INVALID_ARGUMENT naming `name` when `p` is NULL.
template <typename T>
void require(const T* p, const char* name) {
  if (p == nullptr)
    fail(KEFU_ERR_INVALID_ARGUMENT, std::string(name) + " must not be NULL");
}

// Copies `s` into a malloc'd, NUL-terminated buffer released by
// kefu_string_free.
char* to_c_string(std::string_view s);

}  // namespace kefu::capi
