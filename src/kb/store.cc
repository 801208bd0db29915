// On-disk format (all integers little-endian, as written by the host; kefu's
// model files make the same assumption).
//
// SNAPSHOT, written whole with write_file_atomic (temp + fsync + rename):
//   char[8] "KEFUKBSN" | u32 version (1) | u32 0 | u64 seq
//   u64 entry count, then per entry: u64 length | entry JSON (the object of
//                                     entry_to_json, UTF-8, no spaces)
//   synonyms: u64 group count, per group: u64 count, per word: u64 length | bytes
//   u64 checksum64 of every byte before it
// `seq` is the sequence number of the compaction that wrote it; it is greater
// than that of every log record folded in.
//
// LOG, created whole like the snapshot, then only appended to:
//   header (40 bytes): char[8] "KEFUKBLG" | u32 version (1) | u32 0 | u64 base
//                      | u64 nonce | u64 checksum64 of the 32 bytes before it
//   records, each a 40-byte header and its payload:
//     char[4] "KBRC" | u8 type | u8[3] 0 | u64 seq | u64 payload length
//     | u64 checksum64(payload) | u64 checksum64(the 32 bytes before) ^ nonce
//     payload
//   types: 1 upserts (u64 count, per entry u64 length | entry JSON),
//          2 delete (the id's bytes), 3 synonyms (encoded as in the snapshot).
// `base` is the snapshot seq the log was started after; `nonce` is random per
// log file, so that records of an earlier LOG (stale disk blocks after a power
// loss, a file restored from elsewhere) never pass for records of this one.
// The header checksum makes a record's length trustworthy before its payload
// is read. Sequence numbers strictly increase (gaps allowed: a compaction
// whose LOG replacement failed used one up). Replay skips records whose seq is
// not above the snapshot's: compaction writes the new snapshot, then replaces
// LOG, and a crash between the two leaves only such records behind. A LOG
// whose base is above the snapshot's seq (an older SNAPSHOT put back) is
// corruption.
//
// Files of a newer version are KEFU_ERR_UNSUPPORTED; the version is read
// right after the magic, before any checksum (a newer layout may differ), so
// a damaged version field reads as "newer", not as corruption.
//
// Creation writes LOG, then SNAPSHOT: a LOG alone that is empty and follows
// change 0 is a creation cut short and is completed; any other LOG without a
// SNAPSHOT, or a SNAPSHOT without a LOG, is corruption. Temporary files
// (SNAPSHOT.tmp-*, LOG.tmp-*) left by a crash are deleted on open. LOCK is
// only ever flock'ed, never written.
//
// A batch of upserts is one record (u64 length), written with one pwrite loop
// and one fdatasync: it is all there after a crash, or it is a torn tail.
//
// Torn tail versus corruption. Records are appended one at a time and an
// append returns only after fdatasync; a failed append is truncated away
// before the next one starts. So only the last record can be a write that
// never returned, and nothing can follow it. Scanning from the front, the
// first record that does not check out is:
//   - shorter than a record header, or a header whose checksum holds (so its
//     length is genuine) claiming a payload past the end of the file: torn;
//   - a genuine header whose payload fails its checksum: torn if it ends
//     exactly at the end of the file, corruption if anything follows;
//   - a header that fails its checksum: corruption if a genuine record header
//     (right nonce, higher seq) appears anywhere after it, else torn (garbage
//     or zeros left by a crash during the write).
// A torn tail is truncated away (ftruncate + fsync); corruption is
// KEFU_ERR_CORRUPT and nothing is dropped. The one case that cannot be told
// apart: damage to the very last record looks like a torn write of it.
#include "kb/store.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <random>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/file.h"
#include "model/binio.h"

