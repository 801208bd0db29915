// Second-stage ranking and confidence for knowledge-base candidates.
//
// First-stage retrieval finds candidates; the ranker scores each by several
// similarities to the query, all scaled into [0, 1] so that a score means
// the same in a 100-entry and a 100,000-entry knowledge base, and maps the
// score to a confidence calibrated on the knowledge base itself.
#pragma once

#include <vector>

namespace kefu::kb {

struct Features {
  float words = 0;         // BM25 over words / the query's ceiling
  float chars = 0;         // BM25 over characters / the query's ceiling
  float words_cosine = 0;  // TF-IDF cosine over words
  float chars_cosine = 0;  // TF-IDF cosine over characters
};

class Ranker {
 public:
  float score(const Features& f) const;
  // What an entry's answer adds, from its character BM25 (over the query's
  // ceiling) and cosine.
  float answer_score(float chars, float chars_cosine) const;
  float confidence(float score) const;
  float threshold() const { return threshold_; }
  // Places the "no good answer" threshold (and the confidence curve around
  // it) from the best scores of queries whose entry is NOT in the knowledge
  // base: each entry's own question asked with that entry left out. Too few
  // samples keep the defaults.
  void calibrate(std::vector<float> absent_scores);

 private:
  // On the score; confidence is 0.5 there. The default, for knowledge bases
  // too small to calibrate, lies between the calibrated thresholds of the
  // public sets (0.26 and 0.45).
  float threshold_ = 0.35f;
  float slope_ = 10;        // confidence = σ(slope · (score − threshold))
};

}  // namespace kefu::kb
