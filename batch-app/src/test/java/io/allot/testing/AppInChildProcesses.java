package io.allot.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The class runs Allot only in child JVMs ({@link ChildAllot}), each on a database of its own
 * ({@link TestDatabase#freshDatabase}): no Spring context, no SparkSession and no other shared
 * state in the test JVM. Such a class runs on a second thread beside the other classes, which
 * run one at a time (junit-platform.properties); it spends most of its time waiting for its
 * children, so the two cores are used while the suite runs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
public @interface AppInChildProcesses {}
