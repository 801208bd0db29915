// The knowledge-base store: snapshot + log on disk, replay, compaction, torn
// tails versus corruption, locking and write failures.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "store_test_helpers.h"
#include "core/file.h"
#include "kb/store.h"
#include "model/binio.h"

using namespace kefu::kb;

using namespace store_test;

namespace {

constexpr size_t kLogHeader = 40;     // bytes before the first record
constexpr size_t kRecordHeader = 40;  // bytes before a record's payload

std::string slurp(const std::string& path) { return kefu::read_file(path); }

uint64_t file_size(const std::string& path) { return std::filesystem::file_size(path); }

Entry entry(const std::string& id, const std::string& answer = "answer") {
  Entry e;
  e.id = id;
  e.question = "question of " + id;
  e.similar = {"other way to ask " + id};
  e.answer = answer;
  e.category = "cat";
  e.tags = {"t1", "t2"};
  return e;
}

std::vector<Entry> sorted(std::vector<Entry> v) {
  std::sort(v.begin(), v.end(), [](const Entry& a, const Entry& b) { return a.id < b.id; });
  return v;
}

StoredState reopen(const std::string& dir) {
  StoredState state;
  auto store = Store::open(dir, &state);
  state.entries = sorted(std::move(state.entries));
  return state;
}

void check_same(const StoredState& got, const StoredState& want) {
  CHECK(sorted(got.entries) == sorted(want.entries));
  CHECK(got.synonyms == want.synonyms);
}

// A store with a few changes of each kind; `offsets` gets where each record
// starts in LOG (and, last, where the log ends).
StoredState populate(const std::string& dir, std::vector<uint64_t>* offsets = nullptr) {
  StoredState state;
  auto store = Store::open(dir, &state);
  auto mark = [&] {
    if (offsets) offsets->push_back(store->log_bytes());
  };
  mark();
  store->append_upserts({entry("a"), entry("b"), entry("c")});
  mark();
  store->append_delete("b");
  mark();
  store->append_synonyms({{"退款", "退钱", "refund"}, {"快递", "物流"}});
  mark();
  store->append_upserts({entry("a", "new answer"), entry("d")});
  mark();
  store->append_upserts({entry("e")});
  mark();
  StoredState want;
  want.entries = {entry("a", "new answer"), entry("c"), entry("d"), entry("e")};
  want.synonyms = {{"退款", "退钱", "refund"}, {"快递", "物流"}};
  return want;
}

template <typename T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// A log record as the store writes it, for the log `log`.
std::string record(const std::string& log, uint8_t type, uint64_t seq, const std::string& payload) {
  uint64_t nonce;
  std::memcpy(&nonce, log.data() + 24, 8);
  std::string r = "KBRC";
  r.push_back(static_cast<char>(type));
  r.append(3, '\0');
  put<uint64_t>(r, seq);
  put<uint64_t>(r, payload.size());
  put<uint64_t>(r, kefu::checksum64(payload));
  put<uint64_t>(r, kefu::checksum64(r) ^ nonce);
  return r + payload;
}

std::string upserts_payload(const std::vector<std::string>& jsons) {
  std::string p;
  put<uint64_t>(p, jsons.size());
  for (const auto& j : jsons) {
    put<uint64_t>(p, j.size());
    p += j;
  }
  return p;
}

}  // namespace

TEST_CASE("kb store: a new store is created empty, with its directory") {
  TempDir tmp;
  StoredState state;
  state.entries = {entry("stale")};  // replaced by what is stored
  auto store = Store::open(tmp / "kb", &state);
  CHECK(state.entries.empty());
  CHECK(state.synonyms.empty());
  CHECK(store->dir() == tmp / "kb");
  CHECK(std::filesystem::exists(tmp / "kb/SNAPSHOT"));
  CHECK(std::filesystem::exists(tmp / "kb/LOG"));
  CHECK(std::filesystem::exists(tmp / "kb/LOCK"));
  CHECK(store->log_bytes() == kLogHeader);
  CHECK(store->snapshot_bytes() == file_size(tmp / "kb/SNAPSHOT"));
  CHECK_FALSE(store->wants_compaction());
  CHECK(status_of([&] { Store::open("", &state); }) == KEFU_ERR_INVALID_ARGUMENT);
  CHECK(status_of([&] { Store::open(tmp / "no/such/parent", &state); }) == KEFU_ERR_IO);
}

