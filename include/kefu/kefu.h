/*
 * kefu — the brain of an intelligent customer-service agent.
 *
 * This header is kefu's only stable contract. Conventions that hold for every
 * function declared here:
 *
 *  - Status: every call that can fail returns a kefu_status (KEFU_OK == 0).
 *    On failure kefu_last_error() returns a human-readable message saying what
 *    was wrong and where. The message is thread-local: it describes the last
 *    failed call made on the calling thread, and stays valid until the next
 *    kefu call on that thread. No C++ exception ever leaves the library.
 *  - Handles are opaque. Every *_new / *_open has a matching *_free / *_close,
 *    and every free accepts NULL.
 *  - Text in is UTF-8 given as (pointer, length in bytes); it need not be
 *    NUL-terminated. Invalid UTF-8 is an error (KEFU_ERR_INVALID_UTF8) whose
 *    message names the byte offset. Empty text is valid. Text longer than the
 *    limit (default 64 KiB, option "max_text_bytes") is KEFU_ERR_TOO_LARGE.
 *    So are inputs past kefu's fixed limits: a bot definition over 16 MiB,
 *    training data over 1 GiB, a session state or turn result over 16 MiB, a
 *    profile event over 64 KiB, a lexicon over 64 MiB, options over 16 MiB.
 *  - Options are JSON objects given as NUL-terminated strings; NULL or "" means
 *    defaults. Malformed JSON, an unknown key or a value of the wrong type is
 *    KEFU_ERR_INVALID_OPTIONS and the message names the key.
 *  - Rich results are JSON strings written to *out_json. They are owned by the
 *    caller and must be released with kefu_string_free(). On failure *out_json
 *    is set to NULL.
 *  - Offsets in results are Unicode code-point offsets ("start", "end") and
 *    byte offsets ("byte_start", "byte_end") into the caller's original text,
 *    end exclusive.
 *  - Thread safety is stated on every function. "Thread-safe" means the call
 *    may run concurrently with any other call on the same arguments.
 *
 * Versioning: KEFU_VERSION_* give the version this header belongs to;
 * kefu_version() gives the version of the library actually loaded. Within one
 * major version functions are only ever added, never changed; a changed
 * signature gets a new name (foo_v2).
 */
#ifndef KEFU_KEFU_H
#define KEFU_KEFU_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KEFU_VERSION_MAJOR 0
#define KEFU_VERSION_MINOR 1
#define KEFU_VERSION_PATCH 0

#if defined(_WIN32)
#define KEFU_API __declspec(dllexport)
#else
#define KEFU_API __attribute__((visibility("default")))
#endif

/* Status codes. New codes may be added; treat unknown non-zero as failure. */
typedef enum kefu_status {
  KEFU_OK = 0,
  KEFU_ERR_INVALID_ARGUMENT = 1, /* NULL pointer or out-of-range argument */
  KEFU_ERR_INVALID_UTF8 = 2,     /* text is not valid UTF-8 */
  KEFU_ERR_TOO_LARGE = 3,        /* text or input above its configured limit */
  KEFU_ERR_INVALID_OPTIONS = 4,  /* options JSON malformed, unknown key, bad value */
  KEFU_ERR_INVALID_DATA = 5,     /* input data (training data, definitions) invalid */
  KEFU_ERR_IO = 6,               /* file could not be read or written */
  KEFU_ERR_CORRUPT = 7,          /* stored data is truncated or corrupted */
  KEFU_ERR_UNSUPPORTED = 8,      /* e.g. a file written by a newer format version */
  KEFU_ERR_NOT_FOUND = 9,        /* named item does not exist */
  KEFU_ERR_OUT_OF_MEMORY = 10,
  KEFU_ERR_INTERNAL = 11,        /* a bug in kefu; please report it */
  KEFU_ERR_BUSY = 12,            /* e.g. a store already opened by another process */
  KEFU_ERR_STATE = 13            /* not possible in the object's state (a turn on a closed session) */
} kefu_status;

/* ---------------------------------------------------------------- basics */

/* Version of the loaded library as "MAJOR.MINOR.PATCH". Static storage; never
 * free it. Thread-safe. */
KEFU_API const char* kefu_version(void);

