package org.dmmedge.mpd.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.dmmedge.mpd.model.Mpd;

/**
 * Parses MPD documents (ISO/IEC 23009-1) with the JDK's StAX parser into the immutable
 * {@link Mpd} model.
 *
 * <p>Safety. DTDs are refused outright (a {@code DOCTYPE} is an error), so neither external
 * entities (XXE) nor entity expansion ("billion laughs") can happen; only the five predefined
 * entities and character references are expanded. Input beyond {@code maxBytes} is refused.
 * Namespace processing is off, because real MPDs use undeclared prefixes ({@code cenc:},
 * {@code xlink:}) that players accept; elements are matched by local name.
 *
 * <p>Errors. Values are checked as they are read; a bad value is recorded as a {@link Problem}
 * (element, attribute, value, line) and parsing goes on, so one {@link MpdParseException}
 * lists every problem. XML that is not well-formed stops the parse at the first error.
 *
 * <p>Remote elements ({@code xlink:href} on Period and AdaptationSet, §5.5) are not fetched:
 * the element keeps its inline content and its {@code XLink}; {@code resolve-to-zero} removes
 * the element. Immutable and thread-safe.
 */
public final class MpdParser {
  /** Default size limit: far above any real MPD (a day of 2 s segments as S elements is ~2 MB). */
  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

  private final long maxBytes;
  private final XMLInputFactory factory;

  public MpdParser() {
    this(DEFAULT_MAX_BYTES);
  }

  /** @throws IllegalArgumentException unless {@code maxBytes > 0} */
  public MpdParser(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
    }
    this.maxBytes = maxBytes;
    this.factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    factory.setXMLResolver((publicId, systemId, base, ns) -> {
      throw new XMLStreamException("external resource " + systemId + " (expected: none)");
    });
  }

  /**
   * Parses a document.
   *
   * @param documentUrl where the MPD was loaded from: the base of relative BaseURLs
   * @throws MpdParseException naming every problem found
   */
  public Mpd parse(InputStream in, Optional<String> documentUrl) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(documentUrl, "documentUrl");
    return parse(in, documentUrl, new ArrayList<>());
  }

  private Mpd parse(InputStream in, Optional<String> documentUrl, List<Problem> warnings) {
    XMLStreamReader xml = null;
    MpdReader reader = null;
    try {
      xml = factory.createXMLStreamReader(new LimitedInputStream(in, maxBytes));
      reader = new MpdReader(xml);
      return reader.read(documentUrl);
    } catch (XMLStreamException e) {
      throw fatal(e, reader);
    } finally {
      if (reader != null) {
        warnings.addAll(reader.warnings());
      }
      if (xml != null) {
        try {
          xml.close();
        } catch (XMLStreamException ignored) {
          // Closing a reader over an in-memory or already failed stream cannot lose data.
        }
      }
    }
  }

  /**
   * What {@link #check} found: the MPD when it is usable, the problems that make it unusable
   * and the tolerated departures from the standard (absent {@code Representation@id} or
   * {@code @bandwidth}, a last Period starting after the presentation's end).
   */
  public record CheckResult(Optional<Mpd> mpd, List<Problem> problems, List<Problem> warnings) {
    public CheckResult {
      Objects.requireNonNull(mpd, "mpd");
      problems = List.copyOf(problems);
      warnings = List.copyOf(warnings);
    }
  }

  /** Parses and reports instead of throwing: what {@code mpd check} shows. */
  public CheckResult check(InputStream in, Optional<String> documentUrl) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(documentUrl, "documentUrl");
    List<Problem> warnings = new ArrayList<>();
    try {
      Mpd mpd = parse(in, documentUrl, warnings);
      return new CheckResult(Optional.of(mpd), List.of(), warnings);
    } catch (MpdParseException e) {
      return new CheckResult(Optional.empty(), e.problems(), warnings);
    }
  }

  /** As {@link #parse(InputStream, Optional)} from bytes. */
  public Mpd parse(byte[] document, Optional<String> documentUrl) {
    return parse(new ByteArrayInputStream(document), documentUrl);
  }

  /** As {@link #parse(InputStream, Optional)} from a file. */
  public Mpd parse(Path file, Optional<String> documentUrl) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, documentUrl);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  private MpdParseException fatal(XMLStreamException e, MpdReader reader) {
    for (Throwable c = e; c != null; c = c.getCause() != null ? c.getCause()
        : c instanceof XMLStreamException x ? x.getNestedException() : null) {
      if (c instanceof LimitedInputStream.TooLargeException tooLarge) {
        return new MpdParseException(new Problem(line(e), "MPD", "",
            "more than " + tooLarge.maxBytes + " bytes", "<= " + maxBytes + " bytes"), e);
      }
      if (c == c.getCause()) {
        break;
      }
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    int at = message.indexOf("Message: ");
    String text = at >= 0 ? message.substring(at + "Message: ".length()) : message;
    String element = reader == null ? "XML" : reader.currentElement();
    return new MpdParseException(
        new Problem(line(e), element, "", text.trim(), "well-formed XML without DOCTYPE"), e);
  }

  private static int line(XMLStreamException e) {
    return e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
  }
}
