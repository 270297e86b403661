package com.customerhub.customers;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinkApiTest extends CustomerHandlerTest {

    @Test
    void aLinkShowsInTheViewAndCanBeRemoved() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        JsonNode link = ok(call("attach-link.json").id(id), 201).body();
        assertThat(link.get("type").asText()).isEqualTo("OPPORTUNITY");
        assertThat(body(call("list-links.json").id(id)).get("items")).hasSize(1);
        JsonNode view = body(call("customer-view.json").id(id));
        assertThat(view.get("links").get(0).get("externalId").asText()).isEqualTo("006Dn00000ABCDE");

        assertThat(api.call(call("remove-link.json").id(id).sub(link.get("id").asText())).status()).isEqualTo(204);
        assertThat(body(call("customer-view.json").id(id)).get("links")).isEmpty();
        assertThat(api.call(call("remove-link.json").id(id).sub(link.get("id").asText())).status()).isEqualTo(404);
    }

    @Test
    void aLinkWithoutSystemOrExternalIdOrWithAPlainHttpUrlIsRefused() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        var refused = api.call(call("attach-link.json").id(id).body("{\"type\":\"DEAL\",\"url\":\"http://crm.example.com/x\"}"));
        assertThat(refused.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        refused.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("system", "externalId", "type", "url");
        assertThat(api.call(call("attach-link.json").id(id).groups("[viewer]")).status()).isEqualTo(403);
    }
}
