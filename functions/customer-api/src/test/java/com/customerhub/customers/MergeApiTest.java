package com.customerhub.customers;

import com.customerhub.api.testing.ApiCall;
import com.customerhub.api.testing.ApiHarness;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class MergeApiTest extends CustomerHandlerTest {

    private String mergeBody(String survivor, String merged, String choices, boolean preview) {
        return "{\"survivorId\":\"" + survivor + "\",\"mergedIds\":[\"" + merged + "\"],\"fieldChoices\":" + choices
                + ",\"preview\":" + preview + "}";
    }

    /** Every item of the tenant in the Customers table, by key, to compare before and after. */
    private Map<String, Map<String, AttributeValue>> everything() {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        dynamo.scanPaginator(b -> b.tableName("CustomersTable").consistentRead(true)).items().forEach(item -> {
            if (item.get("pk").s().startsWith(tenant + "#")) {
                items.put(item.get("pk").s() + " | " + item.get("sk").s(), item);
            }
        });
        return items;
    }

    @Test
    void aMergeMovesEverythingToTheSurvivorAndItsUndoRestoresEveryItemExactly() {
        String survivor = customer("{\"mobile\":\"+393330000001\",\"name\":\"Mario Rossi\",\"tags\":[\"gas\"]}");
        String duplicate = customer("{\"mobile\":\"+393330000002\",\"name\":\"M. Rossi\",\"email\":\"mario@example.com\",\"tags\":[\"solar\"]}");
        ok(call("create-contact.json").id(survivor).body("{\"lastName\":\"Bianchi\"}"), 201);
        String contact = ok(call("create-contact.json").id(duplicate).body("{\"lastName\":\"Verdi\"}"), 201).body().get("id").asText();
        ok(call("create-authorization.json").id(duplicate), 201);
        ok(call("record-interaction.json").id(survivor).body("{\"channel\":\"STORE\",\"type\":\"PURCHASE\",\"amount\":10}"), 201);
        ok(call("record-interaction.json").id(duplicate).body("{\"channel\":\"WEB\",\"type\":\"PURCHASE\",\"amount\":20}"), 201);
        ok(call("record-interaction.json").id(duplicate), 201); // a pending invoice
        ok(call("patch-customer.json").id(duplicate).body("{\"notes\":\"audited change\"}"), 200);
        dynamo.putItem(b -> b.tableName("CustomersTable").item(Map.of(
                "pk", AttributeValue.fromS(tenant + "#" + duplicate), "sk", AttributeValue.fromS("ALERT#R9"),
                "id", AttributeValue.fromS(duplicate + "R9"), "customerId", AttributeValue.fromS(duplicate),
                "ruleId", AttributeValue.fromS("R9"), "severity", AttributeValue.fromS("WARNING"),
                "status", AttributeValue.fromS("ACTIVE"), "raisedAt", AttributeValue.fromS("2026-11-01T00:00:00Z"))));
        Map<String, Map<String, AttributeValue>> before = everything();

        JsonNode preview = body(call("merge-customers.json").body(mergeBody(survivor, duplicate, "{\"email\":\"" + duplicate + "\"}", true)));
        assertThat(preview.get("merged").get("email").asText()).isEqualTo("mario@example.com");
        assertThat(preview.get("merged").get("name").asText()).isEqualTo("Mario Rossi");
        assertThat(preview.get("merged").get("tags")).extracting(JsonNode::asText).containsExactly("gas", "solar");
        assertThat(everything()).as("a preview changes nothing").isEqualTo(before);

        JsonNode merge = body(call("merge-customers.json").body(mergeBody(survivor, duplicate, "{\"email\":\"" + duplicate + "\"}", false)));
        String mergeId = merge.get("mergeId").asText();
        assertThat(api.call(call("get-customer.json").id(duplicate)).status()).isEqualTo(404);
        JsonNode view = body(call("customer-view.json").id(survivor));
        assertThat(view.get("customer").get("email").asText()).isEqualTo("mario@example.com");
        assertThat(view.get("contacts")).extracting(c -> c.get("lastName").asText()).containsExactlyInAnyOrder("Bianchi", "Verdi");
        assertThat(view.get("authorizations")).hasSize(1);
        assertThat(view.get("alerts")).hasSize(1);
        assertThat(view.get("alerts").get(0).get("id").asText()).as("the alert is the survivor's now").isEqualTo(survivor + "R9");
        assertThat(view.get("alerts").get(0).get("customerId").asText()).isEqualTo(survivor);
        assertThat(view.get("customer").get("stats").get("purchaseCount").asInt()).isEqualTo(2);
        assertThat(view.get("customer").get("stats").get("pendingInvoiceCount").asInt()).isEqualTo(1);
        assertThat(body(call("list-customers.json").query("q=%2B393330000002")).get("items")).isEmpty();
        assertThat(body(call("get-contact.json").id(survivor).sub(contact)).get("accounts"))
                .extracting(a -> a.get("customerId").asText()).containsExactly(survivor);
        assertThat(api.events().events()).anyMatch(e -> e.detailType().equals("CustomersMerged"));

        JsonNode undone = body(call("undo-merge.json").id(mergeId));
        assertThat(undone.get("status").asText()).isEqualTo("UNDONE");
        assertThat(everything()).as("every item exactly as before the merge").isEqualTo(before);
        assertThat(api.call(call("undo-merge.json").id(mergeId)).status()).as("undoing an undone merge").isEqualTo(409);
    }

    @Test
    void badMergesAreRefused() {
        String a = customer("{\"mobile\":\"+393330000001\"}");
        String b = customer("{\"mobile\":\"+393330000002\"}");
        ApiHarness.Response self = api.call(call("merge-customers.json").body(mergeBody(a, a, "{}", false)));
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.body().get("errors").get(0).get("field").asText()).isEqualTo("mergedIds");
        ApiHarness.Response foreign = api.call(ApiCall.fixture("merge-customers.json").tenant("x" + tenant)
                .body(mergeBody(a, b, "{}", false)));
        assertThat(foreign.status()).as("another tenant's customers do not exist").isEqualTo(404);
        assertThat(api.call(call("merge-customers.json").groups("[agent]").body(mergeBody(a, b, "{}", false))).status()).isEqualTo(403);
        assertThat(api.call(call("merge-customers.json").body(mergeBody(a, b, "{\"planet\":\"" + b + "\"}", false))).status()).isEqualTo(400);
        assertThat(api.call(call("undo-merge.json").id("01HAAAAAAAAAAAAAAAAAAAAAAA")).status()).isEqualTo(404);
    }

    @Test
    void anUndoIsRefusedOnceTheSurvivorChanged() {
        String a = customer("{\"mobile\":\"+393330000001\"}");
        String b = customer("{\"mobile\":\"+393330000002\"}");
        String mergeId = body(call("merge-customers.json").body(mergeBody(a, b, "{}", false))).get("mergeId").asText();
        JsonNode survivor = body(call("get-customer.json").id(a));
        ok(call("patch-customer.json").id(a).header("if-match", "\"" + survivor.get("version").asLong() + "\"")
                .body("{\"notes\":\"after the merge\"}"), 200);
        ApiHarness.Response refused = api.call(call("undo-merge.json").id(mergeId));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("detail").asText()).contains("changed after the merge");
        assertThat(List.of(a)).isNotEmpty();
    }
}
