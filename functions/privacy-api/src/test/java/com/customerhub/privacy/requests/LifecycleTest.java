package com.customerhub.privacy.requests;

import com.customerhub.core.error.ApiException;
import org.junit.jupiter.api.Test;

import static com.customerhub.privacy.requests.Lifecycle.Action.*;
import static com.customerhub.privacy.requests.RequestStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleTest {
    @Test
    void theStateMachine() {
        assertThat(Lifecycle.allowed(RECEIVED, PROCESS)).isTrue();
        assertThat(Lifecycle.allowed(IN_PROGRESS, PROCESS)).as("resuming a lost or killed run").isTrue();
        assertThat(Lifecycle.allowed(COMPLETED, PROCESS)).isFalse();
        assertThat(Lifecycle.allowed(REJECTED, PROCESS)).isFalse();

        assertThat(Lifecycle.allowed(RECEIVED, REJECT)).isTrue();
        assertThat(Lifecycle.allowed(IN_PROGRESS, REJECT)).isFalse();
        assertThat(Lifecycle.allowed(COMPLETED, REJECT)).isFalse();

        assertThat(Lifecycle.allowed(RECEIVED, EXTEND)).isTrue();
        assertThat(Lifecycle.allowed(IN_PROGRESS, EXTEND)).isTrue();
        assertThat(Lifecycle.allowed(COMPLETED, EXTEND)).isFalse();
        assertThat(Lifecycle.allowed(REJECTED, EXTEND)).isFalse();

        assertThat(Lifecycle.allowed(IN_PROGRESS, COMPLETE)).isTrue();
        assertThat(Lifecycle.allowed(RECEIVED, COMPLETE)).as("only a dpo's start leads to completion").isFalse();
        assertThat(Lifecycle.allowed(COMPLETED, COMPLETE)).isFalse();

        assertThatThrownBy(() -> Lifecycle.check(COMPLETED, PROCESS)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(409));
        assertThat(Lifecycle.after(PROCESS)).isEqualTo(IN_PROGRESS);
        assertThat(Lifecycle.after(REJECT)).isEqualTo(REJECTED);
        assertThat(Lifecycle.after(COMPLETE)).isEqualTo(COMPLETED);
    }
}
