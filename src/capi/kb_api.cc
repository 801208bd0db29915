// C entry points of the knowledge base.
#include "capi/boundary.h"
#include "capi/json_util.h"
#include "capi/json_writer.h"
#include "core/lines.h"
#include "core/options.h"
#include "kb/knowledge_base.h"
#include "kb/synonyms_json.h"
#include "text/utf8.h"

struct kefu_kb {
  std::shared_ptr<kefu::kb::KnowledgeBase> kb;
  bool read_only = false;  // the engine's own knowledge base
};

using nlohmann::json;
using namespace kefu;

namespace {

kb::KnowledgeBase& writable(kefu_kb* kb) {
  capi::require(kb, "kb");
  if (kb->read_only)
    fail(KEFU_ERR_INVALID_ARGUMENT, "the engine's knowledge base is read-only; change the bot definition");
  return *kb->kb;
}

json parse_json(std::string_view text, const std::string& what) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) fail(KEFU_ERR_INVALID_DATA, what + ": malformed JSON");
  return j;
}

std::string checked_id(const char* id) {
  capi::require(id, "id");
  std::string s(id);
  text::decode_utf8(s, 64 * 1024);
  return s;
}

void write_strings(capi::JsonWriter& w, const std::vector<std::string>& v) {
  w.begin_array();
  for (const auto& s : v) w.string(s);
  w.end_array();
}

}  // namespace

namespace kefu::capi {
// Wraps the knowledge base an engine owns (see engine_api.cc).
kefu_kb* borrowed_kb(std::shared_ptr<kb::KnowledgeBase> kb) {
  return new kefu_kb{std::move(kb), true};
}
void free_borrowed_kb(kefu_kb* kb) { delete kb; }
}  // namespace kefu::capi

extern "C" {

KEFU_API kefu_status kefu_kb_open(const char* dir, const char* options_json, kefu_kb** out) {
  if (out) *out = nullptr;
  return capi::guarded([&] {
    capi::require(out, "out");
    Options o(options_json, {"max_entry_bytes", "max_questions", "max_entries", "synonyms"},
              "knowledge base options");
    kb::EntryLimits limits;
    limits.max_entry_bytes = static_cast<size_t>(
        o.get_int("max_entry_bytes", static_cast<int64_t>(limits.max_entry_bytes), 1, int64_t{1} << 30));
    limits.max_questions = static_cast<size_t>(
        o.get_int("max_questions", static_cast<int64_t>(limits.max_questions), 1, 1 << 20));
    limits.max_entries = static_cast<size_t>(
        o.get_int("max_entries", static_cast<int64_t>(limits.max_entries), 1, int64_t{1} << 32));
    std::optional<kb::SynonymGroups> synonyms;
    if (o.has("synonyms")) {
      try {
        synonyms = kb::synonyms_from_json(o.get("synonyms"), "knowledge base options: synonyms");
        kb::Synonyms check(*synonyms);  // conflicts, empty phrases
      } catch (const Error& e) {
        fail(KEFU_ERR_INVALID_OPTIONS, e.what());
      }
    }
    auto handle = std::make_unique<kefu_kb>();
    handle->kb = std::make_shared<kb::KnowledgeBase>(dir ? std::string(dir) : std::string(), limits, synonyms);
    *out = handle.release();
  });
}

KEFU_API void kefu_kb_close(kefu_kb* kb) {
  if (kb && !kb->read_only) delete kb;
}

KEFU_API kefu_status kefu_kb_upsert(kefu_kb* kb, const char* entry_json, size_t len) {
  return capi::guarded([&] {
    kb::KnowledgeBase& base = writable(kb);
    json j = parse_json(text::checked_view(entry_json, len), "entry");
    std::vector<kb::Entry> one;
    one.push_back(kb::entry_from_json(j, base.limits(), "entry"));
    base.upsert(std::move(one));
  });
}

KEFU_API kefu_status kefu_kb_delete(kefu_kb* kb, const char* id) {
  return capi::guarded([&] { writable(kb).remove(checked_id(id)); });
}

KEFU_API kefu_status kefu_kb_get(const kefu_kb* kb, const char* id, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(kb, "kb");
    capi::require(out_json, "out_json");
    std::string key = checked_id(id);
    auto e = kb->kb->get(key);
    if (!e) fail(KEFU_ERR_NOT_FOUND, "no entry with id \"" + key + "\"");
    *out_json = capi::to_c_string(kb::entry_to_json(*e).dump());
  });
}

