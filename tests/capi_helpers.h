// Helpers for tests that go through the C ABI.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "kefu/kefu.h"

// Takes ownership of a returned JSON string and parses it.
inline nlohmann::json take_json(char* s) {
  nlohmann::json j = nlohmann::json::parse(s);
  kefu_string_free(s);
  return j;
}

inline nlohmann::json normalize(const std::string& text, const char* options = nullptr) {
  char* out = nullptr;
  kefu_status st = kefu_normalize(text.data(), text.size(), options, &out);
  if (st != KEFU_OK) throw std::runtime_error(kefu_last_error());
  return take_json(out);
}

inline std::string last_error() { return kefu_last_error(); }