TEST_CASE("kb store: upserts, deletes and synonyms survive reopening") {
  TempDir tmp;
  StoredState want = populate(tmp.path);
  check_same(reopen(tmp.path), want);
  check_same(reopen(tmp.path), want);  // reopening changes nothing

  // Appends after a reopen continue the log.
  {
    StoredState state;
    auto store = Store::open(tmp.path, &state);
    store->append_delete("a");
    store->append_delete("not there");  // a no-op on replay
    store->append_upserts({});          // nothing to store
    store->append_synonyms({});
  }
  want.entries.erase(want.entries.begin());
  want.synonyms.clear();
  check_same(reopen(tmp.path), want);
}

TEST_CASE("kb store: entries are stored exactly, as entry_to_json's JSON") {
  TempDir tmp;
  Entry e;
  e.id = "id \"quoted\" \\ back/slash";
  e.question = "控制字符\x01\x1f\t\n\r\b\f 和 emoji 😀 and DEL \x7f";
  e.similar = {"", "一", "two"};  // the store keeps what it is given
  e.answer = std::string("nul \0 inside", 12);
  e.category = "";
  e.tags = {};
  e.enabled = false;
  Entry plain = entry("plain");
  {
    StoredState state;
    auto store = Store::open(tmp.path, &state);
    store->append_upserts({e, plain});
  }
  StoredState back = reopen(tmp.path);
  REQUIRE(back.entries.size() == 2);
  CHECK(back.entries[0] == e);
  CHECK(back.entries[1] == plain);
  // Byte for byte what nlohmann::json writes, so the files stay readable by
  // any JSON reader and by entry_from_json.
  std::string log = slurp(tmp / "LOG");
  CHECK(log.find(entry_to_json(e).dump()) != std::string::npos);
  CHECK(log.find(entry_to_json(plain).dump()) != std::string::npos);
  CHECK(entry_from_json(nlohmann::json::parse(entry_to_json(plain).dump()), {}, "test") == plain);
}

