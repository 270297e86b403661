package com.customerhub.customers;

import com.customerhub.api.testing.ApiHarness;
import com.customerhub.core.customer.CustomerService;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.identity.Role;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardApiTest extends CustomerHandlerTest {

    @Test
    void anInteractionIsMailedWithTheMessageAndAudited() throws Exception {
        String id = customer("{\"mobile\":\"+393330000001\",\"name\":\"Mario Rossi\",\"email\":\"mario@example.com\"}");
        customer("{\"mobile\":\"+393330000002\",\"name\":\"Other Person\"}");
        String iid = ok(call("record-interaction.json").id(id).body("{\"channel\":\"EMAIL\",\"type\":\"INVOICE\","
                + "\"amount\":120.50,\"currency\":\"EUR\",\"status\":\"PENDING\",\"dueDate\":\"2026-10-01\",\"summary\":\"Invoice 42 disputed\"}"), 201)
                .body().get("id").asText();

        ApiHarness.Response sent = ok(call("forward-interaction.json").id(id).sub(iid), 202);
        assertThat(sent.body().get("to")).hasSize(2);
        Path mail = ApiHarness.OUTBOX.resolve(sent.body().get("messageId").asText() + ".eml");
        MimeMessage message;
        try (InputStream in = Files.newInputStream(mail)) {
            message = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(Arrays.stream(message.getAllRecipients()).map(Object::toString))
                .containsExactly("billing@partner.example.com", "service@partner.example.com");
        String text = (String) message.getContent();
        assertThat(text).contains("Please check this invoice", "Invoice 42 disputed", "120.50 EUR", "Mario Rossi", iid)
                .doesNotContain("Other Person", "+39333", "mario@example.com");

        JsonNode audit = body(call("customer-audit.json").id(id));
        assertThat(audit.get("items").toString()).contains("interactions." + iid + ".forwarded", "billing@partner.example.com",
                "\"source\":\"forward\"", "\"changedBy\":\"user-agent\"");
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
    }
}
