// SentencePiece subword models, trained and used entirely in memory so that
// their bytes can live inside kefu model files.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sentencepiece {
class SentencePieceProcessor;
}

namespace kefu::text {

struct SubwordTrainOptions {
  int vocab_size = 8000;
  double character_coverage = 0.9995;
  std::string model_type = "unigram";
};

struct Piece {
  std::string piece;
  int id;
  uint32_t byte_begin;  // into the encoded text
  uint32_t byte_end;
};

class SubwordModel {
 public:
  // Trains from sentences. If the data cannot support vocab_size, training is
  // retried with the largest size SentencePiece reports as possible.
  static std::unique_ptr<SubwordModel> train(const std::vector<std::string>& sentences,
                                             const SubwordTrainOptions& options);
  static std::unique_ptr<SubwordModel> load(std::string serialized);
  ~SubwordModel();

  std::vector<Piece> encode(std::string_view text) const;  // thread-safe
  const std::string& bytes() const { return bytes_; }
  int vocab_size() const;

 private:
  SubwordModel() = default;
  std::string bytes_;
  std::unique_ptr<sentencepiece::SentencePieceProcessor> processor_;
};

}  // namespace kefu::text
