// Durable storage of a knowledge base in a directory: a snapshot of every
// entry plus an append-only log of the changes made since, kept by a Journal
// (core/journal.h). A change is on disk (fsync'd) when its append returns; a
// crash loses nothing acknowledged. Not thread-safe: the owning KnowledgeBase
// serializes writers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kb/entry.h"

namespace kefu {
class Journal;
}

namespace kefu::kb {

using SynonymGroups = std::vector<std::vector<std::string>>;

// What a store holds once its snapshot and log are replayed.
struct StoredState {
  std::vector<Entry> entries;  // one per id, in no particular order
  SynonymGroups synonyms;
};

class Store {
 public:
  // Opens the store in `dir`, creating the directory and an empty store when
  // absent, and replays it into *state. Errors: KEFU_ERR_BUSY when another
  // process (or another Store in this one) has it open; KEFU_ERR_CORRUPT for
  // a damaged snapshot or log (only a torn last log record, i.e. a write that
  // never returned, is discarded); KEFU_ERR_UNSUPPORTED for a newer format;
  // KEFU_ERR_IO naming the path and OS reason.
  static std::unique_ptr<Store> open(const std::string& dir, StoredState* state);
  ~Store();

  // Each append is one durable step: all of it or (on error) none of it is
  // stored, and the store stays usable. KEFU_ERR_IO on a write failure.
  // Entries are stored as given (validating them is the caller's job), but
  // text that is not valid UTF-8 is KEFU_ERR_INVALID_DATA, with nothing
  // written. A batch of any size is one record; an empty batch writes nothing.
  // (Record format: store.cc; torn tails versus corruption: journal.cc.)
  void append_upserts(const std::vector<Entry>& entries);
  void append_delete(const std::string& id);
  void append_synonyms(const SynonymGroups& synonyms);

  // Writes a new snapshot of `state` and starts an empty log (atomically: a
  // crash at any point leaves the old or the new state, never a mix).
  // `state` replaces everything stored, so it must be the complete current
  // state. On KEFU_ERR_IO the store stays consistent and usable.
  void compact(const StoredState& state);

  // The log has outgrown the snapshot: time to compact.
  bool wants_compaction() const;

  const std::string& dir() const;
  uint64_t snapshot_bytes() const;
  uint64_t log_bytes() const;

 private:
  explicit Store(std::unique_ptr<Journal> journal);
  std::unique_ptr<Journal> journal_;
};

}  // namespace kefu::kb
