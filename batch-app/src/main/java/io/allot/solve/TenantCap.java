package io.allot.solve;

/** Problem fact: what one tenant's planned queries may still spend, in nano-dollars. */
public record TenantCap(int index, String tenant, long nanoUsd) {}
