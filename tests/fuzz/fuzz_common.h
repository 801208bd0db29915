// Shared by the fuzz targets: the bundled bot as a trained engine, and the
// oracle every target applies: a call returns OK or a documented error, never
// KEFU_ERR_INTERNAL (a bug caught at the boundary), and OK results are JSON.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "kefu/kefu.h"

namespace fuzz {

[[noreturn]] inline void die(const char* what, kefu_status st) {
  std::fprintf(stderr, "%s: %s: %s\n", what, kefu_status_name(st), kefu_last_error());
  std::abort();
}

// Any status but INTERNAL is an answer; an error must come with a message.
inline bool ok(kefu_status st, const char* what) {
  if (st == KEFU_ERR_INTERNAL) die(what, st);
  if (st != KEFU_OK && *kefu_last_error() == '\0') die("error without a message", st);
  return st == KEFU_OK;
}

// Checks that a returned string is JSON, then frees it.
inline void json_result(char* out, const char* what) {
  if (out == nullptr) die(what, KEFU_OK);
  if (!nlohmann::json::accept(out)) {
    std::fprintf(stderr, "%s returned invalid JSON: %.200s\n", what, out);
    std::abort();
  }
  kefu_string_free(out);
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The bundled Chinese shop bot, trained once per process.
inline const kefu_engine* shop_engine() {
  static const kefu_engine* engine = [] {
    std::string bot = read_file(KEFU_SOURCE_DIR "/examples/bots/shop-zh.json");
    kefu_engine* e = nullptr;
    if (kefu_engine_train(bot.data(), bot.size(), nullptr, &e) != KEFU_OK) die("train shop-zh", KEFU_OK);
    return e;
  }();
  return engine;
}

}  // namespace fuzz
