// On-disk format (all integers little-endian, as written by the host; kefu's
// model files make the same assumption). The magics and the record marker
// are the JournalFormat's; the knowledge base's are KEFUKBSN, KEFUKBLG, KBRC.
//
// SNAPSHOT, written whole with write_file_atomic (temp + fsync + rename):
//   char[8] magic | u32 version (1) | u32 0 | u64 seq | the user's bytes
//   | u64 checksum64 of every byte before it
// `seq` is the sequence number of the compaction that wrote it; it is greater
// than that of every log record folded in.
//
// LOG, created whole like the snapshot, then only appended to:
//   header (40 bytes): char[8] magic | u32 version (1) | u32 0 | u64 base
//                      | u64 nonce | u64 checksum64 of the 32 bytes before it
//   records, each a 40-byte header and its payload:
//     char[4] marker | u8 type | u8[3] 0 | u64 seq | u64 payload length
//     | u64 checksum64(payload) | u64 checksum64(the 32 bytes before) ^ nonce
//     payload
//   types 1-255 are the user's; type 0 is a batch, whose payload holds its
//   records one after another as u8 type | u64 length | bytes. (A batch is
//   one record so that a crash keeps all of it or none.)
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
// Torn tail versus corruption. Records are appended one at a time, each with
// one pwrite loop and one fdatasync, and an append returns only after that;
// a failed append is truncated away before the next one starts. So only the
// last record can be a write that never returned, and nothing can follow it.
// Scanning from the front, the first record that does not check out is:
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
#include "core/journal.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <random>

#include "core/error.h"
#include "core/file.h"
#include "core/checksum.h"

namespace kefu {

namespace {


constexpr uint32_t kFormatVersion = 1;
constexpr size_t kHeaderBytes = 40;  // of LOG, and of each record in it
constexpr size_t kSnapshotMinBytes = 8 + 4 + 4 + 8 + 8;
constexpr uint8_t kBatch = 0;

template <typename T>
void put(std::string& out, T value) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T>
T get_at(std::string_view bytes, size_t pos) {
  T value;
  std::memcpy(&value, bytes.data() + pos, sizeof(T));
  return value;
}

[[noreturn]] void io_error(const std::string& what, const std::string& path, int err) {
  fail(KEFU_ERR_IO, what + " \"" + path + "\": " + std::strerror(err));
}

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

// Creates `dir` if absent, and makes that creation durable.
void make_dir(const std::string& dir, const std::string& what) {
  if (::mkdir(dir.c_str(), 0777) != 0) {
    if (errno != EEXIST) io_error("cannot create " + what + " directory", dir, errno);
    return;
  }
  std::string parent = dir;
  while (parent.size() > 1 && parent.back() == '/') parent.pop_back();
  size_t slash = parent.rfind('/');
  parent = slash == std::string::npos ? "." : slash == 0 ? "/" : parent.substr(0, slash);
  int pfd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (pfd >= 0) {
    ::fsync(pfd);
    ::close(pfd);
  }
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

std::string file_header(std::string_view magic, uint64_t seq) {
  std::string h(magic);
  put<uint32_t>(h, kFormatVersion);
  put<uint32_t>(h, 0);
  put<uint64_t>(h, seq);
  return h;
}

std::string log_header(std::string_view magic, uint64_t base, uint64_t nonce) {
  std::string h = file_header(magic, base);
  put<uint64_t>(h, nonce);
  put<uint64_t>(h, checksum64(h));
  return h;
}

uint64_t record_header_check(std::string_view header32, uint64_t nonce) {
  return checksum64(header32) ^ nonce;
}

// A record's header, for `payload_bytes` of payload to follow it.
std::string record_header(std::string_view marker, uint8_t type, uint64_t seq,
                          uint64_t payload_bytes, uint64_t payload_sum, uint64_t nonce) {
  std::string h(marker);
  h.push_back(static_cast<char>(type));
  h.append(3, '\0');
  put<uint64_t>(h, seq);
  put<uint64_t>(h, payload_bytes);
  put<uint64_t>(h, payload_sum);
  put<uint64_t>(h, record_header_check(h, nonce));
  return h;
}

// The magic and version every file starts with: CORRUPT or UNSUPPORTED.
void check_magic_and_version(std::string_view bytes, std::string_view magic,
                             const std::string& kind, const std::string& path,
                             const JournalFormat& format) {
  const std::string prefix = format.what + " file \"" + path + "\"";
  if (bytes.size() < 8 || bytes.substr(0, 8) != magic)
    fail(KEFU_ERR_CORRUPT,
         prefix + " is corrupted: not a " + format.what + " " + kind + " (bad magic)");
  if (bytes.size() >= 12 && get_at<uint32_t>(bytes, 8) > kFormatVersion)
    fail(KEFU_ERR_UNSUPPORTED, prefix + " has format version " +
                                   std::to_string(get_at<uint32_t>(bytes, 8)) +
                                   "; this kefu reads version " + std::to_string(kFormatVersion) +
                                   " (upgrade kefu)");
}

}  // namespace

// ---------------------------------------------------------------- Impl

struct Journal::Impl {
  JournalFormat format;
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

