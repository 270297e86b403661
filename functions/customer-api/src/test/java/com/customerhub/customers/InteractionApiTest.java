package com.customerhub.customers;

import com.customerhub.api.testing.ApiHarness;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class InteractionApiTest extends CustomerHandlerTest {

    private String record(String customer, String json) {
        return ok(call("record-interaction.json").id(customer).body(json), 201).body().get("id").asText();
    }

    private JsonNode stats(String customer) {
        return body(call("get-customer.json").id(customer)).get("stats");
    }

    @Test
    void statsFollowPurchasesComplaintsAndAnInvoiceUntilItIsPaid() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        record(id, "{\"channel\":\"STORE\",\"type\":\"PURCHASE\",\"amount\":120,\"occurredAt\":\"2026-10-01T10:00:00Z\"}");
        record(id, "{\"channel\":\"WEB\",\"type\":\"PURCHASE\",\"amount\":\"35.50\",\"occurredAt\":\"2026-10-05T10:00:00Z\"}");
        String complaint = record(id, "{\"channel\":\"PHONE\",\"type\":\"COMPLAINT\",\"summary\":\"Meter reading wrong\"}");
        String invoice = ok(call("record-interaction.json").id(id), 201).body().get("id").asText();

        JsonNode stats = stats(id);
        assertThat(stats.get("purchaseCount").asInt()).isEqualTo(2);
        assertThat(stats.get("lastPurchaseAt").asText()).isEqualTo("2026-10-05T10:00:00Z");
        assertThat(stats.get("lifecycle").asText()).isEqualTo("RETURNING");
        assertThat(stats.get("openComplaints").asInt()).isEqualTo(1);
        assertThat(stats.get("pendingInvoiceCount").asInt()).isEqualTo(1);
        assertThat(stats.get("pendingInvoiceAmount").decimalValue()).isEqualByComparingTo("84.20");
        assertThat(stats.get("oldestPendingInvoiceDueDate").asText()).isEqualTo("2026-11-20");

        JsonNode paid = ok(call("patch-interaction.json").id(id).sub(invoice), 200).body();
        assertThat(paid.get("status").asText()).isEqualTo("PAID");
        ok(call("patch-interaction.json").id(id).sub(complaint).body("{\"status\":\"CLOSED\",\"closedBy\":\"agent-7\"}"), 200);
        ok(call("patch-interaction.json").id(id).sub(invoice), 200); // paying twice changes nothing

        JsonNode after = stats(id);
        assertThat(after.get("pendingInvoiceCount").asInt()).isZero();
        assertThat(after.get("pendingInvoiceAmount").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(after.has("oldestPendingInvoiceDueDate")).isFalse();
        assertThat(after.get("openComplaints").asInt()).isZero();
        assertThat(after.get("purchaseCount").asInt()).isEqualTo(2);
        assertThat(body(call("get-customer.json").id(id)).get("version").asLong())
                .as("interactions do not change the customer's own version").isEqualTo(1);
    }

    @Test
    void concurrentWritesOnOneCustomerLoseNoStatsUpdate() throws Exception {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            results.add(pool.submit(() -> api.call(call("record-interaction.json").id(id)
                    .body("{\"channel\":\"STORE\",\"type\":\"PURCHASE\",\"amount\":10}")).status()));
        }
        for (Future<Integer> result : results) {
            assertThat(result.get()).isEqualTo(201);
        }
        pool.shutdown();
        assertThat(stats(id).get("purchaseCount").asInt()).isEqualTo(24);
        assertThat(stats(id).get("lifecycle").asText()).isEqualTo("VIP");
    }

    @Test
    void historyPagesNewestFirstByDateRangeTypeAndText() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        Instant start = Instant.parse("2026-03-01T08:00:00Z");
        for (int day = 0; day < 40; day++) {
            String type = day % 4 == 0 ? "COMPLAINT" : "CALL";
            record(id, "{\"channel\":\"PHONE\",\"type\":\"" + type + "\",\"summary\":\"day " + day + (day == 7 ? " gas leak" : "")
                    + "\",\"occurredAt\":\"" + start.plus(day, ChronoUnit.DAYS) + "\"}");
        }
        List<String> summaries = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = body(call("list-interactions.json").id(id)
                    .query("from=2026-03-11&to=2026-03-30&pageSize=10" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.get("items").forEach(i -> summaries.add(i.get("summary").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(summaries).hasSize(20);
        assertThat(summaries.get(0)).isEqualTo("day 29");
        assertThat(summaries.get(19)).isEqualTo("day 10");

        JsonNode complaints = body(call("customer-history.json").id(id).query("type=COMPLAINT&pageSize=100"));
        assertThat(complaints.get("items")).hasSize(10);
        JsonNode leak = body(call("customer-history.json").id(id).query("q=GAS%20LEAK"));
        assertThat(leak.get("items")).extracting(i -> i.get("summary").asText()).containsExactly("day 7 gas leak");
    }

    @Test
    void badInteractionsAreRefusedNamingTheField() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        ApiHarness.Response refused = api.call(call("record-interaction.json").id(id).body("""
                {"channel":"PIGEON","type":"INVOICE","status":"LOST","amount":-3,"currency":"euro","occurredAt":"2999-01-01T00:00:00Z"}"""));
        assertThat(refused.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        refused.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("channel", "status", "amount", "currency", "occurredAt", "dueDate");
        String invoice = ok(call("record-interaction.json").id(id), 201).body().get("id").asText();
        assertThat(api.call(call("patch-interaction.json").id(id).sub(invoice).body("{\"type\":\"CALL\"}")).status()).isEqualTo(400);
        assertThat(api.call(call("patch-interaction.json").id(id).sub(invoice).header("if-match", "\"9\"")).status()).isEqualTo(412);
        assertThat(api.call(call("get-interaction.json").id(id).sub("01HAAAAAAAAAAAAAAAAAAAAAAA")).status()).isEqualTo(404);
    }
}
