// Customer events: what a customer did or said, when, through which channel.
// Kept compact (one small struct per event, strings interned) so a million
// customers with twenty events each fit in memory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace kefu::profile {

enum class EventType : uint8_t { kTurn, kPurchase, kRefund, kComplaint, kPageView, kTicket, kCall, kHandoff };
constexpr int kEventTypes = 8;
const char* type_name(EventType t);
bool type_from_name(std::string_view name, EventType* out);

// Strings seen in events (pages, products, intents, channels) as small ids.
class Interner {
 public:
  uint32_t id(std::string_view s);                 // adds when new
  uint32_t find(std::string_view s) const;         // kNone when absent
  const std::string& name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }
  static constexpr uint32_t kNone = UINT32_MAX;

 private:
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<std::string> names_;
};

struct Event {
  int64_t time = 0;              // Unix seconds
  uint64_t seq = 0;              // order of recording, names the event as evidence
  EventType type = EventType::kTurn;
  uint32_t channel = Interner::kNone;
  uint32_t item = Interner::kNone;  // page, product, intent or topic
  uint32_t category = Interner::kNone;
  float amount = 0;     // purchases and refunds
  float sentiment = 0;  // conversation turns, in [-1, 1]
};

// An event as given: the identifiers it names and the event itself.
struct Incoming {
  std::vector<std::pair<std::string, std::string>> ids;  // (kind, value): ("phone", "138…")
  Event event;
};

// Reads {"customer": {"phone": …, "member_id": …}, "type", "time", "channel",
// "attributes": {…}}. Throws KEFU_ERR_INVALID_DATA naming `where` and the
// field. Identifier kinds: phone, member_id, account, device, email, open_id.
Incoming parse_event(const nlohmann::json& j, Interner& strings, const std::string& where);

// "phone:13812345678" → ("phone", "13812345678"); KEFU_ERR_INVALID_ARGUMENT if malformed.
std::pair<std::string, std::string> parse_identifier(std::string_view text);

}  // namespace kefu::profile
