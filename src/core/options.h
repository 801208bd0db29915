// Strict reading of options JSON: malformed text, unknown keys and values of
// the wrong type are errors that name the key, so typos never pass silently.
#pragma once

#include <cstdint>
#include <vector>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace kefu {

class Options {
 public:
  // Parses `text` (NULL or "" = empty object) and rejects any key not in
  // `allowed`. `what` names the options in messages ("normalize options").
  Options(const char* text, const std::vector<std::string_view>& allowed,
          std::string what);
  // Wraps an already parsed object (e.g. a nested options block).
  Options(nlohmann::json object, const std::vector<std::string_view>& allowed,
          std::string what);

  bool has(std::string_view key) const;
  bool get_bool(std::string_view key, bool fallback) const;
  int64_t get_int(std::string_view key, int64_t fallback, int64_t min,
                  int64_t max) const;
  double get_double(std::string_view key, double fallback, double min,
                    double max) const;
  std::string get_string(std::string_view key, std::string fallback) const;
  const nlohmann::json& get(std::string_view key) const;  // must exist
  const std::string& what() const { return what_; }

 private:
  void check_keys(const std::vector<std::string_view>& allowed);
  const nlohmann::json* find(std::string_view key) const;

  nlohmann::json json_;
  std::string what_;
};

}  // namespace kefu