/* Packs the loaded library's version as MAJOR*10000 + MINOR*100 + PATCH.
 * Thread-safe. */
KEFU_API uint32_t kefu_version_number(void);

/* Message describing the last failed call on this thread, or "" if the last
 * call succeeded. Owned by the library; valid until the next kefu call on this
 * thread. Never NULL. Thread-safe (thread-local). */
KEFU_API const char* kefu_last_error(void);

/* Short constant name of a status code, e.g. "KEFU_ERR_INVALID_UTF8".
 * Static storage. Thread-safe. */
KEFU_API const char* kefu_status_name(kefu_status status);

/* Releases a string or buffer returned by any kefu function. NULL is a no-op.
 * Thread-safe. */
KEFU_API void kefu_string_free(char* s);

/* ---------------------------------------------------------- text pipeline */

/* Normalizes text for matching: control and format characters dropped, NFKC,
 * full-width → half-width, case folding, Traditional → Simplified Chinese,
 * whitespace runs collapsed to one space and trimmed.
 *
 * options_json keys (all optional): "nfkc", "width", "case_fold",
 * "traditional_to_simplified", "collapse_whitespace", "drop_control" (booleans,
 * default true), "max_text_bytes" (integer, default 65536).
 *
 * *out_json receives {"text": "...", "spans": [[s, e, bs, be], ...]} where the
 * i-th span gives, for the i-th code point of the normalized text, the
 * code-point range [s, e) and byte range [bs, be) of the original text it came
 * from. Thread-safe. */
KEFU_API kefu_status kefu_normalize(const char* text, size_t len,
                                    const char* options_json, char** out_json);

/* A word segmenter: ICU dictionary word break for Chinese, word boundaries for
 * space-delimited scripts, and a user dictionary whose words always win.
 * Immutable once created. */
typedef struct kefu_segmenter kefu_segmenter;

/* Creates a segmenter. options_json keys (all optional):
 *   "user_words": ["手机壳", "iPhone 15 Pro", ...]  words kept whole (matched
 *                 after normalization, longest match first);
 *   "normalize": {normalization options as for kefu_normalize} or false to
 *                 segment the raw text;
 *   "keep_punctuation": boolean, default false;
 *   "max_text_bytes": integer, default 65536.
 * *out is NULL on failure. Thread-safe. */
KEFU_API kefu_status kefu_segmenter_new(const char* options_json,
                                        kefu_segmenter** out);

/* Frees a segmenter. NULL is a no-op. Not to be called while another thread
 * uses the same segmenter. */
KEFU_API void kefu_segmenter_free(kefu_segmenter* segmenter);

/* Segments text into tokens. *out_json receives
 * {"tokens": [{"text", "norm", "type", "start", "end", "byte_start",
 * "byte_end"}, ...]} where "text" is the original slice, "norm" the normalized
 * token, "type" one of "word", "number", "cjk", "user", "punct".
 * Thread-safe: one segmenter may be used by many threads at once. */
KEFU_API kefu_status kefu_segment(const kefu_segmenter* segmenter,
                                  const char* text, size_t len,
                                  char** out_json);

/* ------------------------------------------------------- subword models */

/* A SentencePiece subword model held in memory. Immutable once created. */
typedef struct kefu_subword kefu_subword;

/* Trains a unigram SentencePiece model from sentences, one per line of
 * `sentences` (UTF-8, len bytes; empty lines ignored). options_json keys (all
 * optional): "vocab_size" (default 8000; lowered automatically when the data
 * is too small to support it), "character_coverage" (default 0.9995),
 * "model_type" ("unigram" | "bpe" | "char" | "word", default "unigram"),
 * "max_input_bytes" (default 64 MiB). Training is single-threaded and
 * deterministic: the same sentences and options give the same model.
 * Thread-safe. */
KEFU_API kefu_status kefu_subword_train(const char* sentences, size_t len,
                                        const char* options_json,
                                        kefu_subword** out);

/* Loads a model from the bytes of a serialized SentencePiece model.
 * Thread-safe. */
KEFU_API kefu_status kefu_subword_load(const void* model, size_t len,
                                       kefu_subword** out);

/* Frees a model. NULL is a no-op. */
KEFU_API void kefu_subword_free(kefu_subword* model);

