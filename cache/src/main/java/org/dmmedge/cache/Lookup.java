package org.dmmedge.cache;

import java.util.Objects;
import java.util.Optional;
import org.dmmedge.cache.fill.Fill;
import org.dmmedge.cache.fill.FillReader;
import org.dmmedge.cache.range.ByteRange;
import org.dmmedge.cache.store.StoredResponse;

/**
 * The result of {@link HttpCache#lookup}: what the edge does with a request. Dispatch with an
 * {@code instanceof} chain (or {@link #kind()}); every variant that carries a {@link
 * CachedBody} or a {@link FillReader} hands ownership of it to the caller (see each).
 */
public sealed interface Lookup
    permits Lookup.Fresh,
        Lookup.Stale,
        Lookup.NotModified,
        Lookup.PreconditionFailed,
        Lookup.Unsatisfiable,
        Lookup.MustRevalidate,
        Lookup.Miss,
        Lookup.JoinFill,
        Lookup.Pass,
        Lookup.OnlyIfCachedMiss {

  /** The variant as an enum, for {@code switch}. */
  Kind kind();

  /** The variants. */
  enum Kind {
    FRESH, STALE, NOT_MODIFIED, PRECONDITION_FAILED, UNSATISFIABLE, MUST_REVALIDATE, MISS,
    JOIN_FILL, PASS, ONLY_IF_CACHED_MISS
  }

  /**
   * A fresh stored response: send {@code response.clientHeaders()} plus {@code Age:
   * ageSeconds}, with status 206 and {@code range.contentRange()} when a range is present, and
   * the body.
   *
   * @param response the stored response
   * @param body the bytes to send (the range only, or empty for HEAD); caller owns it
   * @param ageSeconds value of the Age field (RFC 9111 §4.2.3, §5.1)
   * @param range the resolved range for a 206, empty for a full response
   */
  record Fresh(StoredResponse response, CachedBody body, long ageSeconds, Optional<ByteRange> range)
      implements Lookup {
    @Override
    public Kind kind() {
      return Kind.FRESH;
    }
  }

  /**
   * A stale stored response that may be served now (stale-while-revalidate, or the request's
   * max-stale); sent like {@link Fresh}. When {@code revalidation} is present this caller won
   * the single background revalidation of the key: send the origin a conditional request with
   * {@code conditionalHeaders} and feed the fill ({@link Fill#notModified} on 304, {@link
   * Fill#start} otherwise, {@link Fill#abort} on failure) without a client waiting for it.
   *
   * @param response the stored response
   * @param body the bytes to send; caller owns it
   * @param ageSeconds value of the Age field
   * @param range the resolved range for a 206, empty for a full response
   * @param revalidation the background revalidation this caller must run, if any
   * @param conditionalHeaders If-None-Match / If-Modified-Since for the revalidation
   */
  record Stale(
      StoredResponse response,
      CachedBody body,
      long ageSeconds,
      Optional<ByteRange> range,
      Optional<Fill> revalidation,
      Headers conditionalHeaders)
      implements Lookup {
    @Override
    public Kind kind() {
      return Kind.STALE;
    }
  }

  /**
   * The client's If-None-Match / If-Modified-Since matched a usable stored response: answer
   * 304 with {@code headers} plus Age.
   *
   * @param response the stored response
   * @param headers the fields of the 304 (RFC 9110 §15.4.5)
   * @param ageSeconds value of the Age field
   */
  record NotModified(StoredResponse response, Headers headers, long ageSeconds)
      implements Lookup {
    @Override
    public Kind kind() {
      return Kind.NOT_MODIFIED;
    }
  }

  /**
   * The client's If-Match / If-Unmodified-Since failed against a usable stored response:
   * answer 412.
   *
   * @param response the stored response
   */
  record PreconditionFailed(StoredResponse response) implements Lookup {
    @Override
    public Kind kind() {
      return Kind.PRECONDITION_FAILED;
    }
  }

  /**
   * The Range lies outside a usable stored response: answer 416 with {@code Content-Range:
   * contentRange}.
   *
   * @param response the stored response
   * @param contentRange {@code bytes *}{@code /length}
   */
  record Unsatisfiable(StoredResponse response, String contentRange) implements Lookup {
    @Override
    public Kind kind() {
      return Kind.UNSATISFIABLE;
    }
  }

  /**
   * A stored response that must be validated before use; this caller leads the revalidation
   * (others asking meanwhile join the fill). Send the origin the request plus {@code
   * conditionalHeaders}; on 304 call {@link Fill#notModified} (false: the 304 did not fit the
   * stored response, look up and fetch again without conditions); on another response {@link
   * Fill#start} and the body as for a miss; on failure {@link Fill#abort}, and when {@code
   * staleIfError} call {@link HttpCache#staleIfError} to serve the stale response instead of an
   * error. Serve the client from {@code reader} as for a miss. Caller owns the reader.
   *
   * @param response the stale stored response
   * @param fill the revalidation to feed
   * @param reader this client's reader of that fill
   * @param conditionalHeaders If-None-Match / If-Modified-Since to add
   * @param staleIfError whether the stale response may be served if the origin fails now
   */
  record MustRevalidate(
      StoredResponse response,
      Fill fill,
      FillReader reader,
      Headers conditionalHeaders,
      boolean staleIfError)
      implements Lookup {
    @Override
    public Kind kind() {
      return Kind.MUST_REVALIDATE;
    }
  }

  /**
   * Nothing stored: this caller leads the fill. Fetch the full object from the origin (without
   * the client's Range and conditionals), call {@link Fill#start} with the head; if it returns
   * storable, {@link Fill#append} each chunk and {@link Fill#complete} at the end (or {@link
   * Fill#abort}), and serve the client from {@code reader} like every follower; if not
   * storable, pass the origin response straight through. Caller owns the reader.
   *
   * @param fill the fill to feed
   * @param reader this client's reader of that fill
   */
  record Miss(Fill fill, FillReader reader) implements Lookup {
    /** Checks both are present. */
    public Miss {
      Objects.requireNonNull(fill, "fill");
      Objects.requireNonNull(reader, "reader");
    }

    @Override
    public Kind kind() {
      return Kind.MISS;
    }
  }

  /**
   * A fill for this key is in progress: stream from {@code reader} (see {@link FillReader}).
   * Caller owns the reader.
   *
   * @param fill the fill joined
   * @param reader this client's reader, from byte 0 (or its range)
   */
  record JoinFill(Fill fill, FillReader reader) implements Lookup {
    @Override
    public Kind kind() {
      return Kind.JOIN_FILL;
    }
  }

  /**
   * Forward the request to the origin and the response to the client; do not store it.
   *
   * @param reason why
   */
  record Pass(PassReason reason) implements Lookup {
    @Override
    public Kind kind() {
      return Kind.PASS;
    }
  }

  /** Why a request passes. */
  enum PassReason {
    /** Not GET or HEAD: forward, then call {@link HttpCache#invalidateAfter} (RFC 9111 §4.4). */
    METHOD,
    /** The request said no-store. */
    NO_STORE,
    /** A HEAD request with nothing stored. */
    HEAD_MISS,
    /** The key recently had an unstorable response (hit-for-pass). */
    HIT_FOR_PASS,
    /** The fill joined cannot serve this request (Vary mismatch or unstorable) after retries. */
    FILL_UNUSABLE
  }

  /** The request said only-if-cached and nothing usable is stored: answer 504 (§5.2.1.7). */
  record OnlyIfCachedMiss() implements Lookup {
    @Override
    public Kind kind() {
      return Kind.ONLY_IF_CACHED_MISS;
    }
  }
}
