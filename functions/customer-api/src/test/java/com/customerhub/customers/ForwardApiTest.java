package com.customerhub.customers;

import com.customerhub.api.testing.ApiHarness;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.identity.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.customerhub.core.events.DomainEvent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardApiTest extends CustomerHandlerTest {

    @Test
    void aForwardIsQueuedWithItsMailAuditedAndAnnouncedWithIdsOnly() {
        String id = customer("{\"mobile\":\"+393330000001\",\"name\":\"Mario Rossi\",\"email\":\"mario@example.com\"}");
        customer("{\"mobile\":\"+393330000002\",\"name\":\"Other Person\"}");
        String iid = ok(call("record-interaction.json").id(id).body("{\"channel\":\"EMAIL\",\"type\":\"INVOICE\","
                + "\"amount\":120.50,\"currency\":\"EUR\",\"status\":\"PENDING\",\"dueDate\":\"2026-10-01\",\"summary\":\"Invoice 42 disputed\"}"), 201)
                .body().get("id").asText();
        api.events().clear();

        ApiHarness.Response queued = ok(call("forward-interaction.json").id(id).sub(iid), 202);
        assertThat(queued.body().get("status").asText()).isEqualTo("QUEUED");
        assertThat(queued.body().get("to")).extracting(JsonNode::asText)
                .containsExactly("billing@partner.example.com", "service@partner.example.com");
        String forwardId = queued.body().get("id").asText();

        // the mail waits in the customer's own collection, with a TTL
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("CustomersTable").key(Map.of(
                "pk", AttributeValue.fromS(tenant + "#" + id), "sk", AttributeValue.fromS("FORWARD#" + forwardId)))).item();
        assertThat(item.get("status").s()).isEqualTo("QUEUED");
        assertThat(item.get("to").l()).extracting(AttributeValue::s)
                .containsExactly("billing@partner.example.com", "service@partner.example.com");
        assertThat(item.get("subject").s()).startsWith("Forwarded invoice of ")
                .doesNotContain("Mario");
        assertThat(item.get("text").s()).contains("Please check this invoice", "Invoice 42 disputed", "120.50 EUR", "Mario Rossi", iid)
                .doesNotContain("Other Person", "+39333", "mario@example.com");
        assertThat(Long.parseLong(item.get("expiresAt").n())).isBetween(Instant.now().plus(Duration.ofDays(6)).getEpochSecond(),
                Instant.now().plus(Duration.ofDays(8)).getEpochSecond());

        // the bus hears ids only: no address, no text
        assertThat(api.events().events()).hasSize(1);
        DomainEvent event = api.events().events().get(0);
        assertThat(event.detailType()).isEqualTo("InteractionForwarded");
        assertThat(event.tenantId()).isEqualTo(tenant);
        assertThat(event.detail()).isEqualTo(Map.of("customerId", id, "interactionId", iid, "forwardId", forwardId));

        JsonNode audit = body(call("customer-audit.json").id(id));
        assertThat(audit.get("items").toString()).contains("interactions." + iid + ".forwarded", "billing@partner.example.com",
                "\"source\":\"forward\"", "\"changedBy\":\"user-agent\"", forwardId);
    }

    @Test
    void badRecipientsAreNamedByIndexAndRestrictedCustomersRefused() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        String iid = ok(call("record-interaction.json").id(id).body("{\"channel\":\"PHONE\",\"type\":\"CALL\"}"), 201)
                .body().get("id").asText();
        var bad = api.call(call("forward-interaction.json").id(id).sub(iid)
                .body("{\"to\":[\"a@example.com\",\"b@example.com\",\"c@example.com\",\"not an address\"],\"message\":\"x\"}"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(SettingsApiTest.fields(bad)).containsExactly("to[3]");
        String many = Stream.generate(() -> "\"x@example.com\"").limit(21).reduce((a, b) -> a + "," + b).orElseThrow();
        var tooMany = api.call(call("forward-interaction.json").id(id).sub(iid).body("{\"to\":[" + many + "]}"));
        assertThat(SettingsApiTest.fields(tooMany)).containsExactly("to");
        assertThat(api.call(call("forward-interaction.json").id(id).sub("01HXXXXXXXXXXXXXXXXXXXXXXX")).status()).isEqualTo(404);
        assertThat(api.call(call("forward-interaction.json").id(id).sub(iid).groups("[viewer]")).status()).isEqualTo(403);

        // as a RESTRICTION privacy request does (restricted is read-only on the customer API)
        api.context.getBean(CustomerService.class).restrict(new Identity(tenant, "dpo", Set.of(Role.DPO), Optional.empty()),
                id, true, "privacy-request:test");
        var restricted = api.call(call("forward-interaction.json").id(id).sub(iid));
        assertThat(restricted.status()).isEqualTo(409);
        assertThat(restricted.header("Content-Type")).contains("problem+json");
        assertThat(api.events().events()).extracting(DomainEvent::detailType).doesNotContain("InteractionForwarded");
    }
}
