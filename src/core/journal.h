// A durable store of opaque records in a directory: a SNAPSHOT (one blob,
// replaced whole by compaction) plus an append-only LOG of the typed records
// written since. A record is on disk (fsync'd) when its append returns; a
// crash loses nothing acknowledged. What the bytes mean is the user's
// business (the knowledge base and the profile store each encode their own).
// Not thread-safe: the owner serializes writers.
// (Format, torn tails versus corruption: see the comment atop journal.cc.)
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kefu {

// Names a kind of journal. Each kind has magics of its own, so that one kind
// of store is never read as another.
struct JournalFormat {
  std::string what;            // in messages: "knowledge base file ... is corrupted"
  std::string snapshot_magic;  // 8 bytes at the start of SNAPSHOT
  std::string log_magic;       // 8 bytes at the start of LOG
  std::string record_marker;   // 4 bytes at the start of each LOG record
  std::string empty_snapshot;  // what compact() would be given for no data
};

class Journal {
 public:
  // A record to append. Types are the user's, 1 to 255 (0 is the journal's).
  struct Record {
    uint8_t type = 0;
    std::string_view bytes;
  };

  // What open() hands back: the snapshot first (type 0, even when empty),
  // then each log record not already folded into it, in order. Valid only
  // during the call. A reader that finds the bytes malformed should throw
  // KEFU_ERR_CORRUPT naming `path` and `where`.
  struct Replayed : Record {
    bool snapshot = false;
    std::string_view path;  // the file the bytes are in
    std::string where;      // "snapshot" or "record at byte 40 (change 3)"
  };
  using Reader = std::function<void(const Replayed&)>;

  // Opens the journal in `dir`, creating the directory and an empty journal
  // when absent, and replays it through `read`. Errors: KEFU_ERR_BUSY when
  // another process (or another Journal in this one) has it open;
  // KEFU_ERR_CORRUPT naming the file and offset of damage (only a torn last
  // log record, i.e. a write that never returned, is discarded);
  // KEFU_ERR_UNSUPPORTED for a newer format; KEFU_ERR_IO naming the path and
  // OS reason; whatever `read` throws.
  static std::unique_ptr<Journal> open(const std::string& dir, const JournalFormat& format,
                                       const Reader& read);
  ~Journal();

  // One durable step each: all of it or (on error) none of it is stored, and
  // the journal stays usable. A batch comes back as its records, in order,
  // all or none after a crash; an empty batch writes nothing. KEFU_ERR_IO on
  // a write failure.
  void append(uint8_t type, std::string_view bytes);
  void append_batch(const std::vector<Record>& records);

  // Replaces SNAPSHOT with `snapshot` and starts an empty log, atomically: a
  // crash at any point leaves the old state or the new one, never a mix. The
  // snapshot must therefore hold everything. On KEFU_ERR_IO the journal stays
  // consistent and usable.
  void compact(std::string_view snapshot);

  // The log has outgrown the snapshot (and 1 MiB): time to compact.
  bool wants_compaction() const;

  const std::string& dir() const;
  uint64_t snapshot_bytes() const;  // of the whole file
  uint64_t log_bytes() const;       // of the whole file, all good records

 private:
  struct Impl;
  explicit Journal(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kefu
