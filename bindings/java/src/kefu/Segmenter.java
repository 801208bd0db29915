package kefu;

import static kefu.Calls.LIB;
import static kefu.Calls.check;
import static kefu.Calls.cstr;
import static kefu.Calls.len;
import static kefu.Calls.utf8;

import com.sun.jna.Pointer;

/** A word segmenter; immutable, shared by any number of threads. */
public final class Segmenter extends Handle {
  /** options: {"user_words": [...], "normalize": {...} | false, "keep_punctuation": bool}. */
  public Segmenter(String optionsJson) {
    super(create(optionsJson), "segmenter");
  }

  private static Pointer create(String optionsJson) {
    long[] out = new long[1];
    check(LIB.kefu_segmenter_new(cstr(optionsJson), out));
    return Calls.ptr(out);
  }

  /** {"tokens": [{"text", "norm", "type", "start", "end", "byte_start", "byte_end"}]} */
  public String segment(String text) {
    byte[] b = utf8(text);
    return use(p -> {
      long[] out = new long[1];
      return Calls.json(LIB.kefu_segment(p, b, len(b), out), out);
    });
  }

  @Override
  void free(Pointer p) {
    LIB.kefu_segmenter_free(p);
  }
}
