package org.dmmedge.cache;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.dmmedge.cache.fill.FillReader;

/**
 * Drains a {@link FillReader} the way the edge does (listener wakes the reading thread), with a
 * bounded wait per step, and reports the bytes and the final status.
 */
final class ReaderDrain {
  private ReaderDrain() {}

  /**
   * The outcome of a drain.
   *
   * @param status the final status (END, ABORTED, UNCACHEABLE, RANGE_NOT_SATISFIABLE)
   * @param body the bytes read
   * @param bytesBeforeComplete bytes read while the fill had no outcome yet
   */
  record Result(FillReader.Status status, byte[] body, long bytesBeforeComplete) {}

  /** Reads until a terminal status; closes the reader. */
  static Result drain(FillReader reader) throws InterruptedException {
    Semaphore wake = new Semaphore(0);
    reader.listen(wake::release);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    long early = 0;
    try {
      while (true) {
        ByteBuf slice;
        while ((slice = reader.readSlice(16 * 1024)) != null) {
          try {
            if (reader.fill().outcome() == null) {
              early += slice.readableBytes();
            }
            byte[] bytes = new byte[slice.readableBytes()];
            slice.readBytes(bytes);
            body.writeBytes(bytes);
          } finally {
            slice.release();
          }
        }
        FillReader.Status status = reader.status();
        if (status != FillReader.Status.WAITING && status != FillReader.Status.READABLE) {
          return new Result(status, body.toByteArray(), early);
        }
        if (status == FillReader.Status.WAITING && !wake.tryAcquire(10, TimeUnit.SECONDS)) {
          throw new AssertionError("reader not woken within 10 s at " + reader.position());
        }
      }
    } finally {
      reader.close();
    }
  }
}
