package com.customerhub.local;

import com.customerhub.alerts.AlertEvaluatorHandler;
import com.customerhub.localaws.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rung 3 for alerts: customers and INVOICE interactions over HTTP (which keep the customer's
 * {@code stats} current), rules over HTTP, the evaluator run by the local stack's scheduler, alerts
 * read over HTTP.
 * The stack runs scheduled functions every 2 s here ({@code LOCAL_SCHEDULE_SECONDS}); tests also
 * trigger runs synchronously with {@link LocalStack#runScheduled}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsEndToEndTest {
    private static final String EVALUATOR = "AlertEvaluatorFunction";
    private Path data;
    private LocalStack stack;
    private LocalApi api;
    private Map<String, String> tokens;
    private final ObjectMapper json = new ObjectMapper();
    private final SamTemplate template = SamTemplate.findFromWorkingDirectory();

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start(@TempDir Path dir) throws Exception {
        data = dir;
        System.setProperty(LocalScheduler.OVERRIDE_VARIABLE, "2");
        try {
            stack = LocalStack.start(new LocalStackConfig(0, 0, 0, data, false), template);
            api = new LocalApi(stack.apiUrl());
        } finally {
            System.clearProperty(LocalScheduler.OVERRIDE_VARIABLE);
        }
        tokens = json.readValue(Files.readString(data.resolve("tokens.json")), Map.class);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String role, String body) throws Exception {
        return api.send(method, path, tokens.get(role), body);
    }

    private JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : json.readTree(response.body());
    }

    private String createCustomer(String mobile, String name) throws Exception {
        return ok(send("POST", "/customers", "admin", "{\"mobile\":\"" + mobile + "\",\"name\":\"" + name + "\"}"), 201)
                .get("id").asText();
    }

    /** An INVOICE interaction, PENDING, due on {@code due}: the customer's stats follow in the same write. */
    private String recordInvoice(String customerId, LocalDate due) throws Exception {
        return ok(send("POST", "/customers/" + customerId + "/interactions", "agent",
                "{\"channel\":\"EMAIL\",\"direction\":\"OUTBOUND\",\"type\":\"INVOICE\",\"summary\":\"Invoice\","
                        + "\"amount\":\"130.00\",\"currency\":\"EUR\",\"status\":\"PENDING\",\"dueDate\":\"" + due + "\"}"), 201)
                .get("id").asText();
    }

    private void payInvoice(String customerId, String interactionId) throws Exception {
        ok(send("PATCH", "/customers/" + customerId + "/interactions/" + interactionId, "agent", "{\"status\":\"PAID\"}"), 200);
    }

    private String pendingInvoiceRule() throws Exception {
        Path dir = template.path().getParent().getParent().resolve("events/alert-evaluator/examples");
        return Files.readString(dir.resolve("pending-invoice-rule.json"));
    }

    private JsonNode alertsOf(String customerId, String query) throws Exception {
        return ok(send("GET", "/customers/" + customerId + "/alerts" + (query == null ? "" : "?" + query), "agent", null), 200).get("items");
    }

    @Test
    void thePendingInvoiceStoryThroughTheLocalStack() throws Exception {
        String id = createCustomer("+393471234001", "Lucia Neri");
        String invoice = recordInvoice(id, LocalDate.now(ZoneOffset.UTC).minusDays(5));
        String ruleId = ok(send("POST", "/alert-rules", "admin", pendingInvoiceRule()), 201).get("id").asText();

        stack.runScheduled(EVALUATOR);
        // other tests' rules of tenant demo may match too: look at this rule's alert
        List<JsonNode> alerts = new ArrayList<>();
        alertsOf(id, null).forEach(alert -> {
            if (alert.get("ruleId").asText().equals(ruleId)) {
                alerts.add(alert);
            }
        });
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("severity").asText()).isEqualTo("WARNING");
        assertThat(alerts.get(0).get("ruleName").asText()).isEqualTo("Pending invoice");
        assertThat(alerts.get(0).get("message").asText()).startsWith("1 unpaid invoice(s), 130.00 in total");
        assertThat(ok(send("GET", "/alerts?status=ACTIVE&ruleId=" + ruleId, "viewer", null), 200).get("items")
                .findValuesAsText("customerId")).contains(id);

        List<String> events = Files.readAllLines(data.resolve("events.jsonl"));
        assertThat(events).anyMatch(line -> line.contains("\"AlertRaised\"") && line.contains(id) && line.contains(ruleId));
        assertThat(String.join("\n", events)).doesNotContain("Lucia", "+39347123", "unpaid");

        // the invoice is paid
        payInvoice(id, invoice);
        stack.runScheduled(EVALUATOR);
        assertThat(alertsOf(id, null).findValuesAsText("ruleId")).doesNotContain(ruleId);
        assertThat(alertsOf(id, "status=RESOLVED").findValuesAsText("ruleId")).containsOnlyOnce(ruleId);
        assertThat(Files.readAllLines(data.resolve("events.jsonl")))
                .anyMatch(line -> line.contains("\"AlertResolved\"") && line.contains(id));
    }

    @Test
    void theSchedulerRunsTheEvaluatorOnItsOwn() throws Exception {
        String id = createCustomer("+393471234002", "Paolo Gialli");
        recordInvoice(id, LocalDate.now(ZoneOffset.UTC).minusDays(2));
        ok(send("POST", "/alert-rules", "admin", pendingInvoiceRule()), 201);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (alertsOf(id, null).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(alertsOf(id, null)).as("raised by a scheduled run, every 2 s here").isNotEmpty();
    }

    @Test
    void aDisabledRuleResolvesItsAlerts() throws Exception {
        String id = createCustomer("+393471234003", "Marta Blu");
        recordInvoice(id, LocalDate.now(ZoneOffset.UTC).minusDays(1));
        String rule = pendingInvoiceRule().replace("\"Pending invoice\"", "\"Overdue, to disable\"");
        String ruleId = ok(send("POST", "/alert-rules", "admin", rule), 201).get("id").asText();
        stack.runScheduled(EVALUATOR);
        assertThat(alertsOf(id, null).findValuesAsText("ruleId")).contains(ruleId);

        ok(send("PUT", "/alert-rules/" + ruleId, "admin", rule.replace("\"enabled\": true", "\"enabled\": false")), 200);
        stack.runScheduled(EVALUATOR);
        assertThat(alertsOf(id, null).findValuesAsText("ruleId")).doesNotContain(ruleId);
        assertThat(alertsOf(id, "status=RESOLVED").findValuesAsText("ruleId")).contains(ruleId);
    }

    @Test
    void twoEvaluatorRunsAtOnceLeaveOneAlertPerRuleAndCustomer() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = createCustomer("+39347555" + String.format("%04d", i), "Cliente " + i);
            recordInvoice(id, LocalDate.now(ZoneOffset.UTC).minusDays(3));
            ids.add(id);
        }
        String ruleId = ok(send("POST", "/alert-rules", "admin", pendingInvoiceRule().replace("\"Pending invoice\"", "\"Twice\"")), 201)
                .get("id").asText();
        // a second container of the evaluator function, configured as the stack configures its own
        SamTemplate.FunctionDef evaluator = template.function(EVALUATOR);
        Map<String, String> localNames = template.localNames(LocalStackConfig.BUCKET, LocalStackConfig.BUS);
        Map<String, Object> properties = FunctionRuntime.propertiesFor(evaluator, localNames, Map.of(
                "aws.endpoint-override.dynamodb", stack.dynamo().endpoint().toString(),
                "events.sink", "file", "events.file", data.resolve("events.jsonl").toString()));
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
            AlertEvaluatorHandler secondContainer = new AlertEvaluatorHandler(context);
            CompletableFuture<Void> one = CompletableFuture.runAsync(() -> stack.runScheduled(EVALUATOR));
            CompletableFuture<Void> two = CompletableFuture.runAsync(() -> secondContainer.handleRequest(
                    LocalScheduler.event("arn:aws:events:us-east-1:000000000000:rule/second-container"), null));
            CompletableFuture.allOf(one, two).get();
        }
        for (String id : ids) {
            assertThat(alertsOf(id, null).findValuesAsText("ruleId")).containsOnlyOnce(ruleId);
        }
        // the rule also matches customers of the other tests (same tenant): count these five only
        List<String> events = Files.readAllLines(data.resolve("events.jsonl"));
        for (String id : ids) {
            assertThat(events.stream().filter(line -> line.contains("\"AlertRaised\"") && line.contains(id + ruleId)))
                    .as("one AlertRaised for " + id).hasSize(1);
        }
    }

    @Test
    void aBadRuleIsA400NamingThePath() throws Exception {
        HttpResponse<String> bad = send("POST", "/alert-rules", "admin",
                "{\"name\":\"Bad\",\"severity\":\"WARNING\",\"message\":\"x\",\"condition\":{\"any\":[{\"field\":\"stats.pendingInvoiceCount\",\"op\":\"contains\",\"value\":1}]}}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(bad.body());
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("condition.any[0].op");
        assertThat(problem.get("errors").get(0).get("message").asText()).contains("not valid for stats.pendingInvoiceCount, a number field");
        assertThat(send("POST", "/alert-rules", "agent", pendingInvoiceRule()).statusCode()).isEqualTo(403);
    }

    @Test
    void schedulesComeFromTheTemplate() {
        assertThat(LocalScheduler.rate("rate(15 minutes)")).isEqualTo(Duration.ofMinutes(15));
        assertThat(LocalScheduler.rate("rate(1 hour)")).isEqualTo(Duration.ofHours(1));
        assertThat(LocalScheduler.rate("cron(0 12 * * ? *)")).isNull();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> stack.runScheduled("CustomerApiFunction")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
