package com.customerhub.privacy;

import com.customerhub.api.http.ApiHandler;
import com.customerhub.api.testing.HandlerTest;
import com.customerhub.core.events.DomainEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentApiTest extends HandlerTest {
    @Override
    protected ApiHandler handler(ApplicationContext context) {
        return new PrivacyApiHandler(context);
    }

    /** Customers and interactions are created through the customer API, as a client would. */
    private ApiHandler customers;

    private String customerWithInteraction(String interaction) {
        if (customers == null) {
            customers = new com.customerhub.customers.CustomerApiHandler(api.context);
        }
        String id = customer("{\"mobile\":\"+393330000001\"}");
        if (interaction != null) {
            var response = customers.handleRequest(call("record-interaction.json").id(id).body(interaction).event(), null);
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        }
        return id;
    }

    @Test
    void grantThenWithdrawMarketingKeepsTheWholeLedger() {
        String id = customerWithInteraction(null);
        ok(call("record-consent.json").id(id), 201);
        ok(call("record-consent.json").id(id).body("""
                {"purpose":"MARKETING","channel":"EMAIL","status":"WITHDRAWN","source":"unsubscribe-link","capturedAt":"2026-11-10T08:00:00Z"}"""), 201);
        JsonNode consents = body(call("get-consents.json").id(id));
        assertThat(consents.get("ledger")).hasSize(2);
        assertThat(consents.get("ledger").get(0).get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(consents.get("current")).hasSize(1);
        assertThat(consents.get("current").get(0).get("status").asText()).isEqualTo("WITHDRAWN");
        JsonNode permission = body(call("outbound-permission.json").id(id).query("channel=EMAIL&purpose=MARKETING"));
        assertThat(permission.get("allowed").asBoolean()).isFalse();
        assertThat(api.events().events()).extracting(DomainEvent::detailType).containsOnly("CustomerCreated", "ConsentChanged");
        assertThat(api.events().events().get(1).detail().toString()).doesNotContain("+39", "web-signup");
    }

    @Test
    void anInboundWhatsAppMessageOpensTheServiceWindowForTwentyFourHours() {
        String recent = customerWithInteraction("{\"channel\":\"WHATSAPP\",\"direction\":\"INBOUND\",\"type\":\"MESSAGE\",\"occurredAt\":\""
                + Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}");
        JsonNode open = body(call("outbound-permission.json").id(recent));
        assertThat(open.get("allowed").asBoolean()).isTrue();
        assertThat(open.get("until").asText()).isNotEmpty();

        newTenant();
        String old = customerWithInteraction("{\"channel\":\"WHATSAPP\",\"direction\":\"INBOUND\",\"type\":\"MESSAGE\",\"occurredAt\":\""
                + Instant.now().minus(25, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}");
        JsonNode closed = body(call("outbound-permission.json").id(old));
        assertThat(closed.get("allowed").asBoolean()).isFalse();
        assertThat(closed.get("reason").asText()).contains("closed");
    }

    @Test
    void badConsentsAreRefusedNamingTheField() {
        String id = customerWithInteraction(null);
        ApiHarnessAssertions.assertFields(api.call(call("record-consent.json").id(id).body("""
                {"purpose":"SPAM","channel":"FAX","status":"MAYBE","capturedAt":"2999-01-01T00:00:00Z"}""")),
                "purpose", "channel", "status", "capturedAt", "source");
        assertThat(api.call(call("record-consent.json").id(id).body("""
                {"purpose":"MARKETING","channel":"SMS","status":"WITHDRAWN","source":"call"}""")).status())
                .as("withdrawing what was never granted is allowed and recorded").isEqualTo(201);
        assertThat(api.call(call("outbound-permission.json").id(id).query("channel=PIGEON")).status()).isEqualTo(400);
        assertThat(api.call(call("get-consents.json").tenant("x" + tenant).id(id)).status()).isEqualTo(404);
    }

    /** A consent shows in the 360 view of the customer API. */
    @Test
    void currentConsentsShowInThe360View() {
        String id = customerWithInteraction(null);
        ok(call("record-consent.json").id(id), 201);
        var response = customers.handleRequest(call("customer-view.json").id(id).event(), null);
        assertThat(response.getBody()).contains("\"consents\":[{").contains("\"purpose\":\"MARKETING\"");
    }
}
