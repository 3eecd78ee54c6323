package io.allot.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The class runs plain code only: no Spring context, no SparkSession, no database, no static
 * state. Like {@link AppInChildProcesses} it may run on the second thread beside the in-process
 * classes (junit-platform.properties), so its solver work leaves the in-process lane, the one
 * that sets the suite's wall time (docs/testing.md).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
public @interface DriverOnly {}
