package fr.klub.systemtests.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class on the browser tests' system ({@link PortalSystem}). Such classes run beside the other
 * system tests, which stay in order on the main thread and use other databases ({@link KlubSystem#get()},
 * their own PostgreSQL), and one at a time among themselves: they share the portal's demo family and grid.
 * The two lanes and their numbers: docs/decisions/test-suite-speed.md.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(PortalSystem.DATA)
public @interface OnThePortalSystem {
}
