package com.customerhub.customers;

import com.customerhub.core.customer.Channel;
import com.customerhub.core.identity.Identity;
import com.customerhub.core.identity.Role;
import com.customerhub.core.settings.SettingsService;
import com.customerhub.core.settings.SettingsStore;
import com.customerhub.core.settings.SettingsValidator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Two containers' caches over the same table: a change is seen by the other within a minute, never later. */
class SettingsCacheTest extends CustomerHandlerTest {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void anotherContainersChangeIsSeenWithinAMinute() throws Exception {
        SettingsStore store = api.context.getBean(SettingsStore.class);
        MovableClock clock = new MovableClock();
        SettingsService reader = new SettingsService(store, new SettingsValidator(), clock);
        SettingsService writer = new SettingsService(store, new SettingsValidator(), Clock.systemUTC());
        Identity admin = new Identity(tenant, "admin", Set.of(Role.ADMIN), Optional.empty());

        assertThat(reader.current(tenant).version()).as("defaults when none saved").isZero();
        assertThat(reader.current(tenant).channelEnabled(Channel.SMS)).isTrue();
        writer.replace(admin, 0, (ObjectNode) new ObjectMapper().readTree("{\"enabledChannels\":[\"EMAIL\"]}"));

        clock.advance(Duration.ofSeconds(29));
        assertThat(reader.current(tenant).channelEnabled(Channel.SMS)).as("cached for a short while").isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(reader.current(tenant).channelEnabled(Channel.SMS)).as("re-read after 30 s").isFalse();
        assertThat(SettingsService.FRESH).isLessThanOrEqualTo(Duration.ofMinutes(1));

        // the container that wrote sees its own change at once
        writer.replace(admin, 1, (ObjectNode) new ObjectMapper().readTree("{}"));
        assertThat(writer.current(tenant).channelEnabled(Channel.SMS)).isTrue();
    }
}