namespace kefu::kb {

namespace {

using kefu::model::checksum64;

constexpr char kSnapshotMagic[8] = {'K', 'E', 'F', 'U', 'K', 'B', 'S', 'N'};
constexpr char kLogMagic[8] = {'K', 'E', 'F', 'U', 'K', 'B', 'L', 'G'};
constexpr char kRecordMarker[4] = {'K', 'B', 'R', 'C'};
constexpr uint32_t kFormatVersion = 1;
constexpr size_t kLogHeaderBytes = 40;
constexpr size_t kRecordHeaderBytes = 40;
constexpr size_t kSnapshotMinBytes = 8 + 4 + 4 + 8 + 8 + 8 + 8;

enum RecordType : uint8_t { kUpserts = 1, kDelete = 2, kSynonyms = 3 };

// ---------------------------------------------------------------- encoding

template <typename T>
void put(std::string& out, T value) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T>
void put_at(std::string& out, size_t pos, T value) {
  std::memcpy(out.data() + pos, &value, sizeof(T));
}

void put_str(std::string& out, std::string_view s) {
  put<uint64_t>(out, s.size());
  out.append(s);
}

template <typename T>
T get_at(std::string_view bytes, size_t pos) {
  T value;
  std::memcpy(&value, bytes.data() + pos, sizeof(T));
  return value;
}

// Bounds-checked reading of a payload; false when it runs out.
struct Cursor {
  std::string_view bytes;
  size_t pos = 0;

  bool u64(uint64_t* v) {
    if (bytes.size() - pos < 8) return false;
    *v = get_at<uint64_t>(bytes, pos);
    pos += 8;
    return true;
  }
  bool str(std::string_view* v) {
    uint64_t n;
    if (!u64(&n) || n > bytes.size() - pos) return false;
    *v = bytes.substr(pos, n);
    pos += n;
    return true;
  }
  bool done() const { return pos == bytes.size(); }
};

// Appends `s` as a JSON string (escaped as nlohmann::json::dump does); false
// when `s` is not valid UTF-8, which no JSON reader would take back.
bool put_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    size_t run = i;  // copy runs of plain characters at once
    while (run < n && p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\') ++run;
    out.append(s.data() + i, run - i);
    i = run;
    if (i == n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default: {
          static const char kHex[] = "0123456789abcdef";
          const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          out.append(esc, 6);
        }
      }
      ++i;
      continue;
    }
    // RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (n - i < len || p[i + 1] < lo || p[i + 1] > hi) return false;
    for (size_t k = 2; k < len; ++k)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return false;
    out.append(s.data() + i, len);
    i += len;
  }
  out.push_back('"');
  return true;
}

// Appends one entry as length-prefixed JSON: the object entry_to_json makes,
// with the same bytes as its dump(), written directly (several times faster
// than building the nlohmann tree; a batch of 100,000 entries is common).
// The store keeps whatever it is given: validating entries is the caller's
// job, and rules that change must not make stored entries unreadable.
void put_entry(std::string& out, const Entry& e) {
  const size_t at = out.size();
  put<uint64_t>(out, 0);
  bool ok = true;
  auto list = [&](const std::vector<std::string>& v) {
    out.push_back('[');
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out.push_back(',');
      ok &= put_json_string(out, v[i]);
    }
    out.push_back(']');
  };
  out.append("{\"answer\":");
  ok &= put_json_string(out, e.answer);
  out.append(",\"category\":");
  ok &= put_json_string(out, e.category);
  out.append(e.enabled ? ",\"enabled\":true,\"id\":" : ",\"enabled\":false,\"id\":");
  ok &= put_json_string(out, e.id);
  out.append(",\"question\":");
  ok &= put_json_string(out, e.question);
  out.append(",\"similar\":");
  list(e.similar);
  out.append(",\"tags\":");
  list(e.tags);
  out.push_back('}');
  if (!ok) {
    std::string id;
    if (!put_json_string(id, e.id))
      fail(KEFU_ERR_INVALID_DATA, "cannot store an entry: its id is not valid UTF-8");
    fail(KEFU_ERR_INVALID_DATA, "cannot store entry " + id + ": its text is not valid UTF-8");
  }
  put_at<uint64_t>(out, at, out.size() - at - 8);
}

// About the bytes put_entries will write, so that they are allocated once.
size_t encoded_size(const std::vector<Entry>& entries) {
  size_t n = 8;
  for (const Entry& e : entries) {
    n += 96 + e.id.size() + e.question.size() + e.answer.size() + e.category.size();
    for (const auto& s : e.similar) n += 3 + s.size();
    for (const auto& s : e.tags) n += 3 + s.size();
  }
  return n + n / 8;  // escapes rarely add more
}

void put_entries(std::string& out, const std::vector<Entry>& entries) {
  put<uint64_t>(out, entries.size());
  for (const Entry& e : entries) put_entry(out, e);
}

void put_synonyms(std::string& out, const SynonymGroups& groups) {
  put<uint64_t>(out, groups.size());
  for (const auto& group : groups) {
    put<uint64_t>(out, group.size());
    for (const auto& word : group) put_str(out, word);
  }
}

