// Feature hash → weight row, as an open-addressing table: one probe sequence
// over a flat array, far cheaper per lookup than std::unordered_map.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "model/binio.h"

namespace kefu::intent {

class FeatureIndex {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;

  FeatureIndex() = default;
  explicit FeatureIndex(const std::vector<uint64_t>& keys);  // row i = keys[i]

  uint32_t find(uint64_t key) const {
    if (slots_.empty()) return kMissing;
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.row == kMissing) return kMissing;
      if (s.key == key) return s.row;
    }
  }
  // Looks up many keys at once: the table is far larger than the cache, so
  // prefetching every key's slot first overlaps the memory misses that
  // one-by-one lookups would pay in sequence.
  void find_all(const uint64_t* keys, size_t n, uint32_t* rows) const {
    if (slots_.empty()) {
      std::fill(rows, rows + n, kMissing);
      return;
    }
    for (size_t i = 0; i < n; ++i) __builtin_prefetch(&slots_[keys[i] & mask_]);
    for (size_t i = 0; i < n; ++i) rows[i] = find(keys[i]);
  }
  size_t size() const { return keys_.size(); }
  const std::vector<uint64_t>& keys() const { return keys_; }

 private:
  struct Slot {
    uint64_t key;
    uint32_t row;
  };
  std::vector<uint64_t> keys_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

inline FeatureIndex::FeatureIndex(const std::vector<uint64_t>& keys) : keys_(keys) {
  size_t capacity = 16;
  while (capacity < keys.size() * 2) capacity *= 2;  // load factor ≤ 0.5
  slots_.assign(capacity, Slot{0, kMissing});
  mask_ = capacity - 1;
  for (uint32_t row = 0; row < keys.size(); ++row) {
    size_t i = keys[row] & mask_;
    while (slots_[i].row != kMissing) {
      if (slots_[i].key == keys[row]) fail(KEFU_ERR_CORRUPT, "model data: duplicate feature");
      i = (i + 1) & mask_;
    }
    slots_[i] = Slot{keys[row], row};
  }
}

}  // namespace kefu::intent
