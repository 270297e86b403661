package com.customerhub.alerts;

import com.customerhub.api.testing.ApiCall;
import com.customerhub.api.testing.ApiHarness;

import com.amazonaws.services.lambda.runtime.Context;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One "container" of the alert functions in-process against DynamoDB Local: the API handler (an
 * {@link ApiHarness}) and the evaluator handler sharing its application context, events recorded
 * in memory.
 */
final class Harness implements AutoCloseable {
    final ApiHarness api;
    final ApplicationContext context;
    final AlertEvaluatorHandler evaluator;
    final ObjectMapper json;

    Harness(DynamoTarget dynamo) {
        this(dynamo, Map.of());
    }

    /** With other evaluator settings ({@code evaluator.*}). */
    Harness(DynamoTarget dynamo, Map<String, String> evaluatorSettings) {
        Map<String, Object> settings = new HashMap<>(Map.of("evaluator.scan.segments", "4", "evaluator.scan.limit", "1000"));
        settings.putAll(evaluatorSettings);
        api = new ApiHarness(dynamo, ApplicationContext.builder().properties(settings), AlertApiHandler::new);
        context = api.context;
        json = api.json;
        evaluator = new AlertEvaluatorHandler(context);
    }

    ApiHarness.Response call(ApiCall call) {
        return api.call(call);
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
        api.close();
    }
}
