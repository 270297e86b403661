package com.customerhub.alerts;

import com.customerhub.api.testing.ApiCall;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.events.DomainEvent;
import com.customerhub.core.events.RecordingEventPublisher;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.identity.Role;
import com.customerhub.localaws.DynamoTarget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One "container" of the alert functions in-process against DynamoDB Local: the API handler and
 * the evaluator handler sharing an application context, events recorded in memory.
 */
final class Harness implements AutoCloseable {
    final ApplicationContext context;
    final AlertApiHandler api;
    final AlertEvaluatorHandler evaluator;
    final ObjectMapper json = new ObjectMapper();

    Harness(DynamoTarget dynamo, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "customers.table", "CustomersTable",
                "alert.rules.table", "AlertRulesTable",
                "evaluator.scan.segments", "4",
                "evaluator.scan.limit", "1000",
                "aws.endpoint-override.dynamodb", dynamo.endpoint().toString(),
                "events.sink", "memory"));
        properties.putAll(overrides);
        context = ApplicationContext.builder().properties(properties).start();
        api = new AlertApiHandler(context);
        evaluator = new AlertEvaluatorHandler(context);
    }

    Response call(ApiCall call) {
        APIGatewayV2HTTPResponse response = api.handleRequest(call.event(), null);
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

    /** One scheduled invocation, as EventBridge sends it (events/alert-evaluator/scheduled-event.json). */
    void runEvaluator(Context lambda) {
        evaluator.handleRequest(scheduledEvent(), lambda);
    }

    RunSummary runEvaluatorDirectly() {
        return context.getBean(AlertEvaluator.class).run(Deadline.none());
    }

    static ScheduledEvent scheduledEvent() {
        try {
            Path dir = Path.of("").toAbsolutePath();
            while (!Files.isDirectory(dir.resolve("events/alert-evaluator"))) {
                dir = dir.getParent();
            }
            JsonNode fixture = new ObjectMapper().readTree(dir.resolve("events/alert-evaluator/scheduled-event.json").toFile());
            return new ScheduledEvent().withId(fixture.get("id").asText()).withDetailType(fixture.get("detail-type").asText())
                    .withSource(fixture.get("source").asText()).withAccount(fixture.get("account").asText())
                    .withRegion(fixture.get("region").asText())
                    .withResources(List.of(fixture.get("resources").get(0).asText())).withDetail(Map.of());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Creates a customer through the real customer use case (validation, guards, events). */
    String createCustomer(String tenant, String body) {
        try {
            Identity admin = new Identity(tenant, "user-admin", Set.of(Role.ADMIN), Optional.empty());
            return context.getBean(CustomerService.class).create(admin, (ObjectNode) json.readTree(body)).id();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    List<DomainEvent> events(String tenant, String type) {
        return context.getBean(RecordingEventPublisher.class).events().stream()
                .filter(e -> e.tenantId().equals(tenant) && e.detailType().equals(type)).toList();
    }

    @Override
    public void close() {
        context.close();
    }

    record Response(int status, Map<String, String> headers, JsonNode body, String raw) {
        String header(String name) {
            return headers.get(name);
        }
    }
}
