// Profile events, rules, routing turns and identifiers. The first byte picks
// what the rest is: 0 an event (JSON), 1 options with rules (JSON), 2 a
// session turn to route and record, 3 two identifiers to link (NUL between).
#include "fuzz_common.h"

namespace {

const char* kEvent = R"({"customer": {"phone": "13800000000", "member_id": "M1"}, "type": "purchase",
  "time": 1795000000, "channel": "app", "attributes": {"amount": 199, "product": "p", "category": "c"}})";

void exercise(kefu_profiles* p) {
  char* out = nullptr;
  for (const char* who : {"phone:13800000000", "member_id:M1", "account:A"})
    if (fuzz::ok(kefu_profiles_get(p, who, R"({"as_of": 1795100000})", &out), "get")) fuzz::json_result(out, "get");
  if (fuzz::ok(kefu_profiles_with_tag(p, "new_customer", 10, &out), "with_tag")) fuzz::json_result(out, "with_tag");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const char* rest = reinterpret_cast<const char*>(data + 1);
  size_t len = size - 1;
  const std::string body(rest, len);
  kefu_profiles* p = nullptr;
  char* out = nullptr;
  switch (data[0] % 4) {
    case 1:
      if (!fuzz::ok(kefu_profiles_open(nullptr, body.c_str(), &p), "open with rules")) return 0;
      if (fuzz::ok(kefu_profiles_record(p, kEvent, std::strlen(kEvent), &out), "record")) fuzz::json_result(out, "record");
      break;
    default:
      if (!fuzz::ok(kefu_profiles_open(nullptr, nullptr, &p), "open")) fuzz::die("open", KEFU_OK);
      kefu_profiles_record(p, kEvent, std::strlen(kEvent), nullptr);
      if (data[0] % 4 == 0) {
        if (fuzz::ok(kefu_profiles_record(p, rest, len, &out), "record")) fuzz::json_result(out, "record");
      } else if (data[0] % 4 == 2) {
        if (fuzz::ok(kefu_profiles_route(p, "phone:13800000000", rest, len, &out), "route")) fuzz::json_result(out, "route");
        if (fuzz::ok(kefu_profiles_record_turn(p, R"({"phone": "13800000000"})", rest, len, nullptr, &out), "record_turn"))
          fuzz::json_result(out, "record_turn");
      } else {
        std::string a = body.substr(0, body.find('\0')), b = body.substr(std::min(body.size(), a.size() + 1));
        if (fuzz::ok(kefu_profiles_link(p, a.c_str(), b.c_str(), &out), "link")) fuzz::json_result(out, "link");
      }
  }
  exercise(p);
  kefu_profiles_close(p);
  return 0;
}
