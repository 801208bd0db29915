#include "text/subword.h"

#include <algorithm>
#include <cstdlib>
#include <unordered_map>

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include "core/error.h"

namespace kefu::text {

namespace {

class VectorIterator : public sentencepiece::SentenceIterator {
 public:
  explicit VectorIterator(const std::vector<std::string>& v) : v_(v) {}
  bool done() const override { return i_ >= v_.size(); }
  void Next() override { ++i_; }
  const std::string& value() const override { return v_[i_]; }
  sentencepiece::util::Status status() const override { return {}; }

 private:
  const std::vector<std::string>& v_;
  size_t i_ = 0;
};

sentencepiece::util::Status train_once(const std::vector<std::string>& sentences,
                                       const SubwordTrainOptions& o, int vocab_size,
                                       std::string* bytes) {
  std::unordered_map<std::string, std::string> args = {
      {"vocab_size", std::to_string(vocab_size)},
      {"character_coverage", std::to_string(o.character_coverage)},
      {"model_type", o.model_type},
      {"minloglevel", "2"},  // training chatter stays off the host's stderr
      {"num_threads", "1"},
      {"hard_vocab_limit", "false"},
  };
  VectorIterator it(sentences);
  return sentencepiece::SentencePieceTrainer::Train(args, &it, bytes);
}

}  // namespace

std::unique_ptr<SubwordModel> SubwordModel::train(const std::vector<std::string>& sentences,
                                                  const SubwordTrainOptions& o) {
  if (sentences.empty())
    fail(KEFU_ERR_INVALID_DATA, "subword training: no sentences");
  static const char* kTypes[] = {"unigram", "bpe", "char", "word"};
  if (std::find(std::begin(kTypes), std::end(kTypes), o.model_type) == std::end(kTypes))
    fail(KEFU_ERR_INVALID_OPTIONS, "subword options: \"model_type\" must be one of "
                                   "unigram, bpe, char, word");
  std::string bytes;
  auto status = train_once(sentences, o, o.vocab_size, &bytes);
  if (!status.ok()) {
    // SentencePiece explains a too-large vocabulary as "... <= N"; retry at N.
    std::string message = status.ToString();
    size_t at = message.find("<= ");
    int fit = at == std::string::npos ? 0 : std::atoi(message.c_str() + at + 3);
    if (fit > 0 && fit < o.vocab_size) status = train_once(sentences, o, fit, &bytes);
  }
  if (!status.ok())
    fail(KEFU_ERR_INVALID_DATA, "subword training failed: " + status.ToString());
  return load(std::move(bytes));
}

std::unique_ptr<SubwordModel> SubwordModel::load(std::string serialized) {
  std::unique_ptr<SubwordModel> m(new SubwordModel());
  m->processor_ = std::make_unique<sentencepiece::SentencePieceProcessor>();
  auto status = m->processor_->LoadFromSerializedProto(serialized);
  if (!status.ok())
    fail(KEFU_ERR_CORRUPT, "subword model could not be loaded: " + status.ToString());
  m->bytes_ = std::move(serialized);
  return m;
}

SubwordModel::~SubwordModel() = default;

int SubwordModel::vocab_size() const { return processor_->GetPieceSize(); }

std::vector<Piece> SubwordModel::encode(std::string_view text) const {
  sentencepiece::ImmutableSentencePieceText spt = processor_->EncodeAsImmutableProto(text);
  std::vector<Piece> pieces;
  pieces.reserve(spt.pieces_size());
  for (const auto& p : spt.pieces())
    pieces.push_back(Piece{p.piece(), static_cast<int>(p.id()), p.begin(), p.end()});
  return pieces;
}

}  // namespace kefu::text
