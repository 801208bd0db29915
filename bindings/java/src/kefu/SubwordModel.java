package kefu;

import static kefu.Calls.LIB;
import static kefu.Calls.check;
import static kefu.Calls.cstr;
import static kefu.Calls.len;
import static kefu.Calls.utf8;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/** A SentencePiece subword model in memory; immutable and thread-safe. */
public final class SubwordModel extends Handle {
  private SubwordModel(Pointer p) {
    super(p, "subword model");
  }

  /** Trains from sentences, one per line; options vocab_size, model_type, ... */
  public static SubwordModel train(String sentences, String optionsJson) {
    byte[] b = utf8(sentences);
    PointerByReference out = new PointerByReference();
    check(LIB.kefu_subword_train(b, len(b), cstr(optionsJson), out));
    return new SubwordModel(out.getValue());
  }

  /** Loads a model from its serialized bytes (see toBytes). */
  public static SubwordModel load(byte[] model) {
    PointerByReference out = new PointerByReference();
    check(LIB.kefu_subword_load(model, len(model), out));
    return new SubwordModel(out.getValue());
  }

  public byte[] toBytes() {
    return use(p -> {
      PointerByReference out = new PointerByReference();
      LongByReference n = new LongByReference();
      return Calls.bytes(LIB.kefu_subword_bytes(p, out, n), out, n);
    });
  }

  /** {"pieces": [{"piece", "id", "start", "end", ...}], "vocab_size": n} */
  public String encode(String text) {
    byte[] b = utf8(text);
    return use(p -> {
      PointerByReference out = new PointerByReference();
      return Calls.json(LIB.kefu_subword_encode(p, b, len(b), out), out);
    });
  }

  @Override
  void free(Pointer p) {
    LIB.kefu_subword_free(p);
  }
}
