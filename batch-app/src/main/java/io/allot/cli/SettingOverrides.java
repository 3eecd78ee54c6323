package io.allot.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --set key=value}: any setting of conf/application.yml, for one command. */
class SettingOverrides {
  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a setting, e.g. --set allot.spark.master=local[2] (repeatable).")
  List<String> values = new ArrayList<>();

  List<String> asArgs() {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (!v.contains("=")) {
        throw new io.allot.config.SettingException("--set " + v + ": expected KEY=VALUE, e.g. allot.budget-usd=250");
      }
      refuseSecret(v.substring(0, v.indexOf('=')));
      out.add("--" + v);
    }
    return out;
  }

  /** A password on the command line is visible to every user in ps; it only comes from the environment. */
  private static void refuseSecret(String key) {
    String canonical = key.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (canonical.equals("allotdbpassword")) {
      throw new io.allot.config.SettingException("--set " + key + " is refused: a password on the command line shows in ps;"
          + " set ALLOT_DB_PASSWORD in the environment or allot.db.secrets-file instead");
    }
  }
}
