package org.ccpulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the contract's JSON Schema files (schemas/json, shipped on the classpath under /json). */
public final class JsonSchemas {
    /** format "date-time" is only an annotation in 2020-12 unless assertions are switched on. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private JsonSchemas() {}

    public static Schema load(String file) {
        try (InputStream in = JsonSchemas.class.getResourceAsStream("/json/" + file)) {
            assertThat(in).as("schema file %s on the classpath", file).isNotNull();
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
