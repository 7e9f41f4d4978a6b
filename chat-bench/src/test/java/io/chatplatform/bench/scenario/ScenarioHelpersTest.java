package io.chatplatform.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.bench.Setup;
import io.chatplatform.bench.live.LiveClient;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioHelpersTest {

    @Test
    void partnersAreSymmetricNeighbours() {
        int users = 10;
        int peers = 3;
        for (int i = 0; i < users; i++) {
            Set<Integer> partners = new HashSet<>();
            for (int p = 0; p < 2 * peers; p++) {
                int partner = Setup.partner(i, p, users);
                assertThat(partner).isNotEqualTo(i);
                partners.add(partner);
                // the partner has i among its own partners: every conversation is read from both sides
                boolean back = false;
                for (int q = 0; q < 2 * peers; q++) {
                    back |= Setup.partner(partner, q, users) == i;
                }
                assertThat(back).isTrue();
            }
            assertThat(partners).hasSize(2 * peers);
        }
    }

    @Test
    void otherThanNeverPicksSelfAndReachesEveryoneElse() {
        Random random = new Random(1);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            int other = Setup.otherThan(2, 5, random);
            assertThat(other).isNotEqualTo(2).isBetween(0, 4);
            seen.add(other);
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 3, 4);
    }

    @Test
    void contentsHaveTheLengthAskedForAndCarryTheSendTime() {
        String text = Setup.text(LiveClient.CONTENT_MARK + 123456789L, Setup.padding(80), 80);
        assertThat(text).hasSize(80).startsWith("t=123456789 ");
        assertThat(LiveClient.sentNanos(text)).isEqualTo(123456789L);
        assertThat(LiveClient.sentNanos("t=42")).isEqualTo(42);
        assertThat(LiveClient.sentNanos("hello")).isEqualTo(-1);
        assertThat(LiveClient.sentNanos("t=x y")).isEqualTo(-1);
    }

    @Test
    void theMixIsNormalised() {
        Map<String, Double> mix = MixedScenario.parseMix("history=70,conversations=15,send=10,read=5");
        assertThat(mix.get("history")).isEqualTo(0.70, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(mix.get("read")).isEqualTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(MixedScenario.parseMix("send=1")).containsEntry("send", 1.0).containsEntry("history", 0.0);
        assertThatThrownBy(() -> MixedScenario.parseMix("write=5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MixedScenario.parseMix("send=-1")).hasMessageContaining("negative");
        assertThatThrownBy(() -> MixedScenario.parseMix("send=0")).hasMessageContaining("positive");
    }

    @Test
    void theMixTakesAnEditReactShareThatIsZeroUnlessGiven() {
        assertThat(MixedScenario.parseMix("history=70,conversations=15,send=10,read=5")).containsEntry("edit-react", 0.0);
        Map<String, Double> mix = MixedScenario.parseMix("history=60,conversations=15,send=10,read=5,edit-react=10");
        assertThat(mix.get("edit-react")).isEqualTo(0.10, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(mix.values().stream().mapToDouble(Double::doubleValue).sum())
                .isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(MixedScenario.parseMix("edit-react=1")).containsEntry("edit-react", 1.0).containsEntry("send", 0.0);
        assertThatThrownBy(() -> MixedScenario.parseMix("edit=5")).hasMessageContaining("edit-react");
        assertThatThrownBy(() -> MixedScenario.parseMix("edit-react=-1")).hasMessageContaining("negative");
    }

    @Test
    void recentMessagesKeepTheNewestAndOfferTheNewestOwnOneUnderTheEditLimit() {
        RecentMessages recent = new RecentMessages();
        assertThat(recent.editable(20)).isEmpty();
        assertThat(recent.any(new Random(1))).isEmpty();
        recent.add(1, true);
        recent.add(2, false);
        recent.add(3, true);
        recent.add(4, false);

        RecentMessages.Entry newestOwn = recent.editable(2).orElseThrow();
        assertThat(newestOwn.id).isEqualTo(3);
        recent.edited(newestOwn);
        recent.edited(newestOwn);
        assertThat(recent.edits(newestOwn)).isEqualTo(2);
        assertThat(recent.editable(2).orElseThrow().id).as("3 reached the limit").isEqualTo(1);
        recent.edited(recent.editable(2).orElseThrow());
        recent.edited(recent.editable(2).orElseThrow());
        assertThat(recent.editable(2)).as("a received message is never edited").isEmpty();

        for (long id = 5; id < 5 + RecentMessages.CAPACITY; id++) {
            recent.add(id, false);
        }
        assertThat(recent.size()).isEqualTo(RecentMessages.CAPACITY);
        Set<Long> seen = new HashSet<>();
        Random random = new Random(2);
        for (int i = 0; i < 2000; i++) {
            seen.add(recent.any(random).orElseThrow().id);
        }
        assertThat(seen).as("the oldest went, every other one is drawn").hasSize(RecentMessages.CAPACITY)
                .doesNotContain(1L, 2L, 3L, 4L);
    }

    @Test
    void aReactionIsRememberedPerMessageSoThatTheNextStepTakesItBack() {
        RecentMessages recent = new RecentMessages();
        recent.add(9, false);
        RecentMessages.Entry entry = recent.any(new Random(3)).orElseThrow();
        assertThat(recent.reacted(entry)).isFalse();
        recent.reacted(entry, true);
        assertThat(recent.reacted(recent.any(new Random(4)).orElseThrow())).isTrue();
        recent.reacted(entry, false);
        assertThat(recent.reacted(entry)).isFalse();
    }

    @Test
    void partnersFillEachOthersRecentMessagesFromTheirOwnThreads() throws Exception {
        RecentMessages recent = new RecentMessages();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int base = t * 10_000;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    recent.add(base + i, false);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(recent.size()).isEqualTo(RecentMessages.CAPACITY);
    }

    @Test
    void theWebSocketAddressFollowsTheServiceUrl() {
        assertThat(RealtimeScenario.webSocketUri(URI.create("http://127.0.0.1:8000/"), "/ws"))
                .isEqualTo(URI.create("ws://127.0.0.1:8000/ws"));
        assertThat(RealtimeScenario.webSocketUri(URI.create("https://chat.example.com/"), "live"))
                .isEqualTo(URI.create("wss://chat.example.com/live"));
    }
}
