package org.dmmedge.mpd.parse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails the read that would pass {@code maxBytes}: the parser's size limit. */
final class LimitedInputStream extends FilterInputStream {
  /** Thrown through the XML parser; recognised by {@link MpdParser}. */
  static final class TooLargeException extends IOException {
    final long maxBytes;

    TooLargeException(long maxBytes) {
      super("MPD: more than " + maxBytes + " bytes");
      this.maxBytes = maxBytes;
    }
  }

  private final long maxBytes;
  private long read;

  LimitedInputStream(InputStream in, long maxBytes) {
    super(in);
    this.maxBytes = maxBytes;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(int n) throws TooLargeException {
    read += n;
    if (read > maxBytes) {
      throw new TooLargeException(maxBytes);
    }
  }
}
