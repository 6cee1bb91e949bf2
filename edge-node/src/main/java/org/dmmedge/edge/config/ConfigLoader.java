package org.dmmedge.edge.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dmmedge.cache.CacheConfig;
import org.dmmedge.edge.config.ConfigReader.Problems;
import org.dmmedge.origin.OriginClientConfig;
import org.dmmedge.origin.OriginTarget;
import org.dmmedge.origin.TrustStore;
import org.dmmedge.origin.TrustStoreException;

/**
 * Reads an edge node's YAML file into an {@link EdgeConfig}, reporting every problem at once
 * ({@link ConfigException}), each naming its field path and value.
 *
 * <p>Loading is two steps so that overrides fit between them: the file becomes a tree
 * ({@link #readTree(Path)}), {@link #set(ObjectNode, String, String)} changes fields of the tree
 * (the CLI's {@code --listen}/{@code --origin} flags now, a general {@code --set path=value}
 * later), then {@link #read(JsonNode)} validates and builds the records.
 */
public final class ConfigLoader {
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private ConfigLoader() {}

  /** Reads and validates {@code file}. */
  public static EdgeConfig load(Path file) {
    return read(readTree(file));
  }

  /** Parses {@code file} as YAML into an editable tree (an empty file is an empty mapping). */
  public static ObjectNode readTree(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(List.of(
          "config: " + file + " (expected: a readable file; " + e.getClass().getSimpleName()
              + ")"));
    }
    return parseTree(text, file.toString());
  }

  /** Parses YAML text into an editable tree; {@code source} names it in errors. */
  public static ObjectNode parseTree(String text, String source) {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
      throw new ConfigException(List.of(
          "config: " + source + where + " (expected: valid YAML; " + e.getOriginalMessage()
              + ")"));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!tree.isObject()) {
      throw new ConfigException(List.of(
          "config: " + source + " (expected: a mapping of options at the top level)"));
    }
    return (ObjectNode) tree;
  }

  /**
   * Sets the field at a dotted {@code path} (e.g. {@code server.listen}) to a text value,
   * creating objects on the way; the value is validated later with everything else.
   */
  public static void set(ObjectNode root, String path, String value) {
    String[] parts = path.split("\\.");
    ObjectNode at = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = at.path(parts[i]);
      at = next.isObject() ? (ObjectNode) next : at.putObject(parts[i]);
    }
    at.put(parts[parts.length - 1], value);
  }

  /**
   * Applies one {@code --set path=value} override: {@code true}/{@code false} become booleans,
   * integers numbers, {@code [a, b]} a list, anything else text (durations, sizes and
   * addresses are text in the file too).
   *
   * @throws ConfigException when the argument has no {@code =} or an empty path
   */
  public static void override(ObjectNode root, String assignment) {
    int eq = assignment.indexOf('=');
    String path = eq < 0 ? "" : assignment.substring(0, eq).trim();
    if (eq < 0 || path.isEmpty() || path.startsWith(".") || path.endsWith(".")
        || path.contains("..")) {
      throw new ConfigException(List.of("--set: " + assignment
          + " (expected: path=value such as server.listen=0.0.0.0:8080)"));
    }
    String value = assignment.substring(eq + 1).trim();
    String[] parts = path.split("\\.");
    ObjectNode at = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = at.path(parts[i]);
      at = next.isObject() ? (ObjectNode) next : at.putObject(parts[i]);
    }
    String leaf = parts[parts.length - 1];
    if (value.equals("true") || value.equals("false")) {
      at.put(leaf, Boolean.parseBoolean(value));
    } else if (value.matches("-?\\d{1,18}")) {
      at.put(leaf, Long.parseLong(value));
    } else if (value.startsWith("[") && value.endsWith("]")) {
      var list = at.putArray(leaf);
      for (String item : value.substring(1, value.length() - 1).split(",")) {
        if (!item.isBlank()) {
          list.add(item.trim());
        }
      }
    } else {
      at.put(leaf, value);
    }
  }

  /** Validates a tree and builds the configuration. */
  public static EdgeConfig read(JsonNode tree) {
    Problems problems = new Problems();
    ConfigReader root = ConfigReader.root(tree, problems);
    EdgeConfig defaults = EdgeConfig.defaults();

    String name = root.parsed("name", defaults.name(), ConfigLoader::nodeName, n -> true,
        "a name of letters, digits, '.', '-' or '_'");
    ServerConfig server = server(root.object("server"));
    OriginsConfig origins = origins(root.object("origins"));
    OriginClientConfig originClient = originClient(root.object("originClient"));
    CacheConfig cache = cache(root.object("cache"), defaults.cache());
    boolean accessLog = root.bool("accessLog", defaults.accessLog());
    AdminConfig admin = admin(root.object("admin"));
    LoggingConfig logging = logging(root.object("logging"));
    Optional<MobilityConfig> mobility = MobilityConfigLoader.read(root, server.listen().port());
    PrefetchConfig prefetch = PrefetchSection.read(root.object("prefetch"));
    root.finish();
    if (server.mode() == ProxyMode.REVERSE && origins.isEmpty()) {
      problems.add("origins", "none", "a default origin or one per host in reverse mode");
    }
    problems.throwIfAny();
    return new EdgeConfig(name, server, origins, originClient, cache, accessLog, admin,
        logging, mobility, prefetch);
  }

  private static AdminConfig admin(ConfigReader r) {
    AdminConfig d = AdminConfig.defaults();
    boolean enabled = r.bool("enabled", d.enabled());
    HostPort listen = r.parsed("listen", d.listen(), HostPort::parse, hp -> true,
        HostPort.EXPECTED);
    Optional<String> token = r.optionalString("token");
    long maxBody = r.parsed("maxBodySize", d.maxBodyBytes(), Units::bytes,
        n -> n >= 1 && n <= (64L << 20), "> 0 and <= 64MiB");
    List<Cidr> purge = r.list("purgeNetworks", d.purgeNetworks(), Cidr::parse, Cidr.EXPECTED);
    ConfigReader p = r.object("prewarm");
    int concurrency = p.integer("concurrency", d.prewarmConcurrency(), 1, 256);
    long bandwidth = p.bytes("bandwidthPerSecond", d.prewarmBandwidthBytes(), 0);
    int maxUrls = p.integer("maxUrls", d.prewarmMaxUrls(), 1, 10_000_000);
    p.finish();
    r.finish();
    if (token.isPresent() && token.get().isBlank()) {
      r.problem("token", "\"\"", "a non-blank token");
      token = Optional.empty();
    }
    if (enabled && token.isEmpty() && !AdminConfig.isLoopback(listen)) {
      r.problem("token", "none", "a token when admin.listen " + listen
          + " is not a loopback address");
      return d;
    }
    return new AdminConfig(enabled, listen, token, maxBody, purge, concurrency, bandwidth,
        maxUrls);
  }

  private static LoggingConfig logging(ConfigReader r) {
    LoggingConfig d = LoggingConfig.defaults();
    LoggingConfig.AccessFormat format =
        r.choice("accessFormat", LoggingConfig.AccessFormat.class, d.accessFormat());
    Optional<Path> file = r.writableFile("accessFile");
    LoggingConfig.LogLevel level = r.choice("level", LoggingConfig.LogLevel.class, d.level());
    ConfigReader levelsReader = r.object("levels");
    Map<String, LoggingConfig.LogLevel> levels = new java.util.LinkedHashMap<>();
    for (String logger : levelsReader.keys()) {
      levels.put(logger,
          levelsReader.choice(logger, LoggingConfig.LogLevel.class, LoggingConfig.LogLevel.INFO));
    }
    r.finish();
    return new LoggingConfig(format, file, level, levels);
  }

  private static ServerConfig server(ConfigReader r) {
    ServerConfig d = ServerConfig.defaults();
    HostPort listen = r.parsed("listen", d.listen(), HostPort::parse, hp -> true,
        HostPort.EXPECTED);
    ProxyMode mode = r.choice("mode", ProxyMode.class, d.mode());
    ServerConfig s = new ServerConfig(
        listen,
        mode,
        (int) r.bytes("maxHeaderBytes", d.maxHeaderBytes(), 1024) ,
        (int) r.bytes("maxUriBytes", d.maxUriBytes(), 256),
        r.duration("idleTimeout", d.idleTimeout(), Duration.ofSeconds(1)),
        r.duration("shutdownGrace", d.shutdownGrace(), Duration.ZERO),
        r.integer("ioThreads", d.ioThreads(), 0, 256),
        connect(r.object("connect"), mode));
    r.finish();
    if (s.maxHeaderBytes() > (1 << 20) || s.maxUriBytes() > (1 << 20)) {
      r.problem(s.maxHeaderBytes() > (1 << 20) ? "maxHeaderBytes" : "maxUriBytes",
          Math.max(s.maxHeaderBytes(), s.maxUriBytes()), "<= 1MiB");
    }
    return s;
  }

  private static ConnectConfig connect(ConfigReader r, ProxyMode mode) {
    ConnectConfig d = ConnectConfig.disabled();
    Duration ms = Duration.ofMillis(1);
    boolean enabled = r.bool("enabled", d.enabled());
    List<Integer> ports = r.list("allowedPorts", d.allowedPorts(), ConfigLoader::port,
        "ports in 1..65535");
    Duration connectTimeout = r.parsed("connectTimeout", d.connectTimeout(), Units::duration,
        t -> t.toMillis() >= 1 && t.toMillis() <= Integer.MAX_VALUE, ">= 1ms and < 24d");
    Duration idleTimeout = r.duration("idleTimeout", d.idleTimeout(), ms);
    r.finish();
    if (enabled && mode != ProxyMode.FORWARD) {
      r.problem("enabled", true, "false unless server.mode is forward");
      enabled = false;
    }
    return new ConnectConfig(enabled, ports, connectTimeout, idleTimeout);
  }

  private static int port(String text) {
    int port = Integer.parseInt(text.trim()); // NumberFormatException is an IllegalArgument one
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("ports in 1..65535");
    }
    return port;
  }

  private static OriginsConfig origins(ConfigReader r) {
    Optional<URI> fallback = Optional.ofNullable(
        r.parsed("default", null, ConfigLoader::originUrl, u -> true, ORIGIN_EXPECTED));
    Map<String, URI> hosts = r.map("hosts", ConfigLoader::originUrl, ORIGIN_EXPECTED);
    r.finish();
    Map<String, URI> lower = new java.util.LinkedHashMap<>();
    hosts.forEach((host, uri) -> lower.put(host.toLowerCase(java.util.Locale.ROOT), uri));
    return new OriginsConfig(fallback, lower);
  }

  private static OriginClientConfig originClient(ConfigReader r) {
    OriginClientConfig d = OriginClientConfig.defaults();
    Duration ms = Duration.ofMillis(1);
    OriginClientConfig.Builder b = OriginClientConfig.builder()
        .connectTimeout(r.duration("connectTimeout", d.connectTimeout(), ms))
        .responseTimeout(r.duration("responseTimeout", d.responseTimeout(), ms))
        .idleTimeout(r.duration("idleTimeout", d.idleTimeout(), ms))
        .maxConnectionsPerOrigin(
            r.integer("maxConnectionsPerOrigin", d.maxConnectionsPerOrigin(), 1, 100_000))
        .maxConnectionsTotal(
            r.integer("maxConnectionsTotal", d.maxConnectionsTotal(), 1, 1_000_000))
        .connectRetries(r.integer("connectRetries", d.connectRetries(), 0,
            OriginClientConfig.MAX_CONNECT_RETRIES))
        .retryBackoff(r.duration("retryBackoff", d.retryBackoff(), ms))
        .h2(r.bool("h2", d.h2()))
        .ioThreads(r.integer("ioThreads", d.ioThreads(), 1, 256));
    trustStore(r.object("tls")).ifPresent(b::trustStore);
    r.finish();
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      r.problem("maxConnectionsTotal", e.getMessage(), ">= maxConnectionsPerOrigin");
      return d;
    }
  }

  /** {@code originClient.tls}: the trust store, read now so a bad one stops the start. */
  private static Optional<TrustStore> trustStore(ConfigReader r) {
    Optional<String> file = r.optionalString("trustStore");
    Optional<String> password = r.optionalString("trustStorePassword");
    r.finish();
    if (file.isEmpty()) {
      if (password.isPresent()) {
        r.problem("trustStorePassword", "(hidden)", "only together with trustStore");
      }
      return Optional.empty();
    }
    try {
      TrustStore store = new TrustStore(Path.of(file.get()).toAbsolutePath(),
          password.orElse(""));
      store.load();
      return Optional.of(store);
    } catch (TrustStoreException e) {
      r.problem(e.field(), e.value(), e.expected());
    } catch (java.nio.file.InvalidPathException e) {
      r.problem("trustStore", file.get(), "a key store file path");
    }
    return Optional.empty();
  }

  private static CacheConfig cache(ConfigReader r, CacheConfig d) {
    CacheConfig.Builder b = CacheConfig.builder()
        .memoryBudgetBytes(r.bytes("memoryBudget", d.memoryBudgetBytes(), 1))
        .maxObjectBytes(r.parsed("maxObjectSize", d.maxObjectBytes(), Units::bytes,
            n -> n > 0 && n <= MAX_OBJECT_BYTES, "> 0 and <= 2047MiB"))
        .diskBudgetBytes(r.bytes("diskBudget", d.diskBudgetBytes(), 1))
        .diskPromotionHitCount(r.integer("diskPromotionHits", d.diskPromotionHitCount(), 0,
            CacheConfig.MAX_DISK_PROMOTION_HIT_COUNT))
        .heuristicMaxLifetime(
            r.duration("heuristicMaxLifetime", d.heuristicMaxLifetime(), Duration.ZERO))
        .hitForPassDuration(r.duration("hitForPass", d.hitForPassDuration(), Duration.ZERO))
        .targetedCacheControlNames(List.of(r.parsed("targetedCacheControl",
            d.targetedCacheControlNames().get(0), ConfigLoader::fieldName, n -> true,
            "a header field name ending in -Cache-Control")));
    r.writableDirectory("diskDirectory").ifPresent(b::diskDirectory);
    r.finish();
    return b.build();
  }

  private static final long MAX_OBJECT_BYTES = 2047L << 20;

  private static final String ORIGIN_EXPECTED = "an origin URL such as http://127.0.0.1:8000";

  /** An origin URL: http(s), a host, an optional port, no path beyond "/". */
  public static URI originUrl(String text) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(ORIGIN_EXPECTED);
    }
    try {
      OriginTarget.of(uri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ORIGIN_EXPECTED);
    }
    String path = uri.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
      throw new IllegalArgumentException(ORIGIN_EXPECTED + ", without a path");
    }
    return uri;
  }

  private static String nodeName(String text) {
    if (!text.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("a name of letters, digits, '.', '-' or '_'");
    }
    return text;
  }

  private static String fieldName(String text) {
    if (!text.matches("[A-Za-z0-9-]+-Cache-Control")) {
      throw new IllegalArgumentException("a header field name ending in -Cache-Control");
    }
    return text;
  }
}
