// Intent classifier: a softmax-regression model over TF-IDF-weighted,
// L2-normalized sparse features (see features.h), trained with SGD, with
// temperature-scaled probabilities and a calibrated out-of-scope threshold.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "intent/dataset.h"
#include "intent/feature_index.h"
#include "intent/features.h"
#include "model/binio.h"

namespace kefu::intent {

struct TrainOptions {
  FeatureConfig features;
  uint32_t epochs = 20;
  float learning_rate = 0.5f;
  float dropout = 0.3f;          // feature dropout rate during training
  uint32_t min_count = 1;        // drop features seen in fewer examples
  size_t max_weight_bytes = 8u << 20;  // size budget: keeps the most frequent features
  uint64_t seed = 1;
  double holdout = 0.1;          // calibration slice when no dev set is given
  std::optional<float> threshold;  // overrides the calibrated one
  // The calibrated threshold rejects at most this fraction of the calibration
  // examples the classifier gets right.
  double max_rejected = 0.02;
  float ambiguity_margin = 0.1f;
};

// Normalized texts with their labels, ready for training.
struct LabeledTexts {
  std::vector<std::u32string> texts;
  std::vector<std::string> intents;
};

struct Scored {
  uint32_t label;
  float probability;
};

struct Prediction {
  std::vector<Scored> top;  // best first, in-scope and "oos" alike
  bool out_of_scope = false;
  bool ambiguous = false;
};

class IntentClassifier {
 public:
  // Trains on `train`, calibrating on `dev` when given (else on a held-out
  // slice of `train`). Throws KEFU_ERR_INVALID_DATA for unusable data.
  static IntentClassifier train(const LabeledTexts& train, const LabeledTexts* dev,
                                const TrainOptions& options,
                                std::vector<std::string>& report);

  void write(model::Writer& w) const;
  static IntentClassifier read(model::Reader& r);

  // Calibrated probabilities over labels() for a normalized text. Thread-safe.
  void probabilities(std::u32string_view text, std::vector<float>& probs) const;
  Prediction predict(std::u32string_view text, size_t k) const;

  const std::vector<std::string>& labels() const { return labels_; }
  int oos_label() const { return oos_label_; }
  float threshold() const { return threshold_; }
  float temperature() const { return temperature_; }
  size_t feature_count() const { return index_.size(); }

 private:
  struct Sparse {
    std::vector<uint32_t> rows;
    std::vector<float> values;
  };
  Sparse vectorize(std::u32string_view text) const;
  void logits(const Sparse& x, float* __restrict out) const;
  void fit(const std::vector<Sparse>& xs, const std::vector<uint32_t>& ys,
           const TrainOptions& options);
  struct CalibrationRow {
    std::vector<float> z;  // logits
    int gold;              // label index, or -1 for out-of-scope without an oos class
    bool oos;
  };
  std::vector<CalibrationRow> score(const LabeledTexts& data,
                                    std::vector<std::string>& report) const;
  void calibrate(const std::vector<CalibrationRow>& rows, const TrainOptions& options);

  Featurizer featurizer_{FeatureConfig{}};
  std::vector<std::string> labels_;
  int oos_label_ = -1;
  FeatureIndex index_;
  std::vector<float> idf_;      // per feature row
  std::vector<int8_t> q_;       // weights: rows × labels, int8 (model/quantize.h)
  std::vector<float> scales_;   // per feature row: weight = q * scale
  std::vector<float> bias_;     // per label
  float temperature_ = 1.0f;
  float threshold_ = 0.0f;
  float ambiguity_margin_ = 0.1f;
};

}  // namespace kefu::intent
