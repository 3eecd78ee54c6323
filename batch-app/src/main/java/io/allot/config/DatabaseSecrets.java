package io.allot.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Where the database password may come from: the environment (ALLOT_DB_PASSWORD), a command-line
 * override, or a secrets file outside the installation folder. A password written into a config
 * file of the installation is refused, because that folder is a git checkout.
 */
final class DatabaseSecrets {
  private DatabaseSecrets() {}

  static String password(AllotProperties.Db db, ConfigurableEnvironment env) {
    refusePasswordInConfigFiles(env);
    if (!db.password().isBlank()) {
      return db.password();
    }
    if (db.secretsFile().isBlank()) {
      return "";
    }
    Path file = Path.of(db.secretsFile()).toAbsolutePath().normalize();
    if (file.startsWith(AllotHome.resolve())) {
      throw new SettingException("allot.db.secrets-file " + file + " is inside the Allot folder "
          + AllotHome.resolve() + ", which is a git checkout; keep secrets outside it (e.g. /etc/allot/db-password)");
    }
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new SettingException("allot.db.secrets-file " + file + " cannot be read: " + e.getClass().getSimpleName());
    }
  }

  private static void refusePasswordInConfigFiles(ConfigurableEnvironment env) {
    for (PropertySource<?> source : env.getPropertySources()) {
      if (source instanceof EnumerablePropertySource<?> e && source.getName().contains("Config resource")) {
        Object v = e.getProperty("allot.db.password");
        if (v != null && !v.toString().isBlank()) {
          throw new SettingException("allot.db.password is set in " + source.getName()
              + "; secrets come from the environment (ALLOT_DB_PASSWORD) or allot.db.secrets-file, never a committed file");
        }
      }
    }
  }
}
