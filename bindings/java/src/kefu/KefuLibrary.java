package kefu;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The C ABI of kefu.h as seen by JNA. Internal: use the classes of this package.
 * Strings passed to C are NUL-terminated UTF-8 byte arrays (never Java Strings,
 * whose encoding would depend on the platform); size_t is a Java long (LP64).
 * The library comes from -Dkefu.library, else $KEFU_LIBRARY, else JNA's search
 * (jna.library.path, the system loader).
 */
interface KefuLibrary extends Library {
  KefuLibrary LIB = load();

  private static KefuLibrary load() {
    String path = System.getProperty("kefu.library", System.getenv("KEFU_LIBRARY"));
    String name = path != null && !path.isEmpty() ? path : "kefu";
    try {
      return Native.load(name, KefuLibrary.class);
    } catch (UnsatisfiedLinkError e) {
      UnsatisfiedLinkError err = new UnsatisfiedLinkError("kefu: cannot load libkefu from '" + name
          + "' (set KEFU_LIBRARY or -Dkefu.library to the path of libkefu.so, or install "
          + "libkefu where the system loader finds it): " + e.getMessage());
      err.initCause(e);
      throw err;
    }
  }

  @Structure.FieldOrder({"intent", "probability"})
  class IntentScoreStruct extends Structure {
    public Pointer intent;
    public float probability;
  }

  @Structure.FieldOrder({"struct_size", "score", "label", "confidence", "emotions", "escalation"})
  class SentimentScoreStruct extends Structure {
    public int struct_size;
    public float score;
    public int label;
    public float confidence;
    public float[] emotions = new float[7];
    public int escalation;
  }

  Pointer kefu_version();
  int kefu_version_number();
  Pointer kefu_last_error();
  Pointer kefu_status_name(int status);
  void kefu_string_free(Pointer s);

  int kefu_normalize(byte[] text, long len, byte[] options, PointerByReference out);
  int kefu_segmenter_new(byte[] options, PointerByReference out);
  void kefu_segmenter_free(Pointer segmenter);
  int kefu_segment(Pointer segmenter, byte[] text, long len, PointerByReference out);
  int kefu_subword_train(byte[] sentences, long len, byte[] options, PointerByReference out);
  int kefu_subword_load(byte[] model, long len, PointerByReference out);
  void kefu_subword_free(Pointer model);
  int kefu_subword_bytes(Pointer model, PointerByReference out, LongByReference outLen);
  int kefu_subword_encode(Pointer model, byte[] text, long len, PointerByReference out);

  int kefu_engine_train(byte[] bot, long len, byte[] options, PointerByReference out);
  int kefu_engine_train_jsonl(byte[] train, long trainLen, byte[] dev, long devLen,
      byte[] options, PointerByReference out);
  int kefu_engine_open(byte[] path, byte[] options, PointerByReference out);
  int kefu_engine_open_memory(byte[] data, long len, byte[] options, PointerByReference out);
  int kefu_engine_save(Pointer engine, byte[] path);
  int kefu_engine_serialize(Pointer engine, PointerByReference out, LongByReference outLen);
  void kefu_engine_close(Pointer engine);
  int kefu_engine_info(Pointer engine, PointerByReference out);
  int kefu_parse(Pointer engine, byte[] text, long len, byte[] options, PointerByReference out);
  int kefu_classify(Pointer engine, byte[] text, long len, IntentScoreStruct[] out, long capacity,
      LongByReference outCount, IntByReference outOfScope);

  int kefu_entities(byte[] text, long len, byte[] options, PointerByReference out);
  int kefu_mask_pii(byte[] text, long len, byte[] options, PointerByReference out);

  int kefu_kb_open(byte[] dir, byte[] options, PointerByReference out);
  void kefu_kb_close(Pointer kb);
  int kefu_kb_upsert(Pointer kb, byte[] entry, long len);
  int kefu_kb_delete(Pointer kb, byte[] id);
  int kefu_kb_get(Pointer kb, byte[] id, PointerByReference out);
  int kefu_kb_search(Pointer kb, byte[] query, long len, byte[] options, PointerByReference out);
  int kefu_kb_import(Pointer kb, byte[] jsonl, long len, byte[] options, PointerByReference out);
  int kefu_kb_export(Pointer kb, PointerByReference out, LongByReference outLen);
  int kefu_kb_set_synonyms(Pointer kb, byte[] synonyms, long len);
  int kefu_kb_compact(Pointer kb);
  int kefu_kb_stats(Pointer kb, PointerByReference out);
  Pointer kefu_engine_kb(Pointer engine);

  int kefu_sentiment_model_new(byte[] lexicon, long len, byte[] options, PointerByReference out);
  void kefu_sentiment_model_free(Pointer model);
  int kefu_sentiment(Pointer model, byte[] text, long len, byte[] options, PointerByReference out);
  int kefu_sentiment_track(Pointer model, byte[] state, long stateLen, byte[] text, long len,
      byte[] options, PointerByReference out);
  int kefu_sentiment_fast(Pointer model, byte[] text, long len, SentimentScoreStruct out);

  int kefu_session_new(Pointer engine, byte[] state, long stateLen, PointerByReference out);
  void kefu_session_free(Pointer session);
  int kefu_session_turn(Pointer session, byte[] text, long len, byte[] context,
      PointerByReference out);
  int kefu_session_save(Pointer session, PointerByReference out);

  // JNA binds lazily: with a libkefu that predates profiles only these calls fail.
  int kefu_profiles_open(byte[] dir, byte[] options, PointerByReference out);
  void kefu_profiles_close(Pointer profiles);
  int kefu_profiles_record(Pointer profiles, byte[] event, long len, PointerByReference out);
  int kefu_profiles_link(Pointer profiles, byte[] a, byte[] b, PointerByReference out);
  int kefu_profiles_get(Pointer profiles, byte[] identifier, byte[] options, PointerByReference out);
  int kefu_profiles_with_tag(Pointer profiles, byte[] tag, long limit, PointerByReference out);
  int kefu_profiles_record_turn(Pointer profiles, byte[] customer, byte[] turn, long len, byte[] context,
      PointerByReference out);
  int kefu_profiles_route(Pointer profiles, byte[] identifier, byte[] turn, long len, PointerByReference out);
}
