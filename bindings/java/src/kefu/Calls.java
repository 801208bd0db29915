package kefu;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.jna.Pointer;

/** Conversions at the C boundary: UTF-8 in, library-owned buffers out and freed. */
final class Calls {
  static final KefuLibrary LIB = KefuLibrary.LIB;
  static final int ERR_NOT_FOUND = 9;
  static final int ERR_STATE = 13;

  private Calls() {}

  /** Text as UTF-8 bytes (with its length passed separately). */
  static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(UTF_8);
  }

  static long len(byte[] b) {
    return b == null ? 0 : b.length;
  }

  /** A NUL-terminated C string; null stays NULL. An embedded NUL would cut it short in C. */
  static byte[] cstr(String s) {
    if (s == null) {
      return null;
    }
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("kefu: embedded NUL character in a name, path or JSON");
    }
    byte[] b = s.getBytes(UTF_8);
    byte[] z = new byte[b.length + 1];
    System.arraycopy(b, 0, z, 0, b.length);
    return z;
  }

  /** The pointer a call wrote to its out parameter (a long[1]: cheaper than JNA's ByReference). */
  static Pointer ptr(long[] out) {
    return out[0] == 0 ? null : new Pointer(out[0]);
  }

  static String str(Pointer p) {
    return p == null ? "" : p.getString(0, "UTF-8");
  }

  static String statusName(int status) {
    return str(LIB.kefu_status_name(status));
  }

  /** Must run right after the failed call, on its thread: kefu_last_error() is thread-local. */
  static KefuException error(int status) {
    return new KefuException(status, statusName(status), str(LIB.kefu_last_error()));
  }

  static void check(int status) {
    if (status != 0) {
      throw error(status);
    }
  }

  static KefuException closed(String what) {
    return new KefuException(ERR_STATE, "KEFU_ERR_STATE", "KEFU_ERR_STATE: the " + what + " is closed");
  }

  /** The JSON string a call wrote to out, freed; or the call's error. */
  static String json(int status, long[] out) {
    Pointer p = ptr(out);
    try {
      if (status != 0) {
        throw error(status);
      }
      return str(p);
    } finally {
      LIB.kefu_string_free(p);
    }
  }

  /** The bytes a call wrote to (out, len), freed; or the call's error. */
  static byte[] bytes(int status, long[] out, long[] len) {
    Pointer p = ptr(out);
    try {
      if (status != 0) {
        throw error(status);
      }
      return p == null ? new byte[0] : p.getByteArray(0, Math.toIntExact(len[0]));
    } finally {
      LIB.kefu_string_free(p);
    }
  }
}
