// The profile store's snapshot: everything Profiles holds, as bytes the
// journal keeps, so reopening a large store does not replay every event.
#include "core/error.h"
#include "model/binio.h"
#include "profile/profiles.h"

namespace kefu::profile {

namespace {
constexpr uint32_t kSnapshotVersion = 1;
}

std::string Profiles::snapshot() const {
  model::Writer w;
  w.pod<uint32_t>(kSnapshotVersion);
  w.pod<uint64_t>(next_seq_);
  w.pod<uint64_t>(events_);
  w.pod<uint64_t>(strings_.size());
  for (size_t i = 0; i < strings_.size(); ++i) w.str(strings_.name(static_cast<uint32_t>(i)));
  w.vec(parent_);
  w.pod<uint64_t>(customers_.size());
  auto strings = [&w](const std::vector<std::string>& v) {
    w.pod<uint64_t>(v.size());
    for (const auto& s : v) w.str(s);
  };
  for (const auto& c : customers_) {
    strings(c.ids);
    w.vec(c.events);
    strings(c.merged);
  }
  return w.take();
}

void Profiles::restore(std::string_view bytes, const std::string& where) {
  if (bytes.empty()) return;  // a new store
  try {
    model::Reader r(bytes);
    if (r.pod<uint32_t>("version") != kSnapshotVersion)
      fail(KEFU_ERR_UNSUPPORTED, "profile snapshot version is not one this library reads");
    next_seq_ = r.pod<uint64_t>("sequence");
    events_ = r.pod<uint64_t>("event count");
    const uint64_t n_strings = r.pod<uint64_t>("strings");
    for (uint64_t i = 0; i < n_strings; ++i) strings_.id(r.str("string"));
    parent_ = r.vec<uint32_t>("identity links");
    const uint64_t n = r.pod<uint64_t>("customers");
    if (n != parent_.size()) fail(KEFU_ERR_CORRUPT, "customer count disagrees with identity links");
    auto strings = [&r](const char* what) {
      std::vector<std::string> v(r.pod<uint64_t>(what));
      for (auto& s : v) s = r.str(what);
      return v;
    };
    customers_.resize(n);
    for (uint32_t c = 0; c < n; ++c) {
      Customer& customer = customers_[c];
      customer.ids = strings("identifiers");
      customer.events = r.vec<Event>("events");
      customer.merged = strings("merges");
      if (parent_[c] >= n) fail(KEFU_ERR_CORRUPT, "identity link out of range");
      for (const auto& id : customer.ids) by_id_[id] = c;
    }
    if (!r.done()) fail(KEFU_ERR_CORRUPT, "trailing bytes");
  } catch (const Error& e) {
    fail(e.status() == KEFU_ERR_UNSUPPORTED ? e.status() : KEFU_ERR_CORRUPT, where + ": " + e.what());
  }
}

}  // namespace kefu::profile
