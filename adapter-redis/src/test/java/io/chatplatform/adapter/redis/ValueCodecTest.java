package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.Profile;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ValueCodec")
class ValueCodecTest {

    private static final UserId ALICE = UserId.of(1);
    private static final UserId BOB = UserId.of(2);
    private static final Instant AT = Instant.parse("2026-11-27T12:34:56.123456789Z");
    private static final Message MESSAGE = new Message(MessageId.of(7), ConversationId.between(ALICE, BOB), 3, ALICE, BOB,
            MessageContent.of("hi"), AT, Optional.empty());
    private static final CacheKey<Message> MESSAGE_KEY = CacheKey.message(MessageId.of(7));

    @Test
    @DisplayName("writes compact JSON with short names, leaving out empty optional fields")
    void compact_json() {
        assertThat(ValueCodec.encode(MESSAGE_KEY, MESSAGE))
                .isEqualTo("{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896123456789}");
        assertThat(ValueCodec.encode(CacheKey.unreadCount(ALICE), 42L)).isEqualTo("42");
        assertThat(ValueCodec.encode(CacheKey.username(Username.of("alice")), ALICE)).isEqualTo("1");
    }

    @Test
    @DisplayName("keeps instants to the nanosecond")
    void exact_instants() {
        Account account = new Account(ALICE, Username.of("alice"), Email.of("a@example.com"), Profile.EMPTY, AT, AT.plusNanos(1));
        CacheKey<Account> key = CacheKey.account(ALICE);

        assertThat(ValueCodec.decode(key, ValueCodec.encode(key, account))).contains(account);
    }

    @Test
    @DisplayName("ignores fields it does not know, so a newer version may add some")
    void unknown_fields() {
        String newer = "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896123456789,\"x\":true}";

        assertThat(ValueCodec.decode(MESSAGE_KEY, newer)).contains(MESSAGE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":null}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":\"yesterday\"}",
            "{\"i\":7,\"q\":0,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000}",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"  \",\"at\":1795782896000000000}",
            "{\"i\":7,\"q\":null,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000}",
            "[1,2]",
            "42",
            "{\"i\":7,\"q\":3,\"f\":1,\"t\":2,\"b\":\"hi\",\"at\":1795782896000000000} {}",
            "not json"})
    @DisplayName("refuses a stored message that is incomplete, malformed or invalid for the domain")
    void refuses_bad_messages(String json) {
        assertThat(ValueCodec.decode(MESSAGE_KEY, json)).isEmpty();
    }

    @Test
    @DisplayName("refuses a value of another type and a null count")
    void refuses_other_shapes() {
        assertThat(ValueCodec.decode(CacheKey.unreadCount(ALICE), "null")).isEmpty();
        assertThat(ValueCodec.decode(CacheKey.unreadCount(ALICE), "\"7\"")).isEmpty();
        assertThat(ValueCodec.decode(CacheKey.username(Username.of("alice")), "0")).isEmpty();
        assertThat(ValueCodec.decode(CacheKey.historyPage(ConversationId.between(ALICE, BOB), HistoryPage.newest()),
                ValueCodec.encode(MESSAGE_KEY, MESSAGE))).isEmpty();
        assertThat(ValueCodec.decode(CacheKey.historyPage(ConversationId.between(ALICE, BOB), HistoryPage.newest()),
                "[" + ValueCodec.encode(MESSAGE_KEY, MESSAGE) + "]")).contains(List.of(MESSAGE));
    }
}
