// Sparse features of a normalized utterance, as 64-bit hashes.
//
// Tokens are runs of letters/digits (Latin and other alphabetic scripts) and
// single CJK characters. Features: token unigrams and bigrams, CJK trigrams
// (most Chinese words are 1–3 characters, so these stand in for a word
// segmenter at a fraction of its cost), and character n-grams of alphabetic
// words with boundary marks (robust to inflection and typos). Digit runs
// become a shape token, so order numbers generalize.
//
// The lowest bit of a hash tells its group: 0 for token features, 1 for
// character n-grams. Each group is normalized on its own, so the many
// character n-grams of a long word cannot drown the few token features.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "model/binio.h"

namespace kefu::intent {

struct FeatureConfig {
  bool bigrams = true;
  bool cjk_trigrams = false;
  uint32_t char_min = 3;  // char n-grams of alphabetic words; 0 disables
  uint32_t char_max = 5;

  void write(model::Writer& w) const;
  static FeatureConfig read(model::Reader& r);
};

class Featurizer {
 public:
  explicit Featurizer(FeatureConfig config) : config_(config) {}
  // Appends the feature hashes of `text` (already normalized) to `out`.
  void extract(std::u32string_view text, std::vector<uint64_t>& out) const;
  const FeatureConfig& config() const { return config_; }

 private:
  FeatureConfig config_;
};

}  // namespace kefu::intent
