#include "slots/tagger.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <unordered_map>

#include <unicode/uchar.h>

#include "core/error.h"
#include "model/quantize.h"
#include "text/ngrams.h"

namespace kefu::slots {

namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();

bool is_cjk(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0x20000 && c <= 0x2FFFF);
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  return !is_cjk(c) && u_isalnum(static_cast<UChar32>(c)) != 0;
}

uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Word shape: character classes with repeats collapsed, plus a length bucket.
uint64_t shape(std::u32string_view tok) {
  uint64_t h = 0x5A;
  char last = 0;
  for (char32_t c : tok) {
    char k = (c >= '0' && c <= '9') ? 'd' : is_cjk(c) ? 'c' : is_word_char(c) ? 'a' : 'p';
    if (k != last) h = h * 131 + static_cast<uint64_t>(k);
    last = k;
  }
  return h * 131 + std::min<size_t>(tok.size(), 6);
}

std::u32string to_u32(std::string_view ascii_or_utf8) {
  return std::u32string(ascii_or_utf8.begin(), ascii_or_utf8.end());  // a stable key, not text
}

bool allowed(size_t prev, size_t cur) {  // BIO: I-k only after B-k or I-k
  if (cur == 0 || cur % 2 == 1) return true;
  return prev == cur || prev == cur - 1;
}

// The feature codes of the hints covering each token, found once per text
// (by binary search over the tokens), so tagging stays linear in the text
// however many entities it holds.
std::vector<std::vector<uint64_t>> hint_codes(const std::vector<TagToken>& toks, const std::vector<Hint>& hints) {
  std::vector<std::vector<uint64_t>> codes(toks.size());
  for (const Hint& h : hints) {
    auto it = std::lower_bound(toks.begin(), toks.end(), h.begin,
                               [](const TagToken& t, uint32_t begin) { return t.begin < begin; });
    for (; it != toks.end() && it->end <= h.end; ++it)
      codes[static_cast<size_t>(it - toks.begin())].push_back((h.kind * 4 + (h.begin == it->begin ? 1 : 2)) * 32 + 21);
  }
  return codes;
}

}  // namespace

uint64_t hint_kind(std::string_view entity) { return text::hash_chars(to_u32(entity)); }

std::vector<TagToken> tag_tokens(std::u32string_view text) {
  std::vector<TagToken> out;
  for (uint32_t i = 0; i < text.size();) {
    char32_t c = text[i];
    if (u_isUWhiteSpace(static_cast<UChar32>(c))) {
      ++i;
      continue;
    }
    uint32_t j = i + 1;
    if (is_word_char(c))
      while (j < text.size() && is_word_char(text[j])) ++j;
    std::u32string_view tok = text.substr(i, j - i);
    out.push_back({i, j, text::hash_chars(tok), shape(tok)});
    i = j;
  }
  return out;
}

void SlotTagger::features(std::u32string_view text, const std::vector<TagToken>& toks, size_t i,
                          uint64_t intent, const std::vector<uint64_t>& token_hints,
                          std::vector<uint64_t>& out) const {
  auto word = [&](ptrdiff_t k) -> uint64_t {
    if (k < 0) return 0xB05;
    if (static_cast<size_t>(k) >= toks.size()) return 0xE05;
    return toks[static_cast<size_t>(k)].hash;
  };
  const auto p = static_cast<ptrdiff_t>(i);
  uint64_t w0 = word(p), wm1 = word(p - 1), wp1 = word(p + 1);
  std::u32string_view tok = text.substr(toks[i].begin, toks[i].end - toks[i].begin);
  out.push_back(mix(1));  // bias
  out.push_back(mix(w0 * 16 + 2));
  out.push_back(mix(wm1 * 16 + 3));
  out.push_back(mix(wp1 * 16 + 4));
  out.push_back(mix(word(p - 2) * 16 + 5));
  out.push_back(mix(word(p + 2) * 16 + 6));
  out.push_back(mix((wm1 * 31 + w0) * 16 + 7));
  out.push_back(mix((w0 * 31 + wp1) * 16 + 8));
  out.push_back(mix(toks[i].shape * 16 + 9));
  if (i > 0) out.push_back(mix(toks[i - 1].shape * 16 + 10));
  if (i + 1 < toks.size()) out.push_back(mix(toks[i + 1].shape * 16 + 11));
  if (tok.size() >= 4 && is_word_char(tok[0])) {
    out.push_back(mix(text::hash_chars(tok.substr(0, 3)) * 16 + 12));
    out.push_back(mix(text::hash_chars(tok.substr(tok.size() - 3)) * 16 + 13));
  }
  out.push_back(mix((wm1 * 31 + wp1) * 16 + 14));
  // Character trigrams around the token: Chinese words span characters.
  out.push_back(mix(((wm1 * 31 + w0) * 31 + wp1) * 32 + 16));
  out.push_back(mix(((w0 * 31 + wp1) * 31 + word(p + 2)) * 32 + 17));
  out.push_back(mix(((word(p - 2) * 31 + wm1) * 31 + w0) * 32 + 18));
  // The intent: which slots are likely at all, and with the word itself.
  out.push_back(mix(intent * 32 + 19));
  out.push_back(mix((intent * 31 + w0) * 32 + 20));
  for (uint64_t code : token_hints) out.push_back(mix(code));
}

