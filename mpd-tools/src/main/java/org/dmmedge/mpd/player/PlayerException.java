package org.dmmedge.mpd.player;

import org.dmmedge.mpd.MpdException;

/** The player cannot run at all: the MPD cannot be fetched or has nothing to play. */
public final class PlayerException extends MpdException {
  public PlayerException(String message, Throwable cause) {
    super(message, cause);
  }

  public PlayerException(String message) {
    super(message);
  }
}
