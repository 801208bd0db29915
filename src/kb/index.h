// An inverted index with BM25 and TF-IDF cosine scoring over the analyzer's
// two fields.
//
// A document is one question of one entry. Documents are appended and
// tombstoned, never edited in place, so an update costs only its own terms;
// the owner rebuilds the index when tombstones pile up. Each posting carries
// its precomputed impacts (the document-side factors of BM25 and of the
// cosine), so scoring touches one accumulator per posting and nothing else.
// Not synchronized: the knowledge base guards it with a reader/writer lock.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "kb/analyzer.h"

namespace kefu::kb {

class Index {
 public:
  // Indexes `doc` as a question of entry slot `entry`; returns its number.
  uint32_t add(uint32_t entry, const Analyzed& doc);
  void remove(uint32_t doc);
  void clear();
  // Recomputes every impact with the current collection statistics (after a
  // bulk load, early documents were measured against a tiny collection).
  void refresh();
  // refresh() once the collection has grown or shrunk by an eighth since the
  // last one, so that the ranking does not depend on the order of updates
  // (amortized: a constant number of refreshes per document).
  void refresh_if_drifted();

  // Scores of one document for the current query.
  struct Score {
    float bm25[kFields];
    float cosine[kFields];
  };
  struct Hits {
    std::vector<Score> scores;        // by document; valid for `touched`
    std::vector<uint32_t> touched;    // documents sharing a term with the query
    std::vector<uint32_t> stamp;      // by document: query number that last touched it
    uint32_t query = 0;
  };
  void score(const Analyzed& query, Hits& hits) const;

  // The BM25 of a document of average length holding each query term once,
  // in field f: scales scores into [0, ~1] whatever the query's length.
  float ceiling(const Analyzed& query, int field) const;

  uint32_t entry_of(uint32_t doc) const { return doc_entry_[doc]; }
  size_t documents() const { return doc_entry_.size(); }
  size_t live_documents() const { return live_; }

 private:
  struct Posting {
    uint32_t doc;
    float bm25;    // tf·(k1+1) / (tf + k1·(1 − b + b·len/avg))
    float cosine;  // (1 + log tf) / |document vector|
  };
  struct DocInfo {
    uint32_t len[kFields];
    float norm[kFields];
  };
  float idf(size_t df) const;
  void measure(const std::vector<std::pair<uint64_t, uint32_t>>& terms, int field, uint32_t doc);

  std::unordered_map<uint64_t, std::vector<Posting>> postings_[kFields];
  std::vector<DocInfo> docs_;
  std::vector<uint32_t> doc_entry_;
  std::vector<uint8_t> alive_;
  uint64_t total_len_[kFields] = {0, 0};
  size_t live_ = 0;
  size_t refreshed_at_ = 0;  // live_ at the last refresh()
};

}  // namespace kefu::kb
