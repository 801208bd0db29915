#include "intent/classifier.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <unordered_map>

#include <Eigen/Core>

#include "core/error.h"
#include "model/quantize.h"

namespace kefu::intent {

namespace {

using Vec = Eigen::Map<Eigen::VectorXf>;
using ConstVec = Eigen::Map<const Eigen::VectorXf>;

void softmax(float* z, size_t n, float temperature) {
  float max = *std::max_element(z, z + n);
  float sum = 0;
  for (size_t i = 0; i < n; ++i) sum += (z[i] = std::exp((z[i] - max) / temperature));
  for (size_t i = 0; i < n; ++i) z[i] /= sum;
}

// Labels sorted by name, so models do not depend on example order.
std::vector<std::string> collect_labels(const std::vector<std::string>& intents) {
  std::vector<std::string> labels(intents.begin(), intents.end());
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  return labels;
}

}  // namespace

IntentClassifier::Sparse IntentClassifier::vectorize(std::u32string_view text) const {
  thread_local std::vector<uint64_t> hashes;
  hashes.clear();
  featurizer_.extract(text, hashes);
  Sparse x;
  x.rows.resize(hashes.size());
  index_.find_all(hashes.data(), hashes.size(), x.rows.data());
  std::erase(x.rows, FeatureIndex::kMissing);
  // Repeated features add up (term frequency); merge them so every row is
  // touched once.
  std::sort(x.rows.begin(), x.rows.end());
  size_t w = 0;
  x.values.reserve(x.rows.size());
  for (size_t r = 0; r < x.rows.size(); ++r) {
    if (w > 0 && x.rows[w - 1] == x.rows[r]) {
      x.values[w - 1] += idf_[x.rows[r]];
      continue;
    }
    x.rows[w++] = x.rows[r];
    x.values.push_back(idf_[x.rows[r]]);
  }
  x.rows.resize(w);
  // Each feature group (token / character n-gram) gets unit L2 norm.
  float norm[2] = {0, 0};
  for (size_t i = 0; i < x.rows.size(); ++i)
    norm[index_.keys()[x.rows[i]] & 1] += x.values[i] * x.values[i];
  for (float& n : norm) n = n > 0 ? 1.0f / std::sqrt(n) : 0.0f;
  for (size_t i = 0; i < x.rows.size(); ++i) x.values[i] *= norm[index_.keys()[x.rows[i]] & 1];
  return x;
}

void IntentClassifier::logits(const Sparse& x, float* __restrict out) const {
  const size_t n = labels_.size();
  std::copy(bias_.begin(), bias_.end(), out);
  for (size_t i = 0; i < x.rows.size(); ++i) {
    const size_t row = x.rows[i];
    const float scale = x.values[i] * scales_[row];
    // __restrict: int8_t may alias anything, which would block vectorizing.
    const int8_t* __restrict q = q_.data() + row * n;
    for (size_t c = 0; c < n; ++c) out[c] += scale * static_cast<float>(q[c]);
  }
}

void IntentClassifier::probabilities(std::u32string_view text, std::vector<float>& probs) const {
  probs.resize(labels_.size());
  logits(vectorize(text), probs.data());
  softmax(probs.data(), probs.size(), temperature_);
}

Prediction IntentClassifier::predict(std::u32string_view text, size_t k) const {
  thread_local std::vector<float> probs;
  probabilities(text, probs);
  Prediction p;
  std::vector<uint32_t> order(probs.size());
  std::iota(order.begin(), order.end(), 0);
  size_t keep = std::min(std::max<size_t>(k, 2), order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
                    [&](uint32_t a, uint32_t b) { return probs[a] > probs[b]; });
  for (size_t i = 0; i < keep; ++i) p.top.push_back({order[i], probs[order[i]]});
  // Best and runner-up among in-scope labels decide rejection and ambiguity.
  float best = 0, second = 0;
  for (size_t i = 0; i < probs.size(); ++i) {
    if (static_cast<int>(i) == oos_label_) continue;
    if (probs[i] > best) {
      second = best;
      best = probs[i];
    } else if (probs[i] > second) {
      second = probs[i];
    }
  }
  p.out_of_scope = text.empty() || static_cast<int>(order[0]) == oos_label_ || best < threshold_;
  p.ambiguous = !p.out_of_scope && best - second < ambiguity_margin_;
  p.top.resize(std::min(k, p.top.size()));
  return p;
}

void IntentClassifier::fit(const std::vector<Sparse>& xs, const std::vector<uint32_t>& ys,
                           const TrainOptions& o) {
  const size_t n_labels = labels_.size();
  const Eigen::Index n = static_cast<Eigen::Index>(n_labels);
  std::vector<float> weights(index_.size() * n_labels, 0.0f);
  bias_.assign(n_labels, 0.0f);
  auto float_logits = [&](const Sparse& x, float* out) {
    Vec z(out, n);
    z = ConstVec(bias_.data(), n);
    for (size_t f = 0; f < x.rows.size(); ++f)
      z += x.values[f] * ConstVec(weights.data() + size_t{x.rows[f]} * n_labels, n);
  };
  std::vector<uint32_t> order(xs.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(o.seed);
  const double total = static_cast<double>(o.epochs) * static_cast<double>(xs.size());
  double step = 0;
  std::vector<float> g(n_labels);
  // Feature dropout: each step sees a random subset of the example's
  // features (rescaled), a cheap and strong regularizer for sparse linear
  // models that keeps any single n-gram from deciding alone.
  const float keep = 1.0f - o.dropout;
  std::bernoulli_distribution kept(keep);
  Sparse noisy;
  for (uint32_t epoch = 0; epoch < o.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (uint32_t i : order) {
      // Linearly decaying rate, as in fastText: large steps first, then settle.
      float lr = o.learning_rate * static_cast<float>(1.0 - step / total);
      step += 1;
      const Sparse* x = &xs[i];
      if (o.dropout > 0) {
        noisy.rows.clear();
        noisy.values.clear();
        for (size_t f = 0; f < xs[i].rows.size(); ++f)
          if (kept(rng)) {
            noisy.rows.push_back(xs[i].rows[f]);
            noisy.values.push_back(xs[i].values[f] / keep);
          }
        x = &noisy;
      }
      float_logits(*x, g.data());
      softmax(g.data(), n_labels, 1.0f);
      g[ys[i]] -= 1.0f;
      ConstVec grad(g.data(), n);
      for (size_t f = 0; f < x->rows.size(); ++f)
        Vec(weights.data() + size_t{x->rows[f]} * n_labels, n) -= (lr * x->values[f]) * grad;
      Vec(bias_.data(), n) -= lr * grad;
    }
  }
  model::quantize_rows(weights, n_labels, scales_, q_);
}

namespace {

// Builds an untrained classifier's vocabulary and IDF from training texts.
struct Vocabulary {
  std::vector<uint64_t> keys;
  std::vector<float> idf;
};

// Keeps features seen in at least min_count texts and, if there are more than
// max_features, the most frequent of them (ties: first seen), so the model
// fits its size budget.
Vocabulary build_vocabulary(const Featurizer& featurizer, const std::vector<std::u32string>& texts,
                            uint32_t min_count, size_t max_features) {
  std::unordered_map<uint64_t, uint32_t> df;
  std::vector<uint64_t> first_seen;
  std::vector<uint64_t> hashes;
  for (const auto& t : texts) {
    hashes.clear();
    featurizer.extract(t, hashes);
    std::sort(hashes.begin(), hashes.end());
    hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
    for (uint64_t h : hashes)
      if (df[h]++ == 0) first_seen.push_back(h);
  }
  std::erase_if(first_seen, [&](uint64_t h) { return df[h] < min_count; });
  if (first_seen.size() > max_features) {
    std::stable_sort(first_seen.begin(), first_seen.end(),
                     [&](uint64_t a, uint64_t b) { return df[a] > df[b]; });
    first_seen.resize(max_features);
  }
  Vocabulary v;
  const float n = static_cast<float>(texts.size());
  for (uint64_t h : first_seen) {
    uint32_t count = df[h];
    v.keys.push_back(h);
    v.idf.push_back(std::log((n + 1.0f) / (static_cast<float>(count) + 1.0f)) + 1.0f);
  }
  return v;
}

}  // namespace

IntentClassifier IntentClassifier::train(const LabeledTexts& train, const LabeledTexts* dev,
                                         const TrainOptions& o, std::vector<std::string>& report) {
  std::vector<std::string> labels = collect_labels(train.intents);
  size_t in_scope = labels.size() - std::count(labels.begin(), labels.end(), kOutOfScope);
  if (in_scope < 2)
    fail(KEFU_ERR_INVALID_DATA, "intent training needs at least 2 intents, got " +
                                    std::to_string(in_scope));

  auto core = [&](const LabeledTexts& data) {
    IntentClassifier c;
    c.featurizer_ = Featurizer(o.features);
    c.labels_ = labels;
    auto oos = std::find(labels.begin(), labels.end(), kOutOfScope);
    c.oos_label_ = oos == labels.end() ? -1 : static_cast<int>(oos - labels.begin());
    c.ambiguity_margin_ = o.ambiguity_margin;
    // Weights take one byte per feature and label in the model file.
    size_t max_features = std::max<size_t>(1, o.max_weight_bytes / labels.size());
    Vocabulary v = build_vocabulary(c.featurizer_, data.texts, o.min_count, max_features);
    c.index_ = FeatureIndex(v.keys);
    c.idf_ = std::move(v.idf);
    std::vector<Sparse> xs;
    std::vector<uint32_t> ys;
    xs.reserve(data.texts.size());
    for (size_t i = 0; i < data.texts.size(); ++i) {
      xs.push_back(c.vectorize(data.texts[i]));
      ys.push_back(static_cast<uint32_t>(
          std::lower_bound(labels.begin(), labels.end(), data.intents[i]) - labels.begin()));
    }
    c.fit(xs, ys, o);
    return c;
  };

  // Calibration data: the dev set, else held-out predictions of twins trained
  // without them — one stratified slice for large data, k folds for small.
  IntentClassifier model = core(train);
  std::vector<CalibrationRow> rows;
  if (dev != nullptr) {
    rows = model.score(*dev, report);
  } else if (o.holdout > 0) {
    const bool large = train.texts.size() >= 2000;
    const size_t folds = large ? static_cast<size_t>(std::lround(1.0 / o.holdout)) : 5;
    const size_t rounds = large ? 1 : folds;
    for (size_t fold = 0; fold < rounds; ++fold) {
      LabeledTexts fit_part, held_out;
      std::map<std::string, size_t> seen;
      for (size_t i = 0; i < train.texts.size(); ++i) {
        bool hold = seen[train.intents[i]]++ % folds == fold;
        LabeledTexts& dst = hold ? held_out : fit_part;
        dst.texts.push_back(train.texts[i]);
        dst.intents.push_back(train.intents[i]);
      }
      if (held_out.texts.empty() || fit_part.texts.empty()) continue;
      auto part = core(fit_part).score(held_out, report);
      rows.insert(rows.end(), std::make_move_iterator(part.begin()),
                  std::make_move_iterator(part.end()));
    }
  }
  if (rows.size() >= 10) model.calibrate(rows, o);
  else report.push_back("too little data to calibrate: probabilities uncalibrated, no threshold");
  if (o.threshold) model.threshold_ = *o.threshold;
  return model;
}

std::vector<IntentClassifier::CalibrationRow> IntentClassifier::score(
    const LabeledTexts& data, std::vector<std::string>& report) const {
  std::vector<CalibrationRow> rows;
  size_t unknown = 0;
  for (size_t i = 0; i < data.texts.size(); ++i) {
    bool is_oos = data.intents[i] == kOutOfScope;
    auto it = std::lower_bound(labels_.begin(), labels_.end(), data.intents[i]);
    int gold = it != labels_.end() && *it == data.intents[i] ? static_cast<int>(it - labels_.begin()) : -1;
    if (gold < 0 && !is_oos) {
      ++unknown;
      continue;
    }
    CalibrationRow r{std::vector<float>(labels_.size()), gold, is_oos};
    logits(vectorize(data.texts[i]), r.z.data());
    rows.push_back(std::move(r));
  }
  if (unknown > 0)
    report.push_back(std::to_string(unknown) +
                     " calibration examples have intents unknown to the model; ignored");
  return rows;
}

void IntentClassifier::calibrate(const std::vector<CalibrationRow>& rows,
                                 const TrainOptions& o) {
  // Temperature: minimize the negative log-likelihood (golden-section on log T).
  auto nll = [&](float t) {
    double loss = 0;
    std::vector<float> p;
    for (const CalibrationRow& r : rows) {
      if (r.gold < 0) continue;
      p = r.z;
      softmax(p.data(), p.size(), t);
      loss -= std::log(std::max(p[static_cast<size_t>(r.gold)], 1e-12f));
    }
    return loss;
  };
  double lo = std::log(0.05), hi = std::log(20.0);
  const double phi = 0.6180339887498949;
  for (int it = 0; it < 40; ++it) {
    double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
    if (nll(static_cast<float>(std::exp(a))) < nll(static_cast<float>(std::exp(b)))) hi = b;
    else lo = a;
  }
  temperature_ = static_cast<float>(std::exp((lo + hi) / 2));

  // Threshold on the best in-scope probability.
  struct Outcome {
    float best;  // best in-scope probability (0 when the oos class wins)
    bool predicted_right;
    bool oos;
  };
  std::vector<Outcome> scored;
  size_t n_oos = 0, n_in = 0;
  for (const CalibrationRow& r : rows) {
    std::vector<float> p = r.z;
    softmax(p.data(), p.size(), temperature_);
    size_t arg = static_cast<size_t>(std::max_element(p.begin(), p.end()) - p.begin());
    float best = 0;
    for (size_t i = 0; i < p.size(); ++i)
      if (static_cast<int>(i) != oos_label_) best = std::max(best, p[i]);
    bool rejected_by_class = static_cast<int>(arg) == oos_label_;
    if (rejected_by_class) best = 0;  // already rejected whatever the threshold
    scored.push_back({best, !r.oos && static_cast<int>(arg) == r.gold, r.oos});
    (r.oos ? n_oos : n_in) += 1;
  }
  if (n_oos > 0 && n_in > 0) {
    // Maximize the mean of in-scope accuracy and out-of-scope recall (it does
    // not depend on how many out-of-scope examples the set happens to hold),
    // but never reject more than max_rejected of what would have been right.
    std::vector<float> candidates{0.0f};
    for (const auto& s : scored) candidates.push_back(s.best + 1e-6f);
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    double best_score = -1;
    for (float t : candidates) {
      size_t in_ok = 0, oos_ok = 0;
      for (const auto& s : scored) {
        if (s.oos) oos_ok += s.best < t;
        else in_ok += s.predicted_right && s.best >= t;
      }
      double score = 0.5 * (static_cast<double>(in_ok) / static_cast<double>(n_in) +
                            static_cast<double>(oos_ok) / static_cast<double>(n_oos));
      if (score > best_score) {
        best_score = score;
        threshold_ = t;
      }
    }
    std::vector<float> right;  // confidence of the correct answers, ascending
    for (const auto& s : scored)
      if (s.predicted_right) right.push_back(s.best);
    std::sort(right.begin(), right.end());
    if (!right.empty())
      threshold_ = std::min(
          threshold_, right[static_cast<size_t>(o.max_rejected * static_cast<double>(right.size() - 1))]);
  }
  // Without out-of-scope examples there is no evidence for where to cut:
  // threshold stays 0 and low confidence is left to the caller (the dialogue's
  // handoff policy), rather than rejecting a guessed share of good answers.
}

// ---- serialization



void IntentClassifier::write(model::Writer& w) const {
  featurizer_.config().write(w);
  w.pod<uint32_t>(static_cast<uint32_t>(labels_.size()));
  for (const auto& l : labels_) w.str(l);
  w.pod<int32_t>(oos_label_);
  w.pod<float>(temperature_);
  w.pod<float>(threshold_);
  w.pod<float>(ambiguity_margin_);
  w.vec(index_.keys());
  w.vec(idf_);
  w.vec(bias_);
  w.vec(scales_);
  w.vec(q_);
}

IntentClassifier IntentClassifier::read(model::Reader& r) {
  IntentClassifier c;
  c.featurizer_ = Featurizer(FeatureConfig::read(r));
  uint32_t n = r.pod<uint32_t>("intent labels");
  if (n < 2 || n > 100000) fail(KEFU_ERR_CORRUPT, "model data: invalid intent label count");
  for (uint32_t i = 0; i < n; ++i) c.labels_.push_back(r.str("intent label"));
  c.oos_label_ = r.pod<int32_t>("intent labels");
  c.temperature_ = r.pod<float>("temperature");
  c.threshold_ = r.pod<float>("threshold");
  c.ambiguity_margin_ = r.pod<float>("ambiguity margin");
  auto keys = r.vec<uint64_t>("feature keys");
  c.idf_ = r.vec<float>("feature weights");
  c.bias_ = r.vec<float>("intent bias");
  c.scales_ = r.vec<float>("weight scales");
  c.q_ = r.vec<int8_t>("weights");
  if (c.oos_label_ < -1 || c.oos_label_ >= static_cast<int>(n) || c.idf_.size() != keys.size() ||
      c.bias_.size() != n || c.scales_.size() != keys.size() || c.q_.size() != keys.size() * n ||
      !(c.temperature_ > 0) || !std::isfinite(c.threshold_))
    fail(KEFU_ERR_CORRUPT, "model data: inconsistent intent classifier");
  c.index_ = FeatureIndex(keys);
  return c;
}

}  // namespace kefu::intent
