package io.allot.config;

/**
 * A setting (conf/application.yml, the environment or --set) that cannot be used: the message
 * names the key and what is wrong. The CLI exits with the bad-configuration code for it.
 */
public class SettingException extends IllegalArgumentException {
  public SettingException(String message) {
    super(message);
  }

  public SettingException(String message, Throwable cause) {
    super(message, cause);
  }
}