TEST_CASE("kb store: text that is not UTF-8 is refused and nothing is written") {
  TempDir tmp;
  StoredState state;
  auto store = Store::open(tmp.path, &state);
  store->append_upserts({entry("ok")});
  uint64_t size = store->log_bytes();
  for (std::string bad : {"\xff", "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "ab\xe4\xbd"}) {
    Entry e = entry("x");
    e.tags.push_back(bad);
    std::string msg;
    auto append = [&] { store->append_upserts({entry("y"), e}); };
    CHECK(status_of(append, &msg) == KEFU_ERR_INVALID_DATA);
    CHECK(msg.find("\"x\"") != std::string::npos);
    e.id = bad;
    CHECK(status_of([&] { store->append_upserts({e}); }) == KEFU_ERR_INVALID_DATA);
    CHECK(status_of([&] {
            StoredState s;
            s.entries = {e};
            store->compact(s);
          }) == KEFU_ERR_INVALID_DATA);
  }
  CHECK(store->log_bytes() == size);
  CHECK(file_size(tmp / "LOG") == size);
  store->append_upserts({entry("ok2")});
  store.reset();
  StoredState want;
  want.entries = {entry("ok"), entry("ok2")};
  check_same(reopen(tmp.path), want);
}

TEST_CASE("kb store: compaction folds the log into the snapshot") {
  TempDir tmp;
  StoredState want = populate(tmp.path);
  {
    StoredState state;
    auto store = Store::open(tmp.path, &state);
    uint64_t log_before = store->log_bytes();
    CHECK(log_before > kLogHeader);
    store->compact(state);
    CHECK(store->log_bytes() == kLogHeader);
    CHECK(file_size(tmp / "LOG") == kLogHeader);
    CHECK(store->snapshot_bytes() == file_size(tmp / "SNAPSHOT"));
  }
  check_same(reopen(tmp.path), want);
  {
    StoredState state;
    auto store = Store::open(tmp.path, &state);
    store->append_upserts({entry("f")});
    store->append_delete("c");
  }
  want.entries.push_back(entry("f"));
  want.entries.erase(want.entries.begin() + 1);  // c
  check_same(reopen(tmp.path), want);
}

TEST_CASE("kb store: wants compaction once the log outgrows the snapshot and 1 MiB") {
  TempDir tmp;
  StoredState state;
  auto store = Store::open(tmp.path, &state);
  std::vector<Entry> batch;
  for (int i = 0; i < 2000; ++i)
    batch.push_back(entry("id" + std::to_string(i), std::string(300, 'x')));
  store->append_upserts(batch);
  CHECK(store->log_bytes() < (1u << 20));
  CHECK_FALSE(store->wants_compaction());
  while (store->log_bytes() <= (1u << 20)) store->append_upserts(batch);
  CHECK(store->wants_compaction());
  for (int i = 0; i < 8000; ++i)
    state.entries.push_back(entry("s" + std::to_string(i), std::string(300, 'x')));
  store->compact(state);
  CHECK_FALSE(store->wants_compaction());
  CHECK(store->snapshot_bytes() > 3 * (1u << 20));
  while (store->log_bytes() <= (1u << 20)) store->append_upserts(batch);
  CHECK_FALSE(store->wants_compaction());  // over 1 MiB, but not over the snapshot
  while (store->log_bytes() <= store->snapshot_bytes()) {
    CHECK_FALSE(store->wants_compaction());
    store->append_upserts(batch);
  }
  CHECK(store->wants_compaction());
}

TEST_CASE("kb store: a crash between the new snapshot and the new log loses nothing") {
  TempDir tmp;
  StoredState want = populate(tmp.path);
  std::string old_log = slurp(tmp / "LOG");
  {
    StoredState state;
    auto store = Store::open(tmp.path, &state);
    store->compact(state);
  }
  // The crash: the new SNAPSHOT is in place, but LOG is still the old one,
  // whose records are all folded into it.
  spit(tmp / "LOG", old_log);
  check_same(reopen(tmp.path), want);
  {
    // Going on with the old log: new records must not be taken for old ones.
    StoredState state;
    auto store = Store::open(tmp.path, &state);
    check_same(state, want);
    store->append_upserts({entry("a", "third answer")});
    store->append_delete("e");
  }
  want.entries[0] = entry("a", "third answer");
  want.entries.pop_back();  // e
  check_same(reopen(tmp.path), want);
  {
    StoredState state;
    auto store = Store::open(tmp.path, &state);
    store->compact(state);
    store->append_upserts({entry("g")});
  }
  want.entries.push_back(entry("g"));
  check_same(reopen(tmp.path), want);
}

TEST_CASE("kb store: records folded into the snapshot are not replayed over it") {
  // compact() stores the state it is given; the records of the log it
  // replaces must not be applied on top of it, even if that log survives.
  TempDir tmp;
  populate(tmp.path);
  std::string old_log = slurp(tmp / "LOG");
  StoredState replacement;
  replacement.entries = {entry("only")};
  {
    StoredState state;
    auto store = Store::open(tmp.path, &state);
    store->compact(replacement);
  }
  check_same(reopen(tmp.path), replacement);
  spit(tmp / "LOG", old_log);
  check_same(reopen(tmp.path), replacement);
}

TEST_CASE("kb store: a snapshot older than its log is corruption") {
  TempDir tmp;
  populate(tmp.path);
  std::string old_snapshot = slurp(tmp / "SNAPSHOT");
  {
    StoredState state;
    auto store = Store::open(tmp.path, &state);
    store->compact(state);
    store->append_upserts({entry("z")});
  }
  spit(tmp / "SNAPSHOT", old_snapshot);
  std::string msg;
  CHECK(status_of([&] { reopen(tmp.path); }, &msg) == KEFU_ERR_CORRUPT);
  CHECK(msg.find("LOG") != std::string::npos);
}

TEST_CASE("kb store: a torn last record is cut off, and the store goes on") {
  TempDir tmp;
  std::vector<uint64_t> at;
  StoredState before_last = populate(tmp.path, &at);
  // The last change, appended, is the record that will be torn.
  {
    StoredState state;
    auto store = Store::open(tmp.path, &state);
    store->append_upserts({entry("torn"), entry("a", "torn answer")});
  }
  const std::string full = slurp(tmp / "LOG");
  const uint64_t good = at.back();
  const uint64_t record = full.size() - good;
  REQUIRE(record > kRecordHeader + 8);

  struct Case {
    const char* name;
    std::string tail;
  };
  std::vector<Case> cases = {
      {"a few bytes of the header", full.substr(good, 5)},
      {"all but one byte of the header", full.substr(good, kRecordHeader - 1)},
      {"the header only", full.substr(good, kRecordHeader)},
      {"all but the last byte", full.substr(good, record - 1)},
      {"zeros instead of the record", std::string(record, '\0')},
      {"a page of zeros", std::string(4096, '\0')},
      {"garbage",
       std::string("\x13\x37garbage that is no record at all, long enough for a header")},
  };
  std::string flipped = full.substr(good);
  flipped[kRecordHeader + 3] ^= 0x20;  // complete length, payload fails its checksum
  cases.push_back({"a complete last record failing its checksum", flipped});
  std::string half_zero = full.substr(good);
  std::fill(half_zero.begin() + static_cast<long>(record / 2), half_zero.end(), '\0');
  cases.push_back({"the second half zeros", half_zero});

  for (const Case& c : cases) {
    CAPTURE(c.name);
    spit(tmp / "LOG", full.substr(0, good) + c.tail);
    {
      StoredState state;
      auto store = Store::open(tmp.path, &state);
      check_same(state, before_last);
      CHECK(store->log_bytes() == good);
      CHECK(file_size(tmp / "LOG") == good);  // cut off on disk, too
      store->append_upserts({entry("after")});
    }
    StoredState want = before_last;
    want.entries.push_back(entry("after"));
    check_same(reopen(tmp.path), want);
  }
}

TEST_CASE("kb store: damage before the last record is corruption, and nothing is cut off") {
  TempDir tmp;
  std::vector<uint64_t> at;
  populate(tmp.path, &at);
  const std::string full = slurp(tmp / "LOG");
  REQUIRE(at.size() == 6);
  REQUIRE(at.back() == full.size());

  auto expect_corrupt = [&](const std::string& bytes, const char* what) {
    CAPTURE(what);
    spit(tmp / "LOG", bytes);
    std::string msg;
    CHECK(status_of([&] { reopen(tmp.path); }, &msg) == KEFU_ERR_CORRUPT);
    CHECK(msg.find(tmp / "LOG") != std::string::npos);
    CHECK(slurp(tmp / "LOG") == bytes);  // untouched
  };
  for (size_t r = 0; r + 1 < at.size() - 1; ++r) {  // every record but the last
    const size_t start = at[r], end = at[r + 1];
    std::string payload_flip = full;
    payload_flip[start + kRecordHeader + (end - start - kRecordHeader) / 2] ^= 0x01;
    expect_corrupt(payload_flip, "a payload byte flipped");
    for (size_t k : {0, 4, 8, 16, 24, 32}) {  // marker, type, seq, length, checksums
      std::string header_flip = full;
      header_flip[start + k] ^= 0x40;
      expect_corrupt(header_flip, "a header byte flipped");
    }
    std::string cut = full.substr(0, start) + full.substr(start + 1);
    expect_corrupt(cut, "a byte missing");
    std::string dup = full.substr(0, end) + full.substr(start);
    expect_corrupt(dup, "a record repeated");
  }
  // Garbage or a lost record between good ones.
  expect_corrupt(full.substr(0, at[2]) + std::string(64, '\0') + full.substr(at[2]),
                 "zeros inserted");
  // The log header is written once, atomically: any damage is corruption.
  // (A damaged version field reads as a newer version: KEFU_ERR_UNSUPPORTED.)
  for (size_t k : {0, 8, 12, 16, 24, 32}) {
    std::string header_flip = full;
    header_flip[k] ^= 0x01;
    expect_corrupt(header_flip, "a log header byte flipped");
  }
  expect_corrupt(full.substr(0, 20), "a truncated log header");
  expect_corrupt("", "an empty log");
  spit(tmp / "LOG", full);
  CHECK(reopen(tmp.path).entries.size() == 4);
}

TEST_CASE("kb store: records of another log do not count as data after a torn tail") {
  // Stale blocks of an earlier LOG (after a power loss) hold records that
  // check out on their own; the per-log nonce tells them apart.
  TempDir tmp, other;
  std::vector<uint64_t> at;
  StoredState want = populate(tmp.path, &at);
  populate(other.path);
  std::string foreign = slurp(other / "LOG").substr(kLogHeader);
  spit(tmp / "LOG", slurp(tmp / "LOG") + std::string(100, '\0') + foreign);
  check_same(reopen(tmp.path), want);
  CHECK(file_size(tmp / "LOG") == at.back());
}

TEST_CASE("kb store: a damaged snapshot is corruption") {
  TempDir tmp;
  populate(tmp.path);
  {
    StoredState state;
    auto store = Store::open(tmp.path, &state);
    store->compact(state);
  }
  const std::string good = slurp(tmp / "SNAPSHOT");
  auto expect_corrupt = [&](const std::string& bytes, const char* what) {
    CAPTURE(what);
    spit(tmp / "SNAPSHOT", bytes);
    std::string msg;
    CHECK(status_of([&] { reopen(tmp.path); }, &msg) == KEFU_ERR_CORRUPT);
    CHECK(msg.find(tmp / "SNAPSHOT") != std::string::npos);
  };
  for (size_t k : {size_t{0}, size_t{13}, size_t{17}, good.size() / 2, good.size() - 1}) {
    std::string flip = good;
    flip[k] ^= 0x04;
    expect_corrupt(flip, "a byte flipped");
  }
  expect_corrupt(good.substr(0, good.size() - 1), "the last byte missing");
  expect_corrupt(good.substr(0, good.size() / 2), "truncated in the middle");
  expect_corrupt(good.substr(0, 10), "truncated in the header");
  expect_corrupt("", "empty");
  expect_corrupt(good + "x", "a byte too many");
  spit(tmp / "SNAPSHOT", good);
  CHECK(reopen(tmp.path).entries.size() == 4);
}

TEST_CASE("kb store: files of a newer format version are unsupported") {
  TempDir tmp;
  populate(tmp.path);
  const std::string snapshot = slurp(tmp / "SNAPSHOT");
  const std::string log = slurp(tmp / "LOG");
  auto bump = [](std::string bytes, bool trailing_checksum, size_t header_bytes) {
    uint32_t v = 2;
    std::memcpy(bytes.data() + 8, &v, 4);
    size_t covered = trailing_checksum ? bytes.size() - 8 : header_bytes - 8;
    uint64_t sum = kefu::checksum64(std::string_view(bytes).substr(0, covered));
    std::memcpy(bytes.data() + covered, &sum, 8);
    return bytes;
  };
  std::string msg;
  spit(tmp / "SNAPSHOT", bump(snapshot, true, 0));
  CHECK(status_of([&] { reopen(tmp.path); }, &msg) == KEFU_ERR_UNSUPPORTED);
  CHECK(msg.find("version 2") != std::string::npos);
  spit(tmp / "SNAPSHOT", snapshot);
  spit(tmp / "LOG", bump(log, false, kLogHeader));
  CHECK(status_of([&] { reopen(tmp.path); }, &msg) == KEFU_ERR_UNSUPPORTED);
  spit(tmp / "LOG", log);
  CHECK(reopen(tmp.path).entries.size() == 4);
}

TEST_CASE("kb store: missing files") {
  TempDir tmp;
  populate(tmp.path);
  const std::string log = slurp(tmp / "LOG");
  const std::string snapshot = slurp(tmp / "SNAPSHOT");
  std::filesystem::remove(tmp / "LOG");
  CHECK(status_of([&] { reopen(tmp.path); }) == KEFU_ERR_CORRUPT);
  spit(tmp / "LOG", log);
  std::filesystem::remove(tmp / "SNAPSHOT");
  CHECK(status_of([&] { reopen(tmp.path); }) == KEFU_ERR_CORRUPT);
  spit(tmp / "SNAPSHOT", snapshot);
  CHECK(reopen(tmp.path).entries.size() == 4);

  // A creation cut short after LOG: the store is simply finished.
  TempDir fresh;
  {
    StoredState state;
    Store::open(fresh.path, &state);
  }
  std::filesystem::remove(fresh / "SNAPSHOT");
  CHECK(reopen(fresh.path).entries.empty());
  CHECK(std::filesystem::exists(fresh / "SNAPSHOT"));
}

TEST_CASE("kb store: temporary files left by a crash are removed") {
  TempDir tmp;
  populate(tmp.path);
  spit(tmp / "SNAPSHOT.tmp-abc123", "half a snapshot");
  spit(tmp / "LOG.tmp-xyz789", "half a log");
  spit(tmp / "unrelated", "kept");
  reopen(tmp.path);
  CHECK_FALSE(std::filesystem::exists(tmp / "SNAPSHOT.tmp-abc123"));
  CHECK_FALSE(std::filesystem::exists(tmp / "LOG.tmp-xyz789"));
  CHECK(std::filesystem::exists(tmp / "unrelated"));
}

TEST_CASE("kb store: one opener at a time") {
  TempDir tmp;
  StoredState state;
  auto store = Store::open(tmp.path, &state);
  std::string msg;
  CHECK(status_of([&] { Store::open(tmp.path, &state); }, &msg) == KEFU_ERR_BUSY);
  CHECK(msg.find(tmp.path) != std::string::npos);
  CHECK(msg.find("another process or handle") != std::string::npos);

  // Another process, too.
  fflush(nullptr);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // Not the inherited descriptor: a new open, as another process would.
    StoredState s;
    _exit(status_of([&] { Store::open(tmp.path, &s); }) == KEFU_ERR_BUSY ? 0 : 1);
  }
  int wstatus = 0;
  REQUIRE(::waitpid(pid, &wstatus, 0) == pid);
  CHECK(WIFEXITED(wstatus));
  CHECK(WEXITSTATUS(wstatus) == 0);

  store.reset();  // closing releases the lock
  CHECK(status_of([&] { Store::open(tmp.path, &state); }) == KEFU_OK);
}