  [[noreturn]] void corrupt(const std::string& path, const std::string& what) const {
    fail(KEFU_ERR_CORRUPT, format.what + " file \"" + path + "\" is corrupted: " + what);
  }

  void lock();
  void remove_stale_temporaries();
  int new_log(uint64_t base, uint64_t log_nonce, int* renamed_fd);
  std::string encode_snapshot(std::string_view body, uint64_t seq) const;
  uint64_t read_snapshot(std::string_view bytes, const Reader& read);
  void replay_log(std::string_view bytes, uint64_t snapshot_seq, const Reader& read);
  void deliver(uint8_t type, std::string_view payload, std::string where, const Reader& read);
  void append(uint8_t type, std::string_view payload);
};

void Journal::Impl::lock() {
  const std::string lock_path = dir + "/LOCK";
  lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0) io_error("cannot open", lock_path, errno);
  while (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno == EWOULDBLOCK)
      fail(KEFU_ERR_BUSY, format.what + " \"" + dir + "\" is open in another process or handle");
    io_error("cannot lock", lock_path, errno);
  }
}

void Journal::Impl::remove_stale_temporaries() {
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

// Creates a fresh LOG (header only) beside the old one and renames it into
// place; returns its descriptor. Throws before the rename with nothing
// changed. After the rename the new log is in place even if flushing the
// directory fails: then *renamed_fd is set before the exception.
int Journal::Impl::new_log(uint64_t base, uint64_t log_nonce, int* renamed_fd) {
  std::string tmp = log_path + ".tmp-XXXXXX";
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) io_error("cannot create a temporary file for", log_path, errno);
  int err = pwrite_all(fd, log_header(format.log_magic, base, log_nonce), 0);
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

std::string Journal::Impl::encode_snapshot(std::string_view body, uint64_t seq) const {
  std::string s;
  s.reserve(kSnapshotMinBytes + body.size());
  s = file_header(format.snapshot_magic, seq);
  s.append(body);
  put<uint64_t>(s, checksum64(s));
  return s;
}

// Checks SNAPSHOT and hands its body to `read`; returns its seq.
uint64_t Journal::Impl::read_snapshot(std::string_view bytes, const Reader& read) {
  const std::string& path = snapshot_path;
  check_magic_and_version(bytes, format.snapshot_magic, "snapshot", path, format);
  if (bytes.size() < kSnapshotMinBytes)
    corrupt(path, "truncated after " + std::to_string(bytes.size()) + " bytes");
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  if (verify_checksums() && checksum64(body) != get_at<uint64_t>(bytes, body.size()))
    corrupt(path, "checksum mismatch (the file is truncated or damaged)");
  if (get_at<uint32_t>(bytes, 8) == 0 || get_at<uint32_t>(bytes, 12) != 0)
    corrupt(path, "bad header");
  snapshot_size = bytes.size();
  Replayed r;
  r.bytes = body.substr(24);
  r.snapshot = true;
  r.path = path;
  r.where = "snapshot";
  read(r);
  return get_at<uint64_t>(bytes, 16);
}

// Hands one log record to `read`, a batch as its parts.
void Journal::Impl::deliver(uint8_t type, std::string_view payload, std::string where,
                            const Reader& read) {
  Replayed r;
  r.path = log_path;
  if (type != kBatch) {
    r.type = type;
    r.bytes = payload;
    r.where = std::move(where);
    read(r);
    return;
  }
  for (size_t pos = 0, part = 1; pos < payload.size(); ++part) {
    r.where = where + ", part " + std::to_string(part);
    if (payload.size() - pos < 9) corrupt(log_path, r.where + " is truncated");
    r.type = static_cast<uint8_t>(payload[pos]);
    const uint64_t n = get_at<uint64_t>(payload, pos + 1);
    pos += 9;
    if (r.type == kBatch || n > payload.size() - pos)
      corrupt(log_path, r.where + (r.type == kBatch ? " has type 0" : " is truncated"));
    r.bytes = payload.substr(pos, n);
    pos += n;
    read(r);
  }
}

void Journal::Impl::replay_log(std::string_view bytes, uint64_t snapshot_seq, const Reader& read) {
  const std::string& path = log_path;
  check_magic_and_version(bytes, format.log_magic, "log", path, format);
  // LOG is only ever created whole (temp file + rename): a bad header is damage.
  if (bytes.size() < kHeaderBytes) corrupt(path, "truncated header");
  if (verify_checksums() && checksum64(bytes.substr(0, 32)) != get_at<uint64_t>(bytes, 32))
    corrupt(path, "header checksum mismatch");
  if (get_at<uint32_t>(bytes, 8) == 0 || get_at<uint32_t>(bytes, 12) != 0)
    corrupt(path, "bad header");
  const uint64_t base = get_at<uint64_t>(bytes, 16);
  nonce = get_at<uint64_t>(bytes, 24);
  if (base > snapshot_seq)
    corrupt(path, "the log continues from change " + std::to_string(base) +
                      " but the snapshot only holds changes up to " + std::to_string(snapshot_seq) +
                      " (SNAPSHOT is older than LOG)");

  const std::string_view marker = format.record_marker;
  // A genuine record header at `pos`: right marker, checksum and nonce.
  auto genuine_header = [&](size_t pos) {
    return bytes.size() - pos >= kHeaderBytes && bytes.substr(pos, 4) == marker &&
           record_header_check(bytes.substr(pos, 32), nonce) == get_at<uint64_t>(bytes, pos + 32);
  };
  // Is there a genuine record with a seq above `after` anywhere from `from` on?
  auto genuine_record_after = [&](size_t from, uint64_t after) {
    for (size_t pos = bytes.find(marker, from); pos != std::string_view::npos;
         pos = bytes.find(marker, pos + 1))
      if (genuine_header(pos) && get_at<uint64_t>(bytes, pos + 8) > after) return true;
    return false;
  };

  uint64_t last = base;
  size_t pos = kHeaderBytes;
  std::string torn;  // why the tail at `pos` is torn, when it is
  while (pos < bytes.size()) {
    const std::string at = "record at byte " + std::to_string(pos);
    const size_t left = bytes.size() - pos;
    if (left < kHeaderBytes) {
      torn = "an incomplete record header";
      break;
    }
    if (!genuine_header(pos)) {
      if (genuine_record_after(pos + 1, last))
        corrupt(path, at + " has a damaged header, and valid records follow it");
      torn = "a damaged record header with no valid record after it";
      break;
    }
    const uint64_t seq = get_at<uint64_t>(bytes, pos + 8);
    const uint64_t length = get_at<uint64_t>(bytes, pos + 16);
    if (length > left - kHeaderBytes) {
      torn = "a record whose payload is incomplete";
      break;
    }
    std::string_view payload = bytes.substr(pos + kHeaderBytes, length);
    const size_t end = pos + kHeaderBytes + length;
    if (verify_checksums() && checksum64(payload) != get_at<uint64_t>(bytes, pos + 24)) {
      if (end < bytes.size())
        corrupt(path, at + " (change " + std::to_string(seq) +
                          ") fails its checksum, and more data follows it");
      torn = "a last record that fails its checksum";
      break;
    }
    if (bytes.substr(pos + 5, 3) != std::string_view("\0\0\0", 3))
      corrupt(path, at + " has an unknown type");
    if (seq <= last)
      corrupt(path, at + " has sequence number " + std::to_string(seq) + " after " +
                        std::to_string(last));
    if (seq > snapshot_seq)  // the others are already in the snapshot
      deliver(static_cast<uint8_t>(bytes[pos + 4]), payload,
              at + " (change " + std::to_string(seq) + ")", read);
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

void Journal::Impl::append(uint8_t type, std::string_view payload) {
  if (!broken.empty())
    fail(KEFU_ERR_IO, format.what + " \"" + dir + "\" cannot be written: " + broken);
  const uint64_t seq = last_seq + 1;
  // One buffer, so that the record goes out in one pwrite loop.
  std::string record = record_header(format.record_marker, type, seq, payload.size(),
                                     checksum64(payload), nonce);
  record.append(payload);

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

// ---------------------------------------------------------------- Journal

Journal::Journal(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Journal::~Journal() = default;

std::unique_ptr<Journal> Journal::open(const std::string& dir, const JournalFormat& format,
                                       const Reader& read) {
  if (format.snapshot_magic.size() != 8 || format.log_magic.size() != 8 ||
      format.record_marker.size() != 4)
    fail(KEFU_ERR_INVALID_ARGUMENT, "journal magics must be 8, 8 and 4 bytes");
  if (dir.empty()) fail(KEFU_ERR_INVALID_ARGUMENT, format.what + " directory is empty");
  auto impl = std::make_unique<Impl>();
  Impl& s = *impl;
  s.format = format;
  s.dir = dir;
  s.snapshot_path = dir + "/SNAPSHOT";
  s.log_path = dir + "/LOG";

  make_dir(dir, format.what);
  s.dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (s.dir_fd < 0) io_error("cannot open " + format.what + " directory", dir, errno);
  s.lock();
  s.remove_stale_temporaries();

  bool have_snapshot = exists(s.snapshot_path);
  bool have_log = exists(s.log_path);
  if (!have_snapshot && !have_log) {
    // A new journal. LOG first: a LOG alone is a creation cut short, and a
    // SNAPSHOT alone can only mean a lost LOG.
    int fd = -1;
    try {
      s.new_log(0, random_nonce(), &fd);
    } catch (...) {
      if (fd >= 0) ::close(fd);
      throw;
    }
    ::close(fd);
    have_log = true;
  }
  if (!have_log)
    s.corrupt(s.log_path, "the file is missing (SNAPSHOT is there, so changes would be lost)");

  s.log_fd = ::open(s.log_path.c_str(), O_RDWR | O_CLOEXEC);
  if (s.log_fd < 0) io_error("cannot open", s.log_path, errno);
  std::string log = read_fd(s.log_fd, s.log_path);

  if (!have_snapshot) {
    // Only a creation cut short leaves LOG without SNAPSHOT: LOG is then
    // empty and follows change 0.
    bool fresh = log.size() == kHeaderBytes && get_at<uint64_t>(log, 16) == 0 &&
                 log.starts_with(format.log_magic);
    if (!fresh)
      s.corrupt(s.snapshot_path, "the file is missing (LOG holds changes that depend on it)");
    write_file_atomic(s.snapshot_path, s.encode_snapshot(format.empty_snapshot, 0));
    fsync_dir(s.dir_fd, dir);
  }

  uint64_t snapshot_seq = s.read_snapshot(read_file(s.snapshot_path), read);
  s.replay_log(log, snapshot_seq, read);
  return std::unique_ptr<Journal>(new Journal(std::move(impl)));
}

void Journal::append(uint8_t type, std::string_view bytes) {
  if (type == kBatch) fail(KEFU_ERR_INVALID_ARGUMENT, "journal record type 0 is reserved");
  impl_->append(type, bytes);
}

void Journal::append_batch(const std::vector<Record>& records) {
  if (records.empty()) return;
  if (records.size() == 1) return append(records[0].type, records[0].bytes);
  size_t total = 0;
  for (const Record& r : records) {
    if (r.type == kBatch) fail(KEFU_ERR_INVALID_ARGUMENT, "journal record type 0 is reserved");
    total += 9 + r.bytes.size();
  }
  std::string payload;
  payload.reserve(total);
  for (const Record& r : records) {
    payload.push_back(static_cast<char>(r.type));
    put<uint64_t>(payload, r.bytes.size());
    payload.append(r.bytes);
  }
  impl_->append(kBatch, payload);
}

void Journal::compact(std::string_view snapshot) {
  Impl& s = *impl_;
  // The compaction takes a sequence number of its own: every record in the
  // current log is at or below it, so all of them are skipped on replay if a
  // crash leaves this log beside the new snapshot.
  const uint64_t seq = s.last_seq + 1;
  std::string bytes = s.encode_snapshot(snapshot, seq);
  write_file_atomic(s.snapshot_path, bytes);
  // From here the new snapshot may be on disk: seq is used up even if the
  // rest fails, and the current log (whose records it skips) stays valid.
  s.last_seq = seq;
  s.snapshot_size = bytes.size();
  fsync_dir(s.dir_fd, s.dir);

  const uint64_t nonce = random_nonce();
  int fd = -1;
  auto use_new_log = [&] {
    ::close(s.log_fd);
    s.log_fd = fd;
    s.nonce = nonce;
    s.log_size = kHeaderBytes;
  };
  try {
    s.new_log(seq, nonce, &fd);
  } catch (...) {
    if (fd < 0) throw;  // the old log is still LOG and still fine
    // LOG is the new file, but its rename may not be durable yet: appends to
    // it could vanish in a crash. Write nothing until a compaction succeeds.
    use_new_log();
    s.broken = "its directory could not be flushed after replacing \"" + s.log_path +
               "\"; compact or reopen it";
    throw;
  }
  use_new_log();
  s.broken.clear();
}

bool Journal::wants_compaction() const {
  return impl_->log_size > std::max<uint64_t>(uint64_t{1} << 20, impl_->snapshot_size);
}

const std::string& Journal::dir() const { return impl_->dir; }
uint64_t Journal::snapshot_bytes() const { return impl_->snapshot_size; }
uint64_t Journal::log_bytes() const { return impl_->log_size; }

}  // namespace kefu
