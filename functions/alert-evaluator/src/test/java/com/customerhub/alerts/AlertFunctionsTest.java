package com.customerhub.alerts;

import com.customerhub.api.testing.ApiCall;
import com.customerhub.api.testing.ApiHarness;

import com.customerhub.core.events.DomainEvent;
import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.SharedDynamoDb;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert API and the scheduled evaluator invoked in-process with the events of
 * events/alert-evaluator, against DynamoDB Local with the template's tables. Each test works in a
 * tenant of its own. Until interactions keep {@code stats} current, tests set a customer's stats
 * by writing the profile item's {@code stats} map directly, as the interaction writes will.
 */
@ExtendWith(SharedDynamoDb.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertFunctionsTest {
    private static final String FIXTURE_ID = ApiCall.FIXTURE_ID;
    private Harness harness;
    private DynamoDbClient dynamo;
    private String tenant;

    @BeforeAll
    void start(LocalDynamoDb local) {
        harness = new Harness(local);
        dynamo = local.client();
    }

    @AfterAll
    void stop() {
        harness.close();
        dynamo.close();
    }

    @BeforeEach
    void newTenant() {
        tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ApiCall call(String fixture) {
        return ApiCall.fixture(fixture).tenant(tenant);
    }

    private ApiHarness.Response ok(ApiHarness.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        return response;
    }

    private String customer(String mobile, String extra) {
        return harness.createCustomer(tenant, "{\"mobile\":\"" + mobile + "\",\"name\":\"Cliente " + mobile.substring(mobile.length() - 4)
                + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    /** What the interaction writes will keep on the profile: a pending invoice due on {@code due}. */
    private void pendingInvoice(String customerId, LocalDate due) {
        setStats(customerId, Map.of(
                "lifecycle", AttributeValue.fromS("NEW"), "purchaseCount", AttributeValue.fromN("0"),
                "openComplaints", AttributeValue.fromN("0"), "pendingInvoiceCount", AttributeValue.fromN("1"),
                "pendingInvoiceAmount", AttributeValue.fromN("84.20"),
                "oldestPendingInvoiceDueDate", AttributeValue.fromS(due.toString())));
    }

    private void invoicePaid(String customerId) {
        setStats(customerId, Map.of(
                "lifecycle", AttributeValue.fromS("NEW"), "purchaseCount", AttributeValue.fromN("0"),
                "openComplaints", AttributeValue.fromN("0"), "pendingInvoiceCount", AttributeValue.fromN("0"),
                "pendingInvoiceAmount", AttributeValue.fromN("0")));
    }

    private void setStats(String customerId, Map<String, AttributeValue> stats) {
        dynamo.updateItem(b -> b.tableName("CustomersTable")
                .key(Map.of("pk", AttributeValue.fromS(tenant + "#" + customerId), "sk", AttributeValue.fromS("PROFILE")))
                .updateExpression("SET stats = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromM(stats))));
    }

    private String createRule(String body) {
        ApiCall create = call("create-alert-rule.json");
        if (body != null) {
            create.body(body);
        }
        return ok(harness.call(create), 201).body().get("id").asText();
    }

    private JsonNode customerAlerts(String customerId, String query) {
        ApiCall list = call("customer-alerts.json").id(customerId);
        if (query != null) {
            list.query(query);
        }
        return ok(harness.call(list), 200).body().get("items");
    }

    private List<Map<String, AttributeValue>> alertItems(String customerId) {
        return dynamo.query(b -> b.tableName("CustomersTable").keyConditionExpression("pk = :pk AND begins_with(sk, :a)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(tenant + "#" + customerId),
                        ":a", AttributeValue.fromS("ALERT#")))).items();
    }

    @Test
    void thePendingInvoiceStory() {
        String overdue = customer("+393331000001", "");
        String dueToday = customer("+393331000002", "");
        String paidUp = customer("+393331000003", "");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        pendingInvoice(overdue, today.minusDays(3));
        pendingInvoice(dueToday, today);
        String ruleId = createRule(null);

        // the dry run says whom it would alert about, and raises nothing
        JsonNode test = ok(harness.call(call("test-alert-rule.json").id(ruleId)), 200).body();
        assertThat(test.get("matched").asLong()).isEqualTo(1);
        assertThat(test.get("examined").asLong()).isEqualTo(3);
        assertThat(test.get("complete").asBoolean()).isTrue();
        assertThat(test.get("sample").get(0).get("customerId").asText()).isEqualTo(overdue);
        assertThat(alertItems(overdue)).isEmpty();

        harness.runEvaluator(TestLambdaContext.plentyOfTime());
        JsonNode alerts = customerAlerts(overdue, null);
        assertThat(alerts).hasSize(1);
        JsonNode alert = alerts.get(0);
        assertThat(alert.get("severity").asText()).isEqualTo("WARNING");
        assertThat(alert.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(alert.get("ruleName").asText()).isEqualTo("Pending invoice");
        assertThat(alert.get("message").asText()).isEqualTo("1 unpaid invoice(s), 84.20 in total, the oldest due on " + today.minusDays(3));
        assertThat(alert.get("quickActions").get(0).get("action").asText()).isEqualTo("CALL");
        assertThat(alert.get("raisedAt").asText()).isNotEmpty();
        assertThat(customerAlerts(dueToday, null)).isEmpty();
        assertThat(customerAlerts(paidUp, null)).isEmpty();

        List<DomainEvent> raised = harness.events(tenant, "AlertRaised");
        assertThat(raised).singleElement().satisfies(e -> assertThat(e.detail()).containsOnlyKeys("alertId", "ruleId", "customerId", "severity")
                .containsEntry("customerId", overdue).containsEntry("ruleId", ruleId));

        // nothing changed: a second run writes nothing
        RunSummary again = harness.runEvaluatorDirectly();
        assertThat(again.writes()).isZero();
        assertThat(again.complete()).isTrue();

        // across customers, by rule and status
        JsonNode active = ok(harness.call(call("list-alerts.json").query("ruleId=" + ruleId + "&status=ACTIVE")), 200).body();
        assertThat(active.get("items")).hasSize(1);
        assertThat(active.get("items").get(0).get("customerId").asText()).isEqualTo(overdue);

        // the invoice is paid: the next run resolves the alert
        invoicePaid(overdue);
        harness.runEvaluator(TestLambdaContext.plentyOfTime());
        assertThat(customerAlerts(overdue, null)).isEmpty();
        JsonNode resolved = customerAlerts(overdue, "status=RESOLVED");
        assertThat(resolved).hasSize(1);
        assertThat(resolved.get(0).get("resolvedAt").asText()).isNotEmpty();
        assertThat(harness.events(tenant, "AlertResolved")).hasSize(1);
        assertThat(ok(harness.call(call("list-alerts.json").query("ruleId=" + ruleId + "&status=RESOLVED")), 200)
                .body().get("items")).hasSize(1);
        assertThat(ok(harness.call(call("list-alerts.json").query("ruleId=" + ruleId)), 200).body().get("items")).isEmpty();
    }

    @Test
    void anAgentAcknowledgesAnAlertItStaysUntilResolved() {
        String id = customer("+393331000011", "");
        pendingInvoice(id, LocalDate.now(ZoneOffset.UTC).minusDays(10));
        String ruleId = createRule(null);
        harness.runEvaluator(TestLambdaContext.plentyOfTime());
        String alertId = customerAlerts(id, null).get(0).get("id").asText();

        assertThat(harness.call(call("acknowledge-alert.json").groups("[viewer]").id(alertId)).status()).isEqualTo(403);
        JsonNode acknowledged = ok(harness.call(call("acknowledge-alert.json").id(alertId)), 200).body();
        assertThat(acknowledged.get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.get("acknowledgedBy").asText()).isEqualTo("user-agent");
        ok(harness.call(call("acknowledge-alert.json").id(alertId)), 200);
        assertThat(harness.call(call("acknowledge-alert.json").id(FIXTURE_ID + ruleId)).status()).isEqualTo(404);
        assertThat(harness.call(call("acknowledge-alert.json").id("..%2F..%2Fetc")).status()).isEqualTo(404);

        // still matching: not raised again, still shown
        assertThat(harness.runEvaluatorDirectly().writes()).isZero();
        assertThat(customerAlerts(id, null).get(0).get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(ok(harness.call(call("list-alerts.json").query("status=ACKNOWLEDGED")), 200).body().get("items")).hasSize(1);

        invoicePaid(id);
        harness.runEvaluator(TestLambdaContext.plentyOfTime());
        assertThat(customerAlerts(id, "status=RESOLVED")).hasSize(1);
        assertThat(harness.call(call("acknowledge-alert.json").id(alertId)).status()).isEqualTo(409);
    }

    @Test
    void theListAcrossCustomersPagesWholeAlertsNewestFirstAndOnlyWhatTheCallerMaySee() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = customer("+3933350000" + (10 + i), i < 2 ? "\"contactClass\":\"business\"" : "");
            pendingInvoice(id, LocalDate.now(ZoneOffset.UTC).minusDays(3));
            ids.add(id);
        }
        String ruleId = createRule(null);
        harness.runEvaluator(TestLambdaContext.plentyOfTime());

        // every alert of the page whole, as stored
        JsonNode first = ok(harness.call(call("list-alerts.json").query("status=ACTIVE&pageSize=10&ruleId=" + ruleId)), 200).body();
        assertThat(first.get("items")).hasSize(10);
        String cursor = first.get("nextCursor").asText();
        JsonNode second = ok(harness.call(call("list-alerts.json").query("status=ACTIVE&pageSize=10&ruleId=" + ruleId
                + "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8))), 200).body();
        assertThat(second.get("items")).hasSize(2);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        List<JsonNode> all = new java.util.ArrayList<>();
        first.get("items").forEach(all::add);
        second.get("items").forEach(all::add);
        assertThat(all).extracting(alert -> alert.get("customerId").asText()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(all).isSortedAccordingTo(java.util.Comparator.comparing((JsonNode a) -> java.time.Instant.parse(a.get("raisedAt").asText()))
                .thenComparing(a -> a.get("customerId").asText()).reversed());
        JsonNode alert = all.get(0);
        assertThat(alert.get("id").asText()).isEqualTo(alert.get("customerId").asText() + ruleId);
        assertThat(alert.get("ruleName").asText()).isEqualTo("Pending invoice");
        assertThat(alert.get("severity").asText()).isEqualTo("WARNING");
        assertThat(alert.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(alert.get("message").asText()).contains("84.20");
        assertThat(alert.has("contactClass") || alert.has("pk") || alert.has("alertGsiSk")).isFalse();

        // a user limited to a contact class sees the alerts of those customers only
        JsonNode limited = ok(harness.call(call("list-alerts.json").query("status=ACTIVE&ruleId=" + ruleId)
                .claim("custom:contactClasses", "business")), 200).body();
        assertThat(limited.get("items").findValuesAsText("customerId")).containsExactlyInAnyOrderElementsOf(ids.subList(0, 2));

        // acknowledged: listed under its new status only
        String acknowledged = all.get(3).get("id").asText();
        ok(harness.call(call("acknowledge-alert.json").id(acknowledged)), 200);
        assertThat(ok(harness.call(call("list-alerts.json").query("status=ACTIVE&pageSize=100&ruleId=" + ruleId)), 200)
                .body().get("items").findValuesAsText("id")).hasSize(11).doesNotContain(acknowledged);
        assertThat(ok(harness.call(call("list-alerts.json").query("status=ACKNOWLEDGED&ruleId=" + ruleId)), 200)
                .body().get("items").findValuesAsText("id")).containsExactly(acknowledged);
    }

    @Test
    void disablingOrDeletingARuleResolvesItsAlerts() throws Exception {
        String a = customer("+393331000021", "");
        String b = customer("+393331000022", "");
        pendingInvoice(a, LocalDate.now(ZoneOffset.UTC).minusDays(1));
        pendingInvoice(b, LocalDate.now(ZoneOffset.UTC).minusDays(1));
        String disabledLater = createRule(null);
        String deletedLater = createRule(null);
        harness.runEvaluator(TestLambdaContext.plentyOfTime());
        assertThat(customerAlerts(a, null)).hasSize(2);

        String disabled = harness.json.readTree(ApiCall.fixture("replace-alert-rule.json").body()).deepCopy()
                .toString().replace("\"enabled\":true", "\"enabled\":false");
        ApiHarness.Response replaced = ok(harness.call(call("replace-alert-rule.json").id(disabledLater).header("If-Match", "\"1\"").body(disabled)), 200);
        assertThat(replaced.body().get("enabled").asBoolean()).isFalse();
        assertThat(replaced.header("ETag")).isEqualTo("\"2\"");
        assertThat(harness.call(call("replace-alert-rule.json").id(disabledLater).header("If-Match", "\"1\"")).status()).isEqualTo(412);
        ok(harness.call(call("delete-alert-rule.json").id(deletedLater)), 204);
        assertThat(harness.call(call("get-alert-rule.json").id(deletedLater)).status()).isEqualTo(404);
        assertThat(ok(harness.call(call("list-alert-rules.json")), 200).body().get("items")).hasSize(1);

        harness.runEvaluator(TestLambdaContext.plentyOfTime());
        assertThat(customerAlerts(a, null)).isEmpty();
        assertThat(customerAlerts(b, null)).isEmpty();
        assertThat(customerAlerts(a, "status=RESOLVED")).hasSize(2);
        assertThat(harness.events(tenant, "AlertResolved")).hasSize(4);
        // the deleted rule is gone for good; nothing left to do
        assertThat(harness.runEvaluatorDirectly().writes()).isZero();
    }

    @Test
    void rulesOnDerivedNestedAndListFieldsSeeWhatTheyNameThoughTheScanReadsOnlyThat() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String match = customer("+393331000041", "\"firstName\":\"Giulia\",\"birthDate\":\"" + today.minusYears(30)
                + "\",\"address\":{\"city\":\"Milano\",\"region\":\"Lombardia\"},\"interests\":[\"solar\"]");
        String tooYoung = customer("+393331000042", "\"birthDate\":\"" + today.minusYears(30).plusDays(1)
                + "\",\"address\":{\"city\":\"Milano\",\"region\":\"Lombardia\"},\"interests\":[\"solar\"]");
        createRule("{\"name\":\"Solar in Lombardy\",\"severity\":\"INFO\",\"message\":\"{{firstName}}, {{age}}, {{address.city}}\","
                + "\"condition\":{\"all\":[{\"field\":\"age\",\"op\":\"gte\",\"value\":30},"
                + "{\"field\":\"address.region\",\"op\":\"eq\",\"value\":\"lombardia\"},"
                + "{\"field\":\"interests\",\"op\":\"contains\",\"value\":\"solar\"}]}}");

        harness.runEvaluator(TestLambdaContext.plentyOfTime());

        assertThat(customerAlerts(match, null)).singleElement()
                .satisfies(alert -> assertThat(alert.get("message").asText()).isEqualTo("Giulia, 30, Milano"));
        assertThat(customerAlerts(tooYoung, null)).isEmpty();
    }

    @Test
    void restrictedCustomersAreLeftOut() {
        String id = customer("+393331000031", "");
        pendingInvoice(id, LocalDate.now(ZoneOffset.UTC).minusDays(5));
        String ruleId = createRule(null);
        harness.runEvaluator(TestLambdaContext.plentyOfTime());
        assertThat(customerAlerts(id, null)).hasSize(1);

        dynamo.updateItem(b -> b.tableName("CustomersTable")
                .key(Map.of("pk", AttributeValue.fromS(tenant + "#" + id), "sk", AttributeValue.fromS("PROFILE")))
                .updateExpression("SET restricted = :t").expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
        assertThat(ok(harness.call(call("test-alert-rule.json").id(ruleId)), 200).body().get("matched").asLong()).isZero();
        harness.runEvaluator(TestLambdaContext.plentyOfTime());
        assertThat(customerAlerts(id, null)).isEmpty();
    }

    @Test
    void twoRunsAtOnceLeaveOneAlertPerRuleAndCustomer(LocalDynamoDb local) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = customer("+39333200" + String.format("%04d", i), "");
            pendingInvoice(id, LocalDate.now(ZoneOffset.UTC).minusDays(2));
            ids.add(id);
        }
        createRule(null);
        createRule(null);
        // a second Lambda container: its own context, clients and event publisher
        try (Harness other = new Harness(local)) {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> harness.runEvaluator(TestLambdaContext.plentyOfTime()));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> other.runEvaluator(TestLambdaContext.plentyOfTime()));
            CompletableFuture.allOf(first, second).get();
            for (String id : ids) {
                assertThat(alertItems(id)).hasSize(2);
                assertThat(customerAlerts(id, null)).hasSize(2);
            }
            // every alert announced once, by one container or the other
            assertThat(harness.events(tenant, "AlertRaised").size() + other.events(tenant, "AlertRaised").size()).isEqualTo(24);
        }
    }

    @Test
    void aRunStopsBeforeTheTimeLimitAndTheNextContinues(LocalDynamoDb local) {
        for (int i = 0; i < 15; i++) {
            pendingInvoice(customer("+39333300" + String.format("%04d", i), ""), LocalDate.now(ZoneOffset.UTC).minusDays(2));
        }
        createRule(null);
        // tiny pages, one segment: the deadline falls after two pages
        try (Harness small = new Harness(local, Map.of("evaluator.scan.limit", "3", "evaluator.scan.segments", "1"))) {
            small.runEvaluator(new TestLambdaContext(2));
            int afterFirst = small.events(tenant, "AlertRaised").size();
            assertThat(dynamo.getItem(b -> b.tableName("AlertRulesTable").key(Map.of("pk", AttributeValue.fromS("EVALUATOR"),
                    "sk", AttributeValue.fromS("CHECKPOINT")))).item()).as("checkpoint saved").isNotEmpty();
            for (int invocation = 0; invocation < 1000 && small.events(tenant, "AlertRaised").size() < 15; invocation++) {
                small.runEvaluator(new TestLambdaContext(50));
            }
            assertThat(afterFirst).isLessThan(15);
            assertThat(small.events(tenant, "AlertRaised")).hasSize(15);
            small.runEvaluator(TestLambdaContext.plentyOfTime());
            assertThat(dynamo.getItem(b -> b.tableName("AlertRulesTable").key(Map.of("pk", AttributeValue.fromS("EVALUATOR"),
                    "sk", AttributeValue.fromS("CHECKPOINT")))).item()).as("checkpoint cleared").isEmpty();
        }
    }

    @Test
    void badRulesAreRefusedWithThePathOfTheBadPart() {
        ApiHarness.Response bad = harness.call(call("create-alert-rule.json").body("""
                {"name":"Broken","severity":"URGENT","message":"Hello {{nickname}}",
                 "condition":{"all":[{"field":"stats.pendingInvoiceCount","op":"gt","value":"0"},
                                     {"field":"address.region","op":"olderThanDays","value":3},
                                     {"field":"stats.shoeSize","op":"eq","value":1}]},
                 "quickActions":[{"label":"Go","action":"TELEPORT"},{"label":"Open","action":"OPEN_URL","params":{"url":"ftp://x"}}]}"""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bad.body().get("errors").findValuesAsText("field")).contains(
                "severity", "message", "condition.all[0].value", "condition.all[1].op", "condition.all[2].field",
                "quickActions[0].action", "quickActions[1].params.url");
        assertThat(bad.raw()).contains("'olderThanDays' is not valid for address.region, a string field");
        assertThat(harness.call(call("create-alert-rule.json").groups("[agent]")).status()).isEqualTo(403);
        assertThat(harness.call(call("create-alert-rule.json").body("{\"name\":\"x\"}")).body().get("errors").findValuesAsText("field"))
                .contains("severity", "message", "condition");
    }

    @Test
    void rulesAreReadByViewersAndKeptPerTenant() {
        String ruleId = createRule(null);
        ApiHarness.Response read = ok(harness.call(call("get-alert-rule.json").id(ruleId)), 200);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.body().get("condition").get("all")).hasSize(2);
        assertThat(read.body().get("quickActions")).hasSize(3);
        assertThat(harness.call(ApiCall.fixture("get-alert-rule.json").tenant("someone-else").id(ruleId)).status()).isEqualTo(404);
        assertThat(harness.call(call("get-alert-rule.json").id("not-an-id")).status()).isEqualTo(404);
        assertThat(ok(harness.call(call("list-alert-rules.json")), 200).body().get("items").get(0).get("id").asText()).isEqualTo(ruleId);
    }

    @Test
    void segmentsListTheirMembersInTheCustomerListOrder() throws Exception {
        String vip1 = customer("+393334000001", "\"preferredChannels\":[\"WHATSAPP\"],\"interests\":[\"solar\"]");
        String vip2 = customer("+393334000002", "\"contactClass\":\"business\"");
        String restricted = customer("+393334000003", "");
        customer("+393334000004", "");
        for (String id : List.of(vip1, vip2, restricted)) {
            setStats(id, Map.of("lifecycle", AttributeValue.fromS("VIP"), "purchaseCount", AttributeValue.fromN("7")));
        }
        dynamo.updateItem(b -> b.tableName("CustomersTable")
                .key(Map.of("pk", AttributeValue.fromS(tenant + "#" + restricted), "sk", AttributeValue.fromS("PROFILE")))
                .updateExpression("SET restricted = :t").expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));

        ApiHarness.Response created = ok(harness.call(call("create-segment.json")), 201);
        String segmentId = created.body().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/segments/" + segmentId);
        JsonNode members = ok(harness.call(call("segment-members.json").id(segmentId)), 200).body();
        assertThat(members.get("items").findValuesAsText("id")).containsExactly(vip2, vip1);
        assertThat(members.get("nextCursor").isNull()).isTrue();
        // a user limited to a contact class sees only those members
        JsonNode limited = ok(harness.call(call("segment-members.json").id(segmentId).claim("custom:contactClasses", "business")), 200).body();
        assertThat(limited.get("items").findValuesAsText("id")).containsExactly(vip2);
        assertThat(harness.call(call("segment-members.json").id(segmentId).query("pageSize=5")).status()).isEqualTo(400);
        assertThat(harness.call(call("segment-members.json").id(FIXTURE_ID)).status()).isEqualTo(404);

        // every ready-made example is a valid segment
        Path examples = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(examples.resolve("events/alert-evaluator/examples"))) {
            examples = examples.getParent();
        }
        try (Stream<Path> files = Files.list(examples.resolve("events/alert-evaluator/examples"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segment-")).toList()) {
                ok(harness.call(call("create-segment.json").body(Files.readString(file))), 201);
            }
        }
        JsonNode whatsapp = ok(harness.call(call("list-segments.json").query("pageSize=100")), 200).body().get("items");
        String prefersWhatsapp = null;
        for (JsonNode segment : whatsapp) {
            if (segment.get("name").asText().equals("Prefers WhatsApp")) {
                prefersWhatsapp = segment.get("id").asText();
            }
        }
        assertThat(ok(harness.call(call("segment-members.json").id(prefersWhatsapp)), 200).body().get("items").findValuesAsText("id"))
                .containsExactly(vip1);

        ApiHarness.Response bad = harness.call(call("create-segment.json").body("{\"name\":\"x\",\"filter\":{\"field\":\"age\",\"op\":\"contains\",\"value\":3}}"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").get(0).get("field").asText()).isEqualTo("filter.op");
        assertThat(harness.call(call("create-segment.json").groups("[agent]")).status()).isEqualTo(403);

        ApiHarness.Response renamed = ok(harness.call(call("replace-segment.json").id(segmentId)
                .body("{\"name\":\"VIP only\",\"filter\":{\"field\":\"stats.lifecycle\",\"op\":\"eq\",\"value\":\"VIP\"}}")), 200);
        assertThat(renamed.body().get("version").asLong()).isEqualTo(2);
        ok(harness.call(call("delete-segment.json").id(segmentId)), 204);
        assertThat(harness.call(call("get-segment.json").id(segmentId)).status()).isEqualTo(404);
    }
}
