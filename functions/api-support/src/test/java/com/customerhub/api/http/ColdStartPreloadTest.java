package com.customerhub.api.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cold-start preload runs the SDK's whole GetItem path in memory: it needs no DynamoDB (none is
 * started here, and its region has no credentials) and finds no item.
 */
class ColdStartPreloadTest {

    @Test
    void runsTheFirstRequestsPathWithoutAnyService() throws Exception {
        assertThat(ColdStartPreload.run()).isEmpty();
    }
}
