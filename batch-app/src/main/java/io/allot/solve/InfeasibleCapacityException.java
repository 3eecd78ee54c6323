package io.allot.solve;

/** The models' capacities together cannot take every query. */
public final class InfeasibleCapacityException extends RuntimeException {
  private final long shortfall;

  public InfeasibleCapacityException(String message, long shortfall) {
    super(message);
    this.shortfall = shortfall;
  }

  /** How many queries have no room anywhere. */
  public long shortfall() {
    return shortfall;
  }
}
