package org.dmmedge.cache;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * The body bytes of one cached response, owned by whoever received it from a lookup.
 *
 * <p>Ownership: the receiver must either hand the body over to something that frees it (write
 * {@link Memory#content()} to a Netty channel, which releases it; wrap {@link File} in a
 * {@code DefaultFileRegion(channel, offset, length)}, which closes the channel when released)
 * or call {@link #release()}. Exactly one of the two.
 */
public sealed interface CachedBody permits CachedBody.Memory, CachedBody.File {

  /** Number of bytes to send. */
  long length();

  /** Frees the body without sending it. */
  void release();

  /**
   * Off-heap bytes: a retained slice (or duplicate) of the stored buffer, no copy.
   *
   * @param content the bytes; the receiver owns one reference
   */
  record Memory(ByteBuf content) implements CachedBody {
    /** Checks the content is present. */
    public Memory {
      Objects.requireNonNull(content, "content");
    }

    @Override
    public long length() {
      return content.readableBytes();
    }

    @Override
    public void release() {
      content.release();
    }
  }

  /**
   * A span of a body file of the disk tier, for a zero-copy {@code DefaultFileRegion}. The
   * channel was opened for this receiver and stays valid even if the entry is evicted and its
   * file deleted meanwhile.
   *
   * @param channel an open read channel the receiver owns
   * @param offset first byte in the file
   * @param length number of bytes
   */
  record File(FileChannel channel, long offset, long length) implements CachedBody {
    /** Checks the channel is present. */
    public File {
      Objects.requireNonNull(channel, "channel");
    }

    @Override
    public void release() {
      try {
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
