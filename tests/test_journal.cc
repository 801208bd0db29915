// The journal under every durable store: records and batches replayed in
// order, torn tails cut off, damage reported, one opener, atomic compaction,
// newer formats refused. (The knowledge base's own cases: test_kb_store.cc.)
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "store_test_helpers.h"
#include "core/file.h"
#include "core/journal.h"
#include "core/checksum.h"

using kefu::Journal;

using namespace store_test;

namespace {

constexpr size_t kLogHeader = 40;  // bytes before the first record

const kefu::JournalFormat kFormat{"test journal", "TESTJLSN", "TESTJLLG", "TJRC", "empty"};

// What open() handed back: the snapshot as type 0, then the records.
struct Replay {
  std::vector<std::pair<int, std::string>> items;
  std::unique_ptr<Journal> journal;
};

Replay open_journal(const std::string& dir) {
  Replay r;
  r.journal = Journal::open(dir, kFormat, [&](const Journal::Replayed& x) {
    CHECK(x.snapshot == (x.type == 0));
    r.items.emplace_back(x.type, std::string(x.bytes));
  });
  return r;
}

using Items = std::vector<std::pair<int, std::string>>;

Items replayed(const std::string& dir) { return open_journal(dir).items; }

// A journal with a snapshot and three records; `ends` gets where each record
// ends in LOG.
Items populate(const std::string& dir, std::vector<uint64_t>* ends = nullptr) {
  auto r = open_journal(dir);
  r.journal->append(1, "one");
  if (ends) ends->push_back(r.journal->log_bytes());
  r.journal->append_batch({{2, "two"}, {3, ""}, {4, std::string(1000, 'x')}});
  if (ends) ends->push_back(r.journal->log_bytes());
  r.journal->append(5, std::string("five\0", 5));
  if (ends) ends->push_back(r.journal->log_bytes());
  return {{0, "empty"}, {1, "one"}, {2, "two"}, {3, ""},
          {4, std::string(1000, 'x')}, {5, std::string("five\0", 5)}};
}

}  // namespace

TEST_CASE("journal: records and batches come back in order, after the snapshot") {
  TempDir tmp;
  Items want = populate(tmp / "j");
  CHECK(replayed(tmp / "j") == want);
  CHECK(replayed(tmp / "j") == want);  // reopening changes nothing
  {
    auto r = open_journal(tmp / "j");
    CHECK(r.journal->dir() == tmp / "j");
    CHECK(r.journal->snapshot_bytes() == std::filesystem::file_size(tmp / "j/SNAPSHOT"));
    CHECK(r.journal->log_bytes() == std::filesystem::file_size(tmp / "j/LOG"));
    r.journal->append_batch({});  // nothing to store
    r.journal->append_batch({{6, "six"}});
    CHECK(status_of([&] { r.journal->append(0, "x"); }) == KEFU_ERR_INVALID_ARGUMENT);
    CHECK(status_of([&] { r.journal->append_batch({{1, "a"}, {0, "b"}}); }) ==
          KEFU_ERR_INVALID_ARGUMENT);
  }
  want.emplace_back(6, "six");
  CHECK(replayed(tmp / "j") == want);

  // A reader's error stops the open, and the journal stays closed.
  std::string msg;
  CHECK(status_of(
            [&] {
              Journal::open(tmp / "j", kFormat, [](const Journal::Replayed& x) {
                if (x.type == 4) kefu::fail(KEFU_ERR_CORRUPT, x.where + " is bad");
              });
            },
            &msg) == KEFU_ERR_CORRUPT);
  CHECK(msg.find("part 3") != std::string::npos);
  CHECK(replayed(tmp / "j") == want);
  CHECK(status_of([&] { Journal::open("", kFormat, [](auto&) {}); }) ==
        KEFU_ERR_INVALID_ARGUMENT);
}

TEST_CASE("journal: compaction replaces everything with the snapshot") {
  TempDir tmp;
  populate(tmp.path);
  {
    auto r = open_journal(tmp.path);
    r.journal->compact("state");
    CHECK(r.journal->log_bytes() == kLogHeader);
    r.journal->append(7, "after");
  }
  CHECK(replayed(tmp.path) == Items{{0, "state"}, {7, "after"}});
}

TEST_CASE("journal: a torn last record is cut off, a torn batch whole") {
  TempDir tmp;
  std::vector<uint64_t> ends;
  Items all = populate(tmp.path, &ends);
  const std::string full = kefu::read_file(tmp / "LOG");
  // Cut into the batch (ending at ends[1]) after dropping the record behind it.
  for (uint64_t cut : {ends[0] + 3, ends[0] + 40, ends[1] - 1}) {
    CAPTURE(cut);
    spit(tmp / "LOG", full.substr(0, cut));
    CHECK(replayed(tmp.path) == Items(all.begin(), all.begin() + 2));
    CHECK(std::filesystem::file_size(tmp / "LOG") == ends[0]);  // cut on disk, too
  }
  // Zeros where the last record should be, as after a crash mid-write.
  spit(tmp / "LOG", full.substr(0, ends[1]) + std::string(full.size() - ends[1], '\0'));
  auto r = open_journal(tmp.path);
  CHECK(r.items == Items(all.begin(), all.end() - 1));
  r.journal->append(8, "goes on");
  r.journal.reset();
  Items want(all.begin(), all.end() - 1);
  want.emplace_back(8, "goes on");
  CHECK(replayed(tmp.path) == want);
}

