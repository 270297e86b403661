package com.customerhub.local;

import com.customerhub.localaws.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer stories of the domain issue, over HTTP against the local stack. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerDomainEndToEndTest {
    private LocalStack stack;
    private LocalApi api;
    private String admin;
    private final ObjectMapper json = new ObjectMapper();
    private int mobiles;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start(@TempDir Path data) throws Exception {
        stack = LocalStack.start(new LocalStackConfig(0, 0, 0, data, false), SamTemplate.findFromWorkingDirectory());
        api = new LocalApi(stack.apiUrl());
        admin = ((Map<String, String>) json.readValue(Files.readString(data.resolve("tokens.json")), Map.class)).get("admin");
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private JsonNode call(String method, String path, String body, int expected, String... headers) throws Exception {
        HttpResponse<String> response = api.send(method, path, admin, body, headers);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? null : json.readTree(response.body());
    }

    private String customer(String fields) throws Exception {
        String mobile = String.format("+3934700%05d", ++mobiles);
        return call("POST", "/customers", "{\"mobile\":\"" + mobile + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}", 201)
                .get("id").asText();
    }

    @Test
    void aCustomerWithThreeContactsAndAPrimary() throws Exception {
        String id = customer("\"customerType\":\"B2C\",\"name\":\"Famiglia Neri\"");
        List<String> contacts = new ArrayList<>();
        for (String surname : List.of("Neri", "Neri-Blu", "Rossi")) {
            contacts.add(call("POST", "/customers/" + id + "/contacts", "{\"lastName\":\"" + surname
                    + "\",\"phones\":[{\"type\":\"MOBILE\",\"number\":\"+393471234567\"}]}", 201).get("id").asText());
        }
        call("POST", "/customers/" + id + "/contacts/" + contacts.get(1) + "/primary", null, 200);
        JsonNode view = call("GET", "/customers/" + id + "/view", null, 200);
        assertThat(view.get("contacts")).hasSize(3);
        assertThat(view.get("contacts").get(0).get("lastName").asText()).as("the primary comes first").isEqualTo("Neri-Blu");
        assertThat(view.get("contacts").get(0).get("primary").asBoolean()).isTrue();
        assertThat(view.get("contacts").get(1).get("primary").asBoolean()).isFalse();
        assertThat(view.get("contacts").get(0).get("preferences").get("sms").asBoolean()).isTrue();
    }

    @Test
    void aPersonRelatedToTwoAccounts() throws Exception {
        String home = customer("\"name\":\"Casa Verdi\"");
        String company = customer("\"name\":\"Verdi Impianti Srl\",\"customerType\":\"B2B\"");
        String person = call("POST", "/customers/" + home + "/contacts", "{\"lastName\":\"Verdi\",\"roles\":[\"owner\"]}", 201)
                .get("id").asText();
        call("POST", "/customers/" + home + "/contacts/" + person + "/relations",
                "{\"customerId\":\"" + company + "\",\"role\":\"managing director\"}", 201);
        call("PATCH", "/customers/" + company + "/contacts/" + person, "{\"firstName\":\"Giuseppe\"}", 200, "If-Match", "\"1\"");
        JsonNode atHome = call("GET", "/customers/" + home + "/contacts/" + person, null, 200);
        assertThat(atHome.get("firstName").asText()).isEqualTo("Giuseppe");
        assertThat(atHome.get("roles").get(0).asText()).isEqualTo("owner");
        JsonNode atCompany = call("GET", "/customers/" + company + "/view", null, 200).get("contacts").get(0);
        assertThat(atCompany.get("roles").get(0).asText()).isEqualTo("managing director");
        assertThat(atCompany.get("firstName").asText()).isEqualTo("Giuseppe");
    }

    @Test
    void anExpiredRepresentativeIsRefusedByTheCheck() throws Exception {
        String id = customer("");
        LocalDate today = LocalDate.now();
        call("POST", "/customers/" + id + "/authorizations", "{\"representative\":{\"name\":\"Avv. Gialli\",\"mobile\":\"+393481112233\"},"
                + "\"scope\":[\"CONTRACT\"],\"validFrom\":\"" + today.minusYears(2) + "\",\"validUntil\":\"" + today.minusDays(1) + "\"}", 201);
        JsonNode check = call("GET", "/customers/" + id + "/authorizations/check?mobile=%2B393481112233&scope=CONTRACT", null, 200);
        assertThat(check.get("allowed").asBoolean()).isFalse();
        assertThat(check.get("reason").asText()).contains("expired");
    }

    @Test
    void fiveHundredInteractionsThenADateRangePage() throws Exception {
        String id = customer("");
        Instant start = Instant.parse("2025-01-01T09:00:00Z");
        for (int i = 0; i < 500; i++) {
            call("POST", "/customers/" + id + "/interactions", "{\"channel\":\"PHONE\",\"type\":\"CALL\",\"summary\":\"call " + i
                    + "\",\"occurredAt\":\"" + start.plus(i * 12L, ChronoUnit.HOURS) + "\"}", 201);
        }
        // 2025-03-01 .. 2025-03-10 (inclusive) holds days 59..68: 20 calls, two every day
        JsonNode page = call("GET", "/customers/" + id + "/history?from=2025-03-01&to=2025-03-10&pageSize=10", null, 200);
        assertThat(page.get("items")).hasSize(10);
        assertThat(page.get("items").get(0).get("occurredAt").asText()).isEqualTo("2025-03-10T21:00:00Z");
        JsonNode next = call("GET", "/customers/" + id + "/history?from=2025-03-01&to=2025-03-10&pageSize=10&cursor="
                + page.get("nextCursor").asText(), null, 200);
        assertThat(next.get("items")).hasSize(10);
        assertThat(next.get("items").get(9).get("occurredAt").asText()).isEqualTo("2025-03-01T09:00:00Z");
        assertThat(next.get("nextCursor").isNull()).isTrue();
        assertThat(call("GET", "/customers/" + id + "/view", null, 200).get("latestInteractions")).hasSize(10);
    }

    @Test
    void statsAfterPurchasesAComplaintAndAnInvoiceThenItsPayment() throws Exception {
        String id = customer("");
        String base = "/customers/" + id + "/interactions";
        call("POST", base, "{\"channel\":\"STORE\",\"type\":\"PURCHASE\",\"amount\":\"49.90\",\"product\":\"Smart thermostat\"}", 201);
        call("POST", base, "{\"channel\":\"WEB\",\"type\":\"PURCHASE\",\"amount\":\"120.00\"}", 201);
        call("POST", base, "{\"channel\":\"PHONE\",\"type\":\"COMPLAINT\",\"summary\":\"Late delivery\"}", 201);
        String invoice = call("POST", base, "{\"channel\":\"EMAIL\",\"type\":\"INVOICE\",\"amount\":\"75.10\",\"dueDate\":\"2026-01-31\"}", 201)
                .get("id").asText();
        JsonNode stats = call("GET", "/customers/" + id, null, 200).get("stats");
        assertThat(stats.get("purchaseCount").asInt()).isEqualTo(2);
        assertThat(stats.get("lifecycle").asText()).isEqualTo("RETURNING");
        assertThat(stats.get("openComplaints").asInt()).isEqualTo(1);
        assertThat(stats.get("pendingInvoiceCount").asInt()).isEqualTo(1);
        assertThat(stats.get("pendingInvoiceAmount").decimalValue()).isEqualByComparingTo("75.10");

        call("PATCH", base + "/" + invoice, "{\"status\":\"PAID\"}", 200);
        JsonNode paid = call("GET", "/customers/" + id, null, 200).get("stats");
        assertThat(paid.get("pendingInvoiceCount").asInt()).isZero();
        assertThat(paid.get("pendingInvoiceAmount").decimalValue()).isEqualByComparingTo("0");
        assertThat(paid.get("openComplaints").asInt()).isEqualTo(1);
    }

    @Test
    void aMergeAndItsUndoLeaveTheDataExactlyAsBefore() throws Exception {
        String survivor = customer("\"name\":\"Anna Blu\",\"tags\":[\"fiber\"]");
        String duplicate = customer("\"name\":\"A. Blu\",\"email\":\"anna.blu@example.com\",\"tags\":[\"mobile\"]");
        call("POST", "/customers/" + duplicate + "/contacts", "{\"lastName\":\"Blu\"}", 201);
        call("POST", "/customers/" + duplicate + "/interactions", "{\"channel\":\"STORE\",\"type\":\"PURCHASE\",\"amount\":5}", 201);
        Map<String, Map<String, AttributeValue>> before = everything();

        JsonNode merge = call("POST", "/customers/merge", "{\"survivorId\":\"" + survivor + "\",\"mergedIds\":[\"" + duplicate
                + "\"],\"fieldChoices\":{\"email\":\"" + duplicate + "\"}}", 200);
        call("GET", "/customers/" + duplicate, null, 404);
        assertThat(call("GET", "/customers/" + survivor, null, 200).get("email").asText()).isEqualTo("anna.blu@example.com");

        call("POST", "/merges/" + merge.get("mergeId").asText() + "/undo", null, 200);
        assertThat(everything()).isEqualTo(before);
        assertThat(call("GET", "/customers/" + duplicate, null, 200).get("email").asText()).isEqualTo("anna.blu@example.com");
        call("POST", "/merges/" + merge.get("mergeId").asText() + "/undo", null, 409);
    }

    @Test
    void aBulkExportOfSelectedCustomersProducesTheirWorkbook() throws Exception {
        String a = customer("\"name\":\"Export A\"");
        String b = customer("\"name\":\"Export B\"");
        customer("\"name\":\"Not exported\"");
        JsonNode queued = call("POST", "/customers/bulk", "{\"action\":\"export\",\"ids\":[\"" + a + "\",\"" + b + "\"]}", 200);
        String exportId = queued.get("exportId").asText();
        assertThat(queued.get("results")).extracting(r -> r.get("status").asText()).containsExactly("QUEUED", "QUEUED");
        JsonNode export = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            export = call("GET", "/exports/" + exportId, null, 200);
            if (!"RUNNING".equals(export.get("status").asText())) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(export.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(export.get("rows").asInt()).isEqualTo(2);
        assertThat(export.get("downloadUrl").asText()).contains("exports/");
    }

    private Map<String, Map<String, AttributeValue>> everything() {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        try (DynamoDbClient dynamo = stack.dynamo().client()) {
            dynamo.scanPaginator(b -> b.tableName("CustomersTable").consistentRead(true)).items()
                    .forEach(item -> items.put(item.get("pk").s() + " | " + item.get("sk").s(), item));
        }
        return items;
    }
}
