package org.dmmedge.mpd.predict;

import org.dmmedge.mpd.MpdException;

/** A CMCD payload that is not CTA-5004 syntax; the message names the key and the value. */
public final class CmcdParseException extends MpdException {
  public CmcdParseException(String message) {
    super(message);
  }
}
