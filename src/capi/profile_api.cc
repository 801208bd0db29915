// C entry points of customer profiles.
#include <chrono>
#include <cstring>

#include "capi/boundary.h"
#include "capi/json_util.h"
#include "core/limits.h"
#include "core/options.h"
#include "core/reftime.h"
#include "profile/profiles.h"
#include "profile/routing.h"
#include "text/utf8.h"

using nlohmann::json;
using namespace kefu;

struct kefu_profiles {
  profile::Profiles impl;
  profile::Router router;
};

namespace {

int64_t wall_clock() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

json parse_json(const char* text, size_t len, const char* what, size_t limit) {
  std::string_view view = text::checked_view(text, len);
  limits::check_size(len, limit, what);
  text::decode_utf8(view, limit);
  json j = json::parse(view, nullptr, false);
  if (j.is_discarded()) fail(KEFU_ERR_INVALID_DATA, std::string(what) + ": malformed JSON");
  return j;
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
    Options o(options_json, {"rules", "routing"}, "profile options");
    profile::Router router = profile::Router::parse(o.has("routing") ? o.get("routing") : json(nullptr));
    *out = new kefu_profiles{profile::Profiles(o.has("rules") ? o.get("rules") : json(nullptr), dir ? dir : ""),
                             std::move(router)};
  });
}

KEFU_API void kefu_profiles_close(kefu_profiles* profiles) { delete profiles; }

KEFU_API kefu_status kefu_profiles_record(kefu_profiles* profiles, const char* event_json, size_t len,
                                          char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(profiles, "profiles");
    auto r = profiles->impl.record(parse_json(event_json, len, "event", limits::kEventBytes), wall_clock());
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

KEFU_API kefu_status kefu_profiles_record_turn(kefu_profiles* profiles, const char* customer_json,
                                               const char* turn_json, size_t len, const char* context_json,
                                               char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(profiles, "profiles");
    capi::require(customer_json, "customer_json");
    json customer = parse_json(customer_json, std::strlen(customer_json), "customer", limits::kEventBytes);
    json turn = parse_json(turn_json, len, "turn", limits::kSessionStateBytes);
    if (!turn.is_object()) fail(KEFU_ERR_INVALID_DATA, "turn: expected a kefu_session_turn result");
    Options o(context_json, {"time", "channel"}, "turn context");
    json time = o.has("time") ? o.get("time") : json(wall_clock());
    json event = {{"customer", customer}, {"type", "turn"}, {"time", time}, {"attributes", json::object()}};
    if (o.has("channel")) event["channel"] = o.get("channel");
    if (turn.contains("intent") && turn["intent"].is_object()) event["attributes"]["intent"] = turn["intent"]["name"];
    if (turn.contains("sentiment") && turn["sentiment"].is_object())
      event["attributes"]["sentiment"] = turn["sentiment"]["score"];
    json results = json::array();
    results.push_back(result_json(profiles->impl.record(event, wall_clock(), "turn event")));
    if (turn.contains("handoff") && turn["handoff"].is_object()) {
      event["type"] = "handoff";
      event["attributes"] = {{"reason", turn["handoff"].value("reason", "request")}};
      results.push_back(result_json(profiles->impl.record(event, wall_clock(), "handoff event")));
    }
    if (out_json) *out_json = capi::to_c_string(capi::dump(results));
  });
}

KEFU_API kefu_status kefu_profiles_route(const kefu_profiles* profiles, const char* identifier, const char* turn_json,
                                         size_t len, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(profiles, "profiles");
    capi::require(out_json, "out_json");
    json turn = parse_json(turn_json, len, "turn", limits::kSessionStateBytes);
    if (!turn.is_object()) fail(KEFU_ERR_INVALID_DATA, "turn: expected a kefu_session_turn result");
    json tags = json::array();
    if (identifier) {
      json p = profiles->impl.get(identifier, wall_clock());
      if (!p.is_null()) tags = p["tags"];
    }
    json route = profiles->router.route(turn, tags);
    route["tags"] = json::array();
    for (const auto& t : tags) route["tags"].push_back(t["tag"]);
    *out_json = capi::to_c_string(capi::dump(route));
  });
}

}  // extern "C"
