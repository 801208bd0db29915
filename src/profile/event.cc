#include "profile/event.h"

#include <algorithm>
#include <array>

#include "core/error.h"
#include "core/reftime.h"

namespace kefu::profile {

using nlohmann::json;

namespace {

constexpr std::array<const char*, kEventTypes> kTypeNames = {
    "turn", "purchase", "refund", "complaint", "page_view", "ticket", "call", "handoff"};
const std::vector<std::string_view> kIdKinds = {"phone", "member_id", "account", "device", "email", "open_id"};
constexpr size_t kMaxString = 256;

// The attributes each type takes, and what they fill.
enum class Field { kItem, kCategory, kAmount, kSentiment };
struct Attribute {
  const char* name;
  Field field;
};
const std::array<std::vector<Attribute>, kEventTypes> kAttributes = {{
    {{"intent", Field::kItem}, {"sentiment", Field::kSentiment}},      // turn
    {{"product", Field::kItem}, {"category", Field::kCategory}, {"amount", Field::kAmount}},  // purchase
    {{"product", Field::kItem}, {"category", Field::kCategory}, {"amount", Field::kAmount}},  // refund
    {{"topic", Field::kItem}},                                         // complaint
    {{"page", Field::kItem}, {"category", Field::kCategory}},          // page_view
    {{"topic", Field::kItem}},                                         // ticket
    {{"topic", Field::kItem}},                                         // call
    {{"reason", Field::kItem}},                                        // handoff
}};

[[noreturn]] void bad(const std::string& where, const std::string& what) {
  fail(KEFU_ERR_INVALID_DATA, where + ": " + what);
}

std::string short_string(const json& v, const std::string& where, const char* field) {
  if (!v.is_string() || v.get_ref<const std::string&>().empty())
    bad(where, std::string("\"") + field + "\" must be a non-empty string");
  if (v.get_ref<const std::string&>().size() > kMaxString)
    bad(where, std::string("\"") + field + "\" is longer than " + std::to_string(kMaxString) + " bytes");
  return v;
}

}  // namespace

const char* type_name(EventType t) { return kTypeNames[static_cast<size_t>(t)]; }

bool type_from_name(std::string_view name, EventType* out) {
  for (size_t i = 0; i < kTypeNames.size(); ++i)
    if (name == kTypeNames[i]) return *out = static_cast<EventType>(i), true;
  return false;
}

uint32_t Interner::id(std::string_view s) {
  auto it = ids_.find(std::string(s));
  if (it != ids_.end()) return it->second;
  auto id = static_cast<uint32_t>(names_.size());
  names_.emplace_back(s);
  ids_.emplace(names_.back(), id);
  return id;
}

uint32_t Interner::find(std::string_view s) const {
  auto it = ids_.find(std::string(s));
  return it == ids_.end() ? kNone : it->second;
}

std::pair<std::string, std::string> parse_identifier(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size())
    fail(KEFU_ERR_INVALID_ARGUMENT, "identifier \"" + std::string(text) + "\" must be KIND:VALUE (e.g. phone:13812345678)");
  std::string kind(text.substr(0, colon));
  if (std::find(kIdKinds.begin(), kIdKinds.end(), kind) == kIdKinds.end())
    fail(KEFU_ERR_INVALID_ARGUMENT, "identifier kind \"" + kind + "\" is unknown (phone, member_id, account, device, email, open_id)");
  return {kind, std::string(text.substr(colon + 1))};
}

Incoming parse_event(const json& j, Interner& strings, const std::string& where) {
  if (!j.is_object()) bad(where, "an event must be a JSON object");
  for (const auto& item : j.items())
    if (item.key() != "customer" && item.key() != "type" && item.key() != "time" && item.key() != "channel" &&
        item.key() != "attributes")
      bad(where, "unknown field \"" + item.key() + "\"");
  Incoming in;
  if (!j.contains("customer") || !j["customer"].is_object() || j["customer"].empty())
    bad(where, "\"customer\" must name at least one identifier ({\"phone\": …, \"member_id\": …})");
  for (const auto& id : j["customer"].items()) {
    if (std::find(kIdKinds.begin(), kIdKinds.end(), id.key()) == kIdKinds.end())
      bad(where, "unknown identifier kind \"" + id.key() + "\" (phone, member_id, account, device, email, open_id)");
    in.ids.emplace_back(id.key(), short_string(id.value(), where, id.key().c_str()));
  }
  if (!j.contains("type") || !j["type"].is_string() || !type_from_name(j["type"].get<std::string>(), &in.event.type))
    bad(where, "\"type\" must be one of turn, purchase, refund, complaint, page_view, ticket, call, handoff");
  if (!j.contains("time")) bad(where, "\"time\" is required (ISO 8601 with offset, or Unix seconds)");
  const json& t = j["time"];
  if (t.is_number_integer()) in.event.time = t.get<int64_t>();
  else if (t.is_string()) {
    try {
      in.event.time = parse_iso8601(t.get<std::string>()).unix_seconds;
    } catch (const Error& e) {
      bad(where, std::string("\"time\": ") + e.what());
    }
  } else {
    bad(where, "\"time\" must be an ISO 8601 string or Unix seconds");
  }
  if (j.contains("channel")) in.event.channel = strings.id(short_string(j["channel"], where, "channel"));
  if (j.contains("attributes")) {
    const json& a = j["attributes"];
    if (!a.is_object()) bad(where, "\"attributes\" must be an object");
    const auto& allowed = kAttributes[static_cast<size_t>(in.event.type)];
    for (const auto& item : a.items()) {
      auto spec = std::find_if(allowed.begin(), allowed.end(), [&](const Attribute& x) { return item.key() == x.name; });
      if (spec == allowed.end())
        bad(where, std::string("a ") + type_name(in.event.type) + " event has no attribute \"" + item.key() + "\"");
      switch (spec->field) {
        case Field::kItem: in.event.item = strings.id(short_string(item.value(), where, spec->name)); break;
        case Field::kCategory: in.event.category = strings.id(short_string(item.value(), where, spec->name)); break;
        case Field::kAmount:
          if (!item.value().is_number() || item.value().get<double>() < 0 || item.value().get<double>() > 1e12)
            bad(where, "\"amount\" must be a number from 0 to 1e12");
          in.event.amount = item.value().get<float>();
          break;
        case Field::kSentiment:
          if (!item.value().is_number() || item.value().get<double>() < -1 || item.value().get<double>() > 1)
            bad(where, "\"sentiment\" must be a number from -1 to 1");
          in.event.sentiment = item.value().get<float>();
          break;
      }
    }
  }
  return in;
}

}  // namespace kefu::profile
