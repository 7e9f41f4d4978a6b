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
import io.chatplatform.domain.block.BlockList;
import io.chatplatform.domain.cache.CacheType;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reaction;
import io.chatplatform.domain.message.Reactions;
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
import java.util.Set;

/**
 * Cached values as compact JSON of this adapter's own records, one shape per {@link CacheType}, so
 * the domain's types never depend on the encoding. Field names are one or two letters; instants
 * are nanoseconds since the epoch, exact; optional fields are left out when empty.
 *
 * <p>Decoding goes through the domain's constructors, so a stored value that is malformed,
 * incomplete or from an incompatible version is refused (and then treated as a miss) rather than
 * turned into an invalid object. Unknown fields are ignored, so a newer version may add fields;
 * a field whose meaning changes must get a new name. A field added later is optional when its
 * default is true of every value an older version wrote (a message cached before edits existed was
 * never edited), and required when no default would be (then an older value is a miss, read again
 * and overwritten, never a wrong answer).
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
            case SESSION -> (Boolean) value;
            case BLOCKS -> BlockListJson.of((BlockList) value);
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
                case SESSION -> JSON.readValue(json, boolean.class);
                case BLOCKS -> JSON.readValue(json, BlockListJson.class).toBlockList();
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
     * A {@link Message}: i id, q seq, f sender, t recipient, b body (absent for a tombstone), at sent
     * at, k client message id, r the id of the message it replies to, e edited at, d deleted at, x
     * reactions. The conversation is not stored: it follows from sender and recipient.
     *
     * <p>The fields added with edits, deletions, replies and reactions (r, e, d, x) are optional and
     * default to "not so": that is true of every message an older version cached, which had none of
     * these (and history pages and messages moved to new keys with them, so an older entry is not
     * even looked up).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageJson(@JsonProperty(value = "i", required = true) long id,
                       @JsonProperty(value = "q", required = true) long seq,
                       @JsonProperty(value = "f", required = true) long sender,
                       @JsonProperty(value = "t", required = true) long recipient,
                       @JsonProperty("b") String body,
                       @JsonProperty(value = "at", required = true) long createdAt,
                       @JsonProperty("k") String clientMessageId,
                       @JsonProperty("r") Long replyTo,
                       @JsonProperty("e") Long editedAt,
                       @JsonProperty("d") Long deletedAt,
                       @JsonProperty("x") List<ReactionJson> reactions) {

        static MessageJson of(Message message) {
            return new MessageJson(message.id().value(), message.seq(), message.senderId().value(),
                    message.recipientId().value(), message.content().map(MessageContent::value).orElse(null),
                    nanos(message.createdAt()), message.clientMessageId().map(ClientMessageId::value).orElse(null),
                    message.replyTo().map(MessageId::value).orElse(null),
                    message.editedAt().map(ValueCodec::nanos).orElse(null),
                    message.deletedAt().map(ValueCodec::nanos).orElse(null),
                    message.reactions().isEmpty() ? null : message.reactions().entries().stream().map(ReactionJson::of).toList());
        }

        Message toMessage() {
            UserId from = UserId.of(sender);
            UserId to = UserId.of(recipient);
            Reactions reacted = reactions == null ? Reactions.none()
                    : new Reactions(reactions.stream().map(ReactionJson::toReaction).toList());
            return new Message(MessageId.of(id), ConversationId.between(from, to), seq, from, to,
                    Optional.ofNullable(body).map(MessageContent::of), instant(createdAt),
                    Optional.ofNullable(clientMessageId).map(ClientMessageId::of), Optional.ofNullable(replyTo).map(MessageId::of),
                    Optional.ofNullable(editedAt).map(ValueCodec::instant), Optional.ofNullable(deletedAt).map(ValueCodec::instant),
                    reacted);
        }
    }

    /** A {@link Reaction}: e the emoji (fully qualified, as the domain keeps it), u the users' ids, ascending. */
    record ReactionJson(@JsonProperty(value = "e", required = true) String emoji,
                        @JsonProperty(value = "u", required = true) List<Long> users) {

        static ReactionJson of(Reaction reaction) {
            return new ReactionJson(reaction.emoji().value(), reaction.userIds().stream().map(UserId::value).toList());
        }

        Reaction toReaction() {
            return new Reaction(Emoji.of(emoji), users.stream().map(UserId::of).toList());
        }
    }

    /**
     * An {@link InboxEntry}: o owner, p peer, u peer's username, q last seq, r last read seq, n
     * messages removed unread (absent when 0), m last message id, at last message time, v preview
     * (absent once the last message was removed for the owner), w the newest position the owner can
     * see, pr and pd the peer's read and delivery markers.
     *
     * <p>w, pr and pd are required although an older version did not write them: no default would
     * be true (an older line knows neither the peer's markers nor the position), and conversation
     * lists kept their keys, so an older line is found, refused, read again from the database and
     * overwritten. An older version, in turn, refuses a line without v.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InboxEntryJson(@JsonProperty(value = "o", required = true) long owner,
                          @JsonProperty(value = "p", required = true) long peer,
                          @JsonProperty(value = "u", required = true) String peerUsername,
                          @JsonProperty(value = "q", required = true) long lastSeq,
                          @JsonProperty(value = "r", required = true) long lastReadSeq,
                          @JsonProperty("n") Long removedUnread,
                          @JsonProperty(value = "m", required = true) long lastMessageId,
                          @JsonProperty(value = "at", required = true) long lastMessageAt,
                          @JsonProperty("v") String preview,
                          @JsonProperty(value = "w", required = true) long lastPosition,
                          @JsonProperty(value = "pr", required = true) long peerReadSeq,
                          @JsonProperty(value = "pd", required = true) long peerDeliveredSeq) {

        static InboxEntryJson of(InboxEntry entry) {
            return new InboxEntryJson(entry.owner().value(), entry.peer().value(), entry.peerUsername().value(),
                    entry.lastSeq(), entry.lastReadSeq(), entry.removedUnread() == 0 ? null : entry.removedUnread(),
                    entry.lastMessageId().value(),
                    nanos(entry.lastMessageAt()), entry.lastMessagePreview().orElse(null), entry.lastPosition(),
                    entry.peerReadSeq(), entry.peerDeliveredSeq());
        }

        InboxEntry toEntry() {
            // a missing primitive would count as null (and be refused): absent means none removed
            return new InboxEntry(UserId.of(owner), UserId.of(peer), Username.of(peerUsername), lastSeq, lastReadSeq,
                    removedUnread == null ? 0 : removedUnread, MessageId.of(lastMessageId), instant(lastMessageAt), Optional.ofNullable(preview),
                    lastPosition, peerReadSeq, peerDeliveredSeq);
        }
    }

    /**
     * A {@link BlockList}: o owner, b whom the owner blocked, y who blocked the owner (ids ascending,
     * so equal lists are equal text). Both sets are required, empty ones too: a list missing one is
     * refused rather than read as "nobody".
     */
    record BlockListJson(@JsonProperty(value = "o", required = true) long owner,
                         @JsonProperty(value = "b", required = true) List<Long> blocked,
                         @JsonProperty(value = "y", required = true) List<Long> blockedBy) {

        static BlockListJson of(BlockList list) {
            return new BlockListJson(list.owner().value(), ascending(list.blocked()), ascending(list.blockedBy()));
        }

        BlockList toBlockList() {
            return new BlockList(UserId.of(owner), users(blocked), users(blockedBy));
        }

        private static List<Long> ascending(Set<UserId> users) {
            return users.stream().map(UserId::value).sorted().toList();
        }

        /** The users, refusing a null or a repeated id (a list that no encoder wrote). */
        private static Set<UserId> users(List<Long> ids) {
            Set<UserId> users = Set.copyOf(ids.stream().map(UserId::of).toList());
            if (users.size() != ids.size()) {
                throw new IllegalArgumentException("a user is listed twice");
            }
            return users;
        }
    }
}
