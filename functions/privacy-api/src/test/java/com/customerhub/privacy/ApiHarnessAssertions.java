package com.customerhub.privacy;

import com.customerhub.api.testing.ApiHarness;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class ApiHarnessAssertions {
    private ApiHarnessAssertions() {
    }

    static void assertFields(ApiHarness.Response response, String... fields) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        List<String> named = new ArrayList<>();
        response.body().get("errors").forEach(e -> named.add(e.get("field").asText()));
        assertThat(named).contains(fields);
    }
}
