package kefu;

import static kefu.Calls.LIB;
import static kefu.Calls.check;
import static kefu.Calls.cstr;
import static kefu.Calls.len;
import static kefu.Calls.utf8;

import com.sun.jna.Pointer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sentiment lexicons: kefu's defaults extended (or replaced) by the caller's TSV
 * (term, weight, kind per line). Immutable and thread-safe. The static methods of
 * {@link Kefu} use the defaults.
 */
public final class SentimentModel extends Handle {
  static final String[] EMOTIONS = {"anger", "anxiety", "sadness", "disgust", "joy", "surprise", "trust"};
  private static final String[] LABELS = {"negative", "neutral", "positive"};

  /** lexiconTsv may be null (defaults only); options: {"replace_defaults": bool}. */
  public SentimentModel(String lexiconTsv, String optionsJson) {
    super(create(lexiconTsv, optionsJson), "sentiment model");
  }

  private static Pointer create(String lexiconTsv, String optionsJson) {
    byte[] b = utf8(lexiconTsv);
    long[] out = new long[1];
    check(LIB.kefu_sentiment_model_new(b, len(b), cstr(optionsJson), out));
    return Calls.ptr(out);
  }

  /** {"score", "label", "confidence", "emotions", "escalation", "cues"} */
  public String score(String text, String optionsJson) {
    return use(p -> score(p, text, optionsJson));
  }

  /** Folds a message into a conversation's sentiment; state: the previous "state" or null. */
  public String track(String stateJson, String text, String optionsJson) {
    return use(p -> track(p, stateJson, text, optionsJson));
  }

  /** The hot-path scorer: no JSON, no cues. */
  public SentimentScore fast(String text) {
    return use(p -> fast(p, text));
  }

  static String score(Pointer model, String text, String optionsJson) {
    byte[] b = utf8(text);
    long[] out = new long[1];
    return Calls.json(LIB.kefu_sentiment(model, b, len(b), cstr(optionsJson), out), out);
  }

  static String track(Pointer model, String stateJson, String text, String optionsJson) {
    byte[] s = utf8(stateJson);
    byte[] b = utf8(text);
    long[] out = new long[1];
    return Calls.json(LIB.kefu_sentiment_track(model, s, len(s), b, len(b), cstr(optionsJson), out),
                      out);
  }

  static SentimentScore fast(Pointer model, String text) {
    byte[] b = utf8(text);
    KefuLibrary.SentimentScoreStruct r = new KefuLibrary.SentimentScoreStruct();
    r.struct_size = r.size();
    check(LIB.kefu_sentiment_fast(model, b, len(b), r));
    Map<String, Float> emotions = new LinkedHashMap<>();
    for (int i = 0; i < EMOTIONS.length; i++) {
      emotions.put(EMOTIONS[i], r.emotions[i]);
    }
    return new SentimentScore(r.score, LABELS[r.label + 1], r.confidence,
                              java.util.Collections.unmodifiableMap(emotions), r.escalation != 0);
  }

  @Override
  void free(Pointer p) {
    LIB.kefu_sentiment_model_free(p);
  }
}