// ---------------------------------------------------------------- errors

[[noreturn]] void io_error(const std::string& what, const std::string& path, int err) {
  fail(KEFU_ERR_IO, what + " \"" + path + "\": " + std::strerror(err));
}

[[noreturn]] void corrupt(const std::string& path, const std::string& what) {
  fail(KEFU_ERR_CORRUPT, "knowledge base file \"" + path + "\" is corrupted: " + what);
}

// ---------------------------------------------------------------- decoding

// Reads back what put_entry wrote: the fields entry_to_json writes, with the
// types it gives them, and nothing else. Contents are not judged (see
// put_entry). Returns an empty string or what is wrong.
std::string entry_from_stored(const nlohmann::json& j, Entry* e) {
  if (!j.is_object()) return "not a JSON object";
  bool has_id = false, has_question = false;
  auto list = [](const nlohmann::json& v, std::vector<std::string>* out) {
    if (!v.is_array()) return false;
    out->reserve(v.size());
    for (const auto& s : v) {
      if (!s.is_string()) return false;
      out->push_back(s.get<std::string>());
    }
    return true;
  };
  for (const auto& [key, v] : j.items()) {
    bool ok;
    if (key == "id") {
      ok = has_id = v.is_string();
      if (ok) e->id = v.get<std::string>();
    } else if (key == "question") {
      ok = has_question = v.is_string();
      if (ok) e->question = v.get<std::string>();
    } else if (key == "answer" || key == "category") {
      ok = v.is_string();
      if (ok) (key == "answer" ? e->answer : e->category) = v.get<std::string>();
    } else if (key == "similar" || key == "tags") {
      ok = list(v, key == "similar" ? &e->similar : &e->tags);
    } else if (key == "enabled") {
      ok = v.is_boolean();
      if (ok) e->enabled = v.get<bool>();
    } else {
      return "unknown field \"" + key + "\"";
    }
    if (!ok) return "field \"" + key + "\" has the wrong type";
  }
  if (!has_id) return "no \"id\"";
  if (!has_question) return "no \"question\"";
  return {};
}

// Reads exactly what put_entry writes, several times faster than a general
// JSON parser (reopening a store of 100,000 entries is common). Anything
// else, e.g. an escape put_entry never writes, returns false and goes to the
// general parser.
class FastEntryReader {
 public:
  explicit FastEntryReader(std::string_view text)
      : p_(text.data()), end_(text.data() + text.size()) {}

  bool read(Entry* e) {
    return lit("{\"answer\":") && str(&e->answer) && lit(",\"category\":") && str(&e->category) &&
           lit(",\"enabled\":") && boolean(&e->enabled) && lit(",\"id\":") && str(&e->id) &&
           lit(",\"question\":") && str(&e->question) && lit(",\"similar\":") &&
           list(&e->similar) && lit(",\"tags\":") && list(&e->tags) && lit("}") && p_ == end_;
  }

 private:
  bool lit(std::string_view s) {
    if (static_cast<size_t>(end_ - p_) < s.size() || std::memcmp(p_, s.data(), s.size()) != 0)
      return false;
    p_ += s.size();
    return true;
  }
  bool boolean(bool* v) {
    if (lit("true")) {
      *v = true;
    } else if (lit("false")) {
      *v = false;
    } else {
      return false;
    }
    return true;
  }
  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  }
  bool str(std::string* out) {
    if (p_ == end_ || *p_ != '"') return false;
    ++p_;
    for (;;) {
      const char* run = p_;
      while (p_ != end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20)
        ++p_;
      out->append(run, static_cast<size_t>(p_ - run));
      if (p_ == end_) return false;
      if (*p_ == '"') {
        ++p_;
        return true;
      }
      if (*p_ != '\\' || end_ - p_ < 2) return false;  // a raw control character
      char c = p_[1];
      p_ += 2;
      switch (c) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {  // only the \u00XX of control characters
          if (end_ - p_ < 4 || p_[0] != '0' || p_[1] != '0') return false;
          int hi = hex(p_[2]), lo = hex(p_[3]);
          if (hi < 0 || hi > 1 || lo < 0) return false;
          out->push_back(static_cast<char>(hi * 16 + lo));
          p_ += 4;
          break;
        }
        default: return false;
      }
    }
  }
  bool list(std::vector<std::string>* out) {
    if (!lit("[")) return false;
    if (lit("]")) return true;
    do {
      out->emplace_back();
      if (!str(&out->back())) return false;
    } while (lit(","));
    return lit("]");
  }

  const char* p_;
  const char* end_;
};

