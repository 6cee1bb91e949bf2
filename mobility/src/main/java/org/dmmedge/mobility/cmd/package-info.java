/**
 * The Central Mobility Database: binding store with a journal, PBU processing in relay and proxy
 * mode, lifetime expiry, the HTTP admin API; {@link org.dmmedge.mobility.cmd.CmdServer} runs it.
 */
package org.dmmedge.mobility.cmd;
