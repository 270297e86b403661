package com.customerhub.core.data;

import com.customerhub.core.error.ApiException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorsAndValuesTest {
    @Test
    void cursorsRoundTripAndRejectForgeries() {
        String cursor = Cursors.encode("2026-11-23T10:00:00.000Z#X", "01HZZZZZZZZZZZZZZZZZZZZZZZ");
        assertThat(Cursors.decode(cursor, 2)).containsExactly("2026-11-23T10:00:00.000Z#X", "01HZZZZZZZZZZZZZZZZZZZZZZZ");
        assertThatThrownBy(() -> Cursors.decode("not base64!", 2)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Cursors.decode(Cursors.encode("one"), 2)).isInstanceOf(ApiException.class);
    }

    @Test
    void itemsRoundTripThroughAttributeValues() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode node = (ObjectNode) json.readTree("""
                {"s":"x","n":12,"d":12.50,"b":true,"l":["a",1],"m":{"k":"v"},"nothing":null}""");
        ObjectNode back = AttributeValues.toObject(AttributeValues.fromObject(node));
        assertThat(back.has("nothing")).isFalse();
        node.remove("nothing");
        assertThat(back.toString()).isEqualTo(node.toString());
    }

    @Test
    void sortKeysHaveAFixedWidth() {
        assertThat(SortKeys.instant(Instant.parse("2026-01-01T10:00:00Z"))).isEqualTo("2026-01-01T10:00:00.000Z");
        assertThat(SortKeys.instant(Instant.parse("2026-01-01T10:00:00Z")))
                .isLessThan(SortKeys.instant(Instant.parse("2026-01-01T10:00:00.001Z")));
    }

    @Test
    void pageSizeMustBeBetweenTenAndAHundred() {
        assertThat(PageRequest.of(null, null).pageSize()).isEqualTo(25);
        assertThat(PageRequest.of("10", " ").pageSize()).isEqualTo(10);
        for (String bad : new String[]{"9", "101", "abc", "1e3"}) {
            assertThatThrownBy(() -> PageRequest.of(bad, null)).as(bad).isInstanceOf(ApiException.class);
        }
    }
}
