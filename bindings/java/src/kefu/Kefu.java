package kefu;

import static kefu.Calls.LIB;
import static kefu.Calls.cstr;
import static kefu.Calls.len;
import static kefu.Calls.utf8;


/**
 * kefu's functions that need no handle: version, text helpers, default sentiment.
 * All are thread-safe. Results are JSON strings as documented in kefu.h; options are
 * JSON objects (null = defaults).
 */
public final class Kefu {
  private Kefu() {}

  /** Version of the loaded libkefu, "MAJOR.MINOR.PATCH". */
  public static String version() {
    return Calls.str(LIB.kefu_version());
  }

  /** MAJOR*10000 + MINOR*100 + PATCH. */
  public static int versionNumber() {
    return LIB.kefu_version_number();
  }

  /** A status code's constant name, e.g. "KEFU_ERR_INVALID_UTF8". */
  public static String statusName(int status) {
    return Calls.statusName(status);
  }

  private interface TextCall {
    int call(byte[] text, long len, byte[] options, long[] out);
  }

  private static String text(TextCall fn, String text, String optionsJson) {
    byte[] b = utf8(text);
    long[] out = new long[1];
    return Calls.json(fn.call(b, len(b), cstr(optionsJson), out), out);
  }

  /** {"text": normalized, "spans": [[s, e, bs, be], ...]} */
  public static String normalize(String text, String optionsJson) {
    return text(LIB::kefu_normalize, text, optionsJson);
  }

  /** {"entities": [{"entity", "value", "text", "start", "end", ...}]} */
  public static String entities(String text, String optionsJson) {
    return text(LIB::kefu_entities, text, optionsJson);
  }

  /** {"text": masked, "masked": [{"type", "start", "end"}]} */
  public static String maskPii(String text, String optionsJson) {
    return text(LIB::kefu_mask_pii, text, optionsJson);
  }

  /** Sentiment of one message with the default lexicons. */
  public static String sentiment(String text, String optionsJson) {
    return SentimentModel.score(null, text, optionsJson);
  }

  /** Conversation sentiment with the default lexicons; stateJson null for the first message. */
  public static String sentimentTrack(String stateJson, String text, String optionsJson) {
    return SentimentModel.track(null, stateJson, text, optionsJson);
  }

  /** Hot-path sentiment with the default lexicons. */
  public static SentimentScore sentimentFast(String text) {
    return SentimentModel.fast(null, text);
  }
}
