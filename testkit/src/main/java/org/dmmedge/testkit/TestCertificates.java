package org.dmmedge.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's {@code keytool} at test time:
 * the origin's PKCS12 key store, and a PKCS12 trust store holding only that certificate (the
 * test's CA). Nothing is checked in; every run makes its own in a temporary directory.
 *
 * @param serverKeyStore the origin's key and certificate
 * @param trustStore the certificate alone, for the client
 */
public record TestCertificates(Path serverKeyStore, Path trustStore) {
  /** The password of both stores. */
  public static final String PASSWORD = "test-secret";

  /** Creates both stores in {@code directory}. */
  public static TestCertificates create(Path directory) throws IOException, InterruptedException {
    Path server = directory.resolve("origin.p12");
    Path pem = directory.resolve("origin.pem");
    Path trust = directory.resolve("trust.p12");
    keytool("-genkeypair", "-alias", "origin", "-keyalg", "EC", "-groupname", "secp256r1",
        "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore", server.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
        "-keypass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "origin", "-keystore", server.toString(),
        "-storepass", PASSWORD, "-file", pem.toString());
    keytool("-importcert", "-noprompt", "-alias", "test-ca", "-file", pem.toString(),
        "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    return new TestCertificates(server, trust);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IOException("keytool did not finish within 60 s: " + command);
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IOException("keytool failed (" + process.exitValue() + "): " + output);
      }
    } finally {
      process.destroyForcibly();
    }
  }
}
