package kefu;

/** A kefu call failed: carries the kefu_status code, its name and kefu's message. */
public class KefuException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String name;

  public KefuException(int status, String name, String message) {
    super(message.startsWith(name) ? message : name + ": " + message);
    this.status = status;
    this.name = name;
  }

  /** The numeric kefu_status, e.g. 2. */
  public int status() {
    return status;
  }

  /** The status constant's name, e.g. "KEFU_ERR_INVALID_UTF8". */
  public String statusName() {
    return name;
  }
}
