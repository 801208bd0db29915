#include "core/options.h"

#include <algorithm>
#include <cstring>

#include "core/error.h"
#include "core/limits.h"

namespace kefu {

using nlohmann::json;

namespace {
json parse_object(const char* text, const std::string& what) {
  if (text == nullptr || *text == '\0') return json::object();
  limits::check_size(std::strlen(text), limits::kOptionsBytes, what);
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded())
    fail(KEFU_ERR_INVALID_OPTIONS, what + ": malformed JSON");
  return parsed;
}
}  // namespace

Options::Options(const char* text,
                 const std::vector<std::string_view>& allowed,
                 std::string what)
    : Options(parse_object(text, what), allowed, what) {}

Options::Options(json object, const std::vector<std::string_view>& allowed,
                 std::string what)
    : json_(std::move(object)), what_(std::move(what)) {
  if (!json_.is_object())
    fail(KEFU_ERR_INVALID_OPTIONS, what_ + ": expected a JSON object");
  check_keys(allowed);
}

void Options::check_keys(const std::vector<std::string_view>& allowed) {
  for (const auto& item : json_.items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end())
      fail(KEFU_ERR_INVALID_OPTIONS,
           what_ + ": unknown key \"" + item.key() + "\"");
  }
}

const json* Options::find(std::string_view key) const {
  auto it = json_.find(key);
  return it == json_.end() ? nullptr : &*it;
}

bool Options::has(std::string_view key) const { return find(key) != nullptr; }

const json& Options::get(std::string_view key) const {
  const json* v = find(key);
  if (!v) fail(KEFU_ERR_INVALID_OPTIONS, what_ + ": missing key \"" + std::string(key) + "\"");
  return *v;
}

bool Options::get_bool(std::string_view key, bool fallback) const {
  const json* v = find(key);
  if (!v) return fallback;
  if (!v->is_boolean())
    fail(KEFU_ERR_INVALID_OPTIONS,
         what_ + ": \"" + std::string(key) + "\" must be true or false");
  return v->get<bool>();
}

int64_t Options::get_int(std::string_view key, int64_t fallback, int64_t min,
                         int64_t max) const {
  const json* v = find(key);
  if (!v) return fallback;
  if (!v->is_number_integer() || v->get<int64_t>() < min ||
      v->get<int64_t>() > max)
    fail(KEFU_ERR_INVALID_OPTIONS,
         what_ + ": \"" + std::string(key) + "\" must be an integer in [" +
             std::to_string(min) + ", " + std::to_string(max) + "]");
  return v->get<int64_t>();
}

double Options::get_double(std::string_view key, double fallback, double min,
                           double max) const {
  const json* v = find(key);
  if (!v) return fallback;
  if (!v->is_number() || v->get<double>() < min || v->get<double>() > max)
    fail(KEFU_ERR_INVALID_OPTIONS,
         what_ + ": \"" + std::string(key) + "\" must be a number in [" +
             std::to_string(min) + ", " + std::to_string(max) + "]");
  return v->get<double>();
}

std::string Options::get_string(std::string_view key,
                                std::string fallback) const {
  const json* v = find(key);
  if (!v) return fallback;
  if (!v->is_string())
    fail(KEFU_ERR_INVALID_OPTIONS,
         what_ + ": \"" + std::string(key) + "\" must be a string");
  return v->get<std::string>();
}

}  // namespace kefu