/* Copies the serialized model into a new buffer (*out_bytes, *out_len);
 * release it with kefu_string_free. Thread-safe. */
KEFU_API kefu_status kefu_subword_bytes(const kefu_subword* model,
                                        char** out_bytes, size_t* out_len);

/* Encodes text into pieces: {"pieces": [{"piece", "id", "start", "end",
 * "byte_start", "byte_end"}, ...], "vocab_size": n}. Offsets refer to the
 * original text. Thread-safe. */
KEFU_API kefu_status kefu_subword_encode(const kefu_subword* model,
                                         const char* text, size_t len,
                                         char** out_json);

/* ---------------------------------------------------------------- engine */

/* A trained engine: everything learned from one bot definition (or intent
 * data) — text settings, intent classifier, and what later stages add.
 * Immutable once created: one engine may be used by any number of threads at
 * once with no locking. */
typedef struct kefu_engine kefu_engine;

/* Training options (options_json, all optional): "epochs" (20),
 * "learning_rate" (0.5), "min_count" (1: keep features seen in at least this
 * many examples), "seed" (1; same data + seed = same model), "holdout" (0.1:
 * fraction held out to calibrate when no dev set is given), "threshold"
 * (overrides the calibrated out-of-scope threshold, 0..1), "ambiguity_margin"
 * (0.1), "char_ngrams" ([3, 5]), "bigrams" (true), "cjk_trigrams" (true).
 * Warnings about the data (duplicates, conflicting labels, unknown fields)
 * are listed under "warnings" by kefu_engine_info. */

/* Trains an engine from a bot definition (JSON; see README "Bot
 * definition"). Every problem in the definition is reported at once, each with
 * its JSON path, as KEFU_ERR_INVALID_DATA. Thread-safe. */
KEFU_API kefu_status kefu_engine_train(const char* bot_json, size_t len,
                                       const char* options_json,
                                       kefu_engine** out);

/* Trains an engine's intent classifier from JSONL lines of
 * {"text": "...", "intent": "..."}; "oos" marks out-of-scope examples. When
 * dev_jsonl is not NULL it calibrates probabilities and the out-of-scope
 * threshold; otherwise a held-out slice of the training data does. Errors name
 * the line. Thread-safe. */
KEFU_API kefu_status kefu_engine_train_jsonl(const char* train_jsonl, size_t train_len,
                                             const char* dev_jsonl, size_t dev_len,
                                             const char* options_json,
                                             kefu_engine** out);

/* Loads an engine from a model file. A truncated, corrupted or foreign file is
 * KEFU_ERR_CORRUPT; one written by a newer format is KEFU_ERR_UNSUPPORTED.
 * options_json: reserved, pass NULL. Thread-safe. */
KEFU_API kefu_status kefu_engine_open(const char* path, const char* options_json,
                                      kefu_engine** out);

/* Loads an engine from the bytes of a model file held in memory. */
KEFU_API kefu_status kefu_engine_open_memory(const void* data, size_t len,
                                             const char* options_json,
                                             kefu_engine** out);

/* Writes the engine to a model file, atomically (a temporary file renamed
 * into place). Thread-safe. */
KEFU_API kefu_status kefu_engine_save(const kefu_engine* engine, const char* path);

/* Serializes the engine into a new buffer holding the model file's bytes;
 * release it with kefu_string_free. Thread-safe. */
KEFU_API kefu_status kefu_engine_serialize(const kefu_engine* engine, char** out_bytes,
                                           size_t* out_len);

/* Frees an engine. NULL is a no-op. No other thread may still use it. */
KEFU_API void kefu_engine_close(kefu_engine* engine);

/* Describes the engine: {"name", "language", "intents": [...],
 * "out_of_scope_class" (true when trained with out-of-scope examples),
 * "out_of_scope_threshold", "temperature", "features", "warnings": [...]}.
 * Thread-safe. */
KEFU_API kefu_status kefu_engine_info(const kefu_engine* engine, char** out_json);

