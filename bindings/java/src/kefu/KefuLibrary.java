package kefu;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The C ABI of kefu.h as seen by JNA. Internal: use the classes of this package.
 * Direct mapping (native methods bound by Native.register), not a JNA interface:
 * an interface call goes through a reflective proxy and costs several times more.
 * Strings passed to C are NUL-terminated UTF-8 byte arrays (never Java Strings,
 * whose encoding would depend on the platform); size_t is a Java long (LP64);
 * out parameters (pointers, sizes, flags) are one-element arrays, which cost far
 * less per call than JNA's ByReference objects (each a native allocation).
 * The library comes from -Dkefu.library, else $KEFU_LIBRARY, else JNA's search
 * (jna.library.path, the system loader).
 */
final class KefuLibrary {
  static final KefuLibrary LIB = new KefuLibrary();

  static {
    String path = System.getProperty("kefu.library", System.getenv("KEFU_LIBRARY"));
    String name = path != null && !path.isEmpty() ? path : "kefu";
    try {
      Native.register(KefuLibrary.class, NativeLibrary.getInstance(name));
    } catch (UnsatisfiedLinkError e) {
      UnsatisfiedLinkError err = new UnsatisfiedLinkError("kefu: cannot load libkefu from '" + name
          + "' (set KEFU_LIBRARY or -Dkefu.library to the path of libkefu.so, or install "
          + "libkefu where the system loader finds it): " + e.getMessage());
      err.initCause(e);
      throw err;
    }
  }

  private KefuLibrary() {}

  /** Size of kefu_intent_score on LP64: a pointer, a float, padding. */
  static final int INTENT_SCORE_BYTES = 16;

  @Structure.FieldOrder({"struct_size", "score", "label", "confidence", "emotions", "escalation"})
  public static class SentimentScoreStruct extends Structure {
    public int struct_size;
    public float score;
    public int label;
    public float confidence;
    public float[] emotions = new float[7];
    public int escalation;
  }

  native Pointer kefu_version();
  native int kefu_version_number();
  native Pointer kefu_last_error();
  native Pointer kefu_status_name(int status);
  native void kefu_string_free(Pointer s);

  native int kefu_normalize(byte[] text, long len, byte[] options, long[] out);
  native int kefu_segmenter_new(byte[] options, long[] out);
  native void kefu_segmenter_free(Pointer segmenter);
  native int kefu_segment(Pointer segmenter, byte[] text, long len, long[] out);
  native int kefu_subword_train(byte[] sentences, long len, byte[] options, long[] out);
  native int kefu_subword_load(byte[] model, long len, long[] out);
  native void kefu_subword_free(Pointer model);
  native int kefu_subword_bytes(Pointer model, long[] out, long[] outLen);
  native int kefu_subword_encode(Pointer model, byte[] text, long len, long[] out);

  native int kefu_engine_train(byte[] bot, long len, byte[] options, long[] out);
  native int kefu_engine_train_jsonl(byte[] train, long trainLen, byte[] dev, long devLen,
      byte[] options, long[] out);
  native int kefu_engine_open(byte[] path, byte[] options, long[] out);
  native int kefu_engine_open_memory(byte[] data, long len, byte[] options, long[] out);
  native int kefu_engine_save(Pointer engine, byte[] path);
  native int kefu_engine_serialize(Pointer engine, long[] out, long[] outLen);
  native void kefu_engine_close(Pointer engine);
  native int kefu_engine_info(Pointer engine, long[] out);
  native int kefu_parse(Pointer engine, byte[] text, long len, byte[] options, long[] out);
  native int kefu_classify(Pointer engine, byte[] text, long len, Pointer out, long capacity,
      long[] outCount, int[] outOfScope);

  native int kefu_entities(byte[] text, long len, byte[] options, long[] out);
  native int kefu_mask_pii(byte[] text, long len, byte[] options, long[] out);

  native int kefu_kb_open(byte[] dir, byte[] options, long[] out);
  native void kefu_kb_close(Pointer kb);
  native int kefu_kb_upsert(Pointer kb, byte[] entry, long len);
  native int kefu_kb_delete(Pointer kb, byte[] id);
  native int kefu_kb_get(Pointer kb, byte[] id, long[] out);
  native int kefu_kb_search(Pointer kb, byte[] query, long len, byte[] options, long[] out);
  native int kefu_kb_import(Pointer kb, byte[] jsonl, long len, byte[] options, long[] out);
  native int kefu_kb_export(Pointer kb, long[] out, long[] outLen);
  native int kefu_kb_set_synonyms(Pointer kb, byte[] synonyms, long len);
  native int kefu_kb_compact(Pointer kb);
  native int kefu_kb_stats(Pointer kb, long[] out);
  native Pointer kefu_engine_kb(Pointer engine);

  native int kefu_sentiment_model_new(byte[] lexicon, long len, byte[] options, long[] out);
  native void kefu_sentiment_model_free(Pointer model);
  native int kefu_sentiment(Pointer model, byte[] text, long len, byte[] options, long[] out);
  native int kefu_sentiment_track(Pointer model, byte[] state, long stateLen, byte[] text, long len,
      byte[] options, long[] out);
  native int kefu_sentiment_fast(Pointer model, byte[] text, long len, SentimentScoreStruct out);

  native int kefu_session_new(Pointer engine, byte[] state, long stateLen, long[] out);
  native void kefu_session_free(Pointer session);
  native int kefu_session_turn(Pointer session, byte[] text, long len, byte[] context,
      long[] out);
  native int kefu_session_save(Pointer session, long[] out);

  native int kefu_profiles_open(byte[] dir, byte[] options, long[] out);
  native void kefu_profiles_close(Pointer profiles);
  native int kefu_profiles_record(Pointer profiles, byte[] event, long len, long[] out);
  native int kefu_profiles_link(Pointer profiles, byte[] a, byte[] b, long[] out);
  native int kefu_profiles_get(Pointer profiles, byte[] identifier, byte[] options, long[] out);
  native int kefu_profiles_with_tag(Pointer profiles, byte[] tag, long limit, long[] out);
  native int kefu_profiles_record_turn(Pointer profiles, byte[] customer, byte[] turn, long len, byte[] context,
      long[] out);
  native int kefu_profiles_route(Pointer profiles, byte[] identifier, byte[] turn, long len, long[] out);
}
