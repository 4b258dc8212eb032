package io.orderengine.infrastructure.store;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the engine keeps everything (events, snapshots, tokens, sagas, read models).
 *
 * @param uri           a MongoDB connection string ({@code MONGODB_URI}); blank means the embedded store
 * @param database      the database name inside that MongoDB
 * @param embeddedPath  the H2 MVStore file of the embedded store
 * @param embeddedPort  the loopback port the embedded wire server binds (0 = any free port); a fixed port lets
 *                      other engine instances share the embedded store through {@code MONGODB_URI}
 * @param embeddedBindAddress the address the embedded server binds
 */
@Validated
@ConfigurationProperties("engine.store")
public record StoreProperties(
        String uri,
        @NotBlank @DefaultValue("orderengine") String database,
        @NotBlank @DefaultValue("./data/engine.mv") String embeddedPath,
        @Min(0) @Max(65535) @DefaultValue("0") int embeddedPort,
        @NotBlank @DefaultValue("127.0.0.1") String embeddedBindAddress) {

    public boolean embedded() {
        return uri == null || uri.isBlank();
    }
}