// `where` names the record or the snapshot; `i` the entry in it.
Entry get_entry(Cursor& c, const std::string& path, const std::string& where, uint64_t i) {
  std::string_view text;
  if (!c.str(&text)) corrupt(path, where + " is truncated in entry " + std::to_string(i));
  {
    Entry e;
    if (FastEntryReader(text).read(&e)) return e;
  }
  nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded())
    corrupt(path, where + ", entry " + std::to_string(i) + " is not valid JSON");
  Entry e;
  std::string wrong = entry_from_stored(j, &e);
  if (!wrong.empty()) corrupt(path, where + ", entry " + std::to_string(i) + ": " + wrong);
  return e;
}

template <typename F>
void get_entries(Cursor& c, const std::string& path, const std::string& where, F&& each) {
  uint64_t n;
  if (!c.u64(&n)) corrupt(path, where + " is truncated");
  for (uint64_t i = 0; i < n; ++i) each(get_entry(c, path, where, i));
}

SynonymGroups get_synonyms(Cursor& c, const std::string& path, const std::string& where) {
  SynonymGroups groups;
  uint64_t n;
  if (!c.u64(&n)) corrupt(path, where + " is truncated");
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t m;
    if (!c.u64(&m) || m > (c.bytes.size() - c.pos) / 8) corrupt(path, where + " is truncated");
    std::vector<std::string> group;
    group.reserve(m);
    for (uint64_t k = 0; k < m; ++k) {
      std::string_view word;
      if (!c.str(&word)) corrupt(path, where + " is truncated");
      group.emplace_back(word);
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

// ---------------------------------------------------------------- files

// Writes all of `bytes` at `offset`; 0 or the errno of the failure.
int pwrite_all(int fd, std::string_view bytes, uint64_t offset) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n =
        ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    done += static_cast<size_t>(n);
  }
  return 0;
}

std::string read_fd(int fd, const std::string& path) {
  struct stat st;
  if (::fstat(fd, &st) != 0) io_error("cannot read", path, errno);
  std::string out(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::pread(fd, out.data() + done, out.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) io_error("cannot read", path, errno);
    if (n == 0) break;  // shrank under us (it cannot: we hold the lock)
    done += static_cast<size_t>(n);
  }
  out.resize(done);
  return out;
}

bool exists(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) return true;
  if (errno != ENOENT) io_error("cannot look at", path, errno);
  return false;
}

void fsync_dir(int dir_fd, const std::string& dir) {
  if (::fsync(dir_fd) != 0) io_error("cannot flush directory", dir, errno);
}

uint64_t random_nonce() {
  uint64_t nonce =
      static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
      (static_cast<uint64_t>(::getpid()) << 40);
  try {
    std::random_device rd;
    nonce ^= (static_cast<uint64_t>(rd()) << 32) ^ rd();
  } catch (const std::exception&) {  // no entropy source: the clock will do
  }
  return nonce;
}

std::string log_header(uint64_t base, uint64_t nonce) {
  std::string h;
  h.append(kLogMagic, 8);
  put<uint32_t>(h, kFormatVersion);
  put<uint32_t>(h, 0);
  put<uint64_t>(h, base);
  put<uint64_t>(h, nonce);
  put<uint64_t>(h, checksum64(h));
  return h;
}

uint64_t record_header_check(std::string_view header32, uint64_t nonce) {
  return checksum64(header32) ^ nonce;
}

std::string encode_snapshot(const StoredState& state, uint64_t seq) {
  std::string s;
  s.reserve(64 + encoded_size(state.entries));
  s.append(kSnapshotMagic, 8);
  put<uint32_t>(s, kFormatVersion);
  put<uint32_t>(s, 0);
  put<uint64_t>(s, seq);
  put_entries(s, state.entries);
  put_synonyms(s, state.synonyms);
  put<uint64_t>(s, checksum64(s));
  return s;
}

struct Snapshot {
  uint64_t seq = 0;
  uint64_t bytes = 0;
};

