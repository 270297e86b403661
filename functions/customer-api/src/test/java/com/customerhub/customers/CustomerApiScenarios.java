package com.customerhub.customers;

import com.customerhub.api.testing.ApiCall;
import com.customerhub.api.testing.ApiHarness;

import com.customerhub.core.events.DomainEvent;
import com.customerhub.localaws.DynamoTarget;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer API handler invoked in-process with the payload-2.0 events of events/customer-api,
 * against a DynamoDB with the template's tables (DynamoDB Local, or LocalStack where Docker runs).
 * Each test works in a tenant of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CustomerApiScenarios {
    private ApiHarness api;
    private DynamoDbClient dynamo;
    private String tenant;

    void startWith(DynamoTarget target) {
        api = new ApiHarness(target, CustomerApiHandler::new);
        dynamo = target.client();
    }

    @AfterAll
    void stop() {
        if (api != null) {
            api.close();
            dynamo.close();
        }
    }

    @BeforeEach
    void newTenant() {
        tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        api.events().clear();
    }

    private ApiCall call(String fixture) {
        return ApiCall.fixture(fixture).tenant(tenant);
    }

    private ApiHarness.Response create(String body) {
        return api.call(call("create-customer.json").body(body));
    }

    private JsonNode createDefault() {
        ApiHarness.Response created = api.call(call("create-customer.json"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body();
    }

    @Test
    void createsACustomerWithNormalisedFieldsAndDefaults() {
        ApiHarness.Response response = api.call(call("create-customer.json"));

        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        JsonNode body = response.body();
        String id = body.get("id").asText();
        assertThat(response.header("Location")).isEqualTo("/customers/" + id);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        assertThat(body.get("mobile").asText()).isEqualTo("+393331234567");
        assertThat(body.get("email").asText()).isEqualTo("mario.rossi@example.com");
        assertThat(body.get("name").asText()).as("name defaults to the mobile").isEqualTo("+393331234567");
        assertThat(body.get("priority").asInt()).isEqualTo(3);
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(body.get("stats").get("lifecycle").asText()).isEqualTo("NEW");
        assertThat(body.get("address").get("city").asText()).isEqualTo("Milano");

        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("CustomersTable")
                .key(Map.of("pk", AttributeValue.fromS(tenant + "#" + id), "sk", AttributeValue.fromS("PROFILE")))).item();
        assertThat(item.get("mobile").s()).isEqualTo("+393331234567");
        assertThat(item.get("tenantId").s()).isEqualTo(tenant);

        List<DomainEvent> events = api.events().events();
        assertThat(events).extracting(DomainEvent::detailType).containsExactly("CustomerCreated");
        assertThat(events.get(0).tenantId()).isEqualTo(tenant);
        assertThat(events.get(0).detail().toString()).doesNotContain("+39333", "mario", "Rossi");
    }

    @Test
    void priorityDefaultsToFiveAndNameToTheMobile() {
        ApiHarness.Response response = create("{\"mobile\":\"+447911123456\"}");
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        assertThat(response.body().get("priority").asInt()).isEqualTo(5);
        assertThat(response.body().get("name").asText()).isEqualTo("+447911123456");
        assertThat(response.body().get("customerType").asText()).isEqualTo("B2C");
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        ApiHarness.Response response = create("""
                {"mobile":"3331234567","email":"not-an-email","priority":12,"customerType":"PERSON",
                 "keepHistory":"yes","preferredChannels":["EMAIL","PIGEON"],"birthDate":"31/12/1980",
                 "address":{"city":42,"planet":"Mars"},"favouriteColour":"blue"}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("mobile", "email", "priority", "customerType", "keepHistory",
                "preferredChannels", "birthDate", "address.city", "address.planet", "favouriteColour");
        assertThat(countCustomers()).isZero();
    }

    @Test
    void aDuplicateMobileIsAConflictNamingTheExistingCustomerAndLeavesNoGuardBehind() {
        String existing = createDefault().get("id").asText();

        ApiHarness.Response duplicate = create("{\"mobile\":\"+393331234567\",\"email\":\"other@example.com\",\"externalId\":\"CRM-9\"}");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().get("existingId").asText()).isEqualTo(existing);
        assertThat(duplicate.body().get("errors").get(0).get("field").asText()).isEqualTo("mobile");
        assertThat(duplicate.body().get("errors").get(0).get("message").asText()).contains(existing);
        // the email and external id guards of the refused create were not written
        ApiHarness.Response retry = create("{\"mobile\":\"+393339999999\",\"email\":\"other@example.com\",\"externalId\":\"CRM-9\"}");
        assertThat(retry.status()).as(retry.raw()).isEqualTo(201);
    }

    @Test
    void aDuplicateEmailIsAConflictToo() {
        createDefault();
        ApiHarness.Response duplicate = create("{\"mobile\":\"+393339999999\",\"email\":\"MARIO.ROSSI@example.com\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().get("errors").get(0).get("field").asText()).isEqualTo("email");
    }

    @Test
    void getsACustomerWithItsEtag() {
        String id = createDefault().get("id").asText();
        ApiHarness.Response response = api.call(call("get-customer.json").id(id));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        assertThat(response.body().get("externalId").asText()).isEqualTo("CRM-0001");
    }

    @Test
    void unknownMalformedAndOtherTenantsIdsAreNotFound() {
        String id = createDefault().get("id").asText();
        assertThat(api.call(call("get-customer.json").id("01HAAAAAAAAAAAAAAAAAAAAAAA")).status()).isEqualTo(404);
        assertThat(api.call(call("get-customer.json").id("..%2F..%2Fetc")).status()).isEqualTo(404);
        ApiHarness.Response foreign = api.call(ApiCall.fixture("get-customer.json").tenant("other" + tenant).id(id));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.raw()).doesNotContain("Mario", "+39");
        assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void replaceNeedsACurrentIfMatch() {
        String id = createDefault().get("id").asText();

        ApiHarness.Response missing = api.call(call("replace-customer.json").id(id).header("if-match", null));
        assertThat(missing.status()).isEqualTo(428);
        ApiHarness.Response stale = api.call(call("replace-customer.json").id(id).header("if-match", "\"7\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body().get("currentVersion").asLong()).isEqualTo(1);

        ApiHarness.Response replaced = api.call(call("replace-customer.json").id(id));
        assertThat(replaced.status()).as(replaced.raw()).isEqualTo(200);
        assertThat(replaced.header("ETag")).isEqualTo("\"2\"");
        assertThat(replaced.body().get("priority").asInt()).isEqualTo(1);
        assertThat(replaced.body().get("notes").asText()).isEqualTo("Prefers morning calls");

        ApiHarness.Response again = api.call(call("replace-customer.json").id(id));
        assertThat(again.status()).as("the same If-Match twice: the second is stale").isEqualTo(412);
    }

    @Test
    void everyChangedFieldIsAuditedNewestFirst() {
        String id = createDefault().get("id").asText();
        api.call(call("replace-customer.json").id(id));

        ApiHarness.Response audit = api.call(call("customer-audit.json").id(id));
        assertThat(audit.status()).as(audit.raw()).isEqualTo(200);
        JsonNode first = audit.body().get("items").get(0);
        List<String> changed = new ArrayList<>();
        audit.body().get("items").forEach(e -> {
            if (e.get("changedAt").asText().equals(first.get("changedAt").asText())) {
                changed.add(e.get("field").asText());
            }
        });
        assertThat(changed).containsExactlyInAnyOrder("priority", "notes");
        audit.body().get("items").forEach(e -> assertThat(e.get("changedBy").asText()).isEqualTo("user-admin"));
        JsonNode priority = null;
        for (JsonNode e : audit.body().get("items")) {
            if (e.get("field").asText().equals("priority") && e.has("oldValue")) {
                priority = e;
            }
        }
        assertThat(priority).isNotNull();
        assertThat(priority.get("oldValue").asInt()).isEqualTo(3);
        assertThat(priority.get("newValue").asInt()).isEqualTo(1);
    }

    @Test
    void patchMergesAndNullRemovesAField() {
        String id = createDefault().get("id").asText();
        ApiHarness.Response patched = api.call(call("patch-customer.json").id(id)
                .body("{\"priority\":2,\"tags\":null,\"address\":{\"city\":\"Roma\"}}"));
        assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
        assertThat(patched.body().get("priority").asInt()).isEqualTo(2);
        assertThat(patched.body().has("tags")).isFalse();
        assertThat(patched.body().get("address").get("city").asText()).isEqualTo("Roma");
        assertThat(patched.body().get("address").get("line1").asText()).isEqualTo("Via Roma 1");
        assertThat(patched.body().get("email").asText()).isEqualTo("mario.rossi@example.com");
        assertThat(api.events().events()).extracting(DomainEvent::detailType).containsExactly("CustomerCreated", "CustomerUpdated");
    }

    @Test
    void anUnchangedUpdateWritesNothing() {
        JsonNode created = createDefault();
        ApiHarness.Response same = api.call(call("patch-customer.json").id(created.get("id").asText()).body("{\"priority\":3}"));
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.header("ETag")).isEqualTo("\"1\"");
        assertThat(api.events().events()).extracting(DomainEvent::detailType).containsExactly("CustomerCreated");
    }

    @Test
    void changingTheMobileMovesItsUniquenessGuard() {
        String id = createDefault().get("id").asText();
        ApiHarness.Response moved = api.call(call("patch-customer.json").id(id).body("{\"mobile\":\"+393330000001\"}"));
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        // the old number is free again, the new one is taken
        assertThat(create("{\"mobile\":\"+393331234567\"}").status()).isEqualTo(201);
        assertThat(create("{\"mobile\":\"+393330000001\"}").status()).isEqualTo(409);
    }

    @Test
    void deleteRemovesTheWholeCollectionAndTheGuards() {
        String id = createDefault().get("id").asText();
        api.call(call("replace-customer.json").id(id));

        assertThat(api.call(call("delete-customer.json").id(id).groups("[agent]")).status()).isEqualTo(403);
        assertThat(api.call(call("delete-customer.json").id(id)).status()).as("stale").isEqualTo(412);
        ApiHarness.Response deleted = api.call(call("delete-customer.json").id(id).header("if-match", "\"2\""));
        assertThat(deleted.status()).isEqualTo(204);

        assertThat(api.call(call("get-customer.json").id(id)).status()).isEqualTo(404);
        assertThat(dynamo.query(b -> b.tableName("CustomersTable").keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(tenant + "#" + id)))).count()).isZero();
        assertThat(create("{\"mobile\":\"+393331234567\",\"email\":\"mario.rossi@example.com\",\"externalId\":\"CRM-0001\"}").status())
                .as("mobile, email and external id are free again").isEqualTo(201);
        assertThat(api.events().events()).extracting(DomainEvent::detailType).contains("CustomerDeleted");
    }

    @Test
    void rolesAreEnforcedBeforeAnythingIsWritten() {
        ApiHarness.Response viewer = api.call(call("create-customer.json").groups("[viewer]"));
        assertThat(viewer.status()).isEqualTo(403);
        assertThat(viewer.body().get("detail").asText()).contains("admin", "agent");
        assertThat(countCustomers()).isZero();
        assertThat(api.call(call("list-customers.json").groups("[viewer]")).status()).isEqualTo(200);
        assertThat(api.call(call("create-customer.json").groups("[agent]")).status()).isEqualTo(201);
        assertThat(api.call(call("list-customers.json").groups("[]")).status()).isEqualTo(403);
    }

    @Test
    void aRequestWithoutVerifiedClaimsIsUnauthorized() {
        ApiHarness.Response response = api.call(call("list-customers.json").noClaims());
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void listsNewestUpdateFirstInPagesWithACursor() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            ApiHarness.Response created = create("{\"mobile\":\"+3933300000" + String.format("%02d", i) + "\",\"name\":\"Customer " + i + "\"}");
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            ids.add(created.body().get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiHarness.Response page = api.call(call("list-customers.json")
                    .query("pageSize=10" + (cursor == null ? "" : "&cursor=" + cursor)));
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().get("items").forEach(c -> seen.add(c.get("id").asText()));
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        java.util.Collections.reverse(ids);
        assertThat(seen).containsExactlyElementsOf(ids);
    }

    @Test
    void pageSizeOutsideTenToAHundredIsRefused() {
        ApiHarness.Response tooSmall = api.call(call("list-customers.json").query("pageSize=5"));
        assertThat(tooSmall.status()).isEqualTo(400);
        assertThat(tooSmall.body().get("errors").get(0).get("field").asText()).isEqualTo("pageSize");
        assertThat(api.call(call("list-customers.json").query("pageSize=101")).status()).isEqualTo(400);
        assertThat(api.call(call("list-customers.json").query("cursor=bogus")).status()).isEqualTo(400);
    }

    @Test
    void searchesByNamePrefixAndExactMobileEmailOrExternalId() {
        create("{\"mobile\":\"+393330000001\",\"name\":\"Émile Zola\",\"externalId\":\"EXT-1\"}");
        create("{\"mobile\":\"+393330000002\",\"name\":\"Emilia Romagna Gas\",\"email\":\"info@erg.example\"}");
        create("{\"mobile\":\"+393330000003\",\"name\":\"Bruno\"}");

        assertThat(names("q=emi")).containsExactlyInAnyOrder("Émile Zola", "Emilia Romagna Gas");
        assertThat(names("q=%2B393330000003")).containsExactly("Bruno");
        assertThat(names("q=INFO%40erg.example")).containsExactly("Emilia Romagna Gas");
        assertThat(names("q=EXT-1")).containsExactly("Émile Zola");
        assertThat(names("q=zzz")).isEmpty();
    }

    @Test
    void filtersByTagResponsibleUserAndUpdatedSince() {
        create("{\"mobile\":\"+393330000001\",\"name\":\"A\",\"tags\":[\"vip\"],\"responsibleUser\":\"anna\"}");
        create("{\"mobile\":\"+393330000002\",\"name\":\"B\",\"tags\":[\"prospect\"],\"responsibleUser\":\"anna\"}");
        create("{\"mobile\":\"+393330000003\",\"name\":\"C\"}");
        assertThat(names("tag=vip")).containsExactly("A");
        assertThat(names("responsibleUser=anna")).containsExactlyInAnyOrder("A", "B");
        assertThat(names("updatedSince=2000-01-01T00:00:00Z")).hasSize(3);
        assertThat(names("updatedSince=2999-01-01T00:00:00Z")).isEmpty();
        assertThat(api.call(call("list-customers.json").query("updatedSince=yesterday")).status()).isEqualTo(400);
    }

    @Test
    void contactClassesLimitWhatAUserSeesAndWrites() {
        String north = create("{\"mobile\":\"+393330000001\",\"name\":\"North\",\"contactClass\":\"north\"}").body().get("id").asText();
        String south = create("{\"mobile\":\"+393330000002\",\"name\":\"South\",\"contactClass\":\"south\"}").body().get("id").asText();

        ApiCall northAgent = call("list-customers.json").groups("[agent]").claim("custom:contactClasses", "north");
        ApiHarness.Response list = api.call(northAgent);
        List<String> listed = new ArrayList<>();
        list.body().get("items").forEach(c -> listed.add(c.get("id").asText()));
        assertThat(listed).containsExactly(north);

        assertThat(api.call(call("get-customer.json").id(south).groups("[agent]").claim("custom:contactClasses", "north")).status())
                .isEqualTo(404);
        ApiHarness.Response move = api.call(call("patch-customer.json").id(north).groups("[agent]")
                .claim("custom:contactClasses", "north").body("{\"contactClass\":\"south\"}"));
        assertThat(move.status()).isEqualTo(403);
        assertThat(move.body().get("errors").get(0).get("field").asText()).isEqualTo("contactClass");
    }

    @Test
    void hostileBodiesAreRefusedWithoutAWrite() {
        assertThat(create("{\"mobile\":").status()).isEqualTo(400);
        assertThat(create("[1,2,3]").status()).isEqualTo(400);
        assertThat(create("{\"mobile\":\"+393331234567\"} trailing").status()).isEqualTo(400);
        assertThat(create("{\"mobile\":\"+393331234567\",\"notes\":\"" + "x".repeat(5000) + "\"}").status()).isEqualTo(400);
        assertThat(create("{\"a\":".repeat(100) + "1" + "}".repeat(100)).status()).isEqualTo(400);
        ApiHarness.Response huge = create("{\"notes\":\"" + "x".repeat(300 * 1024) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.header("Content-Type")).startsWith("application/problem+json");
        ApiHarness.Response invalidUtf8 = api.call(call("create-customer.json").base64Body("eyJtb2JpbGUiOiL/"));
        assertThat(invalidUtf8.status()).isEqualTo(400);
        ApiHarness.Response wrongType = api.call(call("create-customer.json").header("content-type", "text/plain"));
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.header("Content-Type")).startsWith("application/problem+json");
        assertThat(countCustomers()).isZero();
    }

    private List<String> names(String query) {
        ApiHarness.Response response = api.call(call("list-customers.json").query(query));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.body().get("items").forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    private int countCustomers() {
        return dynamo.query(b -> b.tableName("CustomersTable").indexName("ByUpdated").keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(tenant + "#CUSTOMERS")))).count();
    }
}
