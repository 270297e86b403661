package com.customerhub.customers;

import com.customerhub.api.testing.ApiHarness;
import com.customerhub.api.testing.DynamoCallCounter;

import com.customerhub.localaws.LocalDynamoDb;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerViewTest extends CustomerHandlerTest {
    private final DynamoCallCounter counter = new DynamoCallCounter();

    @Override
    protected Object[] singletons() {
        return new Object[]{counter};
    }

    @Test
    void theViewShowsEverythingWithOneQueryAndOneMoreCall() {
        String parent = customer("{\"mobile\":\"+393330000001\",\"name\":\"Group\",\"customerType\":\"B2B\"}");
        String id = customer("{\"mobile\":\"+393330000002\",\"name\":\"Branch\",\"customerType\":\"B2B\",\"parentId\":\"" + parent + "\"}");
        customer("{\"mobile\":\"+393330000003\",\"name\":\"Sub-branch\",\"parentId\":\"" + id + "\"}");
        for (int i = 0; i < 12; i++) {
            ok(call("create-contact.json").id(id).body("{\"lastName\":\"Contact " + i + "\"}"), 201);
        }
        ok(call("create-authorization.json").id(id), 201);
        for (int i = 0; i < 15; i++) {
            ok(call("record-interaction.json").id(id).body("{\"channel\":\"PHONE\",\"type\":\"CALL\",\"summary\":\"call " + i
                    + "\",\"occurredAt\":\"2026-05-" + String.format("%02d", i + 1) + "T10:00:00Z\"}"), 201);
        }
        // an alert as the evaluator writes it into the collection
        dynamo.putItem(b -> b.tableName("CustomersTable").item(Map.of(
                "pk", AttributeValue.fromS(tenant + "#" + id), "sk", AttributeValue.fromS("ALERT#R1"),
                "ruleId", AttributeValue.fromS("R1"), "severity", AttributeValue.fromS("WARNING"),
                "message", AttributeValue.fromS("Pending invoice"), "status", AttributeValue.fromS("ACTIVE"))));

        counter.reset();
        JsonNode view = body(call("customer-view.json").id(id));
        assertThat(counter.operations()).as("DynamoDB calls of the view").hasSizeLessThanOrEqualTo(2).containsOnlyOnce("Query");

        assertThat(view.get("customer").get("name").asText()).isEqualTo("Branch");
        assertThat(view.get("contacts")).hasSize(12);
        assertThat(view.get("authorizations")).hasSize(1);
        assertThat(view.get("latestInteractions")).hasSize(10);
        assertThat(view.get("latestInteractions").get(0).get("summary").asText()).isEqualTo("call 14");
        assertThat(view.get("alerts")).extracting(a -> a.get("severity").asText()).containsExactly("WARNING");
        assertThat(view.get("parent").get("name").asText()).isEqualTo("Group");
        assertThat(view.get("children")).extracting(c -> c.get("name").asText()).containsExactly("Sub-branch");
        assertThat(view.toString()).doesNotContain("\"pk\"", "\"ledger\"");
    }

    @Test
    void hierarchyCyclesAreRefusedAndChildrenListed() {
        String a = customer("{\"mobile\":\"+393330000001\",\"name\":\"A\"}");
        String b = customer("{\"mobile\":\"+393330000002\",\"name\":\"B\",\"parentId\":\"" + a + "\"}");
        String c = customer("{\"mobile\":\"+393330000003\",\"name\":\"C\",\"parentId\":\"" + b + "\"}");
        ApiHarness.Response cycle = api.call(call("patch-customer.json").id(a).body("{\"parentId\":\"" + c + "\"}"));
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.body().get("errors").get(0).get("field").asText()).isEqualTo("parentId");
        assertThat(body(call("customer-children.json").id(a)).get("items")).extracting(x -> x.get("id").asText()).containsExactly(b);

        ok(call("patch-customer.json").id(c).body("{\"parentId\":\"" + a + "\"}"), 200);
        assertThat(body(call("customer-children.json").id(a)).get("items")).hasSize(2);
        assertThat(body(call("customer-children.json").id(b)).get("items")).isEmpty();
        assertThat(api.call(call("delete-customer.json").id(a)).status()).as("has children").isEqualTo(409);
    }

    @Test
    void theTagCloudCountsCustomersPerTag() {
        customer("{\"mobile\":\"+393330000001\",\"tags\":[\"solar\",\"vip\"]}");
        String b = customer("{\"mobile\":\"+393330000002\",\"tags\":[\"solar\"]}");
        ok(call("patch-customer.json").id(b).body("{\"tags\":[\"gas\"]}"), 200);
        JsonNode cloud = body(call("tag-cloud.json"));
        assertThat(cloud.toString()).isEqualTo("[{\"tag\":\"gas\",\"count\":1},{\"tag\":\"solar\",\"count\":1},{\"tag\":\"vip\",\"count\":1}]");
    }
}
