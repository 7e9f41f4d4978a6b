package io.chatplatform.domain.cache;

import io.chatplatform.domain.event.AccountErased;
import io.chatplatform.domain.event.ActivityRecorded;
import io.chatplatform.domain.event.BlockChanged;
import io.chatplatform.domain.event.ContentErased;
import io.chatplatform.domain.event.SessionsEnded;
import io.chatplatform.domain.event.ConversationChanged;
import io.chatplatform.domain.event.DomainEvent;
import io.chatplatform.domain.event.MessageSent;
import io.chatplatform.domain.event.MessagesRead;
import io.chatplatform.domain.event.ProfileChanged;
import io.chatplatform.domain.event.UserRegistered;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.realtime.DeliveryMarkerMoved;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.realtime.ReactionUpdated;
import io.chatplatform.domain.user.UserId;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which cached entries an event makes stale, as the scopes whose generation must move on. Pure:
 * the cache adapter executes the answer, one counter increment per scope, whatever the number of
 * entries involved.
 *
 * <p>Every change of a conversation moves its position in the change stream, which both
 * participants' conversation lists carry (a resume reads it there to know which conversations
 * changed), so every change a participant can see makes their inbox stale.
 *
 * <table>
 *   <caption>Events and the scopes they make stale</caption>
 *   <tr><th>event</th><th>stale scopes</th><th>why</th></tr>
 *   <tr><td>{@code MessageSent}</td><td>both participants' histories and inboxes</td>
 *       <td>a new newest message: every history page shifts; both lists and unread counts change</td></tr>
 *   <tr><td>{@code MessagesRead}</td><td>both inboxes</td>
 *       <td>the reader's unread counts; the peer's list shows how far the reader read; history
 *       pages hold no read state</td></tr>
 *   <tr><td>edit, deletion for everyone, reaction</td><td>both histories and inboxes; the message</td>
 *       <td>the message changed in every page and read that holds it; the preview, the unread
 *       count (a deleted unread message) or the stream position changed in both lists</td></tr>
 *   <tr><td>deletion for me</td><td>the hider's history and inbox</td>
 *       <td>only the hider's pages lose it; the message itself, and the peer's view, are unchanged</td></tr>
 *   <tr><td>delivery</td><td>both inboxes</td><td>the sender's list shows how far the peer received</td></tr>
 *   <tr><td>{@code ProfileChanged}</td><td>the user's account</td><td>the cached account is old</td></tr>
 *   <tr><td>{@code ActivityRecorded}</td><td>the user's account</td><td>its last-seen time moved</td></tr>
 *   <tr><td>{@code SessionsEnded}</td><td>each ended session</td><td>its access tokens must be refused now</td></tr>
 *   <tr><td>{@code BlockChanged}</td><td>both users' block lists</td><td>each list holds both directions</td></tr>
 *   <tr><td>{@code AccountErased}</td><td>the user's account, inbox and block list</td><td>all gone</td></tr>
 *   <tr><td>{@code ContentErased}</td><td>both histories of the conversation, the peer's inbox, each erased message</td>
 *       <td>the messages are tombstones now; the peer's list shows a deleted user</td></tr>
 *   <tr><td>{@code UserRegistered}</td><td>none</td><td>nothing about a new user was cached (no negative caching)</td></tr>
 * </table>
 */
public final class InvalidationPolicy {

    private InvalidationPolicy() {
    }

    /** The scopes {@code event} makes stale, each once. */
    public static Set<CacheScope> staleAfter(DomainEvent event) {
        Set<CacheScope> stale = new LinkedHashSet<>();
        if (event instanceof MessageSent sent) {
            histories(sent.message(), stale);
            inboxes(sent.message().conversationId(), stale);
        } else if (event instanceof MessagesRead read) {
            inboxes(read.conversationId(), stale);
        } else if (event instanceof ConversationChanged changed) {
            staleAfter(changed.change(), stale);
        } else if (event instanceof ProfileChanged changed) {
            stale.add(CacheScope.account(changed.userId()));
        } else if (event instanceof ActivityRecorded activity) {
            stale.add(CacheScope.account(activity.userId()));
        } else if (event instanceof SessionsEnded ended) {
            ended.sessions().forEach(session -> stale.add(CacheScope.session(session)));
        } else if (event instanceof BlockChanged block) {
            stale.add(CacheScope.blocks(block.blocker()));
            stale.add(CacheScope.blocks(block.blocked()));
        } else if (event instanceof AccountErased erased) {
            stale.add(CacheScope.account(erased.user()));
            stale.add(CacheScope.inbox(erased.user()));
            stale.add(CacheScope.blocks(erased.user()));
        } else if (event instanceof ContentErased erased) {
            UserId peer = erased.conversation().peerOf(erased.author());
            stale.add(CacheScope.history(erased.conversation(), erased.author()));
            stale.add(CacheScope.history(erased.conversation(), peer));
            stale.add(CacheScope.inbox(peer));
            erased.messages().forEach(message -> stale.add(CacheScope.message(message)));
        } else if (!(event instanceof UserRegistered)) {
            throw new IllegalArgumentException("no invalidation rule for " + event.getClass().getSimpleName());
        }
        return Set.copyOf(stale);
    }

    private static void staleAfter(ConversationChange change, Set<CacheScope> stale) {
        if (change instanceof MessageDeleted deleted && deleted.onlyFor().isPresent()) {
            UserId hider = deleted.onlyFor().get();
            stale.add(CacheScope.history(change.conversation(), hider));
            stale.add(CacheScope.inbox(hider));
        } else if (change instanceof MessageEdited || change instanceof MessageDeleted || change instanceof ReactionUpdated) {
            Message message = change instanceof MessageEdited edited ? edited.message()
                    : change instanceof MessageDeleted deleted ? deleted.message()
                    : ((ReactionUpdated) change).message();
            histories(message, stale);
            stale.add(CacheScope.message(message.id()));
            inboxes(change.conversation(), stale);
        } else if (change instanceof DeliveryMarkerMoved) {
            inboxes(change.conversation(), stale);
        } else {
            throw new IllegalArgumentException("no invalidation rule for " + change.getClass().getSimpleName());
        }
    }

    private static void histories(Message message, Set<CacheScope> stale) {
        stale.add(CacheScope.history(message.conversationId(), message.senderId()));
        stale.add(CacheScope.history(message.conversationId(), message.recipientId()));
    }

    private static void inboxes(ConversationId conversation, Set<CacheScope> stale) {
        stale.add(CacheScope.inbox(conversation.low()));
        stale.add(CacheScope.inbox(conversation.high()));
    }
}
