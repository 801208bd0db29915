// Version, errors and buffer ownership.
#include <cstdlib>

#include "capi/boundary.h"

#define KEFU_STR2(x) #x
#define KEFU_STR(x) KEFU_STR2(x)

namespace kefu::capi {

namespace {
thread_local std::string t_last_error;
}

void set_error(kefu_status status, std::string_view message) {
  t_last_error.assign(kefu_status_name(status));
  t_last_error.append(": ");
  t_last_error.append(message);
}

void clear_error() { t_last_error.clear(); }

char* to_c_string(std::string_view s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  return out;
}

}  // namespace kefu::capi

extern "C" {

KEFU_API const char* kefu_version(void) {
  return KEFU_STR(KEFU_VERSION_MAJOR) "." KEFU_STR(KEFU_VERSION_MINOR) "." KEFU_STR(
      KEFU_VERSION_PATCH);
}

KEFU_API uint32_t kefu_version_number(void) {
  return KEFU_VERSION_MAJOR * 10000u + KEFU_VERSION_MINOR * 100u + KEFU_VERSION_PATCH;
}

KEFU_API const char* kefu_last_error(void) { return kefu::capi::t_last_error.c_str(); }

KEFU_API const char* kefu_status_name(kefu_status status) {
  switch (status) {
    case KEFU_OK: return "KEFU_OK";
    case KEFU_ERR_INVALID_ARGUMENT: return "KEFU_ERR_INVALID_ARGUMENT";
    case KEFU_ERR_INVALID_UTF8: return "KEFU_ERR_INVALID_UTF8";
    case KEFU_ERR_TOO_LARGE: return "KEFU_ERR_TOO_LARGE";
    case KEFU_ERR_INVALID_OPTIONS: return "KEFU_ERR_INVALID_OPTIONS";
    case KEFU_ERR_INVALID_DATA: return "KEFU_ERR_INVALID_DATA";
    case KEFU_ERR_IO: return "KEFU_ERR_IO";
    case KEFU_ERR_CORRUPT: return "KEFU_ERR_CORRUPT";
    case KEFU_ERR_UNSUPPORTED: return "KEFU_ERR_UNSUPPORTED";
    case KEFU_ERR_NOT_FOUND: return "KEFU_ERR_NOT_FOUND";
    case KEFU_ERR_OUT_OF_MEMORY: return "KEFU_ERR_OUT_OF_MEMORY";
    case KEFU_ERR_INTERNAL: return "KEFU_ERR_INTERNAL";
    case KEFU_ERR_BUSY: return "KEFU_ERR_BUSY";
    case KEFU_ERR_STATE: return "KEFU_ERR_STATE";
  }
  return "KEFU_ERR_UNKNOWN";
}

KEFU_API void kefu_string_free(char* s) { std::free(s); }

}  // extern "C"
