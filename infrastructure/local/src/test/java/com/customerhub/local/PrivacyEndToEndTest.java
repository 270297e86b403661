package com.customerhub.local;

import com.customerhub.localaws.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rung 3 for consent and GDPR: the local stack over HTTP with the tokens it wrote; the privacy worker
 * runs from the bus as the template's EventBridge rule says; time moves with {@link LocalStack#moveClock}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivacyEndToEndTest {
    private LocalStack stack;
    private LocalApi api;
    private Map<String, String> tokens;
    private S3Client s3;
    private DynamoDbClient dynamo;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start(@TempDir Path dir) throws Exception {
        stack = LocalStack.start(new LocalStackConfig(0, 0, 0, dir, false), SamTemplate.findFromWorkingDirectory());
        api = new LocalApi(stack.apiUrl());
        tokens = json.readValue(Files.readString(dir.resolve("tokens.json")), Map.class);
        s3 = stack.s3().client();
        dynamo = stack.dynamo().client();
    }

    @AfterAll
    void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void realTime() {
        stack.moveClock(Duration.ZERO);
    }

    private HttpResponse<String> send(String method, String path, String role, String body) throws Exception {
        return api.send(method, path, tokens.get(role), body);
    }

    private JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : json.readTree(response.body());
    }

    private String createCustomer(String body) throws Exception {
        return ok(send("POST", "/customers", "admin", body), 201).get("id").asText();
    }

    private String file(String customerId, String type, String details) throws Exception {
        return ok(send("POST", "/privacy-requests", "agent", "{\"customerId\":\"" + customerId + "\",\"type\":\"" + type + "\""
                + (details == null ? "" : ",\"details\":" + details) + "}"), 202).get("id").asText();
    }

    /** The dpo starts it; the bus rule runs the worker; answers the request once it is no longer in progress. */
    private JsonNode processed(String requestId) throws Exception {
        ok(send("POST", "/privacy-requests/" + requestId + "/process", "dpo", null), 202);
        return await("/privacy-requests/" + requestId, r -> r.get("status").asText().equals("COMPLETED"));
    }

    private JsonNode await(String path, Predicate<JsonNode> done) throws Exception {
        JsonNode last = null;
        for (long until = System.currentTimeMillis() + 20_000; System.currentTimeMillis() < until; Thread.sleep(100)) {
            last = ok(send("GET", path, "admin", null), 200);
            if (done.test(last)) {
                return last;
            }
        }
        throw new AssertionError(path + " did not get there: " + last);
    }

    private String exportText() throws Exception {
        String exportId = ok(send("POST", "/exports", "agent", "{}"), 202).get("id").asText();
        JsonNode export = await("/exports/" + exportId, e -> e.get("status").asText().equals("COMPLETED"));
        return unzipped(api.download(export.get("downloadUrl").asText()).body());
    }

    /** The workbook's cells as text. */
    private static String unzipped(byte[] xlsx) throws Exception {
        return ImportEndToEndTest.read(xlsx).toString();
    }

    private List<Map<String, AttributeValue>> partition(String pk) {
        return dynamo.query(b -> b.tableName("CustomersTable").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk)))).items();
    }

    /** The ids of every member of a segment, page after page. */
    private List<String> memberIds(String segmentId) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok(send("GET", "/segments/" + segmentId + "/members?pageSize=100" + (cursor == null ? "" : "&cursor=" + q(cursor)),
                    "admin", null), 200);
            page.get("items").forEach(member -> ids.add(member.get("id").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void grantThenWithdrawMarketing() throws Exception {
        String id = createCustomer("{\"mobile\":\"+393470100001\"}");
        ok(send("POST", "/customers/" + id + "/consents", "agent", "{\"purpose\":\"MARKETING\",\"channel\":\"EMAIL\","
                + "\"status\":\"GRANTED\",\"source\":\"web-signup\",\"noticeVersion\":\"2026-09\"}"), 201);
        assertThat(ok(send("GET", "/customers/" + id + "/outbound-permission?channel=EMAIL&purpose=MARKETING", "viewer", null), 200)
                .get("allowed").asBoolean()).isTrue();
        ok(send("POST", "/customers/" + id + "/consents", "agent", "{\"purpose\":\"MARKETING\",\"channel\":\"EMAIL\","
                + "\"status\":\"WITHDRAWN\",\"source\":\"unsubscribe-link\"}"), 201);
        JsonNode permission = ok(send("GET", "/customers/" + id + "/outbound-permission?channel=EMAIL&purpose=MARKETING", "viewer", null), 200);
        assertThat(permission.get("allowed").asBoolean()).isFalse();
        assertThat(permission.get("reason").asText()).contains("withdrawn");
        JsonNode consents = ok(send("GET", "/customers/" + id + "/consents", "viewer", null), 200);
        assertThat(consents.get("ledger")).hasSize(2);
        assertThat(Files.readString(stack.dataDir().resolve("events.jsonl"))).contains("ConsentChanged").doesNotContain("+393470100001");
    }

    @Test
    void anInboundWhatsAppMessageAllowsAnOutboundAnswerForTwentyFourHours() throws Exception {
        String id = createCustomer("{\"mobile\":\"+393470100002\",\"preferredChannels\":[\"WHATSAPP\"]}");
        ok(send("POST", "/customers/" + id + "/consents", "agent",
                "{\"purpose\":\"MARKETING\",\"channel\":\"SMS\",\"status\":\"WITHDRAWN\",\"source\":\"call\"}"), 201);
        assertThat(ok(send("GET", "/customers/" + id, "viewer", null), 200).get("authorized").asBoolean()).isFalse();
        ok(send("POST", "/customers/" + id + "/interactions", "agent", "{\"channel\":\"WHATSAPP\",\"direction\":\"INBOUND\","
                + "\"type\":\"MESSAGE\",\"summary\":\"hello\",\"occurredAt\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}"), 201);
        String path = "/customers/" + id + "/outbound-permission?channel=WHATSAPP&purpose=SERVICE";
        JsonNode now = ok(send("GET", path, "agent", null), 200);
        assertThat(now.get("allowed").asBoolean()).isTrue();
        assertThat(now.get("until").asText()).isNotEmpty();
        assertThat(ok(send("GET", "/customers/" + id, "viewer", null), 200).get("authorized").asBoolean()).isTrue();

        stack.moveClock(Duration.ofHours(25));
        JsonNode later = ok(send("GET", path, "agent", null), 200);
        assertThat(later.get("allowed").asBoolean()).isFalse();
        assertThat(later.get("reason").asText()).contains("closed");
        assertThat(ok(send("GET", "/customers/" + id, "viewer", null), 200).get("authorized").asBoolean()).isFalse();
    }

    @Test
    void anAccessRequestHoldsEveryItemOfTheCustomer() throws Exception {
        String id = createCustomer("{\"mobile\":\"+393470100003\",\"email\":\"dora@example.com\",\"name\":\"Dora\"}");
        ok(send("POST", "/customers/" + id + "/contacts", "agent", "{\"lastName\":\"Dora\",\"phones\":[{\"type\":\"MOBILE\",\"number\":\"+393470100003\"}]}"), 201);
        ok(send("POST", "/customers/" + id + "/interactions", "agent", "{\"channel\":\"PHONE\",\"direction\":\"INBOUND\",\"type\":\"CALL\",\"summary\":\"asked for her data\"}"), 201);
        ok(send("POST", "/customers/" + id + "/links", "agent", "{\"system\":\"desk\",\"type\":\"TICKET\",\"externalId\":\"T-1\",\"url\":\"https://desk.example.com/T-1\"}"), 201);
        ok(send("POST", "/customers/" + id + "/consents", "agent", "{\"purpose\":\"PROFILING\",\"channel\":\"ANY\",\"status\":\"GRANTED\",\"source\":\"app\"}"), 201);

        JsonNode done = processed(file(id, "ACCESS", null));
        HttpResponse<byte[]> download = api.download(done.get("result").get("downloadUrl").asText());
        assertThat(download.statusCode()).isEqualTo(200);
        String document = new String(download.body(), StandardCharsets.UTF_8);
        for (String pk : List.of("demo#" + id, "demo#" + id + "#HISTORY", "demo#" + id + "#AUDIT")) {
            List<Map<String, AttributeValue>> items = partition(pk);
            assertThat(items).isNotEmpty();
            for (Map<String, AttributeValue> item : items) {
                assertThat(document).as(pk + " / " + item.get("sk").s()).contains("\"storedAs\" : \"" + item.get("sk").s() + "\"");
            }
        }
        assertThat(document).contains("dora@example.com", "asked for her data", "PROFILING", "T-1");
    }

    @Test
    void anErasureLeavesNoTraceAndAReimportIsFlagged() throws Exception {
        String mobile = "+393470100004";
        String id = createCustomer("{\"mobile\":\"" + mobile + "\",\"email\":\"ezio@example.com\",\"name\":\"Ezio Erased\",\"tags\":[\"gdpr\"]}");
        String keeper = createCustomer("{\"mobile\":\"+393470100005\",\"name\":\"Keeper\",\"tags\":[\"gdpr\"]}");
        ok(send("POST", "/customers/" + id + "/interactions", "agent", "{\"channel\":\"SMS\",\"direction\":\"INBOUND\",\"type\":\"MESSAGE\",\"summary\":\"erase me\"}"), 201);
        String linkId = ok(send("POST", "/customers/" + id + "/links", "agent",
                "{\"system\":\"desk\",\"type\":\"TICKET\",\"externalId\":\"T-ERASE-4\",\"url\":\"https://desk.example.com/T-ERASE-4\"}"), 201)
                .get("id").asText();
        assertThat(ok(send("GET", "/customers/" + id + "/view", "agent", null), 200).get("links"))
                .extracting(link -> link.get("id").asText() + " " + link.get("externalId").asText()).containsExactly(linkId + " T-ERASE-4");
        assertThat(partition("demo#" + id)).extracting(item -> item.get("sk").s()).contains("LINK#" + linkId);
        String segmentId = ok(send("POST", "/segments", "admin",
                "{\"name\":\"GDPR tagged\",\"filter\":{\"field\":\"tags\",\"op\":\"contains\",\"value\":\"gdpr\"}}"), 201).get("id").asText();
        assertThat(memberIds(segmentId)).contains(id, keeper);
        String ruleId = ok(send("POST", "/alert-rules", "admin", "{\"name\":\"GDPR tagged\",\"severity\":\"INFO\","
                + "\"message\":\"tagged gdpr\",\"condition\":{\"field\":\"tags\",\"op\":\"contains\",\"value\":\"gdpr\"},\"enabled\":true}"), 201)
                .get("id").asText();
        stack.runScheduled("AlertEvaluatorFunction");
        assertThat(ok(send("GET", "/customers/" + id + "/alerts", "agent", null), 200).get("items"))
                .extracting(alert -> alert.get("ruleId").asText()).contains(ruleId);
        assertThat(exportText()).contains(mobile);
        String access = file(id, "ACCESS", null);
        processed(access);

        JsonNode done = processed(file(id, "ERASURE", null));
        JsonNode certificate = done.get("result").get("certificate");
        assertThat(certificate.toString()).contains("exports/demo/", "privacy/demo/" + access + ".json", "suppression", "interaction",
                "ConsentsTable", "CustomerErased").doesNotContain(mobile, "Ezio", "ezio@");

        assertThat(send("GET", "/customers/" + id, "admin", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/customers/" + id + "/view", "admin", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/customers/" + id + "/history", "admin", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/customers/" + id + "/links", "admin", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/customers/" + id + "/alerts", "admin", null).statusCode()).isEqualTo(404);
        for (String pk : List.of("demo#" + id, "demo#" + id + "#HISTORY", "demo#" + id + "#AUDIT")) {
            assertThat(partition(pk)).as(pk).isEmpty();
        }
        assertThat(memberIds(segmentId)).as("the segment still works for the others").contains(keeper).doesNotContain(id);
        stack.runScheduled("AlertEvaluatorFunction");
        assertThat(ok(send("GET", "/alerts?ruleId=" + ruleId + "&pageSize=100", "admin", null), 200).get("items"))
                .extracting(alert -> alert.get("customerId").asText()).contains(keeper).doesNotContain(id);
        assertThat(ok(send("GET", "/customers?q=" + q(mobile), "admin", null), 200).get("items")).isEmpty();
        assertThat(ok(send("GET", "/customers?q=Ezio", "admin", null), 200).get("items")).isEmpty();
        assertThat(ok(send("GET", "/customers?tag=gdpr&pageSize=100", "admin", null), 200).toString()).doesNotContain(id, mobile);
        assertThat(exportText()).doesNotContain(mobile).contains("+393470100005");
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(LocalStackConfig.BUCKET)).contents()) {
            String text = object.key().endsWith(".xlsx")
                    ? unzipped(s3.getObjectAsBytes(b -> b.bucket(LocalStackConfig.BUCKET).key(object.key())).asByteArray())
                    : s3.getObjectAsBytes(b -> b.bucket(LocalStackConfig.BUCKET).key(object.key())).asUtf8String();
            assertThat(text).as(object.key()).doesNotContain(mobile, "ezio@example.com", "Ezio Erased", "T-ERASE-4");
        }
        dynamo.scanPaginator(b -> b.tableName("CustomersTable")).items().forEach(item -> {
            assertThat(item.toString()).doesNotContain(mobile, "ezio@example.com", "Ezio Erased", "T-ERASE-4", linkId);
            assertThat(item.get("pk").s()).as(item.toString()).doesNotStartWith("demo#" + id);
            if (item.get("sk").s().startsWith("LINK#") || item.get("sk").s().startsWith("ALERT#")) {
                assertThat(item.toString()).as("a link or alert of the erased customer").doesNotContain(id);
            }
        });
        assertThat(ok(send("GET", "/suppressions/check?mobile=" + q(mobile), "agent", null), 200).get("suppressed").asBoolean()).isTrue();
        assertThat(ok(send("GET", "/suppressions/check?email=" + q("EZIO@example.com"), "agent", null), 200).get("suppressed").asBoolean()).isTrue();
        assertThat(send("POST", "/customers", "agent", "{\"mobile\":\"" + mobile + "\"}").statusCode()).isEqualTo(409);

        String key = "imports/demo/upsert/comeback.xlsx";
        s3.putObject(b -> b.bucket(LocalStackConfig.BUCKET).key(key), RequestBody.fromBytes(ImportEndToEndTest.xlsx(List.of("mobile", "name"),
                List.of(List.of(mobile, "Back Again"), List.of("+393470100006", "Newcomer")))));
        JsonNode job = null;
        for (long until = System.currentTimeMillis() + 15_000; System.currentTimeMillis() < until && job == null; Thread.sleep(100)) {
            for (JsonNode j : ok(send("GET", "/imports?pageSize=100", "admin", null), 200).get("items")) {
                if (j.get("sourceKey").asText().equals(key) && j.get("status").asText().equals("AWAITING_CONFIRMATION")) {
                    job = j;
                }
            }
        }
        assertThat(job).as("the import was previewed").isNotNull();
        assertThat(job.get("counts").get("rejected").asInt()).isEqualTo(1);
        assertThat(job.get("errors").get(0).get("message").asText()).contains("suppression list");
        List<String> events = Files.readAllLines(stack.dataDir().resolve("events.jsonl"));
        assertThat(events).anyMatch(e -> e.contains("\"detail-type\":\"CustomerErased\"") && e.contains(id));
        assertThat(events).anyMatch(e -> e.contains("\"detail-type\":\"PrivacyRequestCompleted\""));
        assertThat(String.join("\n", events)).doesNotContain(mobile, "ezio");
    }

    @Test
    void aPortabilityRequestHandsOverTheProfileAsJson() throws Exception {
        String mobile = "+393470100009";
        String id = createCustomer("{\"mobile\":\"" + mobile + "\",\"email\":\"paola@example.com\",\"name\":\"Paola Portable\"}");
        ok(send("POST", "/customers/" + id + "/interactions", "agent", "{\"channel\":\"EMAIL\",\"direction\":\"INBOUND\",\"type\":\"EMAIL\","
                + "\"summary\":\"wants her data for another provider\"}"), 201);

        JsonNode done = processed(file(id, "PORTABILITY", null));
        assertThat(done.get("type").asText()).isEqualTo("PORTABILITY");
        HttpResponse<byte[]> download = api.download(done.get("result").get("downloadUrl").asText());
        assertThat(download.statusCode()).isEqualTo(200);
        JsonNode document = json.readTree(download.body());
        assertThat(document.get("requestType").asText()).isEqualTo("PORTABILITY");
        assertThat(document.get("customerId").asText()).isEqualTo(id);
        JsonNode profile = document.get("profile");
        assertThat(profile).as(document.toString()).isNotNull();
        assertThat(profile.get("id").asText()).isEqualTo(id);
        assertThat(profile.get("mobile").asText()).isEqualTo(mobile);
        assertThat(profile.get("email").asText()).isEqualTo("paola@example.com");
        assertThat(profile.get("name").asText()).isEqualTo("Paola Portable");
        assertThat(document.get("interactions")).extracting(i -> i.get("summary").asText()).contains("wants her data for another provider");
    }

    @Test
    void aRectificationCorrectsTheProfileThroughTheAuditedUpdate() throws Exception {
        String id = createCustomer("{\"mobile\":\"+393470100010\",\"email\":\"rino.old@example.com\",\"lastName\":\"Rossi\"}");
        String requestId = file(id, "RECTIFICATION", "{\"email\":\"rino.new@example.com\",\"lastName\":\"Verdi\"}");
        assertThat(ok(send("GET", "/customers/" + id, "viewer", null), 200).get("email").asText())
                .as("filing a request changes nothing yet").isEqualTo("rino.old@example.com");

        JsonNode done = processed(requestId);
        assertThat(done.get("type").asText()).isEqualTo("RECTIFICATION");
        assertThat(done.get("result").get("rectifiedFields")).extracting(JsonNode::asText).containsExactlyInAnyOrder("email", "lastName");
        JsonNode customer = ok(send("GET", "/customers/" + id, "viewer", null), 200);
        assertThat(customer.get("email").asText()).isEqualTo("rino.new@example.com");
        assertThat(customer.get("lastName").asText()).isEqualTo("Verdi");
        assertThat(customer.get("mobile").asText()).as("fields not in the request stay as they were").isEqualTo("+393470100010");

        JsonNode audit = ok(send("GET", "/customers/" + id + "/audit?pageSize=100", "dpo", null), 200).get("items");
        assertThat(audit).as(audit.toString()).anySatisfy(entry -> {
            assertThat(entry.path("field").asText()).isEqualTo("email");
            assertThat(entry.path("oldValue").asText()).isEqualTo("rino.old@example.com");
            assertThat(entry.path("newValue").asText()).isEqualTo("rino.new@example.com");
            assertThat(entry.path("source").asText()).isEqualTo("privacy-request:" + requestId);
        });
        assertThat(audit).as(audit.toString()).anySatisfy(entry -> {
            assertThat(entry.path("field").asText()).isEqualTo("lastName");
            assertThat(entry.path("oldValue").asText()).isEqualTo("Rossi");
            assertThat(entry.path("newValue").asText()).isEqualTo("Verdi");
            assertThat(entry.path("source").asText()).isEqualTo("privacy-request:" + requestId);
        });
        assertThat(ok(send("GET", "/customers?q=" + q("rino.new@example.com"), "admin", null), 200).get("items"))
                .extracting(c -> c.get("id").asText()).containsExactly(id);
        assertThat(ok(send("GET", "/customers?q=" + q("rino.old@example.com"), "admin", null), 200).get("items")).isEmpty();
    }

    @Test
    void anObjectionWithdrawsMarketingAndProfilingAndARegrantIsRefused() throws Exception {
        String id = createCustomer("{\"mobile\":\"+393470100011\"}");
        ok(send("POST", "/customers/" + id + "/consents", "agent", "{\"purpose\":\"MARKETING\",\"channel\":\"EMAIL\","
                + "\"status\":\"GRANTED\",\"source\":\"web-signup\",\"noticeVersion\":\"2026-09\"}"), 201);
        ok(send("POST", "/customers/" + id + "/consents", "agent", "{\"purpose\":\"PROFILING\",\"channel\":\"ANY\","
                + "\"status\":\"GRANTED\",\"source\":\"app\"}"), 201);
        assertThat(ok(send("GET", "/customers/" + id + "/consents", "viewer", null), 200).get("current"))
                .extracting(c -> c.get("purpose").asText() + "#" + c.get("channel").asText() + " " + c.get("status").asText())
                .contains("MARKETING#EMAIL GRANTED", "PROFILING#ANY GRANTED");

        String requestId = file(id, "OBJECTION", null);
        JsonNode done = processed(requestId);
        assertThat(done.get("type").asText()).isEqualTo("OBJECTION");
        assertThat(done.get("result").get("withdrawn")).extracting(JsonNode::asText)
                .contains("MARKETING#ANY", "MARKETING#EMAIL", "PROFILING#ANY");

        JsonNode consents = ok(send("GET", "/customers/" + id + "/consents", "viewer", null), 200);
        List<JsonNode> objectable = new ArrayList<>();
        consents.get("current").forEach(c -> {
            if (List.of("MARKETING", "PROFILING").contains(c.get("purpose").asText())) {
                objectable.add(c);
            }
        });
        assertThat(objectable).as(consents.toString())
                .extracting(c -> c.get("purpose").asText() + "#" + c.get("channel").asText())
                .contains("MARKETING#ANY", "MARKETING#EMAIL", "PROFILING#ANY");
        assertThat(objectable).as(consents.toString()).allSatisfy(c -> {
            assertThat(c.get("status").asText()).isEqualTo("WITHDRAWN");
            assertThat(c.path("source").asText()).isEqualTo("privacy-request:" + requestId);
        });
        assertThat(ok(send("GET", "/customers/" + id + "/outbound-permission?channel=EMAIL&purpose=MARKETING", "viewer", null), 200)
                .get("allowed").asBoolean()).isFalse();

        int ledger = consents.get("ledger").size();
        for (String channel : List.of("EMAIL", "SMS")) {
            HttpResponse<String> regrant = send("POST", "/customers/" + id + "/consents", "agent", "{\"purpose\":\"MARKETING\",\"channel\":\""
                    + channel + "\",\"status\":\"GRANTED\",\"source\":\"web-signup\"}");
            assertThat(regrant.statusCode()).as("the objection keeps MARKETING withdrawn: " + regrant.body()).isEqualTo(409);
            assertThat(regrant.body()).contains("objected");
        }
        JsonNode after = ok(send("GET", "/customers/" + id + "/consents", "viewer", null), 200);
        assertThat(after.get("ledger")).as("a refused grant is not recorded").hasSize(ledger);
        assertThat(after.get("current")).extracting(c -> c.get("purpose").asText() + "#" + c.get("channel").asText() + " " + c.get("status").asText())
                .contains("MARKETING#EMAIL WITHDRAWN").doesNotContain("MARKETING#SMS GRANTED", "MARKETING#EMAIL GRANTED");
    }

    @Test
    void restrictionTakesTheCustomerOutOfExportsAndAlerts() throws Exception {
        String mobile = "+393470100007";
        String id = createCustomer("{\"mobile\":\"" + mobile + "\",\"name\":\"Rita Restricted\"}");
        ok(send("POST", "/customers/" + id + "/interactions", "agent", "{\"channel\":\"EMAIL\",\"direction\":\"OUTBOUND\",\"type\":\"INVOICE\","
                + "\"summary\":\"Invoice\",\"amount\":\"50.00\",\"currency\":\"EUR\",\"status\":\"PENDING\",\"dueDate\":\""
                + LocalDate.now(ZoneOffset.UTC).minusDays(3) + "\"}"), 201);
        Path rule = SamTemplate.findFromWorkingDirectory().path().getParent().getParent().resolve("events/alert-evaluator/examples/pending-invoice-rule.json");
        String ruleId = ok(send("POST", "/alert-rules", "admin", Files.readString(rule)), 201).get("id").asText();
        stack.runScheduled("AlertEvaluatorFunction");
        assertThat(ok(send("GET", "/customers/" + id + "/alerts?status=ACTIVE", "agent", null), 200).toString()).contains(ruleId);
        assertThat(exportText()).contains(mobile);

        JsonNode done = processed(file(id, "RESTRICTION", null));
        assertThat(done.get("result").get("restricted").asBoolean()).isTrue();
        stack.runScheduled("AlertEvaluatorFunction");
        assertThat(ok(send("GET", "/customers/" + id + "/alerts?status=ACTIVE", "agent", null), 200).toString()).doesNotContain(ruleId);
        assertThat(exportText()).doesNotContain(mobile);
        JsonNode stored = ok(send("GET", "/customers/" + id, "agent", null), 200);
        assertThat(stored.get("restricted").asBoolean()).as("stored, still readable").isTrue();
        HttpResponse<String> lift = api.send("PATCH", "/customers/" + id, tokens.get("admin"), "{\"restricted\":false}",
                "Content-Type", "application/merge-patch+json", "If-Match", "\"" + stored.get("version").asText() + "\"");
        assertThat(lift.statusCode()).as("only a privacy request lifts a restriction").isEqualTo(400);
        assertThat(lift.body()).contains("restricted");
    }

    @Test
    void anOverdueRequestIsListedAndOnlyADpoProcessesIt() throws Exception {
        String id = createCustomer("{\"mobile\":\"+393470100008\"}");
        String requestId = file(id, "ACCESS", null);
        assertThat(send("POST", "/privacy-requests/" + requestId + "/process", "agent", null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/privacy-requests/" + requestId + "/process", "viewer", null).statusCode()).isEqualTo(403);
        assertThat(ok(send("GET", "/privacy-requests?overdue=true", "dpo", null), 200).toString()).doesNotContain(requestId);
        stack.moveClock(Duration.ofDays(32));
        JsonNode overdue = ok(send("GET", "/privacy-requests?overdue=true", "dpo", null), 200);
        assertThat(overdue.toString()).contains(requestId);
        assertThat(send("GET", "/privacy-requests/" + requestId, "otherTenantAdmin", null).statusCode()).isEqualTo(404);
    }
}
