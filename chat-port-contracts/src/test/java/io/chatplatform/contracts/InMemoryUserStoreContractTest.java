package io.chatplatform.contracts;

import io.chatplatform.application.inmemory.InMemoryUserStore;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemoryUserStore keeps the user store contract")
class InMemoryUserStoreContractTest extends UserStoreContract {

    @Override
    protected UserPorts newStore() {
        return UserPorts.of(new InMemoryUserStore());
    }
}