/* Understands one message. options_json keys (optional): "top_k" (default 5),
 * "reference_time" / "utc_offset_minutes" (as for kefu_entities; relative
 * dates resolve against it), "mask_pii" (default false: when true, phone
 * numbers, ID cards, bank cards and e-mail are masked in every "text" and
 * "value" of the result; offsets still refer to the original text).
 * *out_json receives
 *   {"text": "...", "intent": {"name": "...", "confidence": 0.93} | null,
 *    "out_of_scope": false, "ambiguous": false,
 *    "intents": [{"name": "...", "confidence": ...}, ...],
 *    "slots": [{"slot", "text", "value", "start", "end", "byte_start",
 *               "byte_end", "confidence", "source": "tagger"}],
 *    "entities": [{"entity", "slot" | null, "text", "value", "start", "end",
 *                  "byte_start", "byte_end", "confidence",
 *                  "source": "builtin" | "gazetteer" | "pattern"}],
 *    "sentiment": {"score", "label", "confidence", "emotions": {...},
 *                  "escalation"}}   (as kefu_sentiment, without cues)
 * "intent" is null when the message is out of scope (or empty). Intent
 * confidences are calibrated probabilities; slot confidences are ranking
 * scores. An entity's "slot" names the slot of the predicted intent that
 * takes that entity. A built-in inside a match of the bot's own entities
 * (gazetteer, pattern) is left out; other matches may overlap. Later
 * versions add fields; never rely on their absence. Thread-safe. */
KEFU_API kefu_status kefu_parse(const kefu_engine* engine, const char* text, size_t len,
                                const char* options_json, char** out_json);

/* One intent and its calibrated probability. `intent` points into the engine
 * and stays valid while the engine is open. */
typedef struct kefu_intent_score {
  const char* intent;
  float probability;
} kefu_intent_score;

/* Hot-path classification without JSON: writes up to `capacity` best intents
 * (best first; may include "oos" when the model has that class) to `out`, their
 * number to *out_count, and to *out_of_scope 1 when the message should be
 * rejected, else 0. Thread-safe. */
KEFU_API kefu_status kefu_classify(const kefu_engine* engine, const char* text, size_t len,
                                   kefu_intent_score* out, size_t capacity,
                                   size_t* out_count, int* out_of_scope);

/* ------------------------------------------------------------- entities */

/* Finds built-in entities in text, without an engine: phone numbers, e-mail,
 * URLs, PRC ID cards (checksum-validated), bank cards (Luhn), express tracking
 * numbers, numbers (incl. Chinese numerals), ordinals, percentages,
 * quantities, money, dates, times, durations and date ranges, each resolved
 * to a typed value. options_json keys (optional): "types": [...] (default
 * all), "reference_time" (ISO 8601 with offset, or Unix seconds; default now)
 * and "utc_offset_minutes" (with Unix seconds; default the system zone) for
 * relative expressions, "max_text_bytes".
 * *out_json receives {"entities": [{"entity", "value", "text", "start",
 * "end", "byte_start", "byte_end", "confidence", "source": "builtin"}]}.
 * Thread-safe. */
KEFU_API kefu_status kefu_entities(const char* text, size_t len, const char* options_json,
                                   char** out_json);

/* Masks personal data in text: phone numbers (138****5678), ID cards, bank
 * cards and e-mail local parts; separators and length are kept. options_json
 * keys (optional): "types" (subset of ["phone", "id_card", "bank_card",
 * "email"], default all four), "max_text_bytes". *out_json receives
 * {"text": "masked text", "masked": [{"type", "start", "end"}]} with
 * code-point offsets into the original text. Thread-safe. */
KEFU_API kefu_status kefu_mask_pii(const char* text, size_t len, const char* options_json,
                                   char** out_json);

/* ------------------------------------------------------- knowledge base */

/* A knowledge base of FAQ entries
 *   {"id": "...", "question": "...", "similar": ["...", ...], "answer": "...",
 *    "category": "...", "tags": ["...", ...], "enabled": true}
 * found by any of their questions. "id" and "question" are required;
 * "enabled": false keeps an entry stored but out of search results.
 *
 * Thread-safety: a kefu_kb is internally synchronized. Any number of threads
 * may search, get and export while one or more others change it; a change is
 * visible to every search that starts after the changing call returns.
 *
 * Durability: a knowledge base opened on a directory keeps a snapshot and an
 * append-only log there. When a changing call returns KEFU_OK the change is
 * on disk (fsync'd): a crash, power loss or kill -9 after that loses nothing.
 * A change that fails (e.g. KEFU_ERR_IO on a full disk) is not applied, in
 * memory or on disk. The log is folded into a new snapshot automatically when
 * it grows past the snapshot's size (or by kefu_kb_compact). Only one process
 * may open a directory at a time (KEFU_ERR_BUSY otherwise). */
