package org.dmmedge.edge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dmmedge.edge.EdgeNode;

/**
 * {@code /admin/prewarm}: starts jobs from a URL list or an MPD ({@link MpdUrls}), reports
 * their progress, cancels them.
 */
final class PrewarmResource {
  private final EdgeNode node;
  private final PrewarmJobs jobs;

  PrewarmResource(EdgeNode node, PrewarmJobs jobs) {
    this.node = node;
    this.jobs = jobs;
  }

  void start(AdminExchange x) {
    JsonNode json = x.jsonBody();
    Fields.only(json, "urls", "mpd", "representations", "maxSegments");
    int maxUrls = node.config().admin().prewarmMaxUrls();
    PrewarmJob job;
    if (json.has("urls") == json.has("mpd")) {
      throw AdminException.badField(json.has("urls") ? "mpd" : "urls",
          json.has("urls") ? "also given" : "missing", "exactly one of urls, mpd");
    }
    if (json.has("urls")) {
      for (String f : List.of("representations", "maxSegments")) {
        if (json.has(f)) {
          throw AdminException.badField(f, json.get(f), "only with mpd");
        }
      }
      job = jobs.start("urls", urls(json.get("urls"), maxUrls));
    } else {
      String mpd = Fields.text(json, "mpd");
      int maxSegments = Fields.integer(json, "maxSegments", Integer.MAX_VALUE, 1,
          Integer.MAX_VALUE);
      List<String> urls = new MpdUrls(node).expand(mpd, representations(json), maxSegments,
          maxUrls);
      job = jobs.start("mpd " + mpd, urls);
    }
    x.json(202, job.progress());
  }

  void list(AdminExchange x) {
    x.json(200, Map.of("jobs", jobs.progress()));
  }

  void get(AdminExchange x, String id) {
    x.json(200, job(id).progress());
  }

  void cancel(AdminExchange x, String id) {
    PrewarmJob job = job(id);
    job.cancel();
    x.json(200, job.progress());
  }

  private PrewarmJob job(String id) {
    return jobs.get(id).orElseThrow(() -> new AdminException(404,
        "id: " + id + " (expected: the id of a pre-warming job)", "id"));
  }

  private static List<String> urls(JsonNode node, int maxUrls) {
    if (!node.isArray() || node.isEmpty()) {
      throw AdminException.badField("urls", node, "a non-empty list of absolute http(s) URLs");
    }
    if (node.size() > maxUrls) {
      throw AdminException.badField("urls", node.size() + " URLs", "at most " + maxUrls
          + " (admin.prewarm.maxUrls)");
    }
    Set<String> urls = new LinkedHashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode u = node.get(i);
      if (!u.isTextual() || !(u.asText().startsWith("http://")
          || u.asText().startsWith("https://"))) {
        throw AdminException.badField("urls[" + i + "]", u, "an absolute http(s) URL");
      }
      urls.add(u.asText());
    }
    return new ArrayList<>(urls);
  }

  /** Empty for "all" (or absent), else the ids asked for. */
  private static Set<String> representations(JsonNode json) {
    JsonNode r = json.get("representations");
    if (r == null || r.isNull() || r.isTextual() && r.asText().equals("all")) {
      return Set.of();
    }
    if (!r.isArray() || r.isEmpty()) {
      throw AdminException.badField("representations", r,
          "\"all\" or a non-empty list of Representation ids");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode id : r) {
      if (!id.isTextual()) {
        throw AdminException.badField("representations", r, "a list of Representation ids");
      }
      ids.add(id.asText());
    }
    return ids;
  }
}
