package io.allot.config;

import java.util.regex.Pattern;

/**
 * The {@code allot.spark.master} setting, checked: local masters run Spark in-process, the others
 * get the Spark work submitted to them.
 */
public record SparkMaster(String url, Kind kind) {
  public enum Kind { LOCAL, STANDALONE, YARN, KUBERNETES }

  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?");
  private static final Pattern STANDALONE = Pattern.compile("spark://[^/:,\\s]+:\\d+(,[^/:,\\s]+:\\d+)*");
  private static final Pattern KUBERNETES = Pattern.compile("k8s://(https?://)?[^/\\s]+(:\\d+)?/?");

  public static SparkMaster parse(String url) {
    String u = url == null ? "" : url.trim();
    if (LOCAL.matcher(u).matches()) {
      return new SparkMaster(u, Kind.LOCAL);
    }
    if (STANDALONE.matcher(u).matches()) {
      return new SparkMaster(u, Kind.STANDALONE);
    }
    if (u.equals("yarn")) {
      return new SparkMaster(u, Kind.YARN);
    }
    if (KUBERNETES.matcher(u).matches()) {
      return new SparkMaster(u, Kind.KUBERNETES);
    }
    throw new SettingException("allot.spark.master is '" + u + "'; expected local[*], local[N], "
        + "spark://host:port, yarn or k8s://https://host:port");
  }

  public boolean isLocal() {
    return kind == Kind.LOCAL;
  }

  /** The first master's host of a standalone URL (spark://h1:7077,h2:7077 names h1). */
  public String standaloneHost() {
    String first = url.substring("spark://".length()).split(",")[0];
    return first.substring(0, first.lastIndexOf(':'));
  }
}
