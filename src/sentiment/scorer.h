// Message sentiment from lexicons and rules (VADER-style), for Chinese,
// English and mixed text.
//
// The text is normalized and scanned for the longest lexicon term at each
// position. Each valenced term is scaled by degree adverbs just before it
// (非常, slightly), flipped and damped by a negator within its scope (不,
// not: up to 4 CJK characters or 3 words, never across punctuation), and
// weighted by its clause: after a contrast (但是, but) a clause counts 1.5×
// and the ones before it 0.5×; a concession clause (虽然, although) counts
// 0.5×. Exclamation marks and repeated question marks amplify; a rhetorical
// question (难道, 凭什么) leans negative; escalation cues (投诉, 12315,
// "speak to a manager") count as anger and flag the message, as do requests
// for a human (转人工, no valence) and furious shouting with no cue.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sentiment/lexicon.h"
#include "text/normalize.h"

namespace kefu::sentiment {

enum class Label : uint8_t { kNegative, kNeutral, kPositive };
const char* label_name(Label l);

struct Cue {
  uint32_t begin, end;  // normalized code points
  float weight;         // contribution to the sum (after the rules)
  Kind kind;
  int8_t emotion;
};

struct Result {
  float score = 0;  // compound, in [-1, 1]
  Label label = Label::kNeutral;
  float confidence = 0;
  float emotions[kEmotions] = {};  // intensities in [0, 1)
  bool escalation = false;         // an escalation cue is present
  std::vector<Cue> cues;
};

// Scores normalized text. Thread-safe; time linear in the text's length.
Result score(const Lexicon& lexicon, std::u32string_view text);

}  // namespace kefu::sentiment
