package io.chatplatform.contracts;

import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.application.realtime.InProcessPresenceRegistry;
import org.junit.jupiter.api.DisplayName;

/** The single-instance registry keeps the presence contract; its "second instance" is the same object. */
@DisplayName("InProcessPresenceRegistry keeps the PresenceRegistry contract")
class InProcessPresenceRegistryContractTest extends PresenceRegistryContract {

    @Override
    protected PresenceRegistry newRegistry() {
        return new InProcessPresenceRegistry();
    }

    @Override
    protected PresenceRegistry sameStoreAs(PresenceRegistry registry) {
        return registry;
    }
}
