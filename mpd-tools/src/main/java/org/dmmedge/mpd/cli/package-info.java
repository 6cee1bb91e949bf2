/**
 * The {@code mpd} and {@code player} commands (picocli), registered in the {@code dmm-edge}
 * launcher.
 */
package org.dmmedge.mpd.cli;
