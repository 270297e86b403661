package com.customerhub.customers;

import com.customerhub.api.testing.ApiHarness;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsApiTest extends CustomerHandlerTest {

    @Test
    void defaultsUntilSavedThenVersionedLikeCustomers() {
        ApiHarness.Response read = ok(call("get-settings.json"), 200);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        assertThat(read.body().get("enabledChannels")).hasSize(5);
        assertThat(read.body().get("importSafetyShare").asDouble()).isEqualTo(0.10);
        assertThat(read.body().get("lifecycle").get("vipPurchases").asInt()).isEqualTo(10);
        assertThat(read.body().get("retention").get("reportDays").asInt()).isEqualTo(30);

        ApiHarness.Response saved = ok(call("put-settings.json"), 200);
        assertThat(saved.header("ETag")).isEqualTo("\"1\"");
        assertThat(saved.body().get("enabledChannels").toString()).doesNotContain("SMS");
        assertThat(saved.body().get("updatedBy").asText()).isEqualTo("user-admin");
        JsonNode again = body(call("get-settings.json"));
        assertThat(again.get("importSafetyShare").asDouble()).isEqualTo(0.05);
        assertThat(again.get("version").asLong()).isEqualTo(1);

        assertThat(api.call(call("put-settings.json")).status()).as("stale If-Match").isEqualTo(412);
        assertThat(api.call(call("put-settings.json").header("if-match", null)).status()).isEqualTo(428);
        assertThat(api.call(call("put-settings.json").header("if-match", "\"1\"").body("{}")).status()).isEqualTo(200);
    }

    @Test
    void badSettingsNameEveryField() {
        ApiHarness.Response refused = api.call(call("put-settings.json").body("""
                {"enabledChannels":["EMAIL","PIGEON"],"importSafetyShare":1.5,
                 "lifecycle":{"returningPurchases":5,"vipPurchases":3},"enrichmentOverwritableFields":["company","restricted"],
                 "retention":{"reportDays":0},"defaultQuickActions":[{"label":"Go","action":"TELEPORT"}],"colour":"red"}"""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(fields(refused)).containsExactlyInAnyOrder("enabledChannels", "importSafetyShare", "lifecycle.vipPurchases",
                "enrichmentOverwritableFields[1]", "retention.reportDays", "defaultQuickActions[0].action", "colour");
    }

    @Test
    void retentionStaysWithinTheBucketsLifecycleBound() {
        // 90 days: the lifecycle rules of reports/ and exports/ delete files then even if the sweeper never runs
        ApiHarness.Response refused = api.call(call("put-settings.json").body("{\"retention\":{\"reportDays\":91,\"exportDays\":0}}"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(fields(refused)).containsExactlyInAnyOrder("retention.reportDays", "retention.exportDays");
        assertThat(refused.body().toString()).contains("between 1 and 90");

        JsonNode saved = ok(call("put-settings.json").body("{\"retention\":{\"reportDays\":90,\"exportDays\":1}}"), 200).body();
        assertThat(saved.get("retention").get("reportDays").asInt()).isEqualTo(90);
        assertThat(saved.get("retention").get("exportDays").asInt()).isEqualTo(1);
    }

    @Test
    void onlyAnAdminReadsOrChangesSettings() {
        for (String role : List.of("[agent]", "[viewer]", "[dpo]", "[integration]")) {
            assertThat(api.call(call("put-settings.json").groups(role)).status()).as(role).isEqualTo(403);
            assertThat(api.call(call("get-settings.json").groups(role)).status()).as(role).isEqualTo(403);
        }
    }

    @Test
    void aDisabledChannelIsRefusedAndNotShownInPreferences() {
        String id = customer("{\"mobile\":\"+393330000001\",\"preferredChannels\":[\"SMS\"]}");
        JsonNode contact = ok(call("create-contact.json").id(id).body(
                "{\"lastName\":\"Bianchi\",\"phones\":[{\"type\":\"MOBILE\",\"number\":\"+393331111111\"}]}"), 201).body();
        assertThat(contact.get("preferences").get("sms").asBoolean()).isTrue();
        ok(call("put-settings.json"), 200); // SMS disabled

        var refused = api.call(call("create-customer.json").body("{\"mobile\":\"+393330000002\",\"preferredChannels\":[\"EMAIL\",\"SMS\"]}"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("preferredChannels");
        var refusedContact = api.call(call("create-contact.json").id(id).body(
                "{\"lastName\":\"Verdi\",\"preferences\":{\"sms\":true}}"));
        assertThat(refusedContact.status()).isEqualTo(400);
        assertThat(fields(refusedContact)).containsExactly("preferences.sms");

        // a mobile no longer ticks SMS, and SMS is not shown; the customer that already prefers SMS keeps it on other updates
        JsonNode added = ok(call("create-contact.json").id(id).body(
                "{\"lastName\":\"Neri\",\"phones\":[{\"type\":\"MOBILE\",\"number\":\"+393332222222\"}]}"), 201).body();
        assertThat(added.get("preferences").has("sms")).isFalse();
        assertThat(added.get("preferences").get("phone").asBoolean()).isTrue();
        JsonNode listed = body(call("list-contacts.json").id(id));
        listed.get("items").forEach(c -> assertThat(c.get("preferences").has("sms")).isFalse());
        ok(call("patch-customer.json").id(id).header("if-match", "\"1\"").body("{\"notes\":\"still SMS\"}"), 200);
        JsonNode view = body(call("customer-view.json").id(id));
        view.get("contacts").forEach(c -> assertThat(c.get("preferences").has("sms")).isFalse());
    }

    static List<String> fields(ApiHarness.Response response) {
        List<String> fields = new ArrayList<>();
        response.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}