namespace {
// Lowers the file-size limit so that writes past `bytes` fail with EFBIG (and
// no SIGXFSZ), like a full disk; restores both on destruction.
struct FileSizeLimit {
  struct rlimit old {};
  struct sigaction old_action {};
  explicit FileSizeLimit(uint64_t bytes) {
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    REQUIRE(::sigaction(SIGXFSZ, &ignore, &old_action) == 0);
    struct rlimit lim = old;
    lim.rlim_cur = static_cast<rlim_t>(bytes);
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &lim) == 0);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &old);
    ::sigaction(SIGXFSZ, &old_action, nullptr);
  }
};
}  // namespace

TEST_CASE("kb store: a failed write leaves the store as it was, and usable") {
  TempDir tmp;
  StoredState want = populate(tmp.path);
  StoredState state;
  auto store = Store::open(tmp.path, &state);
  const uint64_t size = store->log_bytes();
  std::vector<Entry> batch;
  for (int i = 0; i < 100; ++i)
    batch.push_back(entry("big" + std::to_string(i), std::string(1000, 'y')));
  {
    FileSizeLimit limit(size + 5000);  // room for part of the batch
    std::string msg;
    CHECK(status_of([&] { store->append_upserts(batch); }, &msg) == KEFU_ERR_IO);
    CHECK(msg.find(tmp / "LOG") != std::string::npos);
    CHECK(msg.find(std::strerror(EFBIG)) != std::string::npos);
    CHECK(store->log_bytes() == size);
    CHECK(file_size(tmp / "LOG") == size);  // the partial record is gone
    // Small changes still fit and go through.
    store->append_delete("c");
    store->append_upserts({entry("small")});
    // A compaction that cannot write its snapshot changes nothing either.
    StoredState s = want;
    s.entries.insert(s.entries.end(), batch.begin(), batch.end());  // over the limit
    CHECK(status_of([&] { store->compact(s); }) == KEFU_ERR_IO);
  }
  for (const auto& p : std::filesystem::directory_iterator(tmp.path))
    CHECK(p.path().filename().string().find(".tmp-") == std::string::npos);
  store->append_upserts({entry("after")});
  store.reset();
  want.entries.erase(want.entries.begin() + 1);  // c
  want.entries.push_back(entry("small"));
  want.entries.push_back(entry("after"));
  check_same(reopen(tmp.path), want);
  {
    // And compaction works again once there is room.
    StoredState s;
    auto again = Store::open(tmp.path, &s);
    again->compact(s);
    again->append_upserts(batch);
  }
  for (const Entry& e : batch) want.entries.push_back(e);
  check_same(reopen(tmp.path), want);
}

