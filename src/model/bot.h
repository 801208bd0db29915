// The bot definition: one JSON document from which an engine is trained.
// This file validates it and extracts what the engine needs; every problem is
// reported with its JSON path, all at once, before training starts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "custom/entities.h"
#include "dialogue/config.h"
#include "intent/dataset.h"
#include "kb/entry.h"
#include "kb/store.h"

namespace kefu::model {

struct SlotDeclaration {
  std::string name;
  std::string entity;  // may be empty
};

struct BotIntent {
  std::string name;
  std::vector<intent::Example> examples;  // markup stripped
  std::vector<SlotDeclaration> slots;
};

struct BotDefinition {
  std::string name;
  std::string language;  // "zh", "en" or "mixed"
  std::vector<BotIntent> intents;
  std::vector<intent::Example> out_of_scope;  // messages the bot must not take
  custom::CustomEntities entities;
  std::vector<kb::Entry> faq;  // the engine's own knowledge base
  kb::SynonymGroups synonyms;  // shared by the knowledge base
  std::shared_ptr<const dialogue::Config> dialogue;  // forms, responses, handoff
  std::string source;  // the definition as given, kept for later stages
};

// Parses and validates. Throws KEFU_ERR_INVALID_DATA listing every problem.
BotDefinition parse_bot(std::string_view json);

}  // namespace kefu::model
