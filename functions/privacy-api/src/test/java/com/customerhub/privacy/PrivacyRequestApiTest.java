package com.customerhub.privacy;

import com.customerhub.api.http.ApiHandler;
import com.customerhub.api.testing.ApiCall;
import com.customerhub.api.testing.ApiHarness;
import com.customerhub.api.testing.HandlerTest;
import com.customerhub.core.events.DomainEvent;
import com.customerhub.core.settings.Retention;
import com.customerhub.core.time.OffsetFileClock;
import com.customerhub.customers.CustomerApiHandler;
import com.customerhub.localaws.LocalDynamoDb;
import com.customerhub.localaws.LocalS3;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Data-subject requests through the privacy function's handler, the worker run as its EventBridge
 * rule would run it (from the recorded PrivacyRequestProcessing event), against DynamoDB Local and
 * an in-process S3.
 */
class PrivacyRequestApiTest extends HandlerTest {
    private static final String BUCKET = "customer-hub-test";
    private final ObjectMapper json = new ObjectMapper();
    private final KillSwitch killSwitch = new KillSwitch();
    /** Keys whose deletion the local S3 refuses with AccessDenied, as a bucket policy or object lock would. */
    private final Set<String> undeletable = ConcurrentHashMap.newKeySet();
    private LocalS3 s3;
    private S3Client s3Client;
    private Path clockFile;
    private ApiHandler customers;
    private PrivacyWorkerHandler worker;