Snapshot decode_snapshot(std::string_view bytes, const std::string& path,
                         std::unordered_map<std::string, Entry>* entries, SynonymGroups* synonyms) {
  if (bytes.size() < 8 || std::memcmp(bytes.data(), kSnapshotMagic, 8) != 0)
    corrupt(path, "not a knowledge-base snapshot (bad magic)");
  if (bytes.size() < 12)
    corrupt(path, "truncated after " + std::to_string(bytes.size()) + " bytes");
  uint32_t version = get_at<uint32_t>(bytes, 8);
  if (version > kFormatVersion)
    fail(KEFU_ERR_UNSUPPORTED, "knowledge base file \"" + path + "\" has format version " +
                                   std::to_string(version) + "; this kefu reads version " +
                                   std::to_string(kFormatVersion) + " (upgrade kefu)");
  if (bytes.size() < kSnapshotMinBytes)
    corrupt(path, "truncated after " + std::to_string(bytes.size()) + " bytes");
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  if (checksum64(body) != get_at<uint64_t>(bytes, body.size()))
    corrupt(path, "checksum mismatch (the file is truncated or damaged)");
  if (version == 0 || get_at<uint32_t>(bytes, 12) != 0) corrupt(path, "bad header");
  Snapshot snap;
  snap.seq = get_at<uint64_t>(bytes, 16);
  snap.bytes = bytes.size();
  Cursor c{body, 24};
  entries->reserve(std::min<uint64_t>(get_at<uint64_t>(body, 24), body.size() / 64));
  get_entries(c, path, "snapshot", [&](Entry&& e) {
    std::string id = e.id;
    (*entries)[std::move(id)] = std::move(e);
  });
  *synonyms = get_synonyms(c, path, "snapshot synonyms");
  if (!c.done()) corrupt(path, "unexpected bytes after the synonyms");
  return snap;
}

}  // namespace

// ---------------------------------------------------------------- Impl

struct Store::Impl {
  std::string dir, snapshot_path, log_path;
  int dir_fd = -1;
  int lock_fd = -1;
  int log_fd = -1;
  uint64_t nonce = 0;     // of the current LOG
  uint64_t last_seq = 0;  // the highest sequence number used so far
  uint64_t log_size = 0;  // bytes of LOG, all of them good records
  uint64_t snapshot_size = 0;
  // A failed append that could not be undone leaves bytes of unknown state at
  // the end of LOG: no more appends until a compaction replaces the log.
  std::string broken;

  ~Impl() {
    if (log_fd >= 0) ::close(log_fd);
    if (lock_fd >= 0) ::close(lock_fd);  // releases the flock
    if (dir_fd >= 0) ::close(dir_fd);
  }

  // Creates a fresh LOG (header only) beside the old one and renames it into
  // place; returns its descriptor. Throws before the rename with nothing
  // changed. After the rename the new log is in place even if flushing the
  // directory fails: then *renamed is set before the exception.
  int new_log(uint64_t base, uint64_t log_nonce, int* renamed_fd) {
    std::string tmp = log_path + ".tmp-XXXXXX";
    int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0) io_error("cannot create a temporary file for", log_path, errno);
    std::string header = log_header(base, log_nonce);
    int err = pwrite_all(fd, header, 0);
    if (err == 0 && ::fsync(fd) != 0) err = errno;
    if (err == 0 && ::rename(tmp.c_str(), log_path.c_str()) != 0) err = errno;
    if (err != 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      io_error("cannot write", log_path, err);
    }
    *renamed_fd = fd;
    fsync_dir(dir_fd, dir);
    return fd;
  }

  void append(RecordType type, std::string&& record);
  void replay_log(std::string_view bytes, uint64_t snapshot_seq,
                  std::unordered_map<std::string, Entry>* entries, SynonymGroups* synonyms);
  void remove_stale_temporaries();
};

void Store::Impl::remove_stale_temporaries() {
  int fd = ::dup(dir_fd);
  if (fd < 0) return;
  DIR* d = ::fdopendir(fd);
  if (!d) {
    ::close(fd);
    return;
  }
  ::rewinddir(d);
  std::vector<std::string> stale;
  while (struct dirent* ent = ::readdir(d)) {
    std::string_view name = ent->d_name;
    if (name.starts_with("SNAPSHOT.tmp-") || name.starts_with("LOG.tmp-")) stale.emplace_back(name);
  }
  ::closedir(d);
  for (const auto& name : stale) ::unlinkat(dir_fd, name.c_str(), 0);  // best effort
}

