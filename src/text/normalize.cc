#include "text/normalize.h"

#include <algorithm>
#include <memory>
#include <unordered_map>

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/usetiter.h>

#include "core/error.h"

namespace kefu::text {

NormalizeOptions NormalizeOptions::from(const Options& o) {
  NormalizeOptions n;
  n.drop_control = o.get_bool("drop_control", n.drop_control);
  n.nfkc = o.get_bool("nfkc", n.nfkc);
  n.width = o.get_bool("width", n.width);
  n.case_fold = o.get_bool("case_fold", n.case_fold);
  n.traditional_to_simplified =
      o.get_bool("traditional_to_simplified", n.traditional_to_simplified);
  n.collapse_whitespace = o.get_bool("collapse_whitespace", n.collapse_whitespace);
  n.max_text_bytes = static_cast<size_t>(
      o.get_int("max_text_bytes", static_cast<int64_t>(n.max_text_bytes), 0,
                int64_t{1} << 30));
  return n;
}

namespace {

const icu::Normalizer2& nfkc_instance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status) || n == nullptr)
    fail(KEFU_ERR_INTERNAL, "ICU NFKC normalizer unavailable");
  return *n;
}

// Traditional → Simplified table, built once from the ICU transliterator's
// source set. Only 1:1 code-point mappings are kept.
class T2STable {
 public:
  T2STable() {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Traditional-Simplified", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t) return;  // ICU data without it: identity
    icu::UnicodeSet source;
    t->getSourceSet(source);
    icu::UnicodeSetIterator it(source);
    while (it.next()) {
      if (it.isString()) continue;
      UChar32 c = it.getCodepoint();
      icu::UnicodeString s(c);
      t->transliterate(s);
      if (s.countChar32() == 1 && s.char32At(0) != c) map_[c] = s.char32At(0);
    }
  }
  char32_t map(char32_t c) const {
    if (c < 0x2E80) return c;  // below the CJK blocks nothing changes
    auto it = map_.find(c);
    return it == map_.end() ? c : it->second;
  }

 private:
  std::unordered_map<char32_t, char32_t> map_;
};

bool is_space(char32_t c) { return u_isUWhiteSpace(static_cast<UChar32>(c)); }

bool is_dropped_control(char32_t c) {
  if (is_space(c)) return false;  // \t \n etc. count as whitespace
  int8_t type = u_charType(static_cast<UChar32>(c));
  return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR;
}

char32_t to_half_width(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  if (c == 0x3000) return 0x20;
  return c;
}

// Appends one output code point with its original range.
struct Builder {
  Normalized& out;
  void add(char32_t c, uint32_t begin, uint32_t end) {
    out.chars.push_back(c);
    out.src_begin.push_back(begin);
    out.src_end.push_back(end);
  }
};

// Stage 1: drop controls, then NFKC chunk by chunk. A chunk runs from one
// normalization boundary to the next, so it normalizes independently and all
// of its output maps to the chunk's original range.
void decompose(const Decoded& src, const NormalizeOptions& opt, Builder& b) {
  const auto& chars = src.chars;
  const size_t n = chars.size();
  const icu::Normalizer2* nfkc = opt.nfkc ? &nfkc_instance() : nullptr;
  size_t i = 0;
  while (i < n) {
    char32_t c = chars[i];
    if (opt.drop_control && is_dropped_control(c)) {
      ++i;
      continue;
    }
    // A chunk runs until the next character with a normalization boundary.
    size_t j = i + 1;
    if (nfkc) {
      while (j < n && !nfkc->hasBoundaryBefore(static_cast<UChar32>(chars[j])) &&
             !(opt.drop_control && is_dropped_control(chars[j])))
        ++j;
    }
    if (!nfkc || (j == i + 1 && (c < 0x80 || nfkc->isInert(static_cast<UChar32>(c))))) {
      b.add(c, static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1));  // unchanged
      ++i;
      continue;
    }
    icu::UnicodeString chunk;
    for (size_t k = i; k < j; ++k) chunk.append(static_cast<UChar32>(chars[k]));
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString normalized = nfkc->normalize(chunk, status);
    if (U_FAILURE(status)) fail(KEFU_ERR_INTERNAL, "ICU NFKC failed");
    for (int32_t k = 0; k < normalized.length();) {
      UChar32 out = normalized.char32At(k);
      b.add(static_cast<char32_t>(out), static_cast<uint32_t>(i),
            static_cast<uint32_t>(j));
      k += U16_LENGTH(out);
    }
    i = j;
  }
}

}  // namespace

std::pair<uint32_t, uint32_t> Normalized::from_original(uint32_t begin, uint32_t end) const {
  auto first = std::lower_bound(src_begin.begin(), src_begin.end(), begin);
  auto b = static_cast<uint32_t>(first - src_begin.begin());
  uint32_t e = b;
  while (e < src_end.size() && src_end[e] <= end) ++e;
  return {b, std::max(b, e)};
}

char32_t traditional_to_simplified(char32_t c) {
  static const T2STable table;  // thread-safe one-time initialization
  return table.map(c);
}

Normalized normalize(const Decoded& source, const NormalizeOptions& opt) {
  Normalized out;
  out.src_bytes = source.byte_offsets;
  out.chars.reserve(source.chars.size());
  out.src_begin.reserve(source.chars.size());
  out.src_end.reserve(source.chars.size());
  Builder builder{out};
  decompose(source, opt, builder);

  // Stage 2: per-character maps, then whitespace collapsing, in place.
  size_t w = 0;
  bool pending_space = false;
  uint32_t space_begin = 0, space_end = 0;
  for (size_t r = 0; r < out.chars.size(); ++r) {
    char32_t c = out.chars[r];
    if (opt.width) c = to_half_width(c);
    if (opt.case_fold)
      c = static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
    if (opt.traditional_to_simplified) c = traditional_to_simplified(c);
    uint32_t begin = out.src_begin[r], end = out.src_end[r];
    if (opt.collapse_whitespace && is_space(c)) {
      if (!pending_space) space_begin = begin;
      pending_space = true;
      space_end = end;
      continue;
    }
    if (pending_space && w > 0) {  // leading whitespace is trimmed
      out.chars[w] = U' ';
      out.src_begin[w] = space_begin;
      out.src_end[w] = space_end;
      ++w;
    }
    pending_space = false;
    out.chars[w] = c;
    out.src_begin[w] = begin;
    out.src_end[w] = end;
    ++w;
  }
  out.chars.resize(w);  // trailing whitespace is trimmed
  out.src_begin.resize(w);
  out.src_end.resize(w);
  return out;
}

}  // namespace kefu::text
