package io.allot.spark.catalog;

/** A catalog file that cannot be used; the message names the file, the model and the field. */
public class CatalogException extends RuntimeException {
  public CatalogException(String message) {
    super(message);
  }
}
