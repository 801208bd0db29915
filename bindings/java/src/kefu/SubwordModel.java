package kefu;

import static kefu.Calls.LIB;
import static kefu.Calls.check;
import static kefu.Calls.cstr;
import static kefu.Calls.len;
import static kefu.Calls.utf8;

import com.sun.jna.Pointer;

/** A SentencePiece subword model in memory; immutable and thread-safe. */
public final class SubwordModel extends Handle {
  private SubwordModel(Pointer p) {
    super(p, "subword model");
  }

  /** Trains from sentences, one per line; options vocab_size, model_type, ... */
  public static SubwordModel train(String sentences, String optionsJson) {
    byte[] b = utf8(sentences);
    long[] out = new long[1];
    check(LIB.kefu_subword_train(b, len(b), cstr(optionsJson), out));
    return new SubwordModel(Calls.ptr(out));
  }

  /** Loads a model from its serialized bytes (see toBytes). */
  public static SubwordModel load(byte[] model) {
    long[] out = new long[1];
    check(LIB.kefu_subword_load(model, len(model), out));
    return new SubwordModel(Calls.ptr(out));
  }

  public byte[] toBytes() {
    return use(p -> {
      long[] out = new long[1];
      long[] n = new long[1];
      return Calls.bytes(LIB.kefu_subword_bytes(p, out, n), out, n);
    });
  }

  /** {"pieces": [{"piece", "id", "start", "end", ...}], "vocab_size": n} */
  public String encode(String text) {
    byte[] b = utf8(text);
    return use(p -> {
      long[] out = new long[1];
      return Calls.json(LIB.kefu_subword_encode(p, b, len(b), out), out);
    });
  }

  @Override
  void free(Pointer p) {
    LIB.kefu_subword_free(p);
  }
}
