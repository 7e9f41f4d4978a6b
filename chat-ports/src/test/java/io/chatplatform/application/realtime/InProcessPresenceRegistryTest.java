package io.chatplatform.application.realtime;

import io.chatplatform.application.fixtures.PresenceRegistryContract;
import io.chatplatform.application.port.out.PresenceRegistry;
import org.junit.jupiter.api.DisplayName;

/** The single-instance registry keeps the presence contract; its "second instance" is the same object. */
@DisplayName("InProcessPresenceRegistry keeps the PresenceRegistry contract")
class InProcessPresenceRegistryTest extends PresenceRegistryContract {

    @Override
    protected PresenceRegistry newRegistry() {
        return new InProcessPresenceRegistry();
    }

    @Override
    protected PresenceRegistry sameStoreAs(PresenceRegistry registry) {
        return registry;
    }
}