typedef struct kefu_kb kefu_kb;

/* Opens the knowledge base stored in directory `dir`, creating the directory
 * and an empty store when absent; dir == NULL gives an in-memory knowledge
 * base. A truncated or corrupted store is KEFU_ERR_CORRUPT and one written by
 * a newer version KEFU_ERR_UNSUPPORTED: nothing is dropped silently (a change
 * torn by a crash before its call returned is the only thing discarded).
 * options_json keys (optional): "max_entry_bytes" (262144: all text of one
 * entry), "max_questions" (256 per entry), "max_entries" (1000000: an upsert
 * or import past it is KEFU_ERR_TOO_LARGE), "synonyms" ([["退款", "退钱",
 * "refund"], ...]: words and phrases treated as one; they replace the stored
 * synonyms when given). */
KEFU_API kefu_status kefu_kb_open(const char* dir, const char* options_json, kefu_kb** out);

/* Closes a knowledge base. NULL is a no-op. No other thread may still use it.
 * Nothing is lost by not closing: every acknowledged change is already on
 * disk. */
KEFU_API void kefu_kb_close(kefu_kb* kb);

/* Adds an entry, or replaces the entry with the same id (enable/disable is an
 * upsert with "enabled" changed). Invalid entries are KEFU_ERR_INVALID_DATA,
 * entries over the limits KEFU_ERR_TOO_LARGE; the message names the field. */
KEFU_API kefu_status kefu_kb_upsert(kefu_kb* kb, const char* entry_json, size_t len);

/* Removes the entry with this id; KEFU_ERR_NOT_FOUND when there is none. */
KEFU_API kefu_status kefu_kb_delete(kefu_kb* kb, const char* id);

/* *out_json receives the entry with this id (all fields); KEFU_ERR_NOT_FOUND
 * when there is none. */
KEFU_API kefu_status kefu_kb_get(const kefu_kb* kb, const char* id, char** out_json);

/* Searches the enabled entries. options_json keys (optional): "top_k" (5),
 * "category" (only entries of this category), "tags" (only entries having all
 * of these tags), "max_text_bytes". *out_json receives
 *   {"query": "...", "answered": true,
 *    "results": [{"id", "question", "matched_question", "answer", "category",
 *                 "tags", "score", "confidence"}, ...]}
 * best first. "score" is the similarity in [0, ~1]; "confidence" maps it
 * onto [0, 1] around the knowledge base's own "no good answer" threshold
 * (0.5 at the threshold), which is calibrated on the knowledge base itself
 * by searching each entry's question with that entry left out. "answered" is
 * false ("no good answer") when the best confidence is below 0.5, so that a
 * bot hands off instead of answering wrongly. Results are listed either way. */
KEFU_API kefu_status kefu_kb_search(const kefu_kb* kb, const char* query, size_t len,
                                    const char* options_json, char** out_json);

/* Imports JSONL (one entry per line; blank lines skipped), upserting every
 * entry in one durable step. options_json keys (optional): "on_error":
 * "abort" (default: any bad line imports nothing) or "skip" (bad lines are
 * reported, the rest imported). A line repeating an earlier line's id is an
 * error. *out_report (may be NULL) receives {"imported": n, "errors":
 * [{"line": 3, "message": "..."}]}; with "abort" and errors the call returns
 * KEFU_ERR_INVALID_DATA naming the first bad line and still fills the report. */
KEFU_API kefu_status kefu_kb_import(kefu_kb* kb, const char* jsonl, size_t len,
                                    const char* options_json, char** out_report);

/* *out_jsonl receives every entry, one JSON object per line, ordered by id;
 * the bytes re-import as the same knowledge base. *out_len gets its length. */
KEFU_API kefu_status kefu_kb_export(const kefu_kb* kb, char** out_jsonl, size_t* out_len);

