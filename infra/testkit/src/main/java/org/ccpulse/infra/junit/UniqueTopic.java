package org.ccpulse.infra.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code String} test parameter resolved by {@link ComponentsExtension}: a topic name no other test
 * (and no earlier run against the same broker) uses, created with {@link #partitions()} partitions.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface UniqueTopic {

    /** Partitions to create the topic with; 0 leaves it uncreated (to test creation on first use). */
    int partitions() default 1;
}
