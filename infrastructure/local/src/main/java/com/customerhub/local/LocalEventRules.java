package com.customerhub.local;

import com.customerhub.localaws.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static com.customerhub.localaws.SamTemplate.list;
import static com.customerhub.localaws.SamTemplate.map;

/**
 * The template's {@code EventBridgeRule} events, done locally: the bus is the events file, so this
 * follows it (from its end at start, as a new rule sees only new events) and invokes each function
 * whose rule pattern matches an event's {@code source} and {@code detail-type}, asynchronously and
 * one at a time, with the event in EventBridge's shape. As Lambda does for asynchronous invocations,
 * a failed run is retried ({@code EventInvokeConfig.MaximumRetryAttempts}, default 2).
 */
final class LocalEventRules implements AutoCloseable {
    /** One rule of one function. */
    record Rule(String functionId, List<String> sources, List<String> detailTypes, int retries) {
        boolean matches(JsonNode event) {
            return (sources.isEmpty() || sources.contains(event.path("source").asText()))
                    && (detailTypes.isEmpty() || detailTypes.contains(event.path("detail-type").asText()));
        }
    }

    private static final long POLL_MILLIS = 200;

    private final List<Rule> rules;
    private final Path file;
    private final Map<String, FunctionRuntime> functions = new LinkedHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(daemon("local-event-rules"));
    private final ExecutorService deliveries = Executors.newSingleThreadExecutor(daemon("local-event-deliveries"));
    private long offset;

    private LocalEventRules(List<Rule> rules, Path file) {
        this.rules = rules;
        this.file = file;
    }

    static LocalEventRules start(SamTemplate template, List<FunctionRuntime> running, Path eventsFile) {
        List<Rule> rules = new ArrayList<>();
        for (SamTemplate.FunctionDef function : template.functions()) {
            int retries = ((Number) map(function.properties().get("EventInvokeConfig")).getOrDefault("MaximumRetryAttempts", 2)).intValue();
            map(function.properties().get("Events")).values().forEach(event -> {
                Map<String, Object> e = map(event);
                if ("EventBridgeRule".equals(e.get("Type"))) {
                    Map<String, Object> pattern = map(map(e.get("Properties")).get("Pattern"));
                    rules.add(new Rule(function.logicalId(), strings(pattern.get("source")), strings(pattern.get("detail-type")), retries));
                }
            });
        }
        LocalEventRules local = new LocalEventRules(List.copyOf(rules), eventsFile);
        running.forEach(f -> local.functions.put(f.definition().logicalId(), f));
        try {
            local.offset = Files.exists(eventsFile) ? Files.size(eventsFile) : 0;
        } catch (IOException e) {
            local.offset = 0;
        }
        if (!rules.isEmpty()) {
            local.poller.scheduleWithFixedDelay(local::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        return local;
    }

    List<Rule> rules() {
        return rules;
    }

    private synchronized void poll() {
        try {
            if (!Files.exists(file) || Files.size(file) <= offset) {
                return;
            }
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                in.seek(offset);
                byte[] bytes = new byte[(int) (in.length() - offset)];
                in.readFully(bytes);
                String text = new String(bytes, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n');
                if (end < 0) {
                    return; // a line still being written
                }
                offset += text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
                for (String line : text.substring(0, end).split("\n")) {
                    if (!line.isBlank()) {
                        route(json.readTree(line));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("local event rules: " + e);
        }
    }

    private void route(JsonNode envelope) {
        for (Rule rule : rules) {
            FunctionRuntime function = functions.get(rule.functionId());
            if (function != null && rule.matches(envelope)) {
                Map<String, Object> event = eventBridgeEvent(envelope);
                deliveries.submit(() -> deliver(function, rule, event));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> eventBridgeEvent(JsonNode envelope) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", envelope.path("detail-type").asText());
        event.put("source", envelope.path("source").asText());
        event.put("account", "000000000000");
        event.put("time", envelope.path("time").asText());
        event.put("region", "us-east-1");
        event.put("resources", List.of());
        event.put("detail", json.convertValue(envelope.path("detail"), Map.class));
        return event;
    }

    private void deliver(FunctionRuntime function, Rule rule, Map<String, Object> event) {
        for (int attempt = 0; attempt <= rule.retries(); attempt++) {
            try {
                function.invoke(event, null);
                return;
            } catch (RuntimeException e) {
                System.err.println("local event rule: " + rule.functionId() + " failed (attempt " + (attempt + 1) + "): " + e);
                sleep(attempt);
            }
        }
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(200L * (attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> ? list(value).stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        poller.shutdownNow();
        deliveries.shutdown();
        try {
            deliveries.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deliveries.shutdownNow();
    }
}
