// Helpers for tests of durable stores: a temporary directory, writing raw
// bytes over a store's files, and the status a call throws.
#pragma once

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.h"

namespace store_test {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/kefu-store-test-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string operator/(const std::string& name) const { return path + "/" + name; }
};

inline void spit(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
}

template <typename F>
kefu_status status_of(F&& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const kefu::Error& e) {
    if (message) *message = e.what();
    return e.status();
  }
  return KEFU_OK;
}

}  // namespace store_test