KEFU_API kefu_status kefu_kb_search(const kefu_kb* kb, const char* query, size_t len,
                                    const char* options_json, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(kb, "kb");
    capi::require(out_json, "out_json");
    Options o(options_json, {"top_k", "category", "tags", "max_text_bytes"}, "search options");
    kb::SearchOptions so;
    so.top_k = static_cast<size_t>(o.get_int("top_k", 5, 1, 1000));
    so.category = o.get_string("category", "");
    if (o.has("tags")) {
      const json& t = o.get("tags");
      bool ok = t.is_array();
      for (const auto& v : t) ok = ok && v.is_string();
      if (!ok) fail(KEFU_ERR_INVALID_OPTIONS, "search options: \"tags\" must be an array of strings");
      so.tags = t.get<std::vector<std::string>>();
    }
    so.max_text_bytes = capi::max_text_bytes(o);
    std::string_view q = text::checked_view(query, len);
    kb::SearchResult r = kb->kb->search(q, so);
    capi::JsonWriter w;
    w.begin_object().key("query").string(q).key("answered").boolean(r.answered).key("results").begin_array();
    for (const kb::Hit& h : r.hits) {
      w.begin_object();
      w.key("id").string(h.id).key("question").string(h.question);
      w.key("matched_question").string(h.matched_question).key("answer").string(h.answer);
      w.key("category").string(h.category).key("tags");
      write_strings(w, h.tags);
      w.key("score").number(h.score).key("confidence").number(h.confidence);
      w.end_object();
    }
    w.end_array().end_object();
    *out_json = capi::to_c_string(w.str());
  });
}

KEFU_API kefu_status kefu_kb_import(kefu_kb* kb, const char* jsonl, size_t len,
                                    const char* options_json, char** out_report) {
  if (out_report) *out_report = nullptr;
  return capi::guarded([&] {
    kb::KnowledgeBase& base = writable(kb);
    Options o(options_json, {"on_error"}, "import options");
    std::string on_error = o.get_string("on_error", "abort");
    if (on_error != "abort" && on_error != "skip")
      fail(KEFU_ERR_INVALID_OPTIONS, "import options: \"on_error\" must be \"abort\" or \"skip\"");
    std::string_view text = text::checked_view(jsonl, len);
    std::vector<kb::Entry> entries;
    std::unordered_map<std::string, size_t> first_line;
    json errors = json::array();
    for_each_line(text, [&](std::string_view line, size_t line_no) {
      if (line.find_first_not_of(" \t") == std::string_view::npos) return;
      std::string where = "line " + std::to_string(line_no);
      try {
        json j = parse_json(line, where);
        kb::Entry e = kb::entry_from_json(j, base.limits(), where);
        auto [it, added] = first_line.emplace(e.id, line_no);
        if (!added)
          fail(KEFU_ERR_INVALID_DATA, where + ": duplicate id \"" + e.id + "\" (first on line " +
                                          std::to_string(it->second) + ")");
        entries.push_back(std::move(e));
      } catch (const Error& e) {
        errors.push_back({{"line", line_no}, {"message", e.what()}});
      }
    });
    bool abort = on_error == "abort" && !errors.empty();
    if (!abort) base.upsert(std::move(entries));
    if (out_report)
      *out_report = capi::to_c_string(
          json{{"imported", abort ? 0 : first_line.size()}, {"errors", errors}}.dump());
    if (abort)
      fail(KEFU_ERR_INVALID_DATA, "nothing imported: " + errors[0]["message"].get<std::string>() +
                                      (errors.size() > 1 ? " (and " + std::to_string(errors.size() - 1) +
                                                               " more bad lines)"
                                                         : ""));
  });
}

KEFU_API kefu_status kefu_kb_export(const kefu_kb* kb, char** out_jsonl, size_t* out_len) {
  if (out_jsonl) *out_jsonl = nullptr;
  if (out_len) *out_len = 0;
  return capi::guarded([&] {
    capi::require(kb, "kb");
    capi::require(out_jsonl, "out_jsonl");
    std::string out;
    for (const kb::Entry& e : kb->kb->all()) {
      out += kb::entry_to_json(e).dump();
      out += '\n';
    }
    *out_jsonl = capi::to_c_string(out);
    if (out_len) *out_len = out.size();
  });
}

KEFU_API kefu_status kefu_kb_set_synonyms(kefu_kb* kb, const char* synonyms_json, size_t len) {
  return capi::guarded([&] {
    kb::KnowledgeBase& base = writable(kb);
    json j = parse_json(text::checked_view(synonyms_json, len), "synonyms");
    base.set_synonyms(kb::synonyms_from_json(j, "synonyms"));
  });
}

KEFU_API kefu_status kefu_kb_compact(kefu_kb* kb) {
  return capi::guarded([&] { writable(kb).compact(); });
}

KEFU_API kefu_status kefu_kb_stats(const kefu_kb* kb, char** out_json) {
  if (out_json) *out_json = nullptr;
  return capi::guarded([&] {
    capi::require(kb, "kb");
    capi::require(out_json, "out_json");
    kb::KbStats s = kb->kb->stats();
    json j = {{"entries", s.entries}, {"enabled", s.enabled}, {"questions", s.questions},
              {"synonym_groups", s.synonym_groups}, {"threshold", s.threshold}, {"store", nullptr}};
    if (s.stored)
      j["store"] = {{"dir", s.dir}, {"snapshot_bytes", s.snapshot_bytes}, {"log_bytes", s.log_bytes}};
    *out_json = capi::to_c_string(j.dump());
  });
}

}  // extern "C"
