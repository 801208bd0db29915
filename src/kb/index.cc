#include "kb/index.h"

#include <algorithm>
#include <cmath>

namespace kefu::kb {

namespace {
constexpr float kK1 = 1.2f, kB = 0.75f;

// Query terms with their counts, repeated terms folded.
std::vector<std::pair<uint64_t, uint32_t>> counted(const std::vector<uint64_t>& terms) {
  std::vector<uint64_t> sorted = terms;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::pair<uint64_t, uint32_t>> out;
  for (uint64_t t : sorted) {
    if (!out.empty() && out.back().first == t) {
      ++out.back().second;
    } else {
      out.emplace_back(t, 1);
    }
  }
  return out;
}

float tf_weight(uint32_t tf) { return 1.0f + std::log(static_cast<float>(tf)); }
}  // namespace

float Index::idf(size_t df) const {
  double n = static_cast<double>(std::max<size_t>(live_, 1));
  double d = static_cast<double>(std::min(df, live_));
  return static_cast<float>(std::log(1.0 + (n - d + 0.5) / (d + 0.5)));
}

uint32_t Index::add(uint32_t entry, const Analyzed& doc) {
  uint32_t id = static_cast<uint32_t>(doc_entry_.size());
  doc_entry_.push_back(entry);
  alive_.push_back(1);
  docs_.push_back({});
  ++live_;
  for (int f = 0; f < kFields; ++f) {
    auto terms = counted(doc.terms[f]);
    for (const auto& [term, tf] : terms) postings_[f][term].push_back({id, 0, 0});
    docs_[id].len[f] = static_cast<uint32_t>(doc.terms[f].size());
    total_len_[f] += doc.terms[f].size();
    measure(terms, f, id);
  }
  return id;
}

// Sets the document's vector length and the impacts of its (last) postings.
void Index::measure(const std::vector<std::pair<uint64_t, uint32_t>>& terms, int f, uint32_t doc) {
  double norm = 0;
  for (const auto& [term, tf] : terms) {
    double w = tf_weight(tf) * idf(postings_[f][term].size());
    norm += w * w;
  }
  DocInfo& info = docs_[doc];
  info.norm[f] = static_cast<float>(std::sqrt(norm));
  const float avg = std::max(static_cast<float>(total_len_[f]) / static_cast<float>(std::max<size_t>(live_, 1)), 1.0f);
  const float length_norm = kK1 * (1 - kB + kB * static_cast<float>(info.len[f]) / avg);
  for (const auto& [term, tf] : terms) {
    Posting& p = postings_[f][term].back();
    const float t = static_cast<float>(tf);
    p.bm25 = t * (kK1 + 1) / (t + length_norm);
    p.cosine = info.norm[f] > 0 ? tf_weight(tf) / info.norm[f] : 0;
  }
}

void Index::remove(uint32_t doc) {
  if (doc >= alive_.size() || !alive_[doc]) return;
  alive_[doc] = 0;
  --live_;
  for (int f = 0; f < kFields; ++f) total_len_[f] -= docs_[doc].len[f];
}

void Index::clear() { *this = Index(); }

void Index::refresh_if_drifted() {
  if (live_ > refreshed_at_ + refreshed_at_ / 8 + 4 || live_ + live_ / 8 + 4 < refreshed_at_) refresh();
}

void Index::refresh() {
  refreshed_at_ = live_;
  for (int f = 0; f < kFields; ++f) {
    const float avg = std::max(static_cast<float>(total_len_[f]) / static_cast<float>(std::max<size_t>(live_, 1)), 1.0f);
    // A posting's 1 + log tf is its cosine impact times the old vector length.
    std::vector<double> sum(docs_.size(), 0.0);
    std::vector<float> old_norm(docs_.size());
    for (size_t d = 0; d < docs_.size(); ++d) old_norm[d] = docs_[d].norm[f];
    for (const auto& [term, list] : postings_[f]) {
      const double term_idf = idf(list.size());
      for (const Posting& p : list) {
        double w = p.cosine * old_norm[p.doc] * term_idf;  // (1 + log tf)·idf
        sum[p.doc] += w * w;
      }
    }
    for (size_t d = 0; d < docs_.size(); ++d) docs_[d].norm[f] = static_cast<float>(std::sqrt(sum[d]));
    for (auto& [term, list] : postings_[f]) {
      for (Posting& p : list) {
        const DocInfo& info = docs_[p.doc];
        const float tfw = p.cosine * old_norm[p.doc];
        const float tf = std::round(std::exp(tfw - 1.0f));
        const float length_norm = kK1 * (1 - kB + kB * static_cast<float>(info.len[f]) / avg);
        p.bm25 = tf * (kK1 + 1) / (tf + length_norm);
        p.cosine = info.norm[f] > 0 ? tfw / info.norm[f] : 0;
      }
    }
  }
}

float Index::ceiling(const Analyzed& query, int field) const {
  float sum = 0;
  for (const auto& [term, qtf] : counted(query.terms[field])) {
    auto it = postings_[field].find(term);
    size_t df = it == postings_[field].end() ? 0 : it->second.size();
    sum += static_cast<float>(qtf) * idf(df);
  }
  return sum;
}

// Scoring runs in two phases so that a query costs about the same in a
// 100,000-entry knowledge base as in a small one. Rare terms (most of the
// evidence) walk their postings; common terms (的, 什么, "the", "^ho") would
// touch most documents for little weight, so they are looked up only in the
// best candidates of the first phase, by binary search in their postings
// (sorted by document, as documents are only ever appended).
void Index::score(const Analyzed& query, Hits& hits) const {
  const size_t n = doc_entry_.size();
  if (hits.scores.size() < n) {
    hits.scores.resize(n);
    hits.stamp.resize(n, hits.query);
  }
  hits.touched.clear();
  if (live_ == 0) return;
  if (++hits.query == 0) {  // wrapped: forget every old stamp
    std::fill(hits.stamp.begin(), hits.stamp.end(), 0u);
    hits.query = 1;
  }
  const uint32_t stamp = hits.query;

  struct Term {
    int field;
    const std::vector<Posting>* postings;
    float bm25_weight, cosine_weight;
  };
  std::vector<Term> rare, common;
  // Terms in over a tenth of a large collection (的, 吗, "the") weigh little
  // (IDF < 2.4 against 8–11 for a rare term) and would be looked up in every
  // candidate: they are left out, as stop words are.
  const size_t stopword_df = std::max<size_t>(1000, live_ / 10);
  for (int f = 0; f < kFields; ++f) {
    const auto terms = counted(query.terms[f]);
    double qnorm = 0;
    for (const auto& [term, qtf] : terms) {
      auto it = postings_[f].find(term);
      double w = tf_weight(qtf) * idf(it == postings_[f].end() ? 0 : it->second.size());
      qnorm += w * w;
    }
    const float inv_qnorm = qnorm > 0 ? static_cast<float>(1 / std::sqrt(qnorm)) : 0;
    for (const auto& [term, qtf] : terms) {
      auto it = postings_[f].find(term);
      if (it == postings_[f].end() || it->second.size() > stopword_df) continue;
      const float term_idf = idf(it->second.size());
      rare.push_back({f, &it->second, static_cast<float>(qtf) * term_idf,
                      tf_weight(qtf) * term_idf * inv_qnorm * term_idf});
    }
  }
  // The rarest terms, up to a posting budget, walk; the rest are looked up.
  std::sort(rare.begin(), rare.end(),
            [](const Term& a, const Term& b) { return a.postings->size() < b.postings->size(); });
  const size_t common_df = std::max<size_t>(256, live_ / 256);
  size_t walk = 0;
  while (walk < rare.size() && (walk < 2 || rare[walk].postings->size() <= common_df)) ++walk;
  common.assign(rare.begin() + static_cast<ptrdiff_t>(walk), rare.end());
  rare.resize(walk);

  auto add = [&](const Term& t, const Posting& p) {
    Score& s = hits.scores[p.doc];
    s.bm25[t.field] += t.bm25_weight * p.bm25;
    s.cosine[t.field] += t.cosine_weight * p.cosine;
  };
  for (const Term& t : rare) {
    for (const Posting& p : *t.postings) {
      if (hits.stamp[p.doc] != stamp) {
        if (!alive_[p.doc]) continue;
        hits.stamp[p.doc] = stamp;
        hits.touched.push_back(p.doc);
        hits.scores[p.doc] = Score{};
      }
      add(t, p);
    }
  }
  if (common.empty()) return;

  constexpr size_t kCandidates = 128;
  if (hits.touched.size() > kCandidates) {
    auto first_phase = [&](uint32_t d) {
      const Score& s = hits.scores[d];
      return s.bm25[kWords] + s.bm25[kChars];
    };
    std::nth_element(hits.touched.begin(), hits.touched.begin() + kCandidates, hits.touched.end(),
                     [&](uint32_t a, uint32_t b) { return first_phase(a) > first_phase(b); });
    hits.touched.resize(kCandidates);
  }
  // Candidates in document order: each common term's postings are then
  // searched forward from the last hit, galloping (1, 2, 4, … steps ahead).
  std::sort(hits.touched.begin(), hits.touched.end());
  for (const Term& t : common) {
    const Posting* pos = t.postings->data();
    const Posting* end = pos + t.postings->size();
    for (uint32_t d : hits.touched) {
      size_t step = 1;
      while (pos + step < end && pos[step].doc < d) step *= 2;
      pos = std::lower_bound(pos, std::min(pos + step + 1, end), d,
                             [](const Posting& x, uint32_t doc) { return x.doc < doc; });
      if (pos == end) break;
      if (pos->doc == d) add(t, *pos);
    }
  }
}

}  // namespace kefu::kb
