// The knowledge base's records over a Journal (core/journal.h, which owns
// files, checksums, torn tails and compaction). What this file decides:
//
// SNAPSHOT body: u64 entry count, then per entry: u64 length | entry JSON (the
//   object of entry_to_json, UTF-8, no spaces); then the synonyms: u64 group
//   count, per group: u64 count, per word: u64 length | bytes.
// LOG record types: 1 upserts (u64 count, per entry u64 length | entry JSON),
//   2 delete (the id's bytes), 3 synonyms (encoded as in the snapshot).
// A batch of upserts is one record, so a crash keeps all of it or none.
//
// These are the bytes kefu 0.1 wrote before the Journal was split out
// (format version 1): stores written by either read in the other.
#include "kb/store.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/journal.h"
#include "text/utf8.h"

namespace kefu::kb {

namespace {

enum RecordType : uint8_t { kUpserts = 1, kDelete = 2, kSynonyms = 3 };

const JournalFormat& format() {
  static const JournalFormat f{"knowledge base", "KEFUKBSN", "KEFUKBLG", "KBRC",
                               std::string(16, '\0')};  // no entries, no synonyms
  return f;
}

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

[[noreturn]] void corrupt(std::string_view path, const std::string& what) {
  fail(KEFU_ERR_CORRUPT, "knowledge base file \"" + std::string(path) + "\" is corrupted: " + what);
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
  // The fast reader copies bytes as they are: what it copies must be text.
  if (!text::valid_utf8(text)) corrupt(path, where + ", entry " + std::to_string(i) + " is not valid UTF-8");
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

using Entries = std::unordered_map<std::string, Entry>;

void add(Entries* entries, Entry&& e) {
  std::string id = e.id;
  (*entries)[std::move(id)] = std::move(e);
}

// Applies one replayed snapshot or log record to the state being rebuilt.
void apply(const Journal::Replayed& r, Entries* entries, SynonymGroups* synonyms) {
  const std::string path(r.path);
  Cursor c{r.bytes};
  if (r.snapshot) {
    uint64_t n = 0;
    if (r.bytes.size() >= 8) n = get_at<uint64_t>(r.bytes, 0);
    entries->reserve(std::min<uint64_t>(n, r.bytes.size() / 64));
    get_entries(c, path, r.where, [&](Entry&& e) { add(entries, std::move(e)); });
    *synonyms = get_synonyms(c, path, "snapshot synonyms");
    if (!c.done()) corrupt(path, "unexpected bytes after the synonyms");
    return;
  }
  if (r.type == kUpserts) {
    get_entries(c, path, r.where, [&](Entry&& e) { add(entries, std::move(e)); });
  } else if (r.type == kDelete) {
    entries->erase(std::string(r.bytes));
    c.pos = r.bytes.size();
  } else if (r.type == kSynonyms) {
    *synonyms = get_synonyms(c, path, r.where);
  } else {
    corrupt(path, r.where + " has an unknown type");
  }
  if (!c.done()) corrupt(path, r.where + " has unexpected bytes at its end");
}

}  // namespace

Store::Store(std::unique_ptr<Journal> journal) : journal_(std::move(journal)) {}
Store::~Store() = default;

std::unique_ptr<Store> Store::open(const std::string& dir, StoredState* state) {
  Entries entries;
  SynonymGroups synonyms;
  auto journal = Journal::open(dir, format(), [&](const Journal::Replayed& r) {
    apply(r, &entries, &synonyms);
  });
  state->entries.clear();
  state->entries.reserve(entries.size());
  for (auto& [id, e] : entries) state->entries.push_back(std::move(e));
  state->synonyms = std::move(synonyms);
  return std::unique_ptr<Store>(new Store(std::move(journal)));
}

void Store::append_upserts(const std::vector<Entry>& entries) {
  if (entries.empty()) return;
  std::string payload;
  payload.reserve(encoded_size(entries));
  put_entries(payload, entries);
  journal_->append(kUpserts, payload);
}

void Store::append_delete(const std::string& id) { journal_->append(kDelete, id); }

void Store::append_synonyms(const SynonymGroups& synonyms) {
  std::string payload;
  put_synonyms(payload, synonyms);
  journal_->append(kSynonyms, payload);
}

void Store::compact(const StoredState& state) {
  std::string body;
  body.reserve(encoded_size(state.entries));
  put_entries(body, state.entries);  // may refuse an entry: nothing written
  put_synonyms(body, state.synonyms);
  journal_->compact(body);
}

bool Store::wants_compaction() const { return journal_->wants_compaction(); }
const std::string& Store::dir() const { return journal_->dir(); }
uint64_t Store::snapshot_bytes() const { return journal_->snapshot_bytes(); }
uint64_t Store::log_bytes() const { return journal_->log_bytes(); }

}  // namespace kefu::kb
