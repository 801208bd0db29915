// Slot tagger: an averaged structured perceptron over tokens with BIO tags
// and Viterbi decoding. Tokens are Latin/digit runs and single CJK characters
// of the normalized text, so English is tagged by words and Chinese by
// characters. Learned from the slot annotations of the training examples.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "intent/feature_index.h"
#include "model/binio.h"

namespace kefu::slots {

// Token of the normalized text: code-point range [begin, end), with its
// hash and word shape computed once for all the features that use them.
struct TagToken {
  uint32_t begin;
  uint32_t end;
  uint64_t hash;
  uint64_t shape;
};
std::vector<TagToken> tag_tokens(std::u32string_view text);

// A slot value in normalized code points.
struct Span {
  uint32_t slot;  // index into SlotTagger::slots()
  uint32_t begin;
  uint32_t end;
  float confidence = 1.0f;
};

// An entity match (gazetteer, pattern, built-in) over normalized text: the
// tagger sees which entity covers a token, so values it never saw in
// training are still found when an entity knows them.
struct Hint {
  uint32_t begin;
  uint32_t end;
  uint64_t kind;  // hint_kind(entity name)
};
uint64_t hint_kind(std::string_view entity);

struct TaggerExample {
  std::u32string text;      // normalized
  std::string intent;       // the example's intent: slots depend on it
  std::vector<Hint> hints;
  std::vector<Span> spans;  // normalized code points, sorted, non-overlapping
};

struct TaggerOptions {
  uint32_t epochs = 10;
  uint32_t min_count = 2;  // keep features seen at least this often
  uint64_t seed = 1;
};

class SlotTagger {
 public:
  // Trains on examples whose spans use slot indices into `slots`. A tagger
  // with no slots tags nothing.
  static SlotTagger train(std::vector<std::string> slots, const std::vector<TaggerExample>& examples,
                          const TaggerOptions& options);

  // Tags normalized text given its (predicted) intent. Thread-safe.
  std::vector<Span> tag(std::u32string_view text, std::string_view intent,
                        const std::vector<Hint>& hints) const;
  const std::vector<std::string>& slots() const { return slots_; }
  bool empty() const { return slots_.empty(); }

  void write(model::Writer& w) const;
  static SlotTagger read(model::Reader& r);

 private:
  size_t tag_count() const { return 2 * slots_.size() + 1; }  // O, B-k, I-k
  // `token_hints`: the codes of the entity hints covering token i.
  void features(std::u32string_view text, const std::vector<TagToken>& toks, size_t i,
                uint64_t intent, const std::vector<uint64_t>& token_hints, std::vector<uint64_t>& out) const;

  std::vector<std::string> slots_;
  intent::FeatureIndex index_;
  std::vector<int8_t> q_;             // emission weights: rows × tags
  std::vector<float> scales_;         // per row
  std::vector<float> transitions_;    // (tags + 1) × tags; last row: start
  std::vector<float> by_target_;      // the same, transposed for Viterbi
};

}  // namespace kefu::slots
