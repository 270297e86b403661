package com.customerhub.customers;

import com.customerhub.api.testing.ApiHarness;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationApiTest extends CustomerHandlerTest {

    @Test
    void theCheckAnswersByMobileAndScopeAndExpiredAuthorizationsStopCounting() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        String auth = ok(call("create-authorization.json").id(id), 201).body().get("id").asText();

        JsonNode allowed = body(call("check-authorization.json").id(id));
        assertThat(allowed.get("allowed").asBoolean()).isTrue();
        assertThat(allowed.get("authorizationId").asText()).isEqualTo(auth);

        JsonNode wrongScope = body(call("check-authorization.json").id(id).query("mobile=%2B393401112233&scope=PRIVACY"));
        assertThat(wrongScope.get("allowed").asBoolean()).isFalse();
        assertThat(wrongScope.get("reason").asText()).contains("PRIVACY");

        ok(call("create-authorization.json").id(id).body("""
                {"representative":{"name":"Old Lawyer","mobile":"+393409998877"},"scope":["CONTRACT"],
                 "validFrom":"2020-01-01","validUntil":"2021-12-31"}"""), 201);
        JsonNode expired = body(call("check-authorization.json").id(id).query("mobile=%2B393409998877&scope=CONTRACT"));
        assertThat(expired.get("allowed").asBoolean()).isFalse();
        assertThat(expired.get("reason").asText()).contains("expired");
        JsonNode listed = body(call("list-authorizations.json").id(id));
        assertThat(listed.get("items")).extracting(a -> a.get("status").asText()).containsExactlyInAnyOrder("ACTIVE", "EXPIRED");

        JsonNode stranger = body(call("check-authorization.json").id(id).query("mobile=%2B447911123456&scope=READ"));
        assertThat(stranger.get("allowed").asBoolean()).isFalse();
    }

    @Test
    void aRevokedAuthorizationNoLongerAllows() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        String auth = ok(call("create-authorization.json").id(id), 201).body().get("id").asText();
        JsonNode revoked = body(call("patch-authorization.json").id(id).sub(auth));
        assertThat(revoked.get("status").asText()).isEqualTo("REVOKED");
        JsonNode check = body(call("check-authorization.json").id(id));
        assertThat(check.get("allowed").asBoolean()).isFalse();
        assertThat(check.get("reason").asText()).contains("revoked");
        assertThat(api.call(call("patch-authorization.json").id(id).sub(auth).body("{\"status\":\"ACTIVE\"}")).status()).isEqualTo(400);
    }

    @Test
    void anAuthorizationEndingBeforeItStartsIsRefused() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        ApiHarness.Response refused = api.call(call("create-authorization.json").id(id).body("""
                {"representative":{"name":"X","mobile":"+393401112233"},"scope":["READ"],"validFrom":"2026-05-01","validUntil":"2026-04-01"}"""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("validUntil");
        ApiHarness.Response noScope = api.call(call("create-authorization.json").id(id).body("""
                {"representative":{"name":"X","mobile":"12"},"scope":[]}"""));
        assertThat(noScope.body().get("errors")).extracting(e -> e.get("field").asText())
                .contains("representative.mobile", "scope");
    }

    @Test
    void theSignedDocumentIsUploadedThroughAPresignedUrl() {
        String id = customer("{\"mobile\":\"+393330000001\"}");
        String auth = ok(call("create-authorization.json").id(id), 201).body().get("id").asText();
        JsonNode upload = body(call("authorization-document.json").id(id).sub(auth));
        assertThat(upload.get("method").asText()).isEqualTo("PUT");
        assertThat(upload.get("documentKey").asText()).startsWith("authorizations/" + tenant + "/" + id + "/" + auth + "/");
        assertThat(upload.get("uploadUrl").asText()).contains("X-Amz-Signature").contains("customer-hub-test");
        assertThat(body(call("get-authorization.json").id(id).sub(auth)).get("documentKey").asText())
                .isEqualTo(upload.get("documentKey").asText());
    }
}