void Store::Impl::append(RecordType type, std::string&& record) {
  if (!broken.empty())
    fail(KEFU_ERR_IO, "knowledge base \"" + dir + "\" cannot be written: " + broken);
  uint64_t seq = last_seq + 1;
  record[4] = static_cast<char>(type);
  put_at<uint64_t>(record, 8, seq);
  std::string_view payload = std::string_view(record).substr(kRecordHeaderBytes);
  put_at<uint64_t>(record, 16, payload.size());
  put_at<uint64_t>(record, 24, checksum64(payload));
  put_at<uint64_t>(record, 32, record_header_check(std::string_view(record).substr(0, 32), nonce));

  int err = pwrite_all(log_fd, record, log_size);
  if (err == 0 && ::fdatasync(log_fd) != 0) err = errno;
  if (err != 0) {
    // Take the partial record back out so that the log stays a sequence of
    // good records; the next append goes where this one started.
    bool undone = ::ftruncate(log_fd, static_cast<off_t>(log_size)) == 0 && ::fsync(log_fd) == 0;
    std::string msg = std::string("cannot append to \"") + log_path + "\": " + std::strerror(err);
    if (!undone) {
      broken = msg + ", and the partial write could not be removed (" + std::strerror(errno) +
               "); compact or reopen it";
      msg = broken;
    }
    fail(KEFU_ERR_IO, msg);
  }
  log_size += record.size();
  last_seq = seq;
}

void Store::Impl::replay_log(std::string_view bytes, uint64_t snapshot_seq,
                             std::unordered_map<std::string, Entry>* entries,
                             SynonymGroups* synonyms) {
  const std::string& path = log_path;
  if (bytes.size() < 8 || std::memcmp(bytes.data(), kLogMagic, 8) != 0)
    corrupt(path, "not a knowledge-base log (bad magic)");
  if (bytes.size() >= 12 && get_at<uint32_t>(bytes, 8) > kFormatVersion)
    fail(KEFU_ERR_UNSUPPORTED, "knowledge base file \"" + path + "\" has format version " +
                                   std::to_string(get_at<uint32_t>(bytes, 8)) +
                                   "; this kefu reads version " + std::to_string(kFormatVersion) +
                                   " (upgrade kefu)");
  // LOG is only ever created whole (temp file + rename): a bad header is damage.
  if (bytes.size() < kLogHeaderBytes) corrupt(path, "truncated header");
  if (checksum64(bytes.substr(0, 32)) != get_at<uint64_t>(bytes, 32))
    corrupt(path, "header checksum mismatch");
  if (get_at<uint32_t>(bytes, 8) == 0 || get_at<uint32_t>(bytes, 12) != 0)
    corrupt(path, "bad header");
  const uint64_t base = get_at<uint64_t>(bytes, 16);
  nonce = get_at<uint64_t>(bytes, 24);
  if (base > snapshot_seq)
    corrupt(path, "the log continues from change " + std::to_string(base) +
                      " but the snapshot only holds changes up to " + std::to_string(snapshot_seq) +
                      " (SNAPSHOT is older than LOG)");

  // A genuine record header at `pos`: right marker, checksum and nonce.
  auto genuine_header = [&](size_t pos) {
    return bytes.size() - pos >= kRecordHeaderBytes &&
           std::memcmp(bytes.data() + pos, kRecordMarker, 4) == 0 &&
           record_header_check(bytes.substr(pos, 32), nonce) == get_at<uint64_t>(bytes, pos + 32);
  };
  // Is there a genuine record with a seq above `after` anywhere from `from` on?
  auto genuine_record_after = [&](size_t from, uint64_t after) {
    std::string_view marker(kRecordMarker, 4);
    for (size_t pos = bytes.find(marker, from); pos != std::string_view::npos;
         pos = bytes.find(marker, pos + 1))
      if (genuine_header(pos) && get_at<uint64_t>(bytes, pos + 8) > after) return true;
    return false;
  };

  uint64_t last = base;
  size_t pos = kLogHeaderBytes;
  std::string torn;  // why the tail at `pos` is torn, when it is
  while (pos < bytes.size()) {
    const std::string at = "record at byte " + std::to_string(pos);
    const size_t left = bytes.size() - pos;
    if (left < kRecordHeaderBytes) {
      torn = "an incomplete record header";
      break;
    }
    if (!genuine_header(pos)) {
      if (genuine_record_after(pos + 1, last))
        corrupt(path, at + " has a damaged header, and valid records follow it");
      torn = "a damaged record header with no valid record after it";
      break;
    }
    const uint8_t type = static_cast<uint8_t>(bytes[pos + 4]);
    const uint64_t seq = get_at<uint64_t>(bytes, pos + 8);
    const uint64_t length = get_at<uint64_t>(bytes, pos + 16);
    if (length > left - kRecordHeaderBytes) {
      torn = "a record whose payload is incomplete";
      break;
    }
    std::string_view payload = bytes.substr(pos + kRecordHeaderBytes, length);
    const size_t end = pos + kRecordHeaderBytes + length;
    if (checksum64(payload) != get_at<uint64_t>(bytes, pos + 24)) {
      if (end < bytes.size())
        corrupt(path, at + " (change " + std::to_string(seq) +
                          ") fails its checksum, and more data follows it");
      torn = "a last record that fails its checksum";
      break;
    }
    if (bytes[pos + 5] != 0 || bytes[pos + 6] != 0 || bytes[pos + 7] != 0 || type < kUpserts ||
        type > kSynonyms)
      corrupt(path, at + " has an unknown type");
    if (seq <= last)
      corrupt(path, at + " has sequence number " + std::to_string(seq) + " after " +
                        std::to_string(last));
    if (seq > snapshot_seq) {  // the others are already in the snapshot
      Cursor c{payload};
      const std::string where = at + " (change " + std::to_string(seq) + ")";
      if (type == kUpserts) {
        get_entries(c, path, where, [&](Entry&& e) {
          std::string id = e.id;
          (*entries)[std::move(id)] = std::move(e);
        });
      } else if (type == kDelete) {
        entries->erase(std::string(payload));
        c.pos = payload.size();
      } else {
        *synonyms = get_synonyms(c, path, where);
      }
      if (!c.done()) corrupt(path, where + " has unexpected bytes at its end");
    }
    last = seq;
    pos = end;
  }
  if (!torn.empty()) {
    // A write that never returned: nothing acknowledged is in it.
    if (::ftruncate(log_fd, static_cast<off_t>(pos)) != 0 || ::fsync(log_fd) != 0)
      io_error("cannot truncate the torn last record (" + torn + ") of", path, errno);
  }
  log_size = pos;
  last_seq = std::max(last, snapshot_seq);
}