/* Replaces the synonym groups: JSON [["退款", "退钱", "refund"], ...]. */
KEFU_API kefu_status kefu_kb_set_synonyms(kefu_kb* kb, const char* synonyms_json, size_t len);

/* Folds the log into a new snapshot now. A no-op in memory. */
KEFU_API kefu_status kefu_kb_compact(kefu_kb* kb);

/* *out_json receives {"entries", "enabled", "questions", "synonym_groups",
 * "threshold", "store": {"dir", "snapshot_bytes", "log_bytes"} | null}. */
KEFU_API kefu_status kefu_kb_stats(const kefu_kb* kb, char** out_json);

/* The engine's own knowledge base, built from the bot definition's "faq" and
 * "synonyms": read-only (search, get, export, stats) and owned by the engine;
 * valid while the engine is open. Never NULL for a valid engine. */
KEFU_API const kefu_kb* kefu_engine_kb(const kefu_engine* engine);

/* ------------------------------------------------------------ sentiment */

/* Sentiment lexicons: kefu's defaults (VADER for English, kefu's own Chinese
 * and customer-service lists), optionally extended or replaced by the
 * caller's. Immutable once created; any number of threads may use one. */
typedef struct kefu_sentiment_model kefu_sentiment_model;

/* Creates a model from lexicon text in kefu's lexicon format (see README
 * "Sentiment": lines of term<TAB>weight<TAB>kind; '#' comments).
 * lexicon_tsv may be NULL (defaults only). options_json keys (optional):
 * "replace_defaults" (false: the caller's terms extend and override the
 * defaults; true: only the caller's lexicon is used). A malformed lexicon is
 * KEFU_ERR_INVALID_DATA naming the line. */
KEFU_API kefu_status kefu_sentiment_model_new(const char* lexicon_tsv, size_t len,
                                              const char* options_json,
                                              kefu_sentiment_model** out);

/* Frees a model. NULL is a no-op. */
KEFU_API void kefu_sentiment_model_free(kefu_sentiment_model* model);

/* Scores one message with `model` (NULL: the defaults). options_json keys
 * (optional): "max_text_bytes". *out_json receives
 *   {"score": -0.71, "label": "negative" | "neutral" | "positive",
 *    "confidence": 0.86, "emotions": {"anger": 0.6, "anxiety": 0, "sadness": 0,
 *    "disgust": 0, "joy": 0, "surprise": 0, "trust": 0}, "escalation": true,
 *    "cues": [{"text", "start", "end", "byte_start", "byte_end", "weight",
 *              "kind": "valence" | "escalation" | "handoff",
 *              "emotion": "anger" | null}]}
 * "score" is in [-1, 1]; emotion intensities are in [0, 1); cue offsets refer
 * to the caller's original text and "weight" is the cue's contribution after
 * negation, degree and clause rules. Empty text is neutral. Thread-safe. */
KEFU_API kefu_status kefu_sentiment(const kefu_sentiment_model* model, const char* text,
                                    size_t len, const char* options_json, char** out_json);

/* Conversation-level sentiment: scores one more customer message with `model`
 * (NULL: the defaults) and folds it into the conversation's running state.
 * state_json is NULL (or "") for the first message, else the "state" object
 * of the previous call's result, passed back unchanged. options_json keys
 * (optional): "decay" (0.6: weight of the past in the running score),
 * "escalate_below" (-0.6), "sharp_drop" (0.8: a message this far below the
 * running score before it), "anger" (0.7: a message's anger intensity),
 * "negative_turns" (3 negative messages in a row), "max_text_bytes".
 * *out_json receives
 *   {"message": {as kefu_sentiment, without "cues"}, "running": -0.42,
 *    "trend": -0.3, "turns": 4, "negative_streak": 2, "escalate": true,
 *    "reasons": ["escalation_cue" | "anger" | "sharp_drop" |
 *                "negative_streak" | "below_threshold", ...],
 *    "state": {...}}
 * "trend" is the slope of the last five message scores per turn. A state that
 * is not one kefu wrote is KEFU_ERR_INVALID_DATA. Thread-safe. */
KEFU_API kefu_status kefu_sentiment_track(const kefu_sentiment_model* model,
                                          const char* state_json, size_t state_len,
                                          const char* text, size_t len,
                                          const char* options_json, char** out_json);

