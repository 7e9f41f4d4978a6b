package io.chatplatform.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AccountErasureValuesTest {

    @Test
    @DisplayName("deleted_user names deleted accounts and is reserved in every case; other names are not")
    void reserved_username() {
        assertThat(Username.DELETED.value()).isEqualTo("deleted_user");
        assertThat(Username.DELETED.isReserved()).isTrue();
        assertThat(Username.of("Deleted_User").isReserved()).isTrue();
        assertThat(Username.of("DELETED_USER").isReserved()).isTrue();
        assertThat(Username.of("deleted_user2").isReserved()).isFalse();
        assertThat(Username.of("deleted").isReserved()).isFalse();
        assertThat(Username.of("alice").isReserved()).isFalse();
    }

    @Test
    @DisplayName("handles stay taken 30 days by default; steps examine 500 messages, between 1 and 10,000")
    void erasure_policy() {
        Instant deletedAt = Instant.parse("2026-12-06T10:00:00Z");
        AccountErasurePolicy policy = AccountErasurePolicy.DEFAULT;

        assertThat(policy.handlesFreeAt(deletedAt)).isEqualTo(deletedAt.plus(Duration.ofDays(30)));
        assertThat(policy.batchSize()).isEqualTo(500);
        assertThat(policy.withBatchSize(3).batchSize()).isEqualTo(3);
        assertThat(policy.withBatchSize(3).handleRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(policy.withBatchSize(10_000).batchSize()).isEqualTo(10_000);
        assertThat(new AccountErasurePolicy(Duration.ZERO, 1).handlesFreeAt(deletedAt)).isEqualTo(deletedAt);
        assertThatThrownBy(() -> policy.withBatchSize(0)).hasMessageContaining("1 to 10,000");
        assertThatThrownBy(() -> policy.withBatchSize(10_001)).hasMessageContaining("1 to 10,000");
        assertThatThrownBy(() -> new AccountErasurePolicy(Duration.ofSeconds(-1), 1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new AccountErasurePolicy(null, 1)).isInstanceOf(NullPointerException.class);
    }
}