// ---------------------------------------------------------------- Store

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

std::unique_ptr<Store> Store::open(const std::string& dir, StoredState* state) {
  if (dir.empty()) fail(KEFU_ERR_INVALID_ARGUMENT, "knowledge base directory is empty");
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->snapshot_path = dir + "/SNAPSHOT";
  impl->log_path = dir + "/LOG";

  if (::mkdir(dir.c_str(), 0777) == 0) {
    // Make the new directory itself durable.
    std::string parent = dir;
    while (parent.size() > 1 && parent.back() == '/') parent.pop_back();
    size_t slash = parent.rfind('/');
    parent = slash == std::string::npos ? "." : slash == 0 ? "/" : parent.substr(0, slash);
    int pfd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (pfd >= 0) {
      ::fsync(pfd);
      ::close(pfd);
    }
  } else if (errno != EEXIST) {
    io_error("cannot create knowledge base directory", dir, errno);
  }
  impl->dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (impl->dir_fd < 0) io_error("cannot open knowledge base directory", dir, errno);

  const std::string lock_path = dir + "/LOCK";
  impl->lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (impl->lock_fd < 0) io_error("cannot open", lock_path, errno);
  while (::flock(impl->lock_fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK)
      fail(KEFU_ERR_BUSY, "knowledge base \"" + dir + "\" is open in another process or handle");
    io_error("cannot lock", lock_path, errno);
  }
  impl->remove_stale_temporaries();

  bool have_snapshot = exists(impl->snapshot_path);
  bool have_log = exists(impl->log_path);
  if (!have_snapshot && !have_log) {
    // A new store. LOG first: a LOG alone is a creation cut short, and a
    // SNAPSHOT alone can only mean a lost LOG.
    int fd = -1;
    try {
      impl->new_log(0, random_nonce(), &fd);
    } catch (...) {
      if (fd >= 0) ::close(fd);
      throw;
    }
    ::close(fd);
    have_log = true;
  }
  if (!have_log)
    corrupt(impl->log_path, "the file is missing (SNAPSHOT is there, so changes would be lost)");

  impl->log_fd = ::open(impl->log_path.c_str(), O_RDWR | O_CLOEXEC);
  if (impl->log_fd < 0) io_error("cannot open", impl->log_path, errno);
  std::string log = read_fd(impl->log_fd, impl->log_path);

  if (!have_snapshot) {
    // Only a creation cut short leaves LOG without SNAPSHOT: LOG is then
    // empty and follows change 0.
    bool fresh = log.size() == kLogHeaderBytes && get_at<uint64_t>(log, 16) == 0 &&
                 std::memcmp(log.data(), kLogMagic, 8) == 0;
    if (!fresh)
      corrupt(impl->snapshot_path, "the file is missing (LOG holds changes that depend on it)");
    write_file_atomic(impl->snapshot_path, encode_snapshot(StoredState{}, 0));
    fsync_dir(impl->dir_fd, dir);
  }

  std::unordered_map<std::string, Entry> entries;
  SynonymGroups synonyms;
  Snapshot snap =
      decode_snapshot(read_file(impl->snapshot_path), impl->snapshot_path, &entries, &synonyms);
  impl->snapshot_size = snap.bytes;
  impl->replay_log(log, snap.seq, &entries, &synonyms);

  state->entries.clear();
  state->entries.reserve(entries.size());
  for (auto& [id, e] : entries) state->entries.push_back(std::move(e));
  state->synonyms = std::move(synonyms);
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

void Store::append_upserts(const std::vector<Entry>& entries) {
  if (entries.empty()) return;
  std::string record(kRecordHeaderBytes, '\0');
  std::memcpy(record.data(), kRecordMarker, 4);
  record.reserve(kRecordHeaderBytes + encoded_size(entries));
  put_entries(record, entries);
  impl_->append(kUpserts, std::move(record));
}

void Store::append_delete(const std::string& id) {
  std::string record(kRecordHeaderBytes, '\0');
  std::memcpy(record.data(), kRecordMarker, 4);
  record.append(id);
  impl_->append(kDelete, std::move(record));
}

void Store::append_synonyms(const SynonymGroups& synonyms) {
  std::string record(kRecordHeaderBytes, '\0');
  std::memcpy(record.data(), kRecordMarker, 4);
  put_synonyms(record, synonyms);
  impl_->append(kSynonyms, std::move(record));
}

void Store::compact(const StoredState& state) {
  Impl& s = *impl_;
  // The compaction takes a sequence number of its own: every record in the
  // current log is at or below it, so all of them are skipped on replay if a
  // crash leaves this log beside the new snapshot.
  const uint64_t seq = s.last_seq + 1;
  std::string snapshot = encode_snapshot(state, seq);  // may refuse an entry: nothing written
  write_file_atomic(s.snapshot_path, snapshot);
  // From here the new snapshot may be on disk: seq is used up even if the
  // rest fails, and the current log (whose records it skips) stays valid.
  s.last_seq = seq;
  s.snapshot_size = snapshot.size();
  fsync_dir(s.dir_fd, s.dir);

  const uint64_t nonce = random_nonce();
  int fd = -1;
  try {
    s.new_log(seq, nonce, &fd);
  } catch (...) {
    if (fd < 0) throw;  // the old log is still LOG and still fine
    // LOG is the new file, but its rename may not be durable yet: appends to
    // it could vanish in a crash. Write nothing until a compaction succeeds.
    ::close(s.log_fd);
    s.log_fd = fd;
    s.nonce = nonce;
    s.log_size = kLogHeaderBytes;
    s.broken = "its directory could not be flushed after replacing \"" + s.log_path +
               "\"; compact or reopen it";
    throw;
  }
  ::close(s.log_fd);
  s.log_fd = fd;
  s.nonce = nonce;
  s.log_size = kLogHeaderBytes;
  s.broken.clear();
}

bool Store::wants_compaction() const {
  return impl_->log_size > std::max<uint64_t>(uint64_t{1} << 20, impl_->snapshot_size);
}

const std::string& Store::dir() const { return impl_->dir; }
uint64_t Store::snapshot_bytes() const { return impl_->snapshot_size; }
uint64_t Store::log_bytes() const { return impl_->log_size; }

}  // namespace kefu::kb
