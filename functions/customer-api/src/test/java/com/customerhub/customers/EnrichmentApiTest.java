package com.customerhub.customers;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnrichmentApiTest extends CustomerHandlerTest {

    @Test
    void emptyFieldsAreFilledSetOnesOnlyWhereTheSettingsAllowAuditedWithTheSource() {
        String id = customer("{\"mobile\":\"+393330000001\",\"email\":\"mario@example.com\",\"company\":\"Rossi\"}");
        JsonNode result = body(call("enrich-customer.json").id(id));
        assertThat(names(result.get("applied"))).containsExactly("sector");
        assertThat(result.get("skipped")).extracting(s -> s.get("field").asText() + ":" + s.get("reason").asText())
                .containsExactlyInAnyOrder("company:ALREADY_SET", "email:ALREADY_SET");
        JsonNode customer = body(call("get-customer.json").id(id));
        assertThat(customer.get("sector").asText()).isEqualTo("Utilities");
        assertThat(customer.get("company").asText()).isEqualTo("Rossi");

        JsonNode audit = body(call("customer-audit.json").id(id));
        JsonNode sector = null;
        for (JsonNode entry : audit.get("items")) {
            if (entry.get("field").asText().equals("sector")) {
                sector = entry;
            }
        }
        assertThat(sector).isNotNull();
        assertThat(sector.get("source").asText()).isEqualTo("enrichment:sap-cx");
        assertThat(sector.get("changedBy").asText()).isEqualTo("sap-cx-connector");
        assertThat(sector.get("newValue").asText()).isEqualTo("Utilities");

        // the tenant lets enrichment overwrite company, sector and job title
        ok(call("put-settings.json"), 200);
        JsonNode second = body(call("enrich-customer.json").id(id));
        assertThat(names(second.get("applied"))).containsExactly("company");
        assertThat(second.get("skipped")).extracting(s -> s.get("field").asText() + ":" + s.get("reason").asText())
                .containsExactlyInAnyOrder("sector:UNCHANGED", "email:ALREADY_SET");
        assertThat(body(call("get-customer.json").id(id)).get("company").asText()).isEqualTo("Rossi Impianti S.r.l.");
    }

    @Test
    void badValuesAndUnknownFieldsAreNamedAndNothingIsWritten() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        var refused = api.call(call("enrich-customer.json").id(id).body(
                "{\"source\":\"sap-cx\",\"fields\":{\"firstName\":\"Mario\",\"mobile\":\"12\",\"favouriteColour\":\"red\",\"restricted\":true}}"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(SettingsApiTest.fields(refused)).containsExactlyInAnyOrder("fields.favouriteColour", "fields.restricted");
        var badPhone = api.call(call("enrich-customer.json").id(id).body(
                "{\"source\":\"sap-cx\",\"fields\":{\"firstName\":\"Mario\",\"mobile\":\"12\"}}"));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(SettingsApiTest.fields(badPhone)).containsExactly("fields.mobile");
        assertThat(body(call("get-customer.json").id(id)).has("firstName")).isFalse();
        var noSource = api.call(call("enrich-customer.json").id(id).body("{\"fields\":{}}"));
        assertThat(SettingsApiTest.fields(noSource)).containsExactlyInAnyOrder("source", "fields");
    }

    @Test
    void onlyAdminsAndIntegrationsEnrich() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        assertThat(api.call(call("enrich-customer.json").id(id).groups("[agent]")).status()).isEqualTo(403);
        assertThat(api.call(call("enrich-customer.json").id(id).groups("[admin]")).status()).isEqualTo(200);
        assertThat(api.call(call("enrich-customer.json").id("01HXXXXXXXXXXXXXXXXXXXXXXX")).status()).isEqualTo(404);
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.get("field").asText()));
        return names;
    }
}
