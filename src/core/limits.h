// The limits kefu enforces on what callers hand it (README "Reliability"):
// past one, a call fails with KEFU_ERR_TOO_LARGE naming the input and the
// limit, instead of taking unbounded memory or time. Per-text limits are an
// option of each call ("max_text_bytes", default 64 KiB); these are fixed.
#pragma once

#include <cstddef>
#include <string>

#include "core/error.h"

namespace kefu::limits {

constexpr size_t kBotDefinitionBytes = size_t{16} << 20;  // a bot definition (JSON)
constexpr size_t kTrainingDataBytes = size_t{1} << 30;    // JSONL training + dev data
constexpr size_t kSessionStateBytes = size_t{16} << 20;   // a saved session, a turn result
constexpr size_t kEventBytes = size_t{64} << 10;          // one profile event (JSON)
constexpr size_t kLexiconBytes = size_t{64} << 20;        // a sentiment lexicon (TSV)
constexpr size_t kOptionsBytes = size_t{16} << 20;        // an options object (JSON), rules included

inline std::string human(size_t bytes) {
  return bytes >= (1 << 20) ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes >> 10) + " KiB";
}

// Fails with KEFU_ERR_TOO_LARGE when `bytes` of `what` exceed `limit`.
inline void check_size(size_t bytes, size_t limit, const std::string& what) {
  if (bytes > limit)
    fail(KEFU_ERR_TOO_LARGE, what + " is " + std::to_string(bytes) + " bytes; the limit is " + human(limit));
}

}  // namespace kefu::limits