namespace {

// Gold tags of an example's tokens: 0 = O, 2k+1 = B of slot k, 2k+2 = I.
std::vector<uint32_t> gold_tags(const std::vector<TagToken>& toks, const std::vector<Span>& spans) {
  std::vector<uint32_t> tags(toks.size(), 0);
  for (const Span& s : spans) {
    bool first = true;
    for (size_t i = 0; i < toks.size(); ++i) {
      if (toks[i].begin < s.begin || toks[i].end > s.end) continue;
      tags[i] = 2 * s.slot + (first ? 1 : 2);
      first = false;
    }
  }
  return tags;
}

// Viterbi over emission scores (tokens × tags). `trans_by_target` holds the
// transitions transposed, [to × from], with the start row appended as the
// last "from" column, so each target's predecessors are contiguous. BIO
// structure prunes the search: I-k can only follow B-k or I-k.
std::vector<uint32_t> viterbi(const std::vector<float>& emit, size_t n, size_t tags,
                              const float* trans_by_target) {
  const size_t from = tags + 1;
  thread_local std::vector<float> score;
  thread_local std::vector<uint32_t> back;
  score.assign(n * tags, kNegInf);
  back.assign(n * tags, 0);
  for (size_t t = 0; t < tags; ++t)
    if (t == 0 || t % 2 == 1) score[t] = trans_by_target[t * from + tags] + emit[t];
  // Beam: O and B-k look back only at the kBeam best previous tags, which
  // turns the T² step into kBeam·T; the best path virtually never runs
  // through a tag that far behind (transitions are small next to emissions).
  constexpr size_t kBeam = 8;
  thread_local std::vector<uint32_t> order;
  for (size_t i = 1; i < n; ++i) {
    const float* prev = score.data() + (i - 1) * tags;
    order.resize(tags);
    std::iota(order.begin(), order.end(), 0u);
    size_t beam = std::min(kBeam, tags);
    std::nth_element(order.begin(), order.begin() + static_cast<ptrdiff_t>(beam - 1), order.end(),
                     [&](uint32_t a, uint32_t b) { return prev[a] > prev[b]; });
    for (size_t t = 0; t < tags; ++t) {
      const float* tr = trans_by_target + t * from;
      float best = kNegInf;
      uint32_t arg = 0;
      auto consider = [&](size_t p) {
        float s = prev[p] + tr[p];
        if (s > best) best = s, arg = static_cast<uint32_t>(p);
      };
      if (t != 0 && t % 2 == 0) {  // I-k: exactly B-k or I-k
        consider(t - 1);
        consider(t);
      } else {
        for (size_t b = 0; b < beam; ++b) consider(order[b]);
      }
      score[i * tags + t] = best + emit[i * tags + t];
      back[i * tags + t] = arg;
    }
  }
  std::vector<uint32_t> path(n);
  const float* last = score.data() + (n - 1) * tags;
  path[n - 1] = static_cast<uint32_t>(std::max_element(last, last + tags) - last);
  for (size_t i = n - 1; i > 0; --i) path[i - 1] = back[i * tags + path[i]];
  return path;
}

std::vector<float> transpose_transitions(const std::vector<float>& tr, size_t tags) {
  std::vector<float> out(tags * (tags + 1));
  for (size_t p = 0; p <= tags; ++p)
    for (size_t t = 0; t < tags; ++t) out[t * (tags + 1) + p] = tr[p * tags + t];
  return out;
}

}  // namespace

