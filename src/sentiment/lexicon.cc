#include "sentiment/lexicon.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/error.h"
#include "core/lines.h"
#include "sentiment/default_lexicons.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace kefu::sentiment {

const char* const kEmotionNames[kEmotions] = {"anger", "anxiety", "sadness", "disgust",
                                              "joy", "surprise", "trust"};

namespace {

constexpr size_t kMaskBuckets = 4096;
constexpr size_t kMaxTermChars = 32;

size_t bucket(char32_t c) { return c % kMaskBuckets; }

// FNV-1a over code points, extended one character at a time.
constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
uint64_t extend(uint64_t h, char32_t c) {
  for (int i = 0; i < 4; ++i) {
    h ^= (c >> (8 * i)) & 0xFF;
    h *= 1099511628211ULL;
  }
  return h;
}

bool parse_kind(std::string_view s, Term& t) {
  static const std::pair<std::string_view, Kind> kKinds[] = {
      {"negator", Kind::kNegator},       {"degree", Kind::kDegree},
      {"contrast", Kind::kContrast},     {"concession", Kind::kConcession},
      {"escalation", Kind::kEscalation}, {"handoff", Kind::kHandoff},
      {"rhetorical", Kind::kRhetorical}};
  for (const auto& [name, kind] : kKinds)
    if (s == name) {
      t.kind = kind;
      return true;
    }
  t.kind = Kind::kValence;
  if (s == "-") return true;
  for (int e = 0; e < kEmotions; ++e)
    if (s == kEmotionNames[e]) {
      t.emotion = static_cast<int8_t>(e);
      return true;
    }
  return false;
}

}  // namespace

void Lexicon::add_tsv(std::string_view text, std::string_view source) {
  if (length_mask_.empty()) {
    length_mask_.assign(kMaskBuckets, 0);
    max_len_at_.assign(kMaskBuckets, 0);
  }
  text::NormalizeOptions no;
  for_each_line(text, [&](std::string_view line, size_t line_no) {
    if (line.empty() || line[0] == '#') return;
    auto bad = [&](const std::string& what) {
      fail(KEFU_ERR_INVALID_DATA, std::string(source) + " line " + std::to_string(line_no) + ": " + what);
    };
    size_t t1 = line.find('\t'), t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos || line.find('\t', t2 + 1) != std::string_view::npos)
      bad("expected term<TAB>weight<TAB>kind");
    std::string_view term = line.substr(0, t1), weight = line.substr(t1 + 1, t2 - t1 - 1),
                     kind = line.substr(t2 + 1);
    Term t;
    auto [end, ec] = std::from_chars(weight.data(), weight.data() + weight.size(), t.weight);
    if (ec != std::errc() || end != weight.data() + weight.size() || !std::isfinite(t.weight))
      bad("weight \"" + std::string(weight) + "\" is not a number");
    if (!parse_kind(kind, t)) bad("unknown kind \"" + std::string(kind) + "\"");
    if (t.kind == Kind::kValence && std::fabs(t.weight) > 4) bad("valence must be within [-4, 4]");
    if (t.kind == Kind::kDegree && (t.weight < 0 || t.weight > 4)) bad("degree multiplier must be within [0, 4]");
    std::u32string norm;
    try {
      norm = text::normalize(text::decode_utf8(term, 4096), no).chars;
    } catch (const Error& e) {
      bad(e.what());
    }
    if (norm.empty()) bad("empty term");
    if (norm.size() > kMaxTermChars) bad("term longer than " + std::to_string(kMaxTermChars) + " characters");
    uint64_t h = kFnvOffset;
    for (char32_t c : norm) h = extend(h, c);
    terms_[h] = t;
    length_mask_[bucket(norm[0])] |= static_cast<uint8_t>(1u << std::min<size_t>(norm.size() - 1, 7));
    if (norm.size() > 8) length_mask_[bucket(norm[0])] |= 0x80;
    max_len_ = std::max(max_len_, norm.size());
    uint8_t& at = max_len_at_[bucket(norm[0])];
    at = static_cast<uint8_t>(std::max<size_t>(at, norm.size()));
  });
}

size_t Lexicon::match(std::u32string_view text, size_t pos, const Term** term) const {
  if (terms_.empty()) return 0;
  const uint8_t mask = length_mask_[bucket(text[pos])];
  if (mask == 0) return 0;
  const bool word_start = pos == 0 || !is_word_char(text[pos - 1]);
  // Inside a Latin word nothing can start (whole words only).
  if (!word_start && is_word_char(text[pos])) return 0;
  const size_t longest = std::min<size_t>(max_len_at_[bucket(text[pos])], text.size() - pos);
  // Hashes of every prefix, then the longest one that is a term.
  uint64_t hashes[kMaxTermChars];
  uint64_t h = kFnvOffset;
  for (size_t n = 0; n < longest; ++n) hashes[n] = h = extend(h, text[pos + n]);
  const bool latin_start = is_word_char(text[pos]);
  for (size_t n = longest; n > 0; --n) {
    if (n <= 8 ? !(mask & (1u << (n - 1))) : !(mask & 0x80)) continue;
    // A term starting a Latin word ends where a word does: skip the rest
    // before paying for a lookup.
    if (latin_start && pos + n < text.size() && is_word_char(text[pos + n])) continue;
    auto it = terms_.find(hashes[n - 1]);
    if (it == terms_.end()) continue;
    bool latin_edge = is_word_char(text[pos]) || is_word_char(text[pos + n - 1]);
    bool word_end = pos + n == text.size() || !is_word_char(text[pos + n]);
    if (latin_edge && !(word_start && word_end)) continue;
    *term = &it->second;
    return n;
  }
  return 0;
}

const Lexicon& Lexicon::defaults() {
  static const Lexicon lexicon = [] {
    Lexicon l;
    l.add_tsv(kVaderLexicon, "vader.tsv");
    l.add_tsv(kEnglishLexicon, "en.tsv");
    l.add_tsv(kChineseLexicon, "zh.tsv");
    return l;
  }();
  return lexicon;
}

}  // namespace kefu::sentiment
