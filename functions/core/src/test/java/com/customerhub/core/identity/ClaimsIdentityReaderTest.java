package com.customerhub.core.identity;

import com.customerhub.core.error.ApiException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ClaimsIdentityReaderTest {
    private final ClaimsIdentityReader reader = new ClaimsIdentityReader();

    @Test
    void readsTheClaimsApiGatewayPasses() {
        Identity identity = reader.read(Map.of("sub", "u1", "custom:tenantId", "demo",
                "cognito:groups", "[agent viewer unknown]", "custom:contactClasses", "north, south"));
        assertThat(identity.tenantId()).isEqualTo("demo");
        assertThat(identity.userId()).isEqualTo("u1");
        assertThat(identity.roles()).containsExactlyInAnyOrder(Role.AGENT, Role.VIEWER);
        assertThat(identity.contactClasses()).contains(Set.of("north", "south"));
        assertThat(identity.maySee("north")).isTrue();
        assertThat(identity.maySee("east")).isFalse();
        assertThat(identity.maySee(null)).isFalse();
    }

    @Test
    void noContactClassesMeansAll() {
        Identity identity = reader.read(Map.of("sub", "u1", "custom:tenantId", "demo", "cognito:groups", "admin"));
        assertThat(identity.contactClasses()).isEqualTo(Optional.empty());
        assertThat(identity.maySee(null)).isTrue();
        assertThat(identity.roles()).containsExactly(Role.ADMIN);
    }

    @Test
    void refusesMissingOrMalformedTenant() {
        for (Map<String, String> claims : new Map[]{Map.of(), Map.of("sub", "u"), Map.of("sub", "u", "custom:tenantId", "a#b"),
                Map.of("custom:tenantId", "demo"), Map.of("sub", "u", "custom:tenantId", "../demo")}) {
            ApiException e = catchThrowableOfType(ApiException.class, () -> reader.read(claims));
            assertThat(e.status()).as(claims.toString()).isEqualTo(401);
        }
    }
}