    /** Throws on the armed-th transaction: the worker "killed" in the middle of an erasure. */
    static final class KillSwitch implements ExecutionInterceptor {
        final AtomicInteger transactionsLeft = new AtomicInteger(-1);

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof TransactWriteItemsRequest && transactionsLeft.get() >= 0
                    && transactionsLeft.getAndDecrement() == 0) {
                throw new IllegalStateException("killed");
            }
        }
    }

    @Override
    protected ApiHandler handler(ApplicationContext context) {
        return new PrivacyApiHandler(context);
    }

    @Override
    protected Object[] singletons() {
        return new Object[]{killSwitch};
    }

    @BeforeAll
    @Override
    protected void start(LocalDynamoDb local) {
        s3 = LocalS3.start(0, null, store -> new ForwardingBlobStore(store) {
            @Override
            public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
                if (undeletable.contains(request.key())) {
                    throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED);
                }
                return super.removeBlob(request);
            }
        });
        s3.createBucket(BUCKET);
        s3Client = s3.client();
        try {
            clockFile = Files.createTempFile("clock-offset", ".txt");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        System.setProperty("test.s3.endpoint", s3.endpoint().toString());
        System.setProperty(OffsetFileClock.PROPERTY, clockFile.toString());
        super.start(local);
        customers = new CustomerApiHandler(api.context);
        worker = new PrivacyWorkerHandler(api.context);
    }

    @AfterAll
    @Override
    protected void stop() {
        super.stop();
        System.clearProperty("test.s3.endpoint");
        System.clearProperty(OffsetFileClock.PROPERTY);
        s3Client.close();
        s3.close();
    }

    @AfterEach
    void realTime() {
        OffsetFileClock.write(clockFile, Duration.ZERO);
        killSwitch.transactionsLeft.set(-1);
        undeletable.clear();
    }

    // ------------------------------------------------------------------ helpers

    private ApiHarness.Response viaCustomers(ApiCall call) {
        var response = customers.handleRequest(call.event(), null);
        try {
            String body = response.getBody();
            return new ApiHarness.Response(response.getStatusCode(), response.getHeaders() == null ? Map.of() : response.getHeaders(),
                    body == null || body.isEmpty() ? json.nullNode() : json.readTree(body), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String createCustomer(String body) {
        var response = viaCustomers(call("create-customer.json").body(body));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().get("id").asText();
    }

    private String file(String customerId, String type, String details) {
        var response = ok(call("file-privacy-request.json").body("{\"customerId\":\"" + customerId + "\",\"type\":\"" + type + "\""
                + (details == null ? "" : ",\"details\":" + details) + "}"), 202);
        return response.body().get("id").asText();
    }

    /** Starts the request as a dpo and runs the worker as the bus rule would; answers the request. */
    private JsonNode processAndRun(String requestId) {
        ok(call("process-privacy-request.json").id(requestId), 202);
        runWorker();
        return body(call("get-privacy-request.json").id(requestId));
    }

    private void runWorker() {
        List<DomainEvent> work = api.events().events().stream().filter(e -> e.detailType().equals("PrivacyRequestProcessing")).toList();
        api.events().clear();
        for (DomainEvent event : work) {
            Map<String, Object> detail = new HashMap<>(event.detail());
            detail.put("tenantId", event.tenantId());
            worker.handleRequest(Map.of("detail-type", event.detailType(), "source", "customer-hub", "detail", detail), null);
        }
    }

    private JsonNode download(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private List<Map<String, AttributeValue>> partition(String pk) {
        return dynamo.query(b -> b.tableName("CustomersTable").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk)))).items();
    }

    private List<Map<String, AttributeValue>> tenantItems() {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName("CustomersTable")).items().forEach(item -> {
            if (item.get("pk").s().startsWith(tenant + "#")) {
                all.add(item);
            }
        });
        return all;
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aRequestIsReceivedDueOneMonthLaterAndAnnouncedWithoutPersonalData() {
        String id = createCustomer("{\"mobile\":\"+393331000001\",\"email\":\"anna@example.com\"}");
        var response = ok(call("file-privacy-request.json").body("{\"customerId\":\"" + id + "\",\"type\":\"ACCESS\"}"), 202);
        JsonNode request = response.body();
        assertThat(request.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(response.header("Location")).isEqualTo("/privacy-requests/" + request.get("id").asText());
        Instant received = Instant.parse(request.get("receivedAt").asText());
        assertThat(Instant.parse(request.get("dueAt").asText())).isEqualTo(received.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
        assertThat(request.get("history").get(0).get("action").asText()).isEqualTo("RECEIVED");
        assertThat(request.get("history").get(0).get("by").asText()).isEqualTo("user-agent");
        DomainEvent received1 = api.events().events().stream().filter(e -> e.detailType().equals("PrivacyRequestReceived")).findFirst().orElseThrow();
        assertThat(received1.detail()).containsEntry("customerId", id).containsEntry("type", "ACCESS");
        assertThat(received1.detail().toString()).doesNotContain("+39", "anna");
    }

    @Test
    void badRequestsNameTheirFields() {
        String id = createCustomer("{\"mobile\":\"+393331000002\"}");
        ApiHarnessAssertions.assertFields(api.call(call("file-privacy-request.json").body("{\"type\":\"GOSSIP\",\"details\":5}")),
                "customerId", "type", "details");
        ApiHarnessAssertions.assertFields(api.call(call("file-privacy-request.json").body(
                "{\"customerId\":\"" + id + "\",\"type\":\"RECTIFICATION\",\"details\":{\"email\":\"not-an-email\",\"priority\":12}}")),
                "details.email", "details.priority");
        ApiHarnessAssertions.assertFields(api.call(call("file-privacy-request.json").body(
                "{\"customerId\":\"" + id + "\",\"type\":\"RESTRICTION\",\"details\":{\"lift\":\"maybe\"}}")), "details.lift");
        assertThat(api.call(call("file-privacy-request.json").body("{\"customerId\":\"01HZZZZZZZZZZZZZZZZZZZZZZZ\",\"type\":\"ACCESS\"}"))
                .status()).as("unknown customer").isEqualTo(404);
        assertThat(api.call(call("file-privacy-request.json").tenant("x" + tenant).body("{\"customerId\":\"" + id + "\",\"type\":\"ACCESS\"}"))
                .status()).as("another tenant's customer").isEqualTo(404);
        String requestId = file(id, "ACCESS", null);
        assertThat(api.call(call("get-privacy-request.json").tenant("x" + tenant).id(requestId)).status()).isEqualTo(404);
        ApiHarnessAssertions.assertFields(api.call(call("list-privacy-requests.json").query("status=DONE&overdue=perhaps")), "status");
        ApiHarnessAssertions.assertFields(api.call(call("list-privacy-requests.json").query("overdue=perhaps")), "overdue");
        ApiHarnessAssertions.assertFields(api.call(call("list-privacy-requests.json").query("pageSize=5")), "pageSize");
    }

    @Test
    void onlyADpoOrAdminHandlesRequests() {
        String id = createCustomer("{\"mobile\":\"+393331000003\"}");
        String requestId = file(id, "ACCESS", null);
        for (String role : List.of("[agent]", "[viewer]")) {
            assertThat(api.call(call("process-privacy-request.json").id(requestId).groups(role)).status()).as(role).isEqualTo(403);
            assertThat(api.call(call("reject-privacy-request.json").id(requestId).groups(role)).status()).as(role).isEqualTo(403);
            assertThat(api.call(call("extend-privacy-request.json").id(requestId).groups(role)).status()).as(role).isEqualTo(403);
            assertThat(api.call(call("get-privacy-request.json").id(requestId).groups(role)).status()).as(role).isEqualTo(403);
            assertThat(api.call(call("list-privacy-requests.json").groups(role)).status()).as(role).isEqualTo(403);
        }
        assertThat(api.call(call("file-privacy-request.json").groups("[viewer]").body("{\"customerId\":\"" + id + "\",\"type\":\"ACCESS\"}"))
                .status()).isEqualTo(403);
        assertThat(body(call("get-privacy-request.json").id(requestId)).get("status").asText()).isEqualTo("RECEIVED");
        ok(call("process-privacy-request.json").id(requestId).groups("[admin]"), 202);
    }

    @Test
    void extensionsNeedAReasonAndStopAtTwoMonths() {
        String id = createCustomer("{\"mobile\":\"+393331000004\"}");
        String requestId = file(id, "ACCESS", null);
        JsonNode first = body(call("extend-privacy-request.json").id(requestId));
        Instant received = Instant.parse(first.get("receivedAt").asText());
        assertThat(Instant.parse(first.get("dueAt").asText())).isEqualTo(received.atZone(ZoneOffset.UTC).plusMonths(2).toInstant());
        assertThat(first.get("history").get(1).get("note").asText()).contains("by 1 month(s)").contains("many accounts");
        ApiHarnessAssertions.assertFields(api.call(call("extend-privacy-request.json").id(requestId).body("{\"months\":2,\"reason\":\"more\"}")), "months");
        ApiHarnessAssertions.assertFields(api.call(call("extend-privacy-request.json").id(requestId).body("{\"months\":1}")), "reason");
        JsonNode second = body(call("extend-privacy-request.json").id(requestId).body("{\"months\":1,\"reason\":\"third-party records\"}"));
        assertThat(second.get("extendedMonths").asInt()).isEqualTo(2);
        assertThat(Instant.parse(second.get("dueAt").asText())).isEqualTo(received.atZone(ZoneOffset.UTC).plusMonths(3).toInstant());
        ApiHarnessAssertions.assertFields(api.call(call("extend-privacy-request.json").id(requestId).body("{\"months\":1,\"reason\":\"x\"}")), "months");
    }

    @Test
    void rejectingNeedsAReasonAndOnlyAReceivedRequestCanBeRejected() {
        String id = createCustomer("{\"mobile\":\"+393331000005\"}");
        String requestId = file(id, "ERASURE", null);
        ApiHarnessAssertions.assertFields(api.call(call("reject-privacy-request.json").id(requestId).body("{}")), "reason");
        JsonNode rejected = body(call("reject-privacy-request.json").id(requestId));
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("history").get(1).get("note").asText()).contains("identity");
        assertThat(api.call(call("process-privacy-request.json").id(requestId)).status()).isEqualTo(409);
        assertThat(api.call(call("reject-privacy-request.json").id(requestId)).status()).isEqualTo(409);
        assertThat(body(call("get-privacy-request.json").id(requestId)).get("status").asText()).isEqualTo("REJECTED");
    }

    @Test
    void overdueRequestsAreListedPageByPage() {
        String id = createCustomer("{\"mobile\":\"+393331000006\"}");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(file(id, "ACCESS", null));
        }
        String done = ids.get(0);
        ok(call("reject-privacy-request.json").id(done), 200);
        assertThat(body(call("list-privacy-requests.json").query("overdue=true")).get("items")).isEmpty();
        OffsetFileClock.write(clockFile, Duration.ofDays(32));
        JsonNode page1 = body(call("list-privacy-requests.json").query("overdue=true&pageSize=10"));
        assertThat(page1.get("items")).hasSize(10);
        assertThat(page1.get("items").get(0).get("overdue").asBoolean()).isTrue();
        assertThat(page1.get("items").get(0).get("id").asText()).as("newest first").isEqualTo(ids.get(11));
        JsonNode page2 = body(call("list-privacy-requests.json").query("overdue=true&pageSize=10&cursor=" + page1.get("nextCursor").asText()));
        assertThat(page2.get("items")).hasSize(1);
        assertThat(page2.get("nextCursor").isNull()).isTrue();
        assertThat(body(call("list-privacy-requests.json").query("status=REJECTED")).get("items")).extracting(n -> n.get("id").asText())
                .containsExactly(done);
        assertThat(body(call("list-privacy-requests.json").query("overdue=false")).get("items")).hasSize(1);
    }

    @Test
    void anAccessRequestGivesADocumentWithEveryItemHeldOnThePerson() throws Exception {
        String id = createCustomer("{\"mobile\":\"+393331000007\",\"email\":\"bea@example.com\",\"firstName\":\"Bea\"}");
        assertThat(viaCustomers(call("create-contact.json").id(id)).status()).isEqualTo(201);
        assertThat(viaCustomers(call("record-interaction.json").id(id)).status()).isEqualTo(201);
        assertThat(viaCustomers(call("create-authorization.json").id(id)).status()).isEqualTo(201);
        assertThat(viaCustomers(call("attach-link.json").id(id)).status()).isEqualTo(201);
        assertThat(viaCustomers(call("patch-customer.json").id(id)).status()).isEqualTo(200);
        ok(call("record-consent.json").id(id), 201);

        String requestId = file(id, "ACCESS", null);
        JsonNode done = processAndRun(requestId);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.get("history")).extracting(h -> h.get("action").asText())
                .containsExactly("RECEIVED", "PROCESSING_STARTED", "COMPLETED");
        assertThat(done.get("history").get(1).get("by").asText()).isEqualTo("user-dpo");
        JsonNode document = download(done.get("result").get("downloadUrl").asText());

        String text = document.toString();
        for (String pk : List.of(tenant + "#" + id, tenant + "#" + id + "#HISTORY", tenant + "#" + id + "#AUDIT")) {
            for (Map<String, AttributeValue> item : partition(pk)) {
                String sk = item.get("sk").s();
                assertThat(text).as("the document holds " + pk + " / " + sk).contains("\"storedAs\":\"" + sk + "\"");
            }
        }
        assertThat(document.get("profile").get("email").asText()).isEqualTo("bea@example.com");
        assertThat(document.get("contacts")).hasSize(partition(tenant + "#" + id).stream().filter(i -> i.get("sk").s().startsWith("CONTACT#")).toList().size());
        assertThat(document.get("contactPersons")).hasSize(1);
        assertThat(document.get("representatives")).hasSize(1);
        assertThat(document.get("links")).hasSize(1);
        assertThat(document.get("interactions")).hasSize(partition(tenant + "#" + id + "#HISTORY").size());
        assertThat(document.get("audit")).hasSize(partition(tenant + "#" + id + "#AUDIT").size());
        assertThat(document.get("consentLedger")).hasSize(1);
        assertThat(document.get("currentConsents")).hasSize(1);
        assertThat(document.get("privacyRequests")).extracting(r -> r.get("id").asText()).contains(requestId);
        var head = s3Client.headObject(b -> b.bucket(BUCKET).key("privacy/" + tenant + "/" + requestId + ".json"));
        assertThat(head.serverSideEncryptionAsString()).isIn("AES256", null); // S3Proxy does not echo SSE; AWS does
        assertThat(api.events().events()).extracting(DomainEvent::detailType).contains("PrivacyRequestCompleted");
    }

    @Test
    void aRectificationGoesThroughTheAuditedUpdate() {
        String id = createCustomer("{\"mobile\":\"+393331000008\",\"email\":\"old@example.com\"}");
        String requestId = file(id, "RECTIFICATION", "{\"email\":\"new@example.com\",\"lastName\":\"Verdi\"}");
        JsonNode done = processAndRun(requestId);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.get("result").get("rectifiedFields")).extracting(JsonNode::asText).containsExactlyInAnyOrder("email", "lastName");
        JsonNode customer = viaCustomers(call("get-customer.json").id(id)).body();
        assertThat(customer.get("email").asText()).isEqualTo("new@example.com");
        JsonNode audit = viaCustomers(call("customer-audit.json").id(id)).body();
        assertThat(audit.toString()).contains("privacy-request:" + requestId).contains("old@example.com");
    }

    @Test
    void restrictionIsSetAndLiftedOnlyByRequests() {
        String id = createCustomer("{\"mobile\":\"+393331000009\",\"preferredChannels\":[\"WHATSAPP\"]}");
        var patch = viaCustomers(call("patch-customer.json").id(id).body("{\"restricted\":true}"));
        assertThat(patch.status()).as("restricted is read-only on the customer API").isEqualTo(400);
        assertThat(patch.raw()).contains("restricted");
        assertThat(viaCustomers(call("create-customer.json").body("{\"mobile\":\"+393331000010\",\"restricted\":true}")).status()).isEqualTo(400);

        ok(call("record-consent.json").id(id).body("{\"purpose\":\"SERVICE\",\"channel\":\"WHATSAPP\",\"status\":\"GRANTED\",\"source\":\"app\"}"), 201);
        assertThat(viaCustomers(call("get-customer.json").id(id)).body().get("authorized").asBoolean()).isTrue();

        JsonNode restricted = processAndRun(file(id, "RESTRICTION", null));
        assertThat(restricted.get("result").get("restricted").asBoolean()).as(restricted.toString()).isTrue();
        JsonNode customer = viaCustomers(call("get-customer.json").id(id)).body();
        assertThat(customer.get("restricted").asBoolean()).isTrue();
        assertThat(customer.get("authorized").asBoolean()).as("a restricted customer is not authorized").isFalse();
        assertThat(body(call("outbound-permission.json").id(id).query("channel=WHATSAPP")).get("allowed").asBoolean()).isFalse();
        // sending the stored value back (a PUT of what GET answered) is fine
        assertThat(viaCustomers(call("patch-customer.json").id(id).header("if-match", "\"" + customer.get("version").asText() + "\"")
                .body("{\"restricted\":true,\"notes\":\"x\"}")).status()).isEqualTo(200);

        JsonNode lifted = processAndRun(file(id, "RESTRICTION", "{\"lift\":true}"));
        assertThat(lifted.get("result").get("restricted").asBoolean()).isFalse();
        assertThat(viaCustomers(call("get-customer.json").id(id)).body().has("restricted")).isFalse();
        assertThat(viaCustomers(call("customer-audit.json").id(id)).body().toString()).contains("restricted");
    }

    @Test
    void anObjectionWithdrawsMarketingAndProfilingAndKeepsThemWithdrawn() {
        String id = createCustomer("{\"mobile\":\"+393331000011\"}");
        ok(call("record-consent.json").id(id), 201); // MARKETING EMAIL granted
        assertThat(viaCustomers(call("record-interaction.json").id(id).body("{\"channel\":\"WHATSAPP\",\"direction\":\"INBOUND\","
                + "\"type\":\"MESSAGE\",\"occurredAt\":\"" + Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")).status())
                .isEqualTo(201);
        String service = "channel=WHATSAPP&purpose=SERVICE";
        assertThat(body(call("outbound-permission.json").id(id).query(service)).get("allowed").asBoolean())
                .as("the inbound message opened the service window").isTrue();
        assertThat(viaCustomers(call("get-customer.json").id(id)).body().get("authorized").asBoolean()).isTrue();
        JsonNode done = processAndRun(file(id, "OBJECTION", null));
        assertThat(done.get("result").get("withdrawn")).extracting(JsonNode::asText)
                .contains("MARKETING#ANY", "MARKETING#EMAIL", "PROFILING#ANY");
        JsonNode consents = body(call("get-consents.json").id(id));
        consents.get("current").forEach(c -> {
            if (List.of("MARKETING", "PROFILING").contains(c.get("purpose").asText())) {
                assertThat(c.get("status").asText()).isEqualTo("WITHDRAWN");
            }
        });
        assertThat(body(call("outbound-permission.json").id(id).query("channel=EMAIL&purpose=MARKETING")).get("allowed").asBoolean()).isFalse();
        JsonNode objected = body(call("outbound-permission.json").id(id).query(service));
        assertThat(objected.get("allowed").asBoolean()).as("an objecting customer gets no SERVICE either, window or not").isFalse();
        assertThat(objected.get("reason").asText()).contains("objected").contains("Art. 21");
        assertThat(viaCustomers(call("get-customer.json").id(id)).body().get("authorized").asBoolean())
                .as("nor is it authorized (the same SERVICE rule, from the profile)").isFalse();
        var regrant = api.call(call("record-consent.json").id(id).body(
                "{\"purpose\":\"MARKETING\",\"channel\":\"SMS\",\"status\":\"GRANTED\",\"source\":\"import\"}"));
        assertThat(regrant.status()).as("the objection flag keeps marketing withdrawn").isEqualTo(409);
        ok(call("record-consent.json").id(id).body("{\"purpose\":\"SERVICE\",\"channel\":\"SMS\",\"status\":\"GRANTED\",\"source\":\"app\"}"), 201);
        // a re-run of the same objection adds nothing to the ledger
        int ledger = body(call("get-consents.json").id(id)).get("ledger").size();
        processAndRun(file(id, "OBJECTION", "{\"lift\":true}"));
        assertThat(body(call("get-consents.json").id(id)).get("ledger").size()).isEqualTo(ledger);
        assertThat(body(call("outbound-permission.json").id(id).query(service)).get("allowed").asBoolean())
                .as("lifting the objection gives the open window back").isTrue();
        ok(call("record-consent.json").id(id).body("{\"purpose\":\"MARKETING\",\"channel\":\"SMS\",\"status\":\"GRANTED\",\"source\":\"app\"}"), 201);
    }

    @Test
    void aRepresentativeNeedsThePrivacyScope() {
        String id = createCustomer("{\"mobile\":\"+393331000012\"}");
        assertThat(viaCustomers(call("create-authorization.json").id(id)).status()).isEqualTo(201); // READ, UPDATE only
        ApiHarnessAssertions.assertFields(api.call(call("file-privacy-request.json").body("{\"customerId\":\"" + id
                + "\",\"type\":\"ACCESS\",\"requester\":{\"mobile\":\"+393401112233\"}}")), "requester.mobile");
        assertThat(viaCustomers(call("create-authorization.json").id(id).body("{\"representative\":{\"name\":\"Paola\",\"mobile\":\"+393401112244\"},"
                + "\"scope\":[\"PRIVACY\"],\"validFrom\":\"2026-01-01\"}")).status()).isEqualTo(201);
        JsonNode filed = ok(call("file-privacy-request.json").body("{\"customerId\":\"" + id
                + "\",\"type\":\"ACCESS\",\"requester\":{\"mobile\":\"+39 340 111 2244\"}}"), 202).body();
        assertThat(filed.get("requester").get("kind").asText()).isEqualTo("REPRESENTATIVE");
        assertThat(filed.get("requester").get("authorizationId").asText()).isNotEmpty();
        assertThat(filed.toString()).doesNotContain("3401112244");
    }

    @Test
    void anErasureLeavesNothingButTheCertificateAndAHashAndResumesAfterAKill() throws Exception {
        String mobile = "+393331000013";
        String id = createCustomer("{\"mobile\":\"" + mobile + "\",\"email\":\"carla@example.com\",\"externalId\":\"EXT-13\",\"tags\":[\"vip\"]}");
        String company = createCustomer("{\"mobile\":\"+393331000014\",\"customerType\":\"B2B\",\"company\":\"ACME\"}");
        String child = createCustomer("{\"mobile\":\"+393331000015\",\"parentId\":\"" + id + "\"}");
        var contact = viaCustomers(call("create-contact.json").id(id).body("{\"lastName\":\"Carla\",\"phones\":[{\"type\":\"MOBILE\",\"number\":\"" + mobile + "\"}]}"));
        String contactId = contact.body().get("id").asText();
        assertThat(viaCustomers(call("relate-contact.json").id(id).sub(contactId).body("{\"customerId\":\"" + company + "\",\"role\":\"buyer\"}")).status())
                .isEqualTo(201);
        assertThat(viaCustomers(call("record-interaction.json").id(id)).status()).isEqualTo(201);
        assertThat(viaCustomers(call("attach-link.json").id(id)).status()).isEqualTo(201);
        String merged = createCustomer("{\"mobile\":\"+393331000016\"}");
        assertThat(viaCustomers(call("merge-customers.json").body("{\"survivorId\":\"" + id + "\",\"mergedIds\":[\"" + merged + "\"],\"preview\":false}")).status())
                .isEqualTo(200);
        ok(call("record-consent.json").id(id), 201);
        s3Client.putObject(b -> b.bucket(BUCKET).key("reports/" + tenant + "/imp1.json"), RequestBody.fromString("row 4: " + mobile + " rejected"));
        s3Client.putObject(b -> b.bucket(BUCKET).key("exports/" + tenant + "/other.json"), RequestBody.fromString("+393339999999"));
        String access = file(id, "ACCESS", null);
        processAndRun(access);

        String erasure = file(id, "ERASURE", null);
        killSwitch.transactionsLeft.set(1); // the child's detachment passes, the customer's own delete is "killed"
        ok(call("process-privacy-request.json").id(erasure), 202);
        assertThatThrownBy(this::runWorker).isInstanceOf(RuntimeException.class);
        JsonNode half = body(call("get-privacy-request.json").id(erasure));
        assertThat(half.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(half.get("history")).extracting(h -> h.get("action").asText()).contains("ATTEMPT_FAILED");
        assertThat(s3Client.listObjectsV2(b -> b.bucket(BUCKET).prefix("reports/" + tenant)).contents()).as("the first run got this far").isEmpty();

        JsonNode done = processAndRun(erasure); // the dpo (or Lambda's retry) runs it again
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        JsonNode certificate = done.get("result").get("certificate");
        String listed = certificate.toString();
        assertThat(certificate.get("alreadyErased").asBoolean()).isFalse();
        assertThat(listed).as("the certificate lists what the killed run removed too")
                .contains("reports/" + tenant + "/imp1.json", "privacy/" + tenant + "/" + access + ".json")
                .contains(contactId).contains("PERSON_DELETED_AT_EVERY_ACCOUNT").contains(company)
                .contains(child).contains("MergesTable").contains("ConsentsTable").contains("interaction").contains("audit entry")
                .doesNotContain(mobile).doesNotContain("carla");

        for (Map<String, AttributeValue> item : tenantItems()) {
            // (the child's own audit trail keeps the old parentId: an opaque id that names no one once the customer is gone)
            assertThat(item.toString()).as(item.get("pk").s()).doesNotContain(mobile, "carla@example.com", "EXT-13", "Carla");
            assertThat(item.get("pk").s()).doesNotContain(id);
        }
        assertThat(s3Client.listObjectsV2(b -> b.bucket(BUCKET).prefix("exports/" + tenant)).contents()).as("other people's files stay").hasSize(1);
        assertThat(s3Client.listObjectsV2(b -> b.bucket(BUCKET).prefix("privacy/" + tenant)).contents()).isEmpty();
        assertThat(viaCustomers(call("get-customer.json").id(id)).status()).isEqualTo(404);
        assertThat(viaCustomers(call("get-customer.json").id(child)).body().has("parentId")).isFalse();
        assertThat(viaCustomers(call("list-contacts.json").id(company)).body().get("items")).isEmpty();
        assertThat(viaCustomers(call("list-customers.json").query("q=" + mobile.replace("+", "%2B"))).body().get("items")).isEmpty();

        assertThat(body(call("check-suppression.json").query("mobile=%2B39%20333%201000013")).get("suppressed").asBoolean()).isTrue();
        assertThat(body(call("check-suppression.json").query("email=Carla%40example.com")).get("suppressed").asBoolean()).isTrue();
        assertThat(body(call("check-suppression.json").query("mobile=%2B393331000099")).get("suppressed").asBoolean()).isFalse();
        ApiHarnessAssertions.assertFields(api.call(call("check-suppression.json").query("mobile=12")), "mobile");
        var again = viaCustomers(call("create-customer.json").body("{\"mobile\":\"" + mobile + "\"}"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.raw()).contains("suppression list");
        long childVersion = viaCustomers(call("get-customer.json").id(child)).body().get("version").asLong();
        var moved = viaCustomers(call("patch-customer.json").id(child).header("if-match", "\"" + childVersion + "\"")
                .body("{\"email\":\"CARLA@example.com\"}"));
        assertThat(moved.status()).as("nor given to another customer by an update").isEqualTo(409);
        assertThat(moved.raw()).contains("suppression list").contains("email");

        DomainEvent erased = api.events().events().stream().filter(e -> e.detailType().equals("CustomerErased")).findFirst().orElseThrow();
        assertThat(erased.detail()).containsEntry("customerId", id);
        assertThat(erased.detail().toString()).doesNotContain(mobile, "carla");

        JsonNode second = processAndRun(file(id, "ERASURE", null));
        assertThat(second.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(second.get("result").get("certificate").get("alreadyErased").asBoolean()).isTrue();
        assertThat(api.call(call("file-privacy-request.json").body("{\"customerId\":\"" + id + "\",\"type\":\"ACCESS\"}")).status()).isEqualTo(404);
    }

    @Test
    void anErasureStatesTheLifecycleExpiryOfAnObjectS3RefusesToDeleteAndStillCompletes() {
        String mobile = "+393331000017";
        String id = createCustomer("{\"mobile\":\"" + mobile + "\",\"email\":\"dario@example.com\"}");
        String report = "reports/" + tenant + "/imp2.json";
        String export = "exports/" + tenant + "/customers.csv";
        String dropped = "imports/" + tenant + "/list.csv";
        String other = "exports/" + tenant + "/other.json";
        s3Client.putObject(b -> b.bucket(BUCKET).key(report), RequestBody.fromString("row 2: " + mobile + " rejected"));
        s3Client.putObject(b -> b.bucket(BUCKET).key(export), RequestBody.fromString("id,email\n" + id + ",Dario@example.com\n"));
        s3Client.putObject(b -> b.bucket(BUCKET).key(dropped), RequestBody.fromString("mobile\n3331000017\n"));
        s3Client.putObject(b -> b.bucket(BUCKET).key(other), RequestBody.fromString("+393339999999"));
        undeletable.add(export); // a bucket policy (or object lock) that denies this deletion

        String erasure = file(id, "ERASURE", null);
        Instant before = Instant.now();
        JsonNode done = processAndRun(erasure);
        Instant after = Instant.now();

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("COMPLETED");
        JsonNode certificate = done.get("result").get("certificate");
        JsonNode s3Entry = StreamSupport.stream(certificate.get("erased").spliterator(), false)
                .filter(e -> e.path("location").asText().startsWith("S3 bucket")).findFirst().orElseThrow();
        Map<String, JsonNode> byKey = new HashMap<>();
        s3Entry.get("objects").forEach(o -> byKey.put(o.get("key").asText(), o));
        assertThat(byKey).as(s3Entry.toString()).containsOnlyKeys(report, export, dropped);
        assertThat(byKey.get(report).get("action").asText()).isEqualTo("DELETED");
        assertThat(byKey.get(dropped).get("action").asText()).isEqualTo("DELETED");
        assertThat(byKey.get(report).has("expiresBy")).isFalse();

        JsonNode refused = byKey.get(export);
        assertThat(refused.get("action").asText()).as(refused.toString()).isEqualTo("EXPIRES");
        assertThat(refused.get("reason").asText()).contains("403");
        // the bucket's lifecycle rule for exports/ (infrastructure/template.yaml, ExpirationInDays) is Retention.MAX_DAYS
        Instant expiresBy = Instant.parse(refused.get("expiresBy").asText());
        assertThat(expiresBy).isBetween(before.plus(Duration.ofDays(Retention.MAX_DAYS)), after.plus(Duration.ofDays(Retention.MAX_DAYS)));
        assertThat(expiresBy).isAfterOrEqualTo(Instant.parse(certificate.get("erasedAt").asText()).plus(Duration.ofDays(Retention.MAX_DAYS)));
        assertThat(certificate.toString()).doesNotContain(mobile).doesNotContain("dario");

        List<String> left = new ArrayList<>();
        s3Client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("")).contents().forEach(o -> {
            if (o.key().contains("/" + tenant + "/")) {
                left.add(o.key());
            }
        });
        assertThat(left).as("only the refused object and other people's files stay").containsExactlyInAnyOrder(export, other);
    }
}
