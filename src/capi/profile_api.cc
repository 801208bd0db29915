// C entry points of customer profiles.
#include <chrono>

#include "capi/boundary.h"
#include "capi/json_util.h"
#include "core/options.h"
#include "core/reftime.h"
#include "profile/profiles.h"
#include "text/utf8.h"

using nlohmann::json;
using namespace kefu;

struct kefu_profiles {
  profile::Profiles impl;
};

namespace {

int64_t wall_clock() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

json result_json(const profile::RecordResult& r) {
  return {{"customer", r.customer}, {"seq", r.seq}, {"merged", r.merged}, {"tags", r.tags}};
}

}  // namespace

extern "C" {

KEFU_API kefu_status kefu_profiles_open(const char* dir, const char* options_json, kefu_profiles** out) {
  if (out) *out = nullptr;
  return capi::guarded([&] {
    capi::require(out, "out");
    Options o(options_json, {"rules"}, "profile options");
    *out = new kefu_profiles{profile::Profiles(o.has("rules") ? o.get("rules") : json(nullptr), dir ? dir : "")};
  });
}

KEFU_API void kefu_profiles_close(kefu_profiles* profiles) { delete profiles; }

KEFU_API kefu_status kefu_profiles_record(kefu_profiles* profiles, const char* event_json, size_t len,
                                          char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(profiles, "profiles");
    std::string_view text = text::checked_view(event_json, len);
    text::decode_utf8(text, 1 << 20);
    json event = json::parse(text, nullptr, false);
    if (event.is_discarded()) fail(KEFU_ERR_INVALID_DATA, "event: malformed JSON");
    auto r = profiles->impl.record(event, wall_clock());
    if (out_json) *out_json = capi::to_c_string(capi::dump(result_json(r)));
  });
}

KEFU_API kefu_status kefu_profiles_link(kefu_profiles* profiles, const char* identifier_a,
                                        const char* identifier_b, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(profiles, "profiles");
    capi::require(identifier_a, "identifier_a");
    capi::require(identifier_b, "identifier_b");
    auto r = profiles->impl.link(identifier_a, identifier_b);
    if (out_json) *out_json = capi::to_c_string(capi::dump(result_json(r)));
  });
}

KEFU_API kefu_status kefu_profiles_get(const kefu_profiles* profiles, const char* identifier,
                                       const char* options_json, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(profiles, "profiles");
    capi::require(identifier, "identifier");
    capi::require(out_json, "out_json");
    Options o(options_json, {"as_of"}, "profile options");
    int64_t as_of = wall_clock();
    if (o.has("as_of")) {
      const json& v = o.get("as_of");
      if (v.is_number_integer()) as_of = v.get<int64_t>();
      else if (v.is_string()) as_of = parse_iso8601(v.get<std::string>()).unix_seconds;
      else fail(KEFU_ERR_INVALID_OPTIONS, "profile options: \"as_of\" must be ISO 8601 or Unix seconds");
    }
    json p = profiles->impl.get(identifier, as_of);
    if (p.is_null()) fail(KEFU_ERR_NOT_FOUND, std::string("no customer has been seen with ") + identifier);
    *out_json = capi::to_c_string(capi::dump(p));
  });
}

KEFU_API kefu_status kefu_profiles_with_tag(const kefu_profiles* profiles, const char* tag, size_t limit,
                                            char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(profiles, "profiles");
    capi::require(tag, "tag");
    capi::require(out_json, "out_json");
    *out_json = capi::to_c_string(capi::dump(profiles->impl.with_tag(tag, limit)));
  });
}

}  // extern "C"
