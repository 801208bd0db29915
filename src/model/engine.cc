#include "model/engine.h"

#include "core/error.h"
#include "entity/builtin.h"
#include "core/options.h"
#include "model/binio.h"
#include "model/bot.h"

namespace kefu::model {

namespace {

constexpr char kMagic[8] = {'K', 'E', 'F', 'U', 'M', 'D', 'L', '\0'};
constexpr uint32_t kFormatVersion = 1;
// Entity spans do not depend on "now"; training needs some fixed instant.
constexpr RefTime kTrainingTime{1767225600, 480};  // 2026-01-01T08:00+08:00

intent::LabeledTexts to_labeled(const intent::Dataset& data, const Engine& engine) {
  intent::LabeledTexts out;
  for (const auto& e : data.examples) {
    out.texts.push_back(engine.normalize(e.text).chars);
    out.intents.push_back(e.intent);
  }
  return out;
}

// Slot annotations in normalized coordinates, with slot names as indices
// into `names` (sorted, so models do not depend on example order).
std::vector<slots::TaggerExample> to_tagger_examples(const intent::Dataset& data, const Engine& engine,
                                                     std::vector<std::string>& names) {
  for (const auto& e : data.examples)
    for (const auto& s : e.slots) names.push_back(s.slot);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::vector<slots::TaggerExample> out;
  if (names.empty()) return out;
  for (const auto& e : data.examples) {
    text::Normalized n = engine.normalize(e.text);
    slots::TaggerExample ex{n.chars, e.intent, Engine::slot_hints(engine.find_entities(n.chars, kTrainingTime)), {}};
    for (const auto& s : e.slots) {
      auto [b, end] = n.from_original(s.begin, s.end);
      if (b >= end) continue;  // the value normalized away entirely
      auto slot = static_cast<uint32_t>(std::lower_bound(names.begin(), names.end(), s.slot) - names.begin());
      ex.spans.push_back({slot, b, end});
    }
    out.push_back(std::move(ex));
  }
  return out;
}

}  // namespace

TrainSettings TrainSettings::from_json(const char* options_json) {
  Options o(options_json,
            {"epochs", "learning_rate", "min_count", "seed", "holdout", "threshold",
             "ambiguity_margin", "max_rejected", "dropout", "slot_epochs", "max_model_mb", "char_ngrams", "bigrams", "cjk_trigrams"},
            "training options");
  TrainSettings s;
  auto& t = s.intent;
  t.epochs = static_cast<uint32_t>(o.get_int("epochs", t.epochs, 1, 1000));
  t.learning_rate = static_cast<float>(o.get_double("learning_rate", t.learning_rate, 1e-4, 100));
  t.min_count = static_cast<uint32_t>(o.get_int("min_count", t.min_count, 1, 1000000));
  t.seed = static_cast<uint64_t>(o.get_int("seed", static_cast<int64_t>(t.seed), 0, INT64_MAX));
  t.holdout = o.get_double("holdout", t.holdout, 0, 0.5);
  if (o.has("threshold")) t.threshold = static_cast<float>(o.get_double("threshold", 0, 0, 1));
  t.max_weight_bytes = static_cast<size_t>(
      o.get_double("max_model_mb", static_cast<double>(t.max_weight_bytes) / (1 << 20), 0.01, 4096) *
      (1 << 20));
  s.slots.epochs = static_cast<uint32_t>(o.get_int("slot_epochs", s.slots.epochs, 1, 1000));
  s.slots.seed = t.seed;
  t.dropout = static_cast<float>(o.get_double("dropout", t.dropout, 0, 0.9));
  t.max_rejected = o.get_double("max_rejected", t.max_rejected, 0, 1);
  t.ambiguity_margin = static_cast<float>(o.get_double("ambiguity_margin", t.ambiguity_margin, 0, 1));
  t.features.bigrams = o.get_bool("bigrams", t.features.bigrams);
  t.features.cjk_trigrams = o.get_bool("cjk_trigrams", t.features.cjk_trigrams);
  if (o.has("char_ngrams")) {
    const auto& range = o.get("char_ngrams");
    if (!range.is_array() || range.size() != 2 || !range[0].is_number_unsigned() ||
        !range[1].is_number_unsigned() || range[0] > range[1] || range[1] > 8)
      fail(KEFU_ERR_INVALID_OPTIONS,
           "training options: \"char_ngrams\" must be [min, max] with 0 <= min <= max <= 8");
    t.features.char_min = range[0];
    t.features.char_max = range[1];
  }
  return s;
}

// Takes what parsing needs from the definition beyond the trained models.
// Models store the definition itself, so loading rebuilds these the same way.
void Engine::adopt_bot_sections(BotDefinition& bot) {
  kb_ = std::make_shared<kb::KnowledgeBase>("", kb::EntryLimits{}, bot.synonyms);
  if (!bot.faq.empty()) kb_->upsert(std::move(bot.faq));
  entities_ = std::move(bot.entities);
  dialogue_ = std::move(bot.dialogue);
  for (const auto& [name, type] : entities_.builtin_aliases()) builtin_alias_[type] = name;
  for (const auto& in : bot.intents)
    for (const auto& s : in.slots)
      if (!s.entity.empty()) slot_of_entity_[in.name][s.entity] = s.name;
}

const std::string& Engine::slot_for(const std::string& intent, const std::string& entity) const {
  static const std::string kNone;
  auto it = slot_of_entity_.find(intent);
  if (it == slot_of_entity_.end()) return kNone;
  auto slot = it->second.find(entity);
  return slot == it->second.end() ? kNone : slot->second;
}

void Engine::finish() {
  std::vector<std::string> intents;
  for (size_t i = 0; i < intents_.labels().size(); ++i)
    if (static_cast<int>(i) != intents_.oos_label()) intents.push_back(intents_.labels()[i]);
  if (!dialogue_) dialogue_ = dialogue::plain_config(intents);
  // What session state refers to: the bot, its intents and their slots. New
  // examples or FAQ entries keep saved conversations valid.
  std::string identity = name_;
  for (const auto& plan : dialogue_->intents) {
    identity += '\n' + plan.name;
    for (const auto& slot : plan.slots) identity += '\t' + slot.name;
  }
  fingerprint_ = checksum64(identity);
}

text::Normalized Engine::normalize(std::string_view utf8) const {
  return text::normalize(text::decode_utf8(utf8, normalize_.max_text_bytes), normalize_);
}

void Engine::fit(intent::Dataset train, const intent::Dataset* dev, const TrainSettings& s) {
  warnings_ = std::move(train.warnings);
  if (dev) warnings_.insert(warnings_.end(), dev->warnings.begin(), dev->warnings.end());
  intent::LabeledTexts train_texts = to_labeled(train, *this);
  intent::LabeledTexts dev_texts;
  if (dev) dev_texts = to_labeled(*dev, *this);
  intents_ = intent::IntentClassifier::train(train_texts, dev ? &dev_texts : nullptr, s.intent, warnings_);
  std::vector<std::string> slot_names;
  auto tagged = to_tagger_examples(train, *this, slot_names);
  slots_ = slots::SlotTagger::train(std::move(slot_names), tagged, s.slots);
}

std::vector<FoundEntity> Engine::find_entities(std::u32string_view normalized, const RefTime& now) const {
  std::vector<FoundEntity> found;
  for (auto& m : entities_.find(normalized))
    found.push_back({std::move(m.entity), m.begin, m.end, std::move(m.value), m.confidence, m.source});
  const size_t n_custom = found.size();
  for (auto& m : entity::extract_builtins(normalized, {now.unix_seconds, now.utc_offset_minutes})) {
    // The bot's own entities are more specific: a built-in inside one of
    // their matches ("15" in the product "iPhone 15") is not reported.
    bool inside = std::any_of(found.begin(), found.begin() + static_cast<ptrdiff_t>(n_custom),
                              [&](const FoundEntity& c) { return c.begin <= m.begin && m.end <= c.end; });
    if (inside) continue;
    auto alias = builtin_alias_.find(m.type);
    found.push_back({alias == builtin_alias_.end() ? std::move(m.type) : alias->second, m.begin, m.end,
                     std::move(m.value), m.confidence, "builtin"});
  }
  std::stable_sort(found.begin(), found.end(), [](const FoundEntity& a, const FoundEntity& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  return found;
}

std::vector<slots::Hint> Engine::slot_hints(const std::vector<FoundEntity>& found) {
  std::vector<slots::Hint> hints;
  for (const auto& m : found) hints.push_back({m.begin, m.end, slots::hint_kind(m.entity)});
  return hints;
}

std::unique_ptr<Engine> Engine::train_bot(std::string_view bot_json, const TrainSettings& s) {
  BotDefinition bot = parse_bot(bot_json);
  intent::Dataset data;
  for (const auto& in : bot.intents)
    data.examples.insert(data.examples.end(), in.examples.begin(), in.examples.end());
  data.examples.insert(data.examples.end(), bot.out_of_scope.begin(), bot.out_of_scope.end());
  intent::clean(data);
  auto engine = std::unique_ptr<Engine>(new Engine());
  engine->name_ = bot.name;
  engine->language_ = bot.language;
  engine->adopt_bot_sections(bot);  // entities first: the slot tagger uses them
  engine->bot_source_ = std::move(bot.source);
  engine->fit(std::move(data), nullptr, s);
  engine->finish();
  return engine;
}

std::unique_ptr<Engine> Engine::train_jsonl(std::string_view train_jsonl,
                                            const std::string_view* dev_jsonl,
                                            const TrainSettings& s) {
  auto engine = std::unique_ptr<Engine>(new Engine());
  intent::Dataset train = intent::read_jsonl(train_jsonl, "train");
  if (!dev_jsonl) {
    engine->fit(std::move(train), nullptr, s);
  } else {
    intent::Dataset dev = intent::read_jsonl(*dev_jsonl, "dev");
    engine->fit(std::move(train), &dev, s);
  }
  engine->finish();
  return engine;
}

// File layout: magic (8) | format version u32 | payload size u64 | payload |
// checksum64 of payload u64. All integers little-endian.
std::string Engine::serialize() const {
  Writer payload;
  payload.str(name_);
  payload.str(language_);
  payload.str(bot_source_);
  const auto& n = normalize_;
  for (bool flag : {n.drop_control, n.nfkc, n.width, n.case_fold, n.traditional_to_simplified,
                    n.collapse_whitespace})
    payload.pod<uint8_t>(flag);
  payload.pod<uint64_t>(n.max_text_bytes);
  intents_.write(payload);
  slots_.write(payload);

  Writer file;
  for (char c : kMagic) file.pod<char>(c);
  file.pod<uint32_t>(kFormatVersion);
  file.str(payload.bytes());
  file.pod<uint64_t>(checksum64(payload.bytes()));
  return file.take();
}

std::unique_ptr<Engine> Engine::deserialize(std::string_view bytes) {
  if (bytes.size() < sizeof(kMagic) || bytes.substr(0, sizeof(kMagic)) != std::string_view(kMagic, 8))
    fail(KEFU_ERR_CORRUPT, "not a kefu model file (bad magic)");
  Reader file(bytes.substr(sizeof(kMagic)));
  uint32_t version = file.pod<uint32_t>("format version");
  if (version > kFormatVersion)
    fail(KEFU_ERR_UNSUPPORTED, "model file format " + std::to_string(version) +
                                   " is newer than this library reads (" +
                                   std::to_string(kFormatVersion) + "); upgrade kefu");
  if (version == 0) fail(KEFU_ERR_CORRUPT, "model file format version 0 is invalid");
  std::string_view payload = file.view("model payload");
  uint64_t sum = file.pod<uint64_t>("checksum");
  if (!file.done()) fail(KEFU_ERR_CORRUPT, "model file has trailing bytes");
  if (verify_checksums() && sum != checksum64(payload))
    fail(KEFU_ERR_CORRUPT, "model file checksum mismatch (corrupted)");

  Reader r(payload);
  auto engine = std::unique_ptr<Engine>(new Engine());
  engine->name_ = r.str("name");
  engine->language_ = r.str("language");
  engine->bot_source_ = r.str("bot definition");
  auto& n = engine->normalize_;
  for (bool* flag : {&n.drop_control, &n.nfkc, &n.width, &n.case_fold,
                     &n.traditional_to_simplified, &n.collapse_whitespace})
    *flag = r.pod<uint8_t>("normalization settings") != 0;
  n.max_text_bytes = r.pod<uint64_t>("normalization settings");
  engine->intents_ = intent::IntentClassifier::read(r);
  engine->slots_ = slots::SlotTagger::read(r);
  if (!r.done()) fail(KEFU_ERR_CORRUPT, "model payload has trailing bytes");
  if (!engine->bot_source_.empty()) {
    BotDefinition bot = parse_bot(engine->bot_source_);
    engine->adopt_bot_sections(bot);
  }
  engine->finish();
  return engine;
}

}  // namespace kefu::model
