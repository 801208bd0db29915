// A knowledge base: entries, their index, synonyms and (optionally) the
// durable store behind them.
//
// Searches take a shared lock; a change is prepared (analyzed, written to the
// store and fsync'd) outside the exclusive lock and applied under it, so
// searches wait only for the in-memory update, never for the disk.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kb/analyzer.h"
#include "kb/entry.h"
#include "kb/index.h"
#include "kb/ranker.h"
#include "kb/store.h"

namespace kefu::kb {

struct SearchOptions {
  size_t top_k = 5;
  std::string category;           // empty: any
  std::vector<std::string> tags;  // all required
  size_t max_text_bytes = 64 * 1024;
};

struct Hit {
  std::string id, question, matched_question, answer, category;
  std::vector<std::string> tags;
  float score = 0;
  float confidence = 0;
};

struct SearchResult {
  std::vector<Hit> hits;
  bool answered = false;
};

struct KbStats {
  size_t entries = 0, enabled = 0, questions = 0, synonym_groups = 0;
  float threshold = 0;
  bool stored = false;
  std::string dir;
  uint64_t snapshot_bytes = 0, log_bytes = 0;
};

class KnowledgeBase {
 public:
  // In memory when `dir` is empty. `synonyms`, when given, replace the
  // stored ones.
  KnowledgeBase(const std::string& dir, EntryLimits limits,
                const std::optional<SynonymGroups>& synonyms);
  ~KnowledgeBase();

  void upsert(std::vector<Entry> entries);  // one durable step
  void remove(const std::string& id);       // KEFU_ERR_NOT_FOUND if absent
  void set_synonyms(const SynonymGroups& groups);
  void compact();

  std::optional<Entry> get(const std::string& id) const;
  std::vector<Entry> all() const;  // ordered by id
  SearchResult search(std::string_view query, const SearchOptions& options) const;
  KbStats stats() const;
  const EntryLimits& limits() const { return limits_; }

 private:
  struct Slot {
    Entry entry;
    std::vector<uint32_t> docs;           // index documents, one per question
    uint32_t answer_doc = UINT32_MAX;     // the answer's document in answers_
    bool alive = true;
  };
  struct Prepared {
    Entry entry;
    std::vector<Analyzed> questions;
    std::optional<Analyzed> answer;
  };
  struct Ranked {
    uint32_t slot, doc;
    float score;
  };
  // The top_k entries accepted by `accept` (slot → bool), best first. Caller
  // holds mu_.
  std::vector<Ranked> rank(const Analyzed& q, size_t top_k,
                           const std::function<bool(uint32_t)>& accept) const;
  Prepared prepare(Entry entry) const;  // with the current synonyms
  Prepared analyze(Entry entry, const Synonyms& synonyms) const;
  void apply(Prepared p);          // caller holds mu_ exclusively
  void drop(const std::string& id);  // caller holds mu_ exclusively
  void reindex();                  // caller holds mu_ exclusively
  void rebuild_if_sparse();        // caller holds mu_ exclusively
  void recalibrate();              // caller holds mu_ exclusively
  void recalibrate_if_grown_or_shrunk();  // caller holds mu_ exclusively
  void maybe_compact();            // caller holds write_mu_
  StoredState state() const;

  EntryLimits limits_;
  Analyzer analyzer_;
  std::unique_ptr<Store> store_;
  std::mutex write_mu_;  // one writer at a time, held across the disk write
  mutable std::shared_mutex mu_;
  std::shared_ptr<const Synonyms> synonyms_;
  SynonymGroups synonym_groups_;
  std::vector<Slot> slots_;
  std::unordered_map<std::string, uint32_t> by_id_;
  size_t live_entries_ = 0;
  Index index_;    // questions
  Index answers_;  // answers
  Ranker ranker_;
  size_t calibrated_at_ = 0;  // live entries when last calibrated
};

}  // namespace kefu::kb
