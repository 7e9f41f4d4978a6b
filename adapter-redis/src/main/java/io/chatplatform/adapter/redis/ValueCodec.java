package io.chatplatform.adapter.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.domain.cache.CacheType;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.AvatarUrl;
import io.chatplatform.domain.user.DisplayName;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.Profile;
import io.chatplatform.domain.user.TimeZoneName;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Cached values as compact JSON of this adapter's own records, one shape per {@link CacheType}, so
 * the domain's types never depend on the encoding. Field names are one or two letters; instants
 * are ISO-8601 strings, exact to the nanosecond; optional fields are left out when empty.
 *
 * <p>Decoding goes through the domain's constructors, so a stored value that is malformed,
 * incomplete or from an incompatible version is refused (and then treated as a miss) rather than
 * turned into an invalid object. Unknown fields are ignored, so a newer version may add fields;
 * a field whose meaning changes must get a new name.
 *
 * <p>{@link #encode} and {@link #decode} are public so that tools outside the adapter (the JMH
 * benchmarks of chat-bench) measure exactly what the store runs; the format itself is this
 * adapter's, not a contract with anyone else. Thread-safe.
 */
public final class ValueCodec {

    /** Shared with {@link LiveEventCodec}: the same strictness for every JSON this adapter reads. */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // generated accessors instead of reflection: pages are decoded on every cache read that misses locally
            .addModule(new BlackbirdModule())
            .build();

    private static final TypeReference<List<MessageJson>> MESSAGES = new TypeReference<>() {
    };
    private static final TypeReference<List<InboxEntryJson>> INBOX = new TypeReference<>() {
    };

    private ValueCodec() {
    }

    /** The JSON for a value of {@code key}'s type. */
    public static <V> String encode(CacheKey<V> key, V value) {
        Object json = switch (key.type()) {
            case PROFILE -> AccountJson.of((Account) value);
            case USERNAME -> ((UserId) value).value();
            case HISTORY_PAGE -> ((List<?>) value).stream().map(message -> MessageJson.of((Message) message)).toList();
            case MESSAGE -> MessageJson.of((Message) value);
            case CONVERSATION_LIST -> ((List<?>) value).stream().map(entry -> InboxEntryJson.of((InboxEntry) entry)).toList();
            case UNREAD_COUNT -> (Long) value;
        };
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value the JSON stands for, or empty when it cannot be read as {@code key}'s type. */
    @SuppressWarnings("unchecked")
    public static <V> Optional<V> decode(CacheKey<V> key, String json) {
        try {
            Object value = switch (key.type()) {
                case PROFILE -> JSON.readValue(json, AccountJson.class).toAccount();
                case USERNAME -> UserId.of(JSON.readValue(json, long.class));
                case HISTORY_PAGE -> JSON.readValue(json, MESSAGES).stream().map(MessageJson::toMessage).toList();
                case MESSAGE -> JSON.readValue(json, MessageJson.class).toMessage();
                case CONVERSATION_LIST -> JSON.readValue(json, INBOX).stream().map(InboxEntryJson::toEntry).toList();
                case UNREAD_COUNT -> JSON.readValue(json, long.class);
            };
            return Optional.of((V) value);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Instants travel as nanoseconds since the epoch (exact, and good until the year 2262): parsing
     * ISO text for every message of every cached page showed as a quarter of a cached read's CPU.
     */
    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** An {@link Account}: i id, u username, e email, n display name, a avatar URL, z time zone, c created, s last seen. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AccountJson(@JsonProperty(value = "i", required = true) long id,
                       @JsonProperty(value = "u", required = true) String username,
                       @JsonProperty(value = "e", required = true) String email,
                       @JsonProperty("n") String displayName,
                       @JsonProperty("a") String avatarUrl,
                       @JsonProperty("z") String timezone,
                       @JsonProperty(value = "c", required = true) long createdAt,
                       @JsonProperty(value = "s", required = true) long lastSeen) {

        static AccountJson of(Account account) {
            Profile profile = account.profile();
            return new AccountJson(account.id().value(), account.username().value(), account.email().value(),
                    profile.displayName().map(DisplayName::value).orElse(null),
                    profile.avatarUrl().map(AvatarUrl::value).orElse(null),
                    profile.timezone().map(TimeZoneName::value).orElse(null),
                    nanos(account.createdAt()), nanos(account.lastSeen()));
        }

        Account toAccount() {
            Profile profile = new Profile(Optional.ofNullable(displayName).map(DisplayName::of),
                    Optional.ofNullable(avatarUrl).map(AvatarUrl::of), Optional.ofNullable(timezone).map(TimeZoneName::of));
            return new Account(UserId.of(id), Username.of(username), Email.of(email), profile, instant(createdAt),
                    instant(lastSeen));
        }
    }

    /**
     * A {@link Message}: i id, q seq, f sender, t recipient, b body, at sent at, k client message
     * id. The conversation is not stored: it follows from sender and recipient.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageJson(@JsonProperty(value = "i", required = true) long id,
                       @JsonProperty(value = "q", required = true) long seq,
                       @JsonProperty(value = "f", required = true) long sender,
                       @JsonProperty(value = "t", required = true) long recipient,
                       @JsonProperty(value = "b", required = true) String body,
                       @JsonProperty(value = "at", required = true) long createdAt,
                       @JsonProperty("k") String clientMessageId) {

        static MessageJson of(Message message) {
            return new MessageJson(message.id().value(), message.seq(), message.senderId().value(),
                    message.recipientId().value(), message.content().value(), nanos(message.createdAt()),
                    message.clientMessageId().map(ClientMessageId::value).orElse(null));
        }

        Message toMessage() {
            UserId from = UserId.of(sender);
            UserId to = UserId.of(recipient);
            return new Message(MessageId.of(id), ConversationId.between(from, to), seq, from, to, MessageContent.of(body),
                    instant(createdAt), Optional.ofNullable(clientMessageId).map(ClientMessageId::of));
        }
    }

    /**
     * An {@link InboxEntry}: o owner, p peer, u peer's username, q last seq, r last read seq, m last
     * message id, at last message time, v preview.
     */
    record InboxEntryJson(@JsonProperty(value = "o", required = true) long owner,
                          @JsonProperty(value = "p", required = true) long peer,
                          @JsonProperty(value = "u", required = true) String peerUsername,
                          @JsonProperty(value = "q", required = true) long lastSeq,
                          @JsonProperty(value = "r", required = true) long lastReadSeq,
                          @JsonProperty(value = "m", required = true) long lastMessageId,
                          @JsonProperty(value = "at", required = true) long lastMessageAt,
                          @JsonProperty(value = "v", required = true) String preview) {

        static InboxEntryJson of(InboxEntry entry) {
            return new InboxEntryJson(entry.owner().value(), entry.peer().value(), entry.peerUsername().value(),
                    entry.lastSeq(), entry.lastReadSeq(), entry.lastMessageId().value(), nanos(entry.lastMessageAt()),
                    entry.lastMessagePreview());
        }

        InboxEntry toEntry() {
            return new InboxEntry(UserId.of(owner), UserId.of(peer), Username.of(peerUsername), lastSeq, lastReadSeq,
                    MessageId.of(lastMessageId), instant(lastMessageAt), preview);
        }
    }
}
