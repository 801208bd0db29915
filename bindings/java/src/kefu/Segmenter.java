package kefu;

import static kefu.Calls.LIB;
import static kefu.Calls.check;
import static kefu.Calls.cstr;
import static kefu.Calls.len;
import static kefu.Calls.utf8;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/** A word segmenter; immutable, shared by any number of threads. */
public final class Segmenter extends Handle {
  /** options: {"user_words": [...], "normalize": {...} | false, "keep_punctuation": bool}. */
  public Segmenter(String optionsJson) {
    super(create(optionsJson), "segmenter");
  }

  private static Pointer create(String optionsJson) {
    PointerByReference out = new PointerByReference();
    check(LIB.kefu_segmenter_new(cstr(optionsJson), out));
    return out.getValue();
  }

  /** {"tokens": [{"text", "norm", "type", "start", "end", "byte_start", "byte_end"}]} */
  public String segment(String text) {
    byte[] b = utf8(text);
    return use(p -> {
      PointerByReference out = new PointerByReference();
      return Calls.json(LIB.kefu_segment(p, b, len(b), out), out);
    });
  }

  @Override
  void free(Pointer p) {
    LIB.kefu_segmenter_free(p);
  }
}