/* Hot-path sentiment without JSON. Set struct_size to sizeof(kefu_sentiment_score)
 * before the call; fields are only ever appended. */
typedef struct kefu_sentiment_score {
  uint32_t struct_size;
  float score;       /* [-1, 1] */
  int label;         /* -1 negative, 0 neutral, 1 positive */
  float confidence;
  float emotions[7]; /* anger, anxiety, sadness, disgust, joy, surprise, trust */
  int escalation;    /* 1: complaint, legal or churn threat, request for a human,
                        or furious shouting: hand the customer to a person */
} kefu_sentiment_score;

KEFU_API kefu_status kefu_sentiment_fast(const kefu_sentiment_model* model, const char* text,
                                         size_t len, kefu_sentiment_score* out);

/* ---------------------------------------------------------------- dialogue */

/* One conversation with an engine's bot: the forms in progress, what was
 * said, failure counts, the sentiment trend. A session is used by one thread
 * at a time; different sessions of one engine run in parallel freely. The
 * engine must outlive its sessions. */
typedef struct kefu_session kefu_session;

/* Starts a conversation: fresh when state_json is NULL, otherwise restored
 * from what kefu_session_save wrote (state_len bytes). A state that is
 * malformed or truncated is KEFU_ERR_INVALID_DATA, one that was edited or
 * damaged is KEFU_ERR_CORRUPT, one saved by an engine with other intents or
 * slots is KEFU_ERR_INVALID_DATA; messages name the JSON path. */
KEFU_API kefu_status kefu_session_new(const kefu_engine* engine, const char* state_json,
                                      size_t state_len, kefu_session** out);
KEFU_API void kefu_session_free(kefu_session* session);

/* One customer message in, the bot's move out as JSON (free with
 * kefu_string_free):
 *   "turn"       1, 2, …
 *   "action"     "answer" | "ask" | "confirm" | "done" | "fallback" | "handoff"
 *   "reply"      what the bot says, or null (the host replies: an intent with
 *                no response, or a "done" reply waiting for host data)
 *   "intent"     {"name", "confidence"} understood in this message, or null
 *   "form"       the task in progress {"intent", "title", "asking", "confirming"} or null
 *   "slots"      {name: {"value", "text", "source", "display"}} of the task worked on
 *                (source: "entity", "tagger", "text" or "context" for carried over)
 *   "missing"    required slots still to ask
 *   "kb"         the knowledge-base answer given {"id", "question", "answer", "score", …} or null
 *   "fulfill"    when a task completes: {"action", "intent", "slots", "awaiting_data"}
 *   "fallback"   {"stage": 1, "options": [{"intent", "title"}, …]} (which did you mean)
 *                or {"stage": 2} (please rephrase), else null
 *   "cancelled"  the intent whose task the customer cancelled, or null
 *   "sentiment"  {"score", "label", "running", "trend", "escalate", "reasons"}
 *   "handoff"    {"reason": "request" | "failed_turns" | "sentiment" | "no_answer",
 *                 "summary": {"intent", "slots", "sentiment", "unanswered", "channel",
 *                 "customer_id", "turns"}, "transcript": [{"role", "text", …}]} or null
 *   "closed"     true after a handoff or a goodbye; further turns are KEFU_ERR_STATE
 * context_json: NULL or {"reference_time", "utc_offset_minutes" (as kefu_parse),
 * "channel", "customer_id", "data": {...}, "mask_pii" (false: when true, phone
 * numbers, ID cards, bank cards and e-mail are masked in the "handoff" payload,
 * summary and transcript, which goes to agents and logs; the saved state keeps
 * them, for the conversation to go on)}. "data" answers a reply that waits
 * for the host ("awaiting_data": the template uses {data.KEY}): send it with
 * empty text to get that reply. Empty text otherwise repeats the question in
 * progress. On any error the session is unchanged. */
KEFU_API kefu_status kefu_session_turn(kefu_session* session, const char* text, size_t len,
                                       const char* context_json, char** out_json);

/* The session's state as JSON (free with kefu_string_free), to restore with
 * kefu_session_new, possibly in another process. It carries a checksum. */
KEFU_API kefu_status kefu_session_save(const kefu_session* session, char** out_json);

/* ---------------------------------------------------------------- profiles */

