/*
 * kefu.hpp — a header-only C++17 wrapper over the C ABI in kefu.h.
 *
 * It adds only what C++ users would otherwise write by hand: handles that free
 * themselves (move-only RAII), returned buffers copied into std::string and
 * released at once, and failures thrown as kefu::Error carrying the status and
 * the library's message. Everything it calls is the stable C ABI, so code using
 * this header keeps working with any later libkefu of the same major version.
 * Thread-safety is exactly that of the C functions (see kefu.h).
 */
#ifndef KEFU_KEFU_HPP
#define KEFU_KEFU_HPP

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kefu/kefu.h"

namespace kefu {

/* A failed call: status() is the kefu_status, what() the library's message. */
class Error : public std::runtime_error {
 public:
  Error(kefu_status status, const std::string& message)
      : std::runtime_error(std::string(kefu_status_name(status)) + ": " + message),
        status_(status) {}
  kefu_status status() const noexcept { return status_; }

 private:
  kefu_status status_;
};

namespace detail {

inline void check(kefu_status status) {
  if (status != KEFU_OK) throw Error(status, kefu_last_error());
}

/* Calls fn(&buffer), then copies and frees the library-owned buffer. */
template <class Fn>
std::string take_string(Fn&& fn) {
  char* out = nullptr;
  check(fn(&out));
  std::string result(out);
  kefu_string_free(out);
  return result;
}

template <class Fn>
std::string take_bytes(Fn&& fn) {
  char* out = nullptr;
  size_t len = 0;
  check(fn(&out, &len));
  std::string result(out, len);
  kefu_string_free(out);
  return result;
}

/* Options are NUL-terminated JSON; an empty string means defaults. */
inline const char* opt(const std::string& options) {
  return options.empty() ? nullptr : options.c_str();
}

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept { Free(p); }
};

template <class T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;

}  // namespace detail

inline std::string version() { return kefu_version(); }

inline std::string normalize(std::string_view text, const std::string& options = {}) {
  return detail::take_string([&](char** out) {
    return kefu_normalize(text.data(), text.size(), detail::opt(options), out);
  });
}

inline std::string entities(std::string_view text, const std::string& options = {}) {
  return detail::take_string([&](char** out) {
    return kefu_entities(text.data(), text.size(), detail::opt(options), out);
  });
}

inline std::string mask_pii(std::string_view text, const std::string& options = {}) {
  return detail::take_string([&](char** out) {
    return kefu_mask_pii(text.data(), text.size(), detail::opt(options), out);
  });
}

class Segmenter {
 public:
  explicit Segmenter(const std::string& options = {}) {
    kefu_segmenter* s = nullptr;
    detail::check(kefu_segmenter_new(detail::opt(options), &s));
    handle_.reset(s);
  }
  std::string segment(std::string_view text) const {
    return detail::take_string([&](char** out) {
      return kefu_segment(handle_.get(), text.data(), text.size(), out);
    });
  }
  kefu_segmenter* handle() const noexcept { return handle_.get(); }

 private:
  detail::Owned<kefu_segmenter, kefu_segmenter_free> handle_;
};

/* A SentencePiece subword model. */
class SubwordModel {
 public:
  static SubwordModel train(std::string_view sentences, const std::string& options = {}) {
    kefu_subword* m = nullptr;
    detail::check(kefu_subword_train(sentences.data(), sentences.size(), detail::opt(options), &m));
    return SubwordModel(m);
  }
  static SubwordModel load(std::string_view bytes) {
    kefu_subword* m = nullptr;
    detail::check(kefu_subword_load(bytes.data(), bytes.size(), &m));
    return SubwordModel(m);
  }
  std::string bytes() const {
    return detail::take_bytes([&](char** out, size_t* len) { return kefu_subword_bytes(handle(), out, len); });
  }
  std::string encode(std::string_view text) const {
    return detail::take_string([&](char** out) {
      return kefu_subword_encode(handle(), text.data(), text.size(), out);
    });
  }
  kefu_subword* handle() const noexcept { return handle_.get(); }

 private:
  explicit SubwordModel(kefu_subword* m) noexcept : handle_(m) {}
  detail::Owned<kefu_subword, kefu_subword_free> handle_;
};

/* Read-only access to a knowledge base: the engine's own, or a KnowledgeBase. */
class KnowledgeBaseView {
 public:
  explicit KnowledgeBaseView(const kefu_kb* kb) noexcept : kb_(kb) {}
  std::string search(std::string_view query, const std::string& options = {}) const {
    return detail::take_string([&](char** out) {
      return kefu_kb_search(kb_, query.data(), query.size(), detail::opt(options), out);
    });
  }
  std::string get(const std::string& id) const {
    return detail::take_string([&](char** out) { return kefu_kb_get(kb_, id.c_str(), out); });
  }
  std::string export_jsonl() const {
    return detail::take_bytes([&](char** out, size_t* len) { return kefu_kb_export(kb_, out, len); });
  }
  std::string stats() const {
    return detail::take_string([&](char** out) { return kefu_kb_stats(kb_, out); });
  }