SlotTagger SlotTagger::train(std::vector<std::string> slots, const std::vector<TaggerExample>& examples,
                             const TaggerOptions& o) {
  SlotTagger tagger;
  tagger.slots_ = std::move(slots);
  if (tagger.slots_.empty()) return tagger;
  const size_t tags = tagger.tag_count();

  // Features of every token, as rows; new features get new rows.
  std::unordered_map<uint64_t, uint32_t> rows;
  std::vector<uint64_t> keys;
  struct Prepared {
    std::vector<std::vector<uint32_t>> feats;  // per token
    std::vector<uint32_t> gold;
  };
  std::vector<Prepared> data;
  std::vector<uint64_t> hashes;
  // Features seen once are mostly noise and most of the model's size.
  std::unordered_map<uint64_t, uint32_t> seen;
  for (const auto& ex : examples) {
    auto toks = tag_tokens(ex.text);
    auto codes = hint_codes(toks, ex.hints);
    for (size_t i = 0; i < toks.size(); ++i) {
      hashes.clear();
      tagger.features(ex.text, toks, i, text::hash_chars(to_u32(ex.intent)), codes[i], hashes);
      for (uint64_t h : hashes) ++seen[h];
    }
  }
  for (const auto& ex : examples) {
    auto toks = tag_tokens(ex.text);
    if (toks.empty()) continue;
    Prepared p;
    p.gold = gold_tags(toks, ex.spans);
    auto codes = hint_codes(toks, ex.hints);
    for (size_t i = 0; i < toks.size(); ++i) {
      hashes.clear();
      tagger.features(ex.text, toks, i, text::hash_chars(to_u32(ex.intent)), codes[i], hashes);
      std::vector<uint32_t> f;
      for (uint64_t h : hashes) {
        if (seen[h] < o.min_count) continue;
        auto [it, inserted] = rows.emplace(h, static_cast<uint32_t>(keys.size()));
        if (inserted) keys.push_back(h);
        f.push_back(it->second);
      }
      p.feats.push_back(std::move(f));
    }
    data.push_back(std::move(p));
  }

  // Averaged perceptron; the average is kept lazily as w - acc / c.
  std::vector<float> w(keys.size() * tags, 0.0f), acc(w.size(), 0.0f);
  std::vector<float> tr((tags + 1) * tags, 0.0f), tr_acc(tr.size(), 0.0f);
  std::vector<uint32_t> order(data.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(o.seed);
  float c = 1;
  std::vector<float> emit;
  for (uint32_t epoch = 0; epoch < o.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (uint32_t e : order) {
      const Prepared& p = data[e];
      const size_t n = p.gold.size();
      emit.assign(n * tags, 0.0f);
      for (size_t i = 0; i < n; ++i)
        for (uint32_t f : p.feats[i])
          for (size_t t = 0; t < tags; ++t) emit[i * tags + t] += w[f * tags + t];
      std::vector<uint32_t> pred = viterbi(emit, n, tags, transpose_transitions(tr, tags).data());
      auto update = [&](std::vector<float>& v, std::vector<float>& a, size_t k, float d) {
        v[k] += d;
        a[k] += c * d;
      };
      for (size_t i = 0; i < n; ++i) {
        size_t prev_gold = i == 0 ? tags : p.gold[i - 1];
        size_t prev_pred = i == 0 ? tags : pred[i - 1];
        if (p.gold[i] == pred[i] && prev_gold == prev_pred) continue;
        if (p.gold[i] != pred[i])
          for (uint32_t f : p.feats[i]) {
            update(w, acc, f * tags + p.gold[i], 1.0f);
            update(w, acc, f * tags + pred[i], -1.0f);
          }
        update(tr, tr_acc, prev_gold * tags + p.gold[i], 1.0f);
        update(tr, tr_acc, prev_pred * tags + pred[i], -1.0f);
      }
      c += 1;
    }
  }
  for (size_t k = 0; k < w.size(); ++k) w[k] -= acc[k] / c;
  for (size_t k = 0; k < tr.size(); ++k) tr[k] -= tr_acc[k] / c;
  tagger.index_ = intent::FeatureIndex(keys);
  model::quantize_rows(w, tags, tagger.scales_, tagger.q_);
  tagger.transitions_ = std::move(tr);
  tagger.by_target_ = transpose_transitions(tagger.transitions_, tags);
  return tagger;
}

std::vector<Span> SlotTagger::tag(std::u32string_view text, std::string_view intent,
                                  const std::vector<Hint>& hints) const {
  std::vector<Span> spans;
  if (empty()) return spans;
  auto toks = tag_tokens(text);
  if (toks.empty()) return spans;
  const size_t tags = tag_count(), n = toks.size();
  thread_local std::vector<float> emit;
  thread_local std::vector<uint64_t> hashes;
  const uint64_t intent_hash = text::hash_chars(to_u32(intent));
  thread_local std::vector<uint32_t> rows, starts;
  hashes.clear();
  starts.clear();
  const auto codes = hint_codes(toks, hints);
  for (size_t i = 0; i < n; ++i) {
    starts.push_back(static_cast<uint32_t>(hashes.size()));
    features(text, toks, i, intent_hash, codes[i], hashes);
  }
  starts.push_back(static_cast<uint32_t>(hashes.size()));
  rows.resize(hashes.size());
  index_.find_all(hashes.data(), hashes.size(), rows.data());
  emit.assign(n * tags, 0.0f);
  for (size_t i = 0; i < n; ++i) {
    float* __restrict row_out = emit.data() + i * tags;
    for (uint32_t k = starts[i]; k < starts[i + 1]; ++k) {
      uint32_t r = rows[k];
      if (r == intent::FeatureIndex::kMissing) continue;
      const float scale = scales_[r];
      const int8_t* __restrict q = q_.data() + size_t{r} * tags;
      for (size_t t = 0; t < tags; ++t) row_out[t] += scale * static_cast<float>(q[t]);
    }
  }
  std::vector<uint32_t> path = viterbi(emit, n, tags, by_target_.data());
  // Confidence: how far each chosen tag beats the best other tag locally
  // (emission + transition from the chosen previous tag), squashed by a
  // logistic and averaged over the span. A ranking score, not a calibrated
  // probability: perceptron weights have no probabilistic scale.
  auto local_p = [&](size_t i) {
    size_t prev = i == 0 ? tags : path[i - 1];
    float chosen = emit[i * tags + path[i]] + transitions_[prev * tags + path[i]];
    float other = kNegInf;
    for (size_t t = 0; t < tags; ++t)
      if (t != path[i] && allowed(prev, t))
        other = std::max(other, emit[i * tags + t] + transitions_[prev * tags + t]);
    return 1.0f / (1.0f + std::exp(other - chosen));
  };
  for (size_t i = 0; i < n;) {
    if (path[i] == 0) {
      ++i;
      continue;
    }
    uint32_t slot = (path[i] - 1) / 2;
    size_t j = i + 1;
    float conf = local_p(i);
    while (j < n && path[j] == 2 * slot + 2) conf += local_p(j++);
    spans.push_back({slot, toks[i].begin, toks[j - 1].end, conf / static_cast<float>(j - i)});
    i = j;
  }
  return spans;
}

void SlotTagger::write(model::Writer& w) const {
  w.pod<uint32_t>(static_cast<uint32_t>(slots_.size()));
  for (const auto& s : slots_) w.str(s);
  if (slots_.empty()) return;
  w.vec(index_.keys());
  w.vec(scales_);
  w.vec(q_);
  w.vec(transitions_);
}

SlotTagger SlotTagger::read(model::Reader& r) {
  SlotTagger t;
  uint32_t n = r.pod<uint32_t>("slot count");
  if (n > 100000) fail(KEFU_ERR_CORRUPT, "model data: invalid slot count");
  for (uint32_t i = 0; i < n; ++i) t.slots_.push_back(r.str("slot name"));
  if (n == 0) return t;
  auto keys = r.vec<uint64_t>("slot features");
  t.scales_ = r.vec<float>("slot weight scales");
  t.q_ = r.vec<int8_t>("slot weights");
  t.transitions_ = r.vec<float>("slot transitions");
  const size_t tags = t.tag_count();
  if (t.scales_.size() != keys.size() || t.q_.size() != keys.size() * tags ||
      t.transitions_.size() != (tags + 1) * tags)
    fail(KEFU_ERR_CORRUPT, "model data: inconsistent slot tagger");
  t.index_ = intent::FeatureIndex(keys);
  t.by_target_ = transpose_transitions(t.transitions_, tags);
  return t;
}

}  // namespace kefu::slots
