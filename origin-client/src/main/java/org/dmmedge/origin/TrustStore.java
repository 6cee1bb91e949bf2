package org.dmmedge.origin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates that TLS origins must present a chain to: a PKCS12 or JKS key store file
 * (e.g. made with {@code keytool -importcert}) whose trusted certificate entries replace the
 * JVM's default trust (cacerts) for origin connections, as nginx's
 * {@code proxy_ssl_trusted_certificate} does. Host names are still verified.
 *
 * @param file the key store file
 * @param password its password (keytool's PKCS12 stores need it to read the certificates);
 *     never printed
 */
public record TrustStore(Path file, String password) {
  /** Checks both are present. */
  public TrustStore {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(password, "password");
  }

  /**
   * Reads the store and checks it holds at least one trusted certificate.
   *
   * @throws TrustStoreException naming {@code trustStore} (unreadable, not a key store, no
   *     certificate) or {@code trustStorePassword} (wrong)
   */
  public KeyStore load() {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new TrustStoreException("trustStore", file.toString(), "a readable key store file");
    }
    KeyStore store;
    try {
      store = KeyStore.getInstance(file.toFile(), password.toCharArray());
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new TrustStoreException("trustStorePassword", "(hidden)",
            "the password of " + file);
      }
      throw new TrustStoreException("trustStore", file.toString(),
          "a PKCS12 or JKS key store; " + e.getMessage());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new TrustStoreException("trustStore", file.toString(),
          "a PKCS12 or JKS key store; " + e.getMessage());
    }
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isCertificateEntry(alias)) {
          return store;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new TrustStoreException("trustStore", file.toString(),
          "a readable key store; " + e.getMessage());
    }
    throw new TrustStoreException("trustStore", file.toString(),
        "a key store with at least one trusted certificate (keytool -importcert)");
  }

  /** A TLS context that trusts exactly this store's certificates. */
  SSLContext sslContext() {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new TrustStoreException("trustStore", file.toString(),
          "certificates usable for TLS; " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "TrustStore[" + file + "]";
  }
}
