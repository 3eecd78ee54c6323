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
        throw new IllegalArgumentException("--set " + v + ": expected KEY=VALUE, e.g. allot.budget-usd=250");
      }
      out.add("--" + v);
    }
    return out;
  }
}