TEST_CASE("kb store: a large batch is one record") {
  TempDir tmp;
  std::vector<Entry> batch;
  for (int i = 0; i < 20000; ++i) batch.push_back(entry("e" + std::to_string(i)));
  {
    StoredState state;
    auto store = Store::open(tmp.path, &state);
    store->append_upserts(batch);
  }
  // Cut anywhere inside it, the whole batch is gone and nothing else.
  const std::string full = slurp(tmp / "LOG");
  spit(tmp / "LOG", full.substr(0, full.size() / 2));
  CHECK(reopen(tmp.path).entries.empty());
  spit(tmp / "LOG", full);
  CHECK(reopen(tmp.path).entries == sorted(batch));
}

TEST_CASE("kb store: stored entries are read as JSON, and checked") {
  TempDir tmp;
  StoredState want = populate(tmp.path);  // changes 1 to 5
  const std::string log = slurp(tmp / "LOG");

  // Any JSON writer's form of an entry reads back (not only the store's own).
  spit(tmp / "LOG",
       log + record(log, 1, 6,
                    upserts_payload({R"( { "question" : "q\u00e9 \/ \ud83d\ude00",)"
                                     R"( "id": "h1", "tags": ["x"], "enabled": false } )",
                                     R"({"id":"h2","question":"\u0041"})"})));
  Entry h1, h2;
  h1.id = "h1";
  h1.question = "qé / 😀";
  h1.tags = {"x"};
  h1.enabled = false;
  h2.id = "h2";
  h2.question = "A";
  StoredState with = want;
  with.entries.push_back(h1);
  with.entries.push_back(h2);
  check_same(reopen(tmp.path), with);

  // A record that checks out but holds something the store never writes is
  // corruption, even as the last record: it is no torn write.
  auto expect_corrupt = [&](const std::string& rec, const char* what) {
    CAPTURE(what);
    spit(tmp / "LOG", log + rec);
    std::string msg;
    CHECK(status_of([&] { reopen(tmp.path); }, &msg) == KEFU_ERR_CORRUPT);
    CHECK(msg.find("change 6") != std::string::npos);
  };
  expect_corrupt(record(log, 1, 6, upserts_payload({R"({"id":"x"})"})), "no question");
  expect_corrupt(record(log, 1, 6, upserts_payload({R"({"id":"x","question":"q","rank":1})"})),
                 "unknown field");
  expect_corrupt(record(log, 1, 6, upserts_payload({R"({"id":"x","question":5})"})), "wrong type");
  expect_corrupt(record(log, 1, 6, upserts_payload({R"({"id":"x","question":"q","tags":"t"})"})),
                 "wrong type");
  expect_corrupt(record(log, 1, 6, upserts_payload({R"({"id":"x","question":"q")"})), "not JSON");
  expect_corrupt(record(log, 1, 6, upserts_payload({"[]"})), "not an object");
  expect_corrupt(record(log, 1, 6, upserts_payload({R"({"id":"x","question":"q"})"}) + "x"),
                 "trailing bytes");
  expect_corrupt(record(log, 1, 6, upserts_payload({}).substr(0, 4)), "a truncated payload");
  expect_corrupt(record(log, 3, 6, std::string(8, '\xff')), "truncated synonyms");
  {
    CAPTURE("an unknown record type");
    spit(tmp / "LOG", log + record(log, 9, 6, ""));
    CHECK(status_of([&] { reopen(tmp.path); }) == KEFU_ERR_CORRUPT);
  }
  {
    CAPTURE("a sequence number going back");
    spit(tmp / "LOG", log + record(log, 2, 5, "a"));
    CHECK(status_of([&] { reopen(tmp.path); }) == KEFU_ERR_CORRUPT);
  }
  spit(tmp / "LOG", log + record(log, 2, 9, "a"));  // numbers may skip (compactions use some)
  with = want;
  with.entries.erase(with.entries.begin());
  check_same(reopen(tmp.path), with);
}