 protected:
  const kefu_kb* kb_;
};

/* A knowledge base of its own: in memory (dir empty) or durable in a directory. */
class KnowledgeBase : public KnowledgeBaseView {
 public:
  explicit KnowledgeBase(const std::string& dir = {}, const std::string& options = {})
      : KnowledgeBaseView(nullptr) {
    kefu_kb* kb = nullptr;
    detail::check(kefu_kb_open(dir.empty() ? nullptr : dir.c_str(), detail::opt(options), &kb));
    handle_.reset(kb);
    kb_ = kb;
  }
  KnowledgeBase(KnowledgeBase&& other) noexcept
      : KnowledgeBaseView(other.kb_), handle_(std::move(other.handle_)) {
    other.kb_ = nullptr;
  }
  KnowledgeBase& operator=(KnowledgeBase&& other) noexcept {
    handle_ = std::move(other.handle_);
    kb_ = std::exchange(other.kb_, nullptr);
    return *this;
  }
  void upsert(std::string_view entry_json) {
    detail::check(kefu_kb_upsert(handle_.get(), entry_json.data(), entry_json.size()));
  }
  void remove(const std::string& id) { detail::check(kefu_kb_delete(handle_.get(), id.c_str())); }
  /* Returns the import report; throws on a bad line unless options say "skip". */
  std::string import_jsonl(std::string_view jsonl, const std::string& options = {}) {
    return detail::take_string([&](char** out) {
      return kefu_kb_import(handle_.get(), jsonl.data(), jsonl.size(), detail::opt(options), out);
    });
  }
  void set_synonyms(std::string_view synonyms_json) {
    detail::check(kefu_kb_set_synonyms(handle_.get(), synonyms_json.data(), synonyms_json.size()));
  }
  void compact() { detail::check(kefu_kb_compact(handle_.get())); }
  kefu_kb* handle() const noexcept { return handle_.get(); }

 private:
  detail::Owned<kefu_kb, kefu_kb_close> handle_;
};

struct IntentScore {
  std::string intent;
  float probability;
};

struct Classification {
  std::vector<IntentScore> intents;  // best first
  bool out_of_scope;
};

/* A trained bot: immutable, shared freely between threads. */
class Engine {
 public:
  static Engine train(std::string_view bot_json, const std::string& options = {}) {
    kefu_engine* e = nullptr;
    detail::check(kefu_engine_train(bot_json.data(), bot_json.size(), detail::opt(options), &e));
    return Engine(e);
  }
  /* dev_jsonl may be empty: a held-out slice of the training data calibrates. */
  static Engine train_jsonl(std::string_view train_jsonl, std::string_view dev_jsonl = {},
                            const std::string& options = {}) {
    kefu_engine* e = nullptr;
    detail::check(kefu_engine_train_jsonl(train_jsonl.data(), train_jsonl.size(),
                                          dev_jsonl.empty() ? nullptr : dev_jsonl.data(),
                                          dev_jsonl.size(), detail::opt(options), &e));
    return Engine(e);
  }
  static Engine open(const std::string& path) {
    kefu_engine* e = nullptr;
    detail::check(kefu_engine_open(path.c_str(), nullptr, &e));
    return Engine(e);
  }
  static Engine open_memory(std::string_view bytes) {
    kefu_engine* e = nullptr;
    detail::check(kefu_engine_open_memory(bytes.data(), bytes.size(), nullptr, &e));
    return Engine(e);
  }

  void save(const std::string& path) const { detail::check(kefu_engine_save(handle(), path.c_str())); }
  std::string serialize() const {
    return detail::take_bytes([&](char** out, size_t* len) { return kefu_engine_serialize(handle(), out, len); });
  }
  std::string info() const {
    return detail::take_string([&](char** out) { return kefu_engine_info(handle(), out); });
  }
  std::string parse(std::string_view text, const std::string& options = {}) const {
    return detail::take_string([&](char** out) {
      return kefu_parse(handle(), text.data(), text.size(), detail::opt(options), out);
    });
  }
  Classification classify(std::string_view text, size_t top_k = 5) const {
    std::vector<kefu_intent_score> scores(top_k);
    size_t count = 0;
    int oos = 0;
    detail::check(kefu_classify(handle(), text.data(), text.size(), scores.data(), scores.size(),
                                &count, &oos));
    Classification result{{}, oos != 0};
    for (size_t i = 0; i < count; ++i) result.intents.push_back({scores[i].intent, scores[i].probability});
    return result;
  }
  KnowledgeBaseView kb() const noexcept { return KnowledgeBaseView(kefu_engine_kb(handle())); }
  kefu_engine* handle() const noexcept { return handle_.get(); }

