package com.customerhub.customers;

import com.customerhub.api.testing.ApiHarness;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BulkAndDuplicatesTest extends CustomerHandlerTest {

    @Test
    void duplicatesAreFoundByNationalNumberCanonicalEmailAndNamePlusPostcode() {
        String id = customer("""
                {"mobile":"+34612345678","email":"mario.rossi+bills@gmail.com","name":"Mario Rossi","address":{"postalCode":"20121"}}""");
        String sameNumber = customer("{\"mobile\":\"+33612345678\",\"name\":\"M. R.\"}");
        String sameEmail = customer("{\"mobile\":\"+393330000002\",\"email\":\"mariorossi@gmail.com\"}");
        String sameNamePostcode = customer("{\"mobile\":\"+393330000003\",\"name\":\"mario ROSSI\",\"address\":{\"postalCode\":\"20121\"}}");
        customer("{\"mobile\":\"+393330000004\",\"name\":\"Mario Rossi\",\"address\":{\"postalCode\":\"00100\"}}");

        JsonNode found = body(call("customer-duplicates.json").query("customerId=" + id));
        List<String> ids = new ArrayList<>();
        found.get("items").forEach(c -> ids.add(c.get("customer").get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(sameNumber, sameEmail, sameNamePostcode);
        found.get("items").forEach(c -> assertThat(c.get("reasons")).isNotEmpty());

        ok(call("patch-customer.json").id(sameEmail).body("{\"email\":\"someone.else@example.com\"}"), 200);
        JsonNode after = body(call("customer-duplicates.json").query("customerId=" + id));
        assertThat(after.get("items")).hasSize(2);
    }

    @Test
    void bulkActionsReportEveryIdAndPartialFailuresDoNotStopTheRest() {
        String a = customer("{\"mobile\":\"+393330000001\",\"tags\":[\"winter-campaign\"]}");
        String b = customer("{\"mobile\":\"+393330000002\"}");
        String c = customer("{\"mobile\":\"+393330000003\"}");
        JsonNode result = body(call("bulk-customers.json").body(
                "{\"action\":\"tag\",\"tag\":\"winter-campaign\",\"ids\":[\"" + a + "\",\"" + b + "\",\"01HAAAAAAAAAAAAAAAAAAAAAAA\",\"" + c + "\"]}"));
        assertThat(result.get("selected").asInt()).isEqualTo(4);
        assertThat(result.get("done").asInt()).isEqualTo(2);
        assertThat(result.get("unchanged").asInt()).isEqualTo(1);
        assertThat(result.get("failed").asInt()).isEqualTo(1);
        assertThat(result.get("results").get(2).get("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(body(call("get-customer.json").id(c)).get("tags")).extracting(JsonNode::asText).containsExactly("winter-campaign");

        JsonNode assigned = body(call("bulk-customers.json").body(
                "{\"action\":\"assignResponsible\",\"responsibleUser\":\"anna\",\"filter\":{\"tag\":\"winter-campaign\"}}"));
        assertThat(assigned.get("done").asInt()).isEqualTo(3);
        assertThat(body(call("list-customers.json").query("responsibleUser=anna")).get("items")).hasSize(3);
    }

    @Test
    void theListFiltersBySegment() {
        customer("{\"mobile\":\"+393330000001\",\"name\":\"North\",\"address\":{\"region\":\"Lombardia\"}}");
        customer("{\"mobile\":\"+393330000002\",\"name\":\"South\",\"address\":{\"region\":\"Sicilia\"}}");
        var who = new com.customerhub.core.identity.Identity(tenant, "user-admin",
                java.util.Set.of(com.customerhub.core.identity.Role.ADMIN), java.util.Optional.empty());
        String segment = api.context.getBean(com.customerhub.core.segment.SegmentService.class).create(who,
                (com.fasterxml.jackson.databind.node.ObjectNode) api.json.valueToTree(java.util.Map.of("name", "Lombardy",
                        "filter", java.util.Map.of("field", "address.region", "op", "eq", "value", "Lombardia")))).id();
        JsonNode members = body(call("list-customers.json").query("segment=" + segment));
        assertThat(members.get("items")).extracting(c -> c.get("name").asText()).containsExactly("North");
        assertThat(api.call(call("list-customers.json").query("segment=01HAAAAAAAAAAAAAAAAAAAAAAA")).status()).isEqualTo(400);
    }

    @Test
    void bulkDeleteNeedsAdminAndTooManyIdsAreRefusedSayingWhy() {
        String a = customer("{\"mobile\":\"+393330000001\"}");
        ApiHarness.Response agent = api.call(call("bulk-customers.json").groups("[agent]")
                .body("{\"action\":\"delete\",\"ids\":[\"" + a + "\"]}"));
        assertThat(agent.status()).isEqualTo(403);
        assertThat(body(call("get-customer.json").id(a)).get("id").asText()).isEqualTo(a);

        JsonNode deleted = body(call("bulk-customers.json").body("{\"action\":\"delete\",\"ids\":[\"" + a + "\"]}"));
        assertThat(deleted.get("done").asInt()).isEqualTo(1);
        assertThat(api.call(call("get-customer.json").id(a)).status()).isEqualTo(404);

        StringBuilder many = new StringBuilder("{\"action\":\"tag\",\"tag\":\"x\",\"ids\":[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("\"01HAAAAAAAAAAAAAAAAAAAA").append(String.format("%03d", i % 1000)).append("\"");
        }
        ApiHarness.Response tooMany = api.call(call("bulk-customers.json").body(many.append("]}").toString()));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().get("errors").toString()).contains("ids", "1000", "29 s");
    }
}
