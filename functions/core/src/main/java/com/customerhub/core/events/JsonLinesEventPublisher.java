package com.customerhub.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local stack's bus: each event appended to a JSON-lines file in the shape EventBridge delivers
 * ({@code source}, {@code detail-type}, {@code time}, {@code detail}).
 */
@Singleton
@Requires(property = "events.sink", value = "file")
public class JsonLinesEventPublisher implements EventPublisher {
    private final Path file;
    private final ObjectMapper json;

    public JsonLinesEventPublisher(@Value("${events.file}") String file, ObjectMapper json) {
        this.file = Path.of(file);
        this.json = json;
    }

    @Override
    public synchronized void publish(DomainEvent event) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("source", DomainEvent.SOURCE);
        envelope.put("detail-type", event.detailType());
        envelope.put("time", event.time().toString());
        envelope.put("detail", EventBridgePublisher.withTenant(event));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, json.writeValueAsString(envelope) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