/* Customer profiles: events per customer (conversation turns, purchases,
 * refunds, complaints, page views, tickets, calls, handoffs), one profile per
 * person across phone, member id, account, device, e-mail and open id, and
 * tags derived by rules. Internally synchronized: any number of threads may
 * share one handle. */
typedef struct kefu_profiles kefu_profiles;

/* Opens a profile store: in memory (dir NULL) or durable in directory dir
 * (created when absent, replayed when not): every event and link is on disk
 * (fsync'd) when its call returns, and a crash loses nothing acknowledged.
 * KEFU_ERR_BUSY when another process has the directory open; KEFU_ERR_CORRUPT
 * naming file and offset for damaged files. options_json: NULL or
 * {"rules": [...]} replacing the default tag set (README "Customer
 * profiles"); bad rules are KEFU_ERR_INVALID_DATA naming the rule. */
KEFU_API kefu_status kefu_profiles_open(const char* dir, const char* options_json, kefu_profiles** out);
KEFU_API void kefu_profiles_close(kefu_profiles* profiles);

/* Records one event:
 *   {"customer": {"phone": "…", "member_id": "…"}, "type": "purchase",
 *    "time": "2026-11-23T10:00:00+08:00" | unix seconds, "channel": "app",
 *    "attributes": {"amount": 199, "product": "…", "category": "…"}}
 * Attributes by type: turn {intent, sentiment}, purchase and refund {amount,
 * product, category}, complaint/ticket/call {topic}, page_view {page,
 * category}, handoff {reason}. Identifiers of different profiles merge them;
 * a merge giving one person two member ids or two accounts is
 * KEFU_ERR_INVALID_DATA and records nothing. Out-of-order events are placed in
 * time order; an event more than a day after now is refused. out_json (may
 * be NULL): {"customer", "seq", "merged": [...], "tags": [...]}. */
KEFU_API kefu_status kefu_profiles_record(kefu_profiles* profiles, const char* event_json, size_t len,
                                          char** out_json);

/* States that two identifiers ("phone:138…", "member_id:M1") are one person. */
KEFU_API kefu_status kefu_profiles_link(kefu_profiles* profiles, const char* identifier_a,
                                        const char* identifier_b, char** out_json);

/* The profile behind an identifier: {"customer", "identifiers": {kind: [...]},
 * "events", "first_seen", "last_seen", "tags": [{"tag", "value", "strength",
 * "label", "set_at", "expires_at", "evidence": [{"seq", "type", "time", …}]}],
 * "merged": [explanations]}. Tags are computed as of options_json's
 * "as_of" (ISO 8601 or unix seconds; default now). KEFU_ERR_NOT_FOUND for an
 * identifier never seen. */
KEFU_API kefu_status kefu_profiles_get(const kefu_profiles* profiles, const char* identifier,
                                       const char* options_json, char** out_json);

/* Records a kefu_session_turn result as the customer's events: a "turn"
 * (intent, sentiment) and, when it handed off, a "handoff" (reason).
 * customer_json names the customer ({"phone": "…"}); context_json: NULL or
 * {"time" (default now), "channel"}. out_json (may be NULL): one record
 * result per event. */
KEFU_API kefu_status kefu_profiles_record_turn(kefu_profiles* profiles, const char* customer_json,
                                               const char* turn_json, size_t len, const char* context_json,
                                               char** out_json);

/* Suggests where a contact should go (渠道智能分流) from a turn (a
 * kefu_session_turn result: intent, sentiment, handoff) and the tags of the
 * customer behind `identifier` (NULL or never seen: no tags):
 * {"route", "queue", "channel", "priority" (1 first), "urgent", "reasons",
 * "tags"}. Routes are the options' "routing" or the defaults (README
 * "Customer profiles"). */
KEFU_API kefu_status kefu_profiles_route(const kefu_profiles* profiles, const char* identifier,
                                         const char* turn_json, size_t len, char** out_json);

/* Customers carrying `tag` as of their latest event: [{"customer",
 * "identifiers"}], at most `limit`. */
KEFU_API kefu_status kefu_profiles_with_tag(const kefu_profiles* profiles, const char* tag, size_t limit,
                                            char** out_json);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KEFU_KEFU_H */
