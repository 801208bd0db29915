// The engine: everything trained from one bot definition (or intent data),
// immutable once built, shared by any number of threads. It serializes to one
// versioned, checksummed model file.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unordered_map>

#include "core/reftime.h"
#include "custom/entities.h"
#include "dialogue/config.h"
#include "intent/classifier.h"
#include "slots/tagger.h"
#include "kb/knowledge_base.h"
#include "text/normalize.h"

namespace kefu::model {

struct BotDefinition;

// An entity found in normalized text, from any source.
struct FoundEntity {
  std::string entity;  // entity name (a built-in's type, or the bot's alias for it)
  uint32_t begin;      // normalized code points
  uint32_t end;
  nlohmann::json value;
  float confidence;
  const char* source;  // "builtin" | "gazetteer" | "pattern"
};

// Options of a training run (the "options_json" of kefu_engine_train*).
struct TrainSettings {
  intent::TrainOptions intent;
  slots::TaggerOptions slots;
  static TrainSettings from_json(const char* options_json);
};

class Engine {
 public:
  static std::unique_ptr<Engine> train_bot(std::string_view bot_json, const TrainSettings& s);
  static std::unique_ptr<Engine> train_jsonl(std::string_view train, const std::string_view* dev,
                                             const TrainSettings& s);

  std::string serialize() const;
  static std::unique_ptr<Engine> deserialize(std::string_view bytes);

  // Decodes and normalizes caller text with the engine's settings.
  text::Normalized normalize(std::string_view utf8) const;

  const intent::IntentClassifier& intents() const { return intents_; }
  const slots::SlotTagger& slots() const { return slots_; }
  const custom::CustomEntities& entities() const { return entities_; }
  // Custom and built-in entities in normalized text. Thread-safe.
  std::vector<FoundEntity> find_entities(std::u32string_view normalized, const RefTime& now) const;
  // Entity matches as features for the slot tagger.
  static std::vector<slots::Hint> slot_hints(const std::vector<FoundEntity>& found);
  // The slot of `intent` that takes values of `entity`, or "" if none.
  const std::string& slot_for(const std::string& intent, const std::string& entity) const;
  // The bot's FAQ as an in-memory knowledge base (empty without one).
  const std::shared_ptr<kb::KnowledgeBase>& knowledge_base() const { return kb_; }
  // What the bot says and asks in conversations (a plain one for JSONL-trained engines).
  const dialogue::Config& dialogue() const { return *dialogue_; }
  // Identifies the definition and models, so state saved by another engine is refused.
  uint64_t fingerprint() const { return fingerprint_; }
  const std::string& name() const { return name_; }
  const std::string& language() const { return language_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  const text::NormalizeOptions& normalize_options() const { return normalize_; }

 private:
  void fit(intent::Dataset train, const intent::Dataset* dev, const TrainSettings& s);
  std::string name_ = "bot";
  std::string language_ = "mixed";
  std::string bot_source_;  // the bot definition, for later stages (dialogue, KB)
  text::NormalizeOptions normalize_;
  intent::IntentClassifier intents_;
  slots::SlotTagger slots_;
  custom::CustomEntities entities_;
  std::unordered_map<std::string, std::string> builtin_alias_;  // built-in type → entity name
  // intent → (entity → slot), from the intents' slot declarations.
  std::unordered_map<std::string, std::unordered_map<std::string, std::string>> slot_of_entity_;
  void adopt_bot_sections(BotDefinition& bot);
  void finish();  // after training or loading: dialogue config and fingerprint
  std::shared_ptr<const dialogue::Config> dialogue_;
  uint64_t fingerprint_ = 0;
  std::vector<std::string> warnings_;
  std::shared_ptr<kb::KnowledgeBase> kb_ =
      std::make_shared<kb::KnowledgeBase>("", kb::EntryLimits{}, std::nullopt);
};

}  // namespace kefu::model