TEST_CASE("journal: damage before the last record is corruption, and nothing is cut") {
  TempDir tmp;
  std::vector<uint64_t> ends;
  populate(tmp.path, &ends);
  const std::string full = kefu::read_file(tmp / "LOG");
  auto expect_corrupt = [&](const std::string& bytes, const std::string& where) {
    spit(tmp / "LOG", bytes);
    std::string msg;
    CHECK(status_of([&] { replayed(tmp.path); }, &msg) == KEFU_ERR_CORRUPT);
    CHECK(msg.find(tmp / "LOG") != std::string::npos);
    CHECK(msg.find(where) != std::string::npos);
    CHECK(kefu::read_file(tmp / "LOG") == bytes);
  };
  std::string payload_flip = full;
  payload_flip[ends[1] - 10] ^= 0x01;  // inside the batch, the middle record
  expect_corrupt(payload_flip, "record at byte " + std::to_string(ends[0]));
  std::string header_flip = full;
  header_flip[ends[0] + 16] ^= 0x01;  // the batch's length
  expect_corrupt(header_flip, "record at byte " + std::to_string(ends[0]));
  // A record that checks out but holds a malformed batch.
  std::string bad = full.substr(0, ends[1]);
  std::string payload = "\x01" + std::string(8, '\xff');
  uint64_t nonce;
  std::memcpy(&nonce, full.data() + 24, 8);
  std::string h = "TJRC";
  h.append(4, '\0');
  auto put = [&](uint64_t v) { h.append(reinterpret_cast<const char*>(&v), 8); };
  put(9);  // seq
  put(payload.size());
  put(kefu::checksum64(payload));
  put(kefu::checksum64(h) ^ nonce);
  expect_corrupt(bad + h + payload, "part 1 is truncated");
  spit(tmp / "LOG", full);
  CHECK(replayed(tmp.path).size() == 6);
}

TEST_CASE("journal: one opener at a time") {
  TempDir tmp;
  auto r = open_journal(tmp.path);
  std::string msg;
  CHECK(status_of([&] { open_journal(tmp.path); }, &msg) == KEFU_ERR_BUSY);
  CHECK(msg.find("test journal \"" + tmp.path + "\"") != std::string::npos);
  r.journal.reset();
  CHECK(status_of([&] { open_journal(tmp.path); }) == KEFU_OK);
}

TEST_CASE("journal: a compaction cut short leaves the old state or the new one") {
  TempDir tmp;
  Items old = populate(tmp.path);
  const std::string old_snapshot = kefu::read_file(tmp / "SNAPSHOT");
  const std::string old_log = kefu::read_file(tmp / "LOG");
  {
    auto r = open_journal(tmp.path);
    r.journal->compact("new");
  }
  const std::string new_snapshot = kefu::read_file(tmp / "SNAPSHOT");
  const std::string new_log = kefu::read_file(tmp / "LOG");

  // Crashed while writing SNAPSHOT: its temporary file is left, unrenamed.
  spit(tmp / "SNAPSHOT", old_snapshot);
  spit(tmp / "LOG", old_log);
  spit(tmp / "SNAPSHOT.tmp-a1b2c3", new_snapshot.substr(0, 10));
  CHECK(replayed(tmp.path) == old);
  CHECK_FALSE(std::filesystem::exists(tmp / "SNAPSHOT.tmp-a1b2c3"));

  // Crashed after renaming SNAPSHOT, while writing the new LOG: the old log's
  // records are all in the new snapshot and are not replayed over it.
  spit(tmp / "SNAPSHOT", new_snapshot);
  spit(tmp / "LOG.tmp-d4e5f6", new_log.substr(0, 20));
  CHECK(replayed(tmp.path) == Items{{0, "new"}});
  CHECK_FALSE(std::filesystem::exists(tmp / "LOG.tmp-d4e5f6"));
  {
    auto r = open_journal(tmp.path);  // and it goes on from there
    r.journal->append(9, "later");
  }
  CHECK(replayed(tmp.path) == Items{{0, "new"}, {9, "later"}});

  // The old SNAPSHOT put back under a newer LOG would lose changes.
  spit(tmp / "SNAPSHOT", old_snapshot);
  spit(tmp / "LOG", new_log);
  CHECK(status_of([&] { replayed(tmp.path); }) == KEFU_ERR_CORRUPT);
}

TEST_CASE("journal: files of a newer format, or of another kind, are refused") {
  TempDir tmp;
  Items want = populate(tmp.path);
  const std::string snapshot = kefu::read_file(tmp / "SNAPSHOT");
  const std::string log = kefu::read_file(tmp / "LOG");
  for (const char* name : {"SNAPSHOT", "LOG"}) {
    CAPTURE(name);
    std::string newer = name == std::string("LOG") ? log : snapshot;
    newer[8] = 2;  // version 2; checksums are not looked at before it
    spit(tmp / name, newer);
    std::string msg;
    CHECK(status_of([&] { replayed(tmp.path); }, &msg) == KEFU_ERR_UNSUPPORTED);
    CHECK(msg.find(tmp / name) != std::string::npos);
    CHECK(msg.find("version 2") != std::string::npos);
    spit(tmp / name, name == std::string("LOG") ? log : snapshot);
  }
  CHECK(replayed(tmp.path) == want);
  kefu::JournalFormat other = kFormat;
  other.snapshot_magic = "OTHERSNP";
  std::string msg;
  CHECK(status_of([&] { Journal::open(tmp.path, other, [](auto&) {}); }, &msg) ==
        KEFU_ERR_CORRUPT);
  CHECK(msg.find("bad magic") != std::string::npos);
}
