package io.chatplatform.domain.cache;

import io.chatplatform.domain.event.ActivityRecorded;
import io.chatplatform.domain.event.DomainEvent;
import io.chatplatform.domain.event.MessageSent;
import io.chatplatform.domain.event.MessagesRead;
import io.chatplatform.domain.event.ProfileChanged;
import io.chatplatform.domain.event.UserRegistered;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which cached entries an event makes stale, as the scopes whose generation must move on. Pure:
 * the cache adapter executes the answer, one counter increment per scope, whatever the number of
 * entries involved.
 *
 * <table>
 *   <caption>Events and the scopes they make stale</caption>
 *   <tr><th>event</th><th>stale scopes</th><th>why</th></tr>
 *   <tr><td>{@code MessageSent}</td><td>the conversation; both participants' inboxes</td>
 *       <td>a new newest message: every history page shifts; both lists and unread counts change</td></tr>
 *   <tr><td>{@code MessagesRead}</td><td>the reader's inbox</td>
 *       <td>only the reader's unread counts change; history pages hold no read state</td></tr>
 *   <tr><td>{@code ProfileChanged}</td><td>the user's account</td><td>the cached account is old</td></tr>
 *   <tr><td>{@code ActivityRecorded}</td><td>the user's account</td><td>its last-seen time moved</td></tr>
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
            stale.add(CacheScope.conversation(sent.message().conversationId()));
            stale.add(CacheScope.inbox(sent.message().senderId()));
            stale.add(CacheScope.inbox(sent.message().recipientId()));
        } else if (event instanceof MessagesRead read) {
            stale.add(CacheScope.inbox(read.reader()));
        } else if (event instanceof ProfileChanged changed) {
            stale.add(CacheScope.account(changed.userId()));
        } else if (event instanceof ActivityRecorded activity) {
            stale.add(CacheScope.account(activity.userId()));
        } else if (!(event instanceof UserRegistered)) {
            throw new IllegalArgumentException("no invalidation rule for " + event.getClass().getSimpleName());
        }
        return Set.copyOf(stale);
    }
}
