package io.allot.solve;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/**
 * Planning entity: which option one query takes. It holds only the query's row index and a
 * reference to the shared table, so a million of them stay small.
 */
@PlanningEntity
public class QueryAssignment {
  private int query;
  private FixedPointTable table;
  private long tokens;
  private int tenant;

  @PlanningVariable(valueRangeProviderRefs = AssignmentSolution.OPTIONS)
  private ModelOption option;

  /** For OptaPlanner's domain model; the solver itself never needs it. */
  QueryAssignment() {}

  QueryAssignment(int query, FixedPointTable table, ModelOption option) {
    this(query, table, 0, -1, option);
  }

  /**
   * @param tokens prompt + output tokens of the query
   * @param tenant index of the query's capped tenant ({@link TenantCap#index()}), -1 for none
   */
  QueryAssignment(int query, FixedPointTable table, long tokens, int tenant, ModelOption option) {
    this.query = query;
    this.table = table;
    this.tokens = tokens;
    this.tenant = tenant;
    this.option = option;
  }

  QueryAssignment copy() {
    return new QueryAssignment(query, table, tokens, tenant, option);
  }

  public long getTokens() {
    return tokens;
  }

  /** Index of the query's capped tenant, -1 when its tenant has no cap. */
  public int getTenant() {
    return tenant;
  }

  public int getQuery() {
    return query;
  }

  public ModelOption getOption() {
    return option;
  }

  public void setOption(ModelOption option) {
    this.option = option;
  }

  public boolean isAllowed() {
    return table.isAllowed(query, option.index());
  }

  boolean allows(ModelOption candidate) {
    return table.isAllowed(query, candidate.index());
  }

  public long costNanoUsd() {
    return table.costNano(query, option.index());
  }

  public long qualityNano() {
    return table.qualityNano(query, option.index());
  }

  @Override
  public String toString() {
    return "query " + query + " -> " + option;
  }
}
