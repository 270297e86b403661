package com.customerhub.core.validation;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {
    @Test
    void idsAreUlidsOrderedByTime() {
        Ids earlier = new Ids(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        Ids later = new Ids(Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), ZoneOffset.UTC));
        String a = earlier.next();
        String b = later.next();
        assertThat(Ids.isValid(a)).isTrue();
        assertThat(a).isLessThan(b).hasSize(26);
        assertThat(earlier.next()).isNotEqualTo(a);
        assertThat(Ids.isValid("../../etc/passwd")).isFalse();
        assertThat(Ids.isValid("01HZZZZZZZZZZZZZZZZZZZZZZI")).as("I is not Crockford").isFalse();
    }

    @Test
    void emailSyntax() {
        assertThat(EmailAddresses.normalize("A.B+tag@Sub.Example.org")).contains("a.b+tag@sub.example.org");
        for (String bad : new String[]{"a@b", "a@@b.com", "a b@c.com", "a..b@c.com", "@c.com", "a@-c.com"}) {
            assertThat(EmailAddresses.normalize(bad)).as(bad).isEmpty();
        }
    }
}
