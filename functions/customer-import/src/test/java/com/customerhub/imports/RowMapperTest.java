package com.customerhub.imports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a cell becomes the JSON the customer validator reads. */
class RowMapperTest {

    @Test
    void aListCellIsCutAtCommasWithItemsTrimmedAndEmptyOnesLeftOut() {
        assertThat(RowMapper.convert(ImportColumn.TAGS, "vip, gold ,,  north east ,").toString())
                .isEqualTo("[\"vip\",\"gold\",\"north east\"]");
        assertThat(RowMapper.convert(ImportColumn.TAGS, "vip").toString()).isEqualTo("[\"vip\"]");
        assertThat(RowMapper.convert(ImportColumn.TAGS, ",").toString()).isEqualTo("[]");
        assertThat(RowMapper.convert(ImportColumn.TAGS, " , vip").toString()).isEqualTo("[\"vip\"]");
    }

    @Test
    void preferredChannelsAreUpperCased() {
        assertThat(RowMapper.convert(ImportColumn.PREFERRED_CHANNELS, "email, Sms").toString())
                .isEqualTo("[\"EMAIL\",\"SMS\"]");
    }
}
