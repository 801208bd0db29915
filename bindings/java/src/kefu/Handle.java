package kefu;

import com.sun.jna.Pointer;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * Base of every object owning a kefu handle. Calls hold a read lock and close() the
 * write lock, so close() waits for calls in flight on other threads (kefu.h forbids
 * freeing a handle in use) and later calls throw KefuException (KEFU_ERR_STATE).
 */
abstract class Handle implements AutoCloseable {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String kind;
  private volatile Pointer ptr;

  Handle(Pointer ptr, String kind) {
    this.ptr = ptr;
    this.kind = kind;
  }

  /** Frees the native object; called once, under the write lock. */
  abstract void free(Pointer p);

  /** Closes what depends on this handle first (an engine's sessions). */
  void beforeFree() {}

  Pointer acquire() {
    lock.readLock().lock();
    Pointer p = ptr;
    if (p == null) {
      lock.readLock().unlock();
      throw Calls.closed(kind);
    }
    return p;
  }

  void release() {
    lock.readLock().unlock();
  }

  <T> T use(Function<Pointer, T> call) {
    Pointer p = acquire();
    try {
      return call.apply(p);
    } finally {
      release();
    }
  }

  public boolean isClosed() {
    return ptr == null;
  }

  /** Frees the native object; idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      Pointer p = ptr;
      if (p != null) {
        beforeFree();
        ptr = null;
        free(p);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
