package io.allot.solve;

/** Problem fact: the dollars the planned queries may spend, in nano-dollars. */
public record Budget(long nanoUsd) {}
