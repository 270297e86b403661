package com.customerhub.api.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.customerhub.core.events.RecordingEventPublisher;
import com.customerhub.localaws.DynamoTarget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import com.customerhub.api.http.ApiHandler;
import java.util.function.Function;

import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** The customer API handler in-process against DynamoDB Local, with events recorded in memory. */
public final class ApiHarness implements AutoCloseable {
    /** Where the handler's mails go (the local stack's SES stand-in), one folder per test JVM. */
    public static final java.nio.file.Path OUTBOX = outbox();

    public final ApplicationContext context;
    public final ApiHandler handler;
    public final ObjectMapper json = new ObjectMapper();

    public ApiHarness(DynamoTarget dynamo, Function<ApplicationContext, ApiHandler> handlerFactory, Object... singletons) {
        this(dynamo, ApplicationContext.builder(), handlerFactory, singletons);
    }

    /** On a context made by the given builder (e.g. the one a Lambda cold start uses). */
    public ApiHarness(DynamoTarget dynamo, ApplicationContextBuilder builder, Function<ApplicationContext, ApiHandler> handlerFactory,
                      Object... singletons) {
        context = builder
                .singletons(singletons)
                .properties(Map.ofEntries(
                        Map.entry("suppression.salt", "handler-test-salt"),
                        Map.entry("privacy.requests.table", "PrivacyRequestsTable"),
                        Map.entry("aws.endpoint-override.s3", System.getProperty("test.s3.endpoint", "")),
                        Map.entry("mail.sink", "outbox"),
                        Map.entry("mail.outbox", OUTBOX.toString()),
                        Map.entry("customers.table", "CustomersTable"),
                        Map.entry("guards.table", "GuardsTable"),
                        Map.entry("aws.endpoint-override.dynamodb", dynamo.endpoint().toString()),
                        Map.entry("events.sink", "memory"),
                        Map.entry("documents.bucket", "customer-hub-test"),
                        Map.entry("merges.table", "MergesTable"),
                        Map.entry("alert.rules.table", "AlertRulesTable"),
                        Map.entry("consents.table", "ConsentsTable"),
                        Map.entry("imports.table", "ImportJobsTable"),
                        Map.entry("import.bucket", "customer-hub-test")))
                .start();
        handler = handlerFactory.apply(context);
    }

    private static java.nio.file.Path outbox() {
        try {
            return java.nio.file.Files.createTempDirectory("outbox");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Response call(ApiCall call) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(call.event(), null);
        try {
            String body = response.getBody();
            if (body != null && response.getIsBase64Encoded()) {
                body = new String(Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            if (response.getHeaders() != null) {
                headers.putAll(response.getHeaders());
            }
            if (response.getMultiValueHeaders() != null) {
                response.getMultiValueHeaders().forEach((k, v) -> headers.putIfAbsent(k, String.join(",", v)));
            }
            JsonNode node = body == null || body.isEmpty() ? json.nullNode() : json.readTree(body);
            return new Response(response.getStatusCode(), headers, node, body);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable answer: " + response.getBody(), e);
        }
    }

    public RecordingEventPublisher events() {
        return context.getBean(RecordingEventPublisher.class);
    }

    @Override
    public void close() {
        context.close();
    }

    public record Response(int status, Map<String, String> headers, JsonNode body, String raw) {
        public String header(String name) {
            return headers.get(name);
        }
    }
}