 private:
  explicit Engine(kefu_engine* e) noexcept : handle_(e) {}
  detail::Owned<kefu_engine, kefu_engine_close> handle_;
};

/* One conversation; used by one thread at a time. The engine must outlive it. */
class Session {
 public:
  explicit Session(const Engine& engine, std::string_view state_json = {}) {
    kefu_session* s = nullptr;
    detail::check(kefu_session_new(engine.handle(), state_json.empty() ? nullptr : state_json.data(),
                                   state_json.size(), &s));
    handle_.reset(s);
  }
  /* The bot's move as JSON (see kefu_session_turn). */
  std::string turn(std::string_view text, const std::string& context = {}) {
    return detail::take_string([&](char** out) {
      return kefu_session_turn(handle_.get(), text.data(), text.size(), detail::opt(context), out);
    });
  }
  std::string save() const {
    return detail::take_string([&](char** out) { return kefu_session_save(handle_.get(), out); });
  }
  kefu_session* handle() const noexcept { return handle_.get(); }

 private:
  detail::Owned<kefu_session, kefu_session_free> handle_;
};

class SentimentModel {
 public:
  /* Default lexicons, optionally extended (or replaced, per options) by lexicon_tsv. */
  explicit SentimentModel(std::string_view lexicon_tsv = {}, const std::string& options = {}) {
    kefu_sentiment_model* m = nullptr;
    detail::check(kefu_sentiment_model_new(lexicon_tsv.empty() ? nullptr : lexicon_tsv.data(),
                                           lexicon_tsv.size(), detail::opt(options), &m));
    handle_.reset(m);
  }
  std::string score(std::string_view text, const std::string& options = {}) const {
    return detail::take_string([&](char** out) {
      return kefu_sentiment(handle(), text.data(), text.size(), detail::opt(options), out);
    });
  }
  /* state_json: empty for the first message, else the previous result's "state". */
  std::string track(std::string_view state_json, std::string_view text,
                    const std::string& options = {}) const {
    return detail::take_string([&](char** out) {
      return kefu_sentiment_track(handle(), state_json.empty() ? nullptr : state_json.data(),
                                  state_json.size(), text.data(), text.size(),
                                  detail::opt(options), out);
    });
  }
  kefu_sentiment_score fast(std::string_view text) const {
    kefu_sentiment_score s{};
    s.struct_size = sizeof s;
    detail::check(kefu_sentiment_fast(handle(), text.data(), text.size(), &s));
    return s;
  }
  kefu_sentiment_model* handle() const noexcept { return handle_.get(); }

 private:
  detail::Owned<kefu_sentiment_model, kefu_sentiment_model_free> handle_;
};

/* Customer profiles: in memory (dir empty) or durable in a directory. */
class Profiles {
 public:
  explicit Profiles(const std::string& dir = {}, const std::string& options = {}) {
    kefu_profiles* p = nullptr;
    detail::check(kefu_profiles_open(dir.empty() ? nullptr : dir.c_str(), detail::opt(options), &p));
    handle_.reset(p);
  }
  std::string record(std::string_view event_json) {
    return detail::take_string([&](char** out) {
      return kefu_profiles_record(handle(), event_json.data(), event_json.size(), out);
    });
  }
  std::string link(const std::string& a, const std::string& b) {
    return detail::take_string([&](char** out) {
      return kefu_profiles_link(handle(), a.c_str(), b.c_str(), out);
    });
  }
  std::string get(const std::string& identifier, const std::string& options = {}) const {
    return detail::take_string([&](char** out) {
      return kefu_profiles_get(handle(), identifier.c_str(), detail::opt(options), out);
    });
  }
  std::string record_turn(const std::string& customer_json, std::string_view turn_json,
                          const std::string& context = {}) {
    return detail::take_string([&](char** out) {
      return kefu_profiles_record_turn(handle(), customer_json.c_str(), turn_json.data(),
                                       turn_json.size(), detail::opt(context), out);
    });
  }
  /* identifier may be empty: route on the turn alone. */
  std::string route(const std::string& identifier, std::string_view turn_json) const {
    return detail::take_string([&](char** out) {
      return kefu_profiles_route(handle(), identifier.empty() ? nullptr : identifier.c_str(),
                                 turn_json.data(), turn_json.size(), out);
    });
  }
  std::string with_tag(const std::string& tag, size_t limit = 100) const {
    return detail::take_string([&](char** out) {
      return kefu_profiles_with_tag(handle(), tag.c_str(), limit, out);
    });
  }
  kefu_profiles* handle() const noexcept { return handle_.get(); }

 private:
  detail::Owned<kefu_profiles, kefu_profiles_close> handle_;
};

}  // namespace kefu

#endif /* KEFU_KEFU_HPP */
