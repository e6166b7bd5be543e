package fr.klub.query.consistency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The read models (processing groups, {@code fr.klub.query.projection.ReadModels}) an endpoint
 * answers from: a client asking for read-your-writes consistency waits for these to catch up.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadsFrom {

    String[] value();
}
