#include "intent/features.h"

#include <unicode/uchar.h>

#include "text/ngrams.h"

namespace kefu::intent {

void FeatureConfig::write(model::Writer& w) const {
  w.pod<uint8_t>(bigrams);
  w.pod<uint8_t>(cjk_trigrams);
  w.pod<uint32_t>(char_min);
  w.pod<uint32_t>(char_max);
}

FeatureConfig FeatureConfig::read(model::Reader& r) {
  FeatureConfig c;
  c.bigrams = r.pod<uint8_t>("feature config") != 0;
  c.cjk_trigrams = r.pod<uint8_t>("feature config") != 0;
  c.char_min = r.pod<uint32_t>("feature config");
  c.char_max = r.pod<uint32_t>("feature config");
  if (c.char_max > 16 || c.char_min > c.char_max)
    fail(KEFU_ERR_CORRUPT, "model data: invalid character n-gram range");
  return c;
}

namespace {

uint64_t mix(uint64_t x) {  // splitmix64 finalizer
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

bool is_cjk(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0x20000 && c <= 0x2FFFF);
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  return u_isalnum(static_cast<UChar32>(c)) != 0;
}

struct Tok {
  std::u32string_view text;
  uint64_t hash;
  bool cjk;
  bool alpha;  // has a letter: gets char n-grams
};

// Digit runs of similar length share one shape token.
uint64_t digit_shape_hash(size_t len) {
  uint64_t bucket = len <= 2 ? len : len <= 4 ? 3 : len <= 8 ? 4 : 5;
  return mix(0xD161700000000000ULL + bucket);
}

}  // namespace

void Featurizer::extract(std::u32string_view text, std::vector<uint64_t>& out) const {
  thread_local std::vector<Tok> toks;  // reused: no allocation per message
  thread_local std::u32string bounded;
  toks.clear();
  for (size_t i = 0; i < text.size();) {
    char32_t c = text[i];
    if (is_cjk(c)) {
      toks.push_back({text.substr(i, 1), mix(c), true, false});
      ++i;
      continue;
    }
    if (!is_word_char(c)) {
      ++i;
      continue;
    }
    size_t j = i;
    bool alpha = false;
    // Apostrophes inside words (can't, order's) stay part of the word.
    while (j < text.size() && !is_cjk(text[j]) &&
           (is_word_char(text[j]) ||
            (text[j] == U'\'' && j + 1 < text.size() && is_word_char(text[j + 1]) && j > i))) {
      alpha = alpha || !(text[j] >= '0' && text[j] <= '9');
      ++j;
    }
    std::u32string_view word = text.substr(i, j - i);
    uint64_t h = alpha ? text::hash_chars(word) : digit_shape_hash(word.size());
    toks.push_back({word, h, false, alpha});
    i = j;
  }

  auto word_feature = [&](uint64_t h) { out.push_back(mix(h) & ~uint64_t{1}); };
  auto char_feature = [&](uint64_t h) { out.push_back(mix(h) | 1); };
  if (config_.bigrams && !toks.empty()) {  // what a message starts and ends with
    word_feature(toks.front().hash + 0x7000000000000007ULL);
    word_feature(toks.back().hash + 0x8000000000000008ULL);
  }
  for (size_t k = 0; k < toks.size(); ++k) {
    word_feature(toks[k].hash ^ 0x1000000000000001ULL);
    if (config_.bigrams && k + 1 < toks.size())
      word_feature(toks[k].hash * 31 + toks[k + 1].hash + 0x2000000000000002ULL);
    if (config_.cjk_trigrams && k + 2 < toks.size() && toks[k].cjk && toks[k + 1].cjk &&
        toks[k + 2].cjk)
      word_feature((toks[k].hash * 31 + toks[k + 1].hash) * 31 + toks[k + 2].hash +
                   0x3000000000000003ULL);
    if (config_.char_min > 0 && toks[k].alpha && toks[k].text.size() >= 2) {
      bounded.assign(1, U'<');
      bounded.append(toks[k].text);
      bounded.push_back(U'>');
      for (size_t a = 0; a < bounded.size(); ++a)
        for (uint32_t n = config_.char_min; n <= config_.char_max && a + n <= bounded.size(); ++n)
          if (n < bounded.size())  // the whole bounded word is the unigram already
            char_feature(text::hash_chars(std::u32string_view(bounded).substr(a, n)));
    }
  }
}

}  // namespace kefu::intent
