#include "sentiment/scorer.h"

#include <algorithm>
#include <cmath>

namespace kefu::sentiment {

namespace {

constexpr float kNegation = -0.74f;  // VADER's: a negated term flips and weakens
constexpr float kAlpha = 15;         // compound = sum / sqrt(sum² + α)
constexpr float kNeutralBand = 0.05f;

bool is_cjk(char32_t c) { return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF); }
bool is_wordlike(char32_t c) { return is_cjk(c) || is_word_char(c); }

bool ends_clause(char32_t c) {
  switch (c) {
    case U'，': case U'。': case U'！': case U'？': case U'；': case U'、': case U'…': case U'~':
    case ',': case '.': case '!': case '?': case ';': case ':': case '\n':
      return true;
    default:
      return false;
  }
}

// Scope of a negator or degree word over what follows: up to 4 CJK
// characters or 3 words between them (and at most 40 characters of any
// kind), nothing across clause punctuation. Once out of scope, always out:
// callers drop what went out, which keeps scoring linear in the text.
bool within_scope(std::u32string_view text, size_t from, size_t to) {
  if (to - from > 40) return false;
  int cjk = 0, words = 0;
  bool in_word = false;
  for (size_t i = from; i < to; ++i) {
    char32_t c = text[i];
    if (ends_clause(c)) return false;
    if (is_cjk(c)) ++cjk;
    bool w = is_word_char(c);
    if (w && !in_word) ++words;
    in_word = w;
  }
  return cjk <= 4 && words <= 3;
}

struct Clause {
  float sum = 0;
  float weight = 1;
  bool rhetorical = false;
  bool question = false;
};

}  // namespace

const char* label_name(Label l) {
  switch (l) {
    case Label::kNegative: return "negative";
    case Label::kPositive: return "positive";
    case Label::kNeutral: return "neutral";
  }
  return "neutral";
}

Result score(const Lexicon& lexicon, std::u32string_view text) {
  Result r;
  std::vector<Clause> clauses(1);
  float emotion_sum[kEmotions] = {};
  int exclamations = 0, questions = 0;
  // The last negator and degree words seen, by end position.
  struct Pending {
    size_t end;
    float value;
  };
  std::vector<Pending> negators, degrees;
  std::vector<size_t> cue_clause;  // clause of each cue
  bool weak_cue = false;
  float strongest_anger = 0;  // base valence of the strongest anger term

  for (size_t i = 0; i < text.size();) {
    const char32_t c = text[i];
    if (ends_clause(c)) {
      exclamations += c == '!' || c == U'！';
      bool q = c == '?' || c == U'？';
      questions += q;
      clauses.back().question |= q;
      // Runs of punctuation close one clause.
      if (clauses.back().sum != 0 || clauses.back().rhetorical) clauses.emplace_back();
      negators.clear();
      degrees.clear();
      ++i;
      continue;
    }
    const Term* term = nullptr;
    size_t n = lexicon.match(text, i, &term);
    if (n == 0) {
      ++i;
      continue;
    }
    const uint32_t begin = static_cast<uint32_t>(i), end = static_cast<uint32_t>(i + n);
    switch (term->kind) {
      case Kind::kNegator:
        negators.push_back({end, 1});
        break;
      case Kind::kDegree:
        degrees.push_back({end, term->weight});
        break;
      case Kind::kContrast: {
        // What came before weighs less, the clause it opens more.
        for (Clause& cl : clauses) cl.weight *= 0.5f;
        if (clauses.back().sum != 0) clauses.emplace_back();
        clauses.back().weight = term->weight > 0 ? term->weight : 1.5f;
        negators.clear();
        degrees.clear();
        break;
      }
      case Kind::kConcession:
        clauses.back().weight *= 0.5f;
        break;
      case Kind::kRhetorical:
        clauses.back().rhetorical = true;
        break;
      case Kind::kEscalation:
        // A weak cue (weight 1) escalates only a message that is negative.
        if (term->weight >= 2) r.escalation = true;
        weak_cue |= term->weight < 2;
        r.cues.push_back({begin, end, -term->weight, Kind::kEscalation, 0});
        cue_clause.push_back(clauses.size() - 1);
        clauses.back().sum -= term->weight;
        emotion_sum[0] += term->weight;  // anger
        break;
      case Kind::kHandoff:  // asking for a human is not itself negative
        r.escalation = true;
        r.cues.push_back({begin, end, 0, Kind::kHandoff, -1});
        cue_clause.push_back(clauses.size() - 1);
        break;
      case Kind::kValence: {
        auto out_of_scope = [&](const Pending& p) { return !within_scope(text, p.end, begin); };
        std::erase_if(degrees, out_of_scope);
        std::erase_if(negators, out_of_scope);
        float v = term->weight;
        for (const Pending& d : degrees)
          if (within_scope(text, d.end, begin)) v *= d.value;
        int negations = 0;
        for (const Pending& ng : negators) negations += within_scope(text, ng.end, begin);
        // Emoji and emoticons say how the writer feels; a negator before
        // them belongs to the words ("还没到😭").
        bool negated = negations % 2 == 1 && is_wordlike(text[begin]);
        if (negated) v *= kNegation;
        r.cues.push_back({begin, end, v, Kind::kValence, negated ? int8_t{-1} : term->emotion});
        cue_clause.push_back(clauses.size() - 1);
        clauses.back().sum += v;
        if (!negated && term->emotion >= 0) emotion_sum[term->emotion] += std::fabs(v);
        if (!negated && term->emotion == 0) strongest_anger = std::max(strongest_anger, -term->weight);
        // A negated positive term ("不满意", "not happy") is displeasure.
        if (negated && term->weight > 0) emotion_sum[2] += std::fabs(v) * 0.5f;  // sadness
        break;
      }
    }
    i += n;
  }

  float sum = 0;
  for (Clause& cl : clauses) {
    // "难道你们不退款吗": a rhetorical question reproaches (its markers are
    // rhetorical with or without the question mark).
    if (cl.rhetorical) {
      cl.sum = std::min(cl.sum, 0.0f) - 1.0f;
      emotion_sum[0] += 1.0f;
    }
    sum += cl.sum * cl.weight;
  }
  // Cue weights as they counted, clause weight included.
  for (size_t k = 0; k < r.cues.size(); ++k) r.cues[k].weight *= clauses[cue_clause[k]].weight;
  if (sum != 0) {
    float emphasis = 0.292f * static_cast<float>(std::min(exclamations, 4));
    if (questions > 1) emphasis += std::min(0.18f * static_cast<float>(questions), 0.96f);
    sum += sum > 0 ? emphasis : -emphasis;
  }
  r.score = sum / std::sqrt(sum * sum + kAlpha);
  r.label = r.score >= kNeutralBand ? Label::kPositive
            : r.score <= -kNeutralBand ? Label::kNegative : Label::kNeutral;
  // Escalate a weakly cued negative message, and a furious one with no cue
  // at all ("骗子！退钱！"): an abusive or accusing word, shouted.
  if (r.label == Label::kNegative && (weak_cue || (strongest_anger >= 3 && exclamations > 0)))
    r.escalation = true;
  r.confidence = r.label == Label::kNeutral ? 1.0f - std::fabs(r.score) / (2 * kNeutralBand)
                                            : 0.5f + std::fabs(r.score) / 2;
  for (int e = 0; e < kEmotions; ++e) {
    float x = emotion_sum[e] * (1 + 0.2f * static_cast<float>(std::min(exclamations, 4)));
    r.emotions[e] = x / (x + 2);
  }
  return r;
}

}  // namespace kefu::sentiment
