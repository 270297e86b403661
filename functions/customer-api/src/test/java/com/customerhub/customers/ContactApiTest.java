package com.customerhub.customers;

import com.customerhub.api.testing.ApiCall;
import com.customerhub.api.testing.ApiHarness;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContactApiTest extends CustomerHandlerTest {

    @Test
    void aContactGetsNormalisedPhonesAndTicksTheChannelsEntered() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        JsonNode contact = ok(call("create-contact.json").id(id), 201).body();
        assertThat(contact.get("lastName").asText()).isEqualTo("Bianchi");
        assertThat(contact.get("phones").get(0).get("number").asText()).isEqualTo("+393475550101");
        assertThat(contact.get("emails").get(0).get("address").asText()).isEqualTo("lucia.bianchi@example.com");
        JsonNode preferences = contact.get("preferences");
        assertThat(preferences.get("email").asBoolean()).isTrue();
        assertThat(preferences.get("sms").asBoolean()).isTrue();
        assertThat(preferences.get("phone").asBoolean()).isTrue();
        assertThat(preferences.get("post").asBoolean()).isFalse();
        assertThat(contact.get("primary").asBoolean()).isFalse();

        JsonNode optedOut = ok(call("create-contact.json").id(id).body("""
                {"lastName":"Verdi","emails":[{"address":"v@example.com"}],"preferences":{"email":false}}"""), 201).body();
        assertThat(optedOut.get("preferences").get("email").asBoolean()).as("the request says otherwise").isFalse();
    }

    @Test
    void aContactWithoutSurnameOrWithBadPhonesIsRefusedNamingEachField() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        ApiHarness.Response refused = api.call(call("create-contact.json").id(id).body("""
                {"firstName":"X","phones":[{"type":"FAX","number":"123"}],"emails":[{"address":"nope"}]}"""));
        assertThat(refused.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        refused.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("lastName", "phones[0].type", "phones[0].number", "emails[0].address");
    }

    @Test
    void aPrivateCustomerHasAtMostOnePrimarySetWithItsOwnAction() {
        String id = customer("{\"mobile\":\"+393330000001\",\"customerType\":\"B2C\"}");
        String first = ok(call("create-contact.json").id(id).body("{\"lastName\":\"One\",\"primary\":true}"), 201).body().get("id").asText();
        String second = ok(call("create-contact.json").id(id).body("{\"lastName\":\"Two\"}"), 201).body().get("id").asText();
        ok(call("create-contact.json").id(id).body("{\"lastName\":\"Three\"}"), 201);

        ApiHarness.Response secondPrimary = api.call(call("create-contact.json").id(id).body("{\"lastName\":\"Four\",\"primary\":true}"));
        assertThat(secondPrimary.status()).isEqualTo(409);

        ok(call("make-primary-contact.json").id(id).sub(second), 200);
        JsonNode list = body(call("list-contacts.json").id(id));
        assertThat(list.get("items")).hasSize(3);
        List<String> primaries = new ArrayList<>();
        list.get("items").forEach(c -> {
            if (c.get("primary").asBoolean()) {
                primaries.add(c.get("id").asText());
            }
        });
        assertThat(primaries).containsExactly(second);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aCompanyHasNoPrimaryContact() {
        String id = customer("{\"mobile\":\"+393330000001\",\"customerType\":\"B2B\",\"name\":\"ACME Srl\"}");
        String contact = ok(call("create-contact.json").id(id), 201).body().get("id").asText();
        ApiHarness.Response refused = api.call(call("make-primary-contact.json").id(id).sub(contact));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("primary");
        assertThat(api.call(call("create-contact.json").id(id).body("{\"lastName\":\"P\",\"primary\":true}")).status()).isEqualTo(400);
    }

    @Test
    void aPersonRelatedToTwoAccountsIsEditedOnceAndChangesEverywhere() {
        String home = customer("{\"mobile\":\"+393330000001\",\"name\":\"Home\"}");
        String company = customer("{\"mobile\":\"+393330000002\",\"name\":\"ACME\",\"customerType\":\"B2B\"}");
        String contact = ok(call("create-contact.json").id(home), 201).body().get("id").asText();

        JsonNode related = ok(call("relate-contact.json").id(home).sub(contact).body(
                "{\"customerId\":\"" + company + "\",\"role\":\"director\"}"), 201).body();
        assertThat(related.get("customerId").asText()).isEqualTo(company);
        assertThat(related.get("roles")).extracting(JsonNode::asText).containsExactly("director");
        assertThat(related.get("accounts")).hasSize(2);

        ok(call("patch-contact.json").id(home).sub(contact).body("{\"lastName\":\"Bianchi-Neri\"}"), 200);

        JsonNode atCompany = body(call("get-contact.json").id(company).sub(contact));
        assertThat(atCompany.get("lastName").asText()).isEqualTo("Bianchi-Neri");
        assertThat(atCompany.get("roles")).extracting(JsonNode::asText).containsExactly("director");
        JsonNode atHome = body(call("get-contact.json").id(home).sub(contact));
        assertThat(atHome.get("roles")).extracting(JsonNode::asText).containsExactly("billing");
        assertThat(atHome.get("version").asLong()).isEqualTo(2);

        assertThat(api.call(call("relate-contact.json").id(home).sub(contact).body(
                "{\"customerId\":\"" + company + "\",\"role\":\"x\"}")).status()).as("already related").isEqualTo(409);
    }

    @Test
    void updatesNeedIfMatchAndAreAudited() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        String contact = ok(call("create-contact.json").id(id), 201).body().get("id").asText();
        assertThat(api.call(call("replace-contact.json").id(id).sub(contact).header("if-match", null)).status()).isEqualTo(428);
        assertThat(api.call(call("replace-contact.json").id(id).sub(contact).header("if-match", "\"5\"")).status()).isEqualTo(412);
        JsonNode replaced = ok(call("replace-contact.json").id(id).sub(contact), 200).body();
        assertThat(replaced.get("title").asText()).isEqualTo("Dott.ssa");

        JsonNode audit = body(call("customer-audit.json").id(id));
        List<String> fields = new ArrayList<>();
        audit.get("items").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("contacts." + contact + ".title", "contacts." + contact + ".lastName");
    }

    @Test
    void deletingTheLastRelationRemovesThePerson() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        String contact = ok(call("create-contact.json").id(id), 201).body().get("id").asText();
        assertThat(api.call(call("delete-contact.json").id(id).sub(contact)).status()).isEqualTo(204);
        assertThat(api.call(call("get-contact.json").id(id).sub(contact)).status()).isEqualTo(404);
        assertThat(body(call("list-contacts.json").id(id)).get("items")).isEmpty();
    }

    @Test
    void anotherTenantsContactsAreNotFound() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        String contact = ok(call("create-contact.json").id(id), 201).body().get("id").asText();
        assertThat(api.call(ApiCall.fixture("get-contact.json").tenant("x" + tenant).id(id).sub(contact)).status()).isEqualTo(404);
        assertThat(api.call(ApiCall.fixture("create-contact.json").tenant("x" + tenant).id(id)).status()).isEqualTo(404);
    }
}
